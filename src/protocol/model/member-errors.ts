// ECS answers some bad members with its own error instead of the generic validation error. Only answers seen
// from real ECS go here, with their source; every other member gets the generic Coral validation error.
import { clientException, invalidParameter, type EcsError } from '../../domain/errors.js';

/** A required member that is absent (or null): `Shape.member` -> the error ECS answers. */
export const MISSING_MEMBER_ERRORS: Readonly<Record<string, () => EcsError>> = {
  // aws/aws-sdk-go#132 and aws-actions/amazon-ecs-deploy-task-definition#630 (RegisterTaskDefinition sent without family).
  'RegisterTaskDefinitionRequest.family': () => clientException('Family can not be blank.'),
  // awsdocs/aws-cloudformation-user-guide#454: "Container list cannot be empty. (Service: AmazonECS; Status Code: 400;
  // Error Code: ClientException ...)" for a task definition without containerDefinitions.
  'RegisterTaskDefinitionRequest.containerDefinitions': () => clientException('Container list cannot be empty.'),
  // boltops-tools/aws-inventory#4: "Services cannot be empty. (Aws::ECS::Errors::InvalidParameterException)".
  'DescribeServicesRequest.services': () => invalidParameter('Services cannot be empty.'),
  // aws/copilot-cli#3551: "(InvalidParameterException) when calling the DescribeTasks operation: Tasks cannot be empty."
  'DescribeTasksRequest.tasks': () => invalidParameter('Tasks cannot be empty.'),
};

/** An enum member whose value is outside the enum: `Shape.member` -> the error ECS answers. */
export const NOT_IN_ENUM_ERRORS: Readonly<Record<string, (value: string) => EcsError>> = {
  // kayac/ecspresso#364, RegisterTaskDefinition on Fargate: "ClientException: awsvpc is not a valid log driver.
  // Must be one of [awslogs,splunk,awsfirelens]" (the log drivers Fargate supports).
  'LogConfiguration.logDriver': (value) =>
    clientException(`${value} is not a valid log driver. Must be one of [awslogs,splunk,awsfirelens]`),
};
