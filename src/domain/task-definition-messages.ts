// The exact strings AWS returns for task definition errors, in one place.
// [S] = seen in a real AWS response (source in the comment); [I] = inferred: no capture found, shaped like its siblings.
export const TaskDefinitionMessages = {
  // --- family and container identity ---
  /** [S] aws-actions/amazon-ecs-deploy-task-definition#630 (2024). */
  familyBlank: 'Family can not be blank.',
  /** [S] aws/amazon-ecs-cli#37, #542 (2015, 2018). Also used for a family over 255 characters [I]. */
  familyInvalid: 'Family contains invalid characters.',
  /** [S] awsdocs/aws-cloudformation-user-guide#454 (2019). */
  containerListEmpty: 'Container list cannot be empty.',
  /** [S] aws/amazon-ecs-cli#184 (2016): at most 10 containers per task definition. */
  tooManyContainers: 'Too many containers.',
  /** [S] hashicorp/terraform#2888, awsdocs PR #612. */
  containerNameEmpty: 'Container.name should not be null or empty.',
  /** [S] hashicorp/terraform-provider-aws#5950, ansible#22860. */
  containerNameInvalid: 'Container.name contains invalid characters.',
  /** [I] by analogy with Container.name (prefect-aws#159 quotes it loosely). */
  containerImageEmpty: 'Container.image should not be null or empty.',
  /** [S] Shippable/support#2946 (2016), metaps/genova#291 (2022). */
  containerNamesNotUnique: 'Container names must be unique within a Task Definition.',
  /** [S] eagletmt/hako#68 (2018). */
  noEssentialContainer: "Task definition doesn't have any essential container.",

  // --- task size ---
  /** [S] InvalidParameterException, oranmoshai/ecsServiceRestart#2 (2017). */
  invalidTaskCpu: "Invalid 'cpu' setting for task.",
  /** [I] mirrors the cpu message. */
  invalidTaskMemory: "Invalid 'memory' setting for task.",
  /** [S] sil-org/ecs-deploy#59 (2016), klotho#892 (2024). */
  containerMemoryMissing: (name: string) =>
    `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
  /** [S] pulumi/pulumi-awsx#188 (2019). */
  containerMemoryOverTask: (name: string) => `The 'memory' setting for container '${name}' is greater than for the task.`,
  /** [I] the API docs require memory >= memoryReservation when both are given. */
  containerReservationOverMemory: (name: string) =>
    `Invalid setting for container '${name}'. 'memory' must be greater than or equal to 'memoryReservation'.`,
  /** [S] klotho#892 (2024). */
  containerCpuOverTask: "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",

  // --- networking ---
  /** [S] klotho#892 (2024); the host-mode variant is [I]. */
  portsMustMatch: (mode: string) => `When networkMode=${mode}, the host ports and container ports in port mappings must match.`,
  /** [S] aws-observability/aws-otel-collector#1359 (2022). */
  linksWithAwsvpc: 'Links are not supported when networkMode=awsvpc.',
  /** [S] Shippable/support#4194 (2018). */
  linksCycle: 'Container links should not have a cycle',
  /** [S] labd/ecs-deplojo#26 (2020). */
  hostnameWithAwsvpc: 'hostname is not supported on container when networkMode=awsvpc.',

  // --- logs, secrets, registries ---
  /** [S] klotho#892 (2024). */
  awslogsOptions: 'Log driver awslogs requires options: awslogs-region, awslogs-group',
  /** [S] fabfuel/ecs-deploy#87 (2019), terraform-provider-aws#6503. Applies to every launch type. */
  secretsNeedExecutionRole: "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
  /** [S] sil-org/ecs-deploy#188 (2019). */
  repositoryCredentialsNeedExecutionRole:
    'Private repository authentication requires that the task definition specify a value for executionRoleArn.',

  // --- container dependencies ---
  /** [S] dagster-io/dagster#6926 (2022): the stray "+ " is AWS's own. */
  dependsOnUnknown: (name: string) => `Cannot depend on container + '${name}' because it does not exist`,
  /** [S] boto/boto3#2436 (2020), klotho#892. */
  dependsOnEssential: 'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
  /** [I] the agent would wait forever for a health status that never comes. */
  dependsOnHealthyWithoutCheck: 'A dependency container with HEALTHY condition must have health check configured',

  // --- Fargate ---
  /** [S] many user captures of RegisterTaskDefinition errors; AWS uses curly quotes (also when networkMode is omitted). */
  fargateNetworkMode: 'Fargate only supports network mode \u2018awsvpc\u2019.',
  /** [S] klotho#892, Harness docs, floci tests. */
  fargateCpuRequired: "Fargate requires that 'cpu' be defined at the task level.",
  /** [S] user captures, the twin of the 'cpu' message above. */
  fargateMemoryRequired: "Fargate requires that 'memory' be defined at the task level.",
  /** [S] aws-games/cloud-game-development-toolkit#737 (2025). */
  fargateNoConfiguration: (cpu: string, memory: string) =>
    `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`,
  /** [S] virtual-kubelet#193 (2018). */
  fargateAwslogsNeedsExecutionRole: 'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
  /**
   * [S] in part: a CloudFormation policy rule quotes "Fargate requires log configuration options to include
   * awslogs-stream-prefix"; the ending is [I], as in the execution-role message above.
   */
  fargateAwslogsNeedsStreamPrefix:
    'Fargate requires log configuration options to include awslogs-stream-prefix to support log driver awslogs.',
  /** [S] terraform-provider-aws#3051 (2018), jenkinsci/amazon-ecs-plugin#62. */
  fargateEcrNeedsExecutionRole: 'Fargate requires task definition to have execution role ARN to support ECR images.',
  /** [S] moto's text (tests/test_ecs), kept since 2020; a CDK preflight rule quotes the same prefix. */
  fargatePidMode: (mode: string) =>
    `Tasks using the Fargate launch type do not support pidMode '${mode}'. The supported value for pidMode is 'task'.`,
  /** [S] cn-terraform/terraform-aws-ecs-fargate#2 (2019). */
  fargateIpcMode: 'Tasks using the Fargate launch type do not support ipcMode.',
  /** [I] same family as the ipcMode message; the API docs say privileged is not supported on Fargate. */
  fargatePrivileged: 'Tasks using the Fargate launch type do not support privileged containers.',
  /** [S] terraform comments quoting AWS (int-dmk-service, 2018). */
  fargatePlacementConstraints: 'Fargate does not support task placement constraints.',
  /** [S] same source as above. */
  fargateHostSourcePath: 'host.sourcePath should not be set for volumes in Fargate.',
  /** [I] the API docs: Docker volumes are not supported on Fargate. */
  fargateDockerVolumes: 'Tasks using the Fargate launch type do not support Docker volumes.',
  /** [I] the API docs: stopTimeout on Fargate is at most 120 seconds. */
  fargateStopTimeout: 'Tasks using the Fargate launch type must have a container stop timeout of less than 120 seconds.',
  /** [S] guardian/cdk#1101 (2022), via CloudFormation. */
  ephemeralStorageTooSmall: 'EphemeralStorage size should be at least 21',
  /** [I] mirrors the minimum. */
  ephemeralStorageTooLarge: 'EphemeralStorage size should be at most 200',

  // --- lookups ---
  /** [S] moto PR #5910 verified against AWS; many user logs (terraform, ecs-deploy). */
  unableToDescribe: 'Unable to describe task definition.',
  /** [S] moto's text for a deregister without a revision. */
  revisionMissing: 'Revision is missing.',
  /** [S] ClientException on Describe/DeregisterTaskDefinition for `family:abc`, as a test suite run against AWS recorded it. */
  invalidRevision: (revision: string) => `Invalid revision number. Number: ${revision}`,
  /** [S] moto's text for a deregister of an unknown revision. */
  doesNotExist: 'The specified task definition does not exist.',
  /** [S] ClientException on CreateService, Cloud-CV/EvalAI#2419 (2019); same text on RunTask. */
  taskDefinitionNotFound: 'TaskDefinition not found.',
  /** [S] InvalidParameterException on RunTask, DefangLabs/defang#775 (2024). No trailing period. */
  taskDefinitionInactive: 'TaskDefinition is inactive',
  /** [S] user captures: InvalidParameterException on RunTask/CreateService when requiresCompatibilities lacks FARGATE. */
  fargateLaunchTypeUnsupported: 'Task definition does not support launch_type FARGATE.',

  // --- DeleteTaskDefinitions failures (moto's texts, shaped like AWS's) ---
  deleteStillActive: 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
  deleteDoesNotExist: 'The specified task definition does not exist. Specify a valid account, family, revision and try again.',
  deleteInvalidIdentifier: 'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.',
  /** [I] follows the "<member> can have at most N items." pattern AWS uses for taskIds and service names. */
  deleteTooMany: 'taskDefinitions can have at most 10 items.',
} as const;
