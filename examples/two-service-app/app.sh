#!/bin/sh
# A two-service app on fargate-local, brought up with the AWS CLI alone: a back end ("api", two tasks) and a front
# end ("web", behind an application load balancer) whose page calls the back end twice,
#   - by its Cloud Map name, http://api.$NAMESPACE:8080/ (a private DNS namespace in the VPC, serviceRegistries), and
#   - by its Service Connect client alias, http://api/ (the cluster's Service Connect namespace; the alias's port 80
#     reaches the container's 8080, as through Service Connect's proxy on AWS).
#
#   ./app.sh up     creates everything, waits until both services run and the load balancer's targets are healthy,
#                   and prints the front end's URL: curl it to see the page
#   ./app.sh down   removes everything `up` made
#
# Settings (environment): FARGATE_LOCAL_ENDPOINT (default http://127.0.0.1:4599), IMAGE (any image with busybox's
# sh, httpd, wget and timeout; default busybox:stable), APP (name of the cluster and prefix of the rest; default
# shop), NAMESPACE (the private DNS namespace; default internal), LISTENER_PORT (default 8080), AWS (the CLI to run;
# default aws). Names inside tasks need the emulator's task resolver (on unless --no-metadata-endpoint).
set -eu

ENDPOINT=${FARGATE_LOCAL_ENDPOINT:-http://127.0.0.1:4599}
IMAGE=${IMAGE:-busybox:stable}
APP=${APP:-shop}
NAMESPACE=${NAMESPACE:-internal}
LISTENER_PORT=${LISTENER_PORT:-8080}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1} AWS_PAGER=''
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

aws() { command "${AWS:-aws}" --endpoint-url "$ENDPOINT" --output text "$@"; }

# Runs the command every second until it prints $1; gives up after $2 seconds.
wait_for() {
  want=$1 limit=$2
  shift 2
  i=0
  until [ "$("$@")" = "$want" ]; do
    i=$((i + 1))
    if [ "$i" -ge "$limit" ]; then
      echo "gave up waiting for '$want' from: $*" >&2
      return 1
    fi
    sleep 1
  done
}

up() {
  VPC=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId')
  SUBNETS=$(aws ec2 describe-subnets --filters "Name=vpc-id,Values=$VPC" --query 'Subnets[0:2].SubnetId')
  SUBNET_LIST=$(echo "$SUBNETS" | tr -s '\t ' ',')

  # Cloud Map: the private DNS namespace and the back end's service (an A record per task).
  OPERATION=$(aws servicediscovery create-private-dns-namespace --name "$NAMESPACE" --vpc "$VPC" --query OperationId)
  wait_for SUCCESS 30 aws servicediscovery get-operation --operation-id "$OPERATION" --query Operation.Status
  NAMESPACE_ID=$(aws servicediscovery get-operation --operation-id "$OPERATION" --query Operation.Targets.NAMESPACE)
  REGISTRY=$(aws servicediscovery create-service --name api --namespace-id "$NAMESPACE_ID" \
    --dns-config 'DnsRecords=[{Type=A,TTL=5}]' --health-check-custom-config FailureThreshold=1 --query Service.Arn)

  # The cluster, with its Service Connect namespace (made by name).
  aws ecs create-cluster --cluster-name "$APP" --service-connect-defaults "namespace=$APP" >/dev/null

  # The back end answers with its hostname; the front end's page (a CGI script) asks the back end both ways.
  cat >"$WORK/api.json" <<EOF
{"family": "$APP-api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 "containerDefinitions": [{"name": "api", "image": "$IMAGE", "essential": true,
   "portMappings": [{"containerPort": 8080, "name": "http"}],
   "command": ["sh", "-c", "mkdir -p /www; echo \"api \$(hostname)\" > /www/index.html; trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait \$!"]}]}
EOF
  cat >"$WORK/web.json" <<EOF
{"family": "$APP-web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 "containerDefinitions": [{"name": "web", "image": "$IMAGE", "essential": true,
   "portMappings": [{"containerPort": 8080}],
   "environment": [{"name": "PAGE", "value": "#!/bin/sh\nprintf 'Content-Type: text/plain\\\\r\\\\n\\\\r\\\\n'\necho \"web \$(hostname)\"\necho \"Cloud Map api.$NAMESPACE: \$(timeout 5 wget -qO- http://api.$NAMESPACE:8080/ 2>&1)\"\necho \"Service Connect api: \$(timeout 5 wget -qO- http://api/ 2>&1)\"\n"}],
   "command": ["sh", "-c", "mkdir -p /www/cgi-bin; echo ok > /www/health; echo \"\$PAGE\" > /www/cgi-bin/index.cgi; chmod +x /www/cgi-bin/index.cgi; trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait \$!"]}]}
