# The cluster (FARGATE and FARGATE_SPOT, with a default strategy), the task definition and the service.
variable "image" {
  description = "The app's image: it must answer HTTP on port 8080"
  type        = string
  default     = "public.ecr.aws/docker/library/busybox:stable"
}

variable "greeting_parameter_arn" {
  description = "An SSM parameter (or Secrets Manager secret) the app gets as GREETING (fargate-local: from --secrets-file)"
  type        = string
  default     = "arn:aws:ssm:us-east-1:000000000000:parameter/demo/greeting"
}

variable "desired_count" {
  type    = number
  default = 2
}

resource "aws_ecs_cluster" "main" {
  name = var.name
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
  tags = { Name = var.name }
}

resource "aws_ecs_cluster_capacity_providers" "main" {
  cluster_name       = aws_ecs_cluster.main.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }
  default_capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 3
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${var.name}-app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }
  container_definitions = jsonencode([{
    name      = "app"
    image     = var.image
    essential = true
    # On SIGTERM (sent once the task has left the target group) the app exits at once instead of waiting for the
    # SIGKILL after the stop timeout: PID 1 ignores a signal it has no handler for.
    command = ["sh", "-c", "mkdir -p /www; echo \"$GREETING from $(hostname)\" > /www/index.html; trap 'exit 0' TERM; httpd -f -v -p 8080 -h /www & wait $!"]
    portMappings = [{
      containerPort = 8080
      protocol      = "tcp"
    }]
    environment = [{ name = "STAGE", value = "demo" }]
    secrets     = [{ name = "GREETING", valueFrom = var.greeting_parameter_arn }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "app"
      }
    }
  }])
  tags = { Name = "${var.name}-app" }
}

resource "aws_ecs_service" "app" {
  name            = "${var.name}-app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = var.desired_count
  capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "app"
    container_port   = 8080
  }
  service_registries {
    registry_arn = aws_service_discovery_service.app.arn
  }
  health_check_grace_period_seconds = 30
  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }
  wait_for_steady_state = true
  propagate_tags        = "SERVICE"
  tags                  = { Name = "${var.name}-app" }
  depends_on = [
    aws_ecs_cluster_capacity_providers.main,
    aws_iam_role_policy_attachment.execution,
    aws_iam_role_policy_attachment.execution_secrets,
    aws_lb_listener.http,
  ]
}
