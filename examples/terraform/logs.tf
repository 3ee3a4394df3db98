# The app's CloudWatch log group (the task definition's awslogs driver writes to it).
resource "aws_cloudwatch_log_group" "app" {
  name              = "/ecs/${var.name}"
  retention_in_days = 7
  tags              = { Name = var.name }
}