EOF
  aws ecs register-task-definition --cli-input-json "file://$WORK/api.json" >/dev/null
  aws ecs register-task-definition --cli-input-json "file://$WORK/web.json" >/dev/null

  # The load balancer in front of the front end.
  LB=$(aws elbv2 create-load-balancer --name "$APP" --subnets $SUBNETS --query 'LoadBalancers[0].LoadBalancerArn')
  TG=$(aws elbv2 create-target-group --name "$APP-web" --protocol HTTP --port 8080 --target-type ip --vpc-id "$VPC" \
    --health-check-path /health --health-check-interval-seconds 5 --health-check-timeout-seconds 2 \
    --healthy-threshold-count 2 --query 'TargetGroups[0].TargetGroupArn')
  # A stopping task stays registered (draining) for this long; the default is 300 s.
  aws elbv2 modify-target-group-attributes --target-group-arn "$TG" \
    --attributes Key=deregistration_delay.timeout_seconds,Value=5 >/dev/null
  aws elbv2 create-listener --load-balancer-arn "$LB" --protocol HTTP --port "$LISTENER_PORT" \
    --default-actions "Type=forward,TargetGroupArn=$TG" >/dev/null

  aws ecs create-service --cluster "$APP" --service-name api --task-definition "$APP-api" --desired-count 2 \
    --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_LIST]}" \
    --service-registries "registryArn=$REGISTRY" \
    --service-connect-configuration \
    '{"enabled": true, "services": [{"portName": "http", "discoveryName": "api", "clientAliases": [{"port": 80, "dnsName": "api"}]}]}' \
    >/dev/null
  aws ecs create-service --cluster "$APP" --service-name web --task-definition "$APP-web" --desired-count 1 \
    --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_LIST]}" \
    --load-balancers "targetGroupArn=$TG,containerName=web,containerPort=8080" \
    --service-connect-configuration '{"enabled": true}' >/dev/null

  wait_for 2 120 aws ecs describe-services --cluster "$APP" --services api --query 'services[0].runningCount'
  wait_for 1 120 aws ecs describe-services --cluster "$APP" --services web --query 'services[0].runningCount'
  wait_for healthy 120 aws elbv2 describe-target-health --target-group-arn "$TG" --query 'TargetHealthDescriptions[0].TargetHealth.State'
  DNS=$(aws elbv2 describe-load-balancers --load-balancer-arns "$LB" --query 'LoadBalancers[0].DNSName')
  echo "http://$DNS:$LISTENER_PORT/"
}

down() {
  for service in web api; do
    aws ecs delete-service --cluster "$APP" --service "$service" --force >/dev/null 2>&1 || true
  done
  # A deleted service is DRAINING until its tasks have stopped, then INACTIVE.
  wait_for '' 120 aws ecs describe-services --cluster "$APP" --services web api --query 'services[?status!=`INACTIVE`].serviceName'
  LB=$(aws elbv2 describe-load-balancers --names "$APP" --query 'LoadBalancers[0].LoadBalancerArn' 2>/dev/null || true)
  if [ -n "$LB" ]; then
    for listener in $(aws elbv2 describe-listeners --load-balancer-arn "$LB" --query 'Listeners[].ListenerArn'); do
      aws elbv2 delete-listener --listener-arn "$listener"
    done
    aws elbv2 delete-load-balancer --load-balancer-arn "$LB"
  fi
  TG=$(aws elbv2 describe-target-groups --names "$APP-web" --query 'TargetGroups[0].TargetGroupArn' 2>/dev/null || true)
  [ -z "$TG" ] || aws elbv2 delete-target-group --target-group-arn "$TG"
  for ns in "$NAMESPACE" "$APP"; do
    NAMESPACE_ID=$(aws servicediscovery list-namespaces --query "Namespaces[?Name=='$ns'].Id | [0]")
    [ "$NAMESPACE_ID" != None ] || continue
    for service in $(aws servicediscovery list-services --filters "Name=NAMESPACE_ID,Values=$NAMESPACE_ID" --query 'Services[].Id'); do
      aws servicediscovery delete-service --id "$service"
    done
    aws servicediscovery delete-namespace --id "$NAMESPACE_ID" >/dev/null
  done
  aws ecs delete-cluster --cluster "$APP" >/dev/null
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  *)
    echo "usage: $0 [up|down]" >&2
    exit 2
    ;;
esac
