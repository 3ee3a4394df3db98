// ECS answers some missing required members with its own message instead of the generic validation error.
// Only messages seen in real ECS responses go here (source beside each); every other missing required
// member gets the generic "Member must not be null" validation error.
import { clientException, invalidParameter, type EcsError } from '../../domain/errors.js';

export const REQUIRED_MEMBER_ERRORS: Readonly<Record<string, () => EcsError>> = {
  // aws-sdk-go#132 and aws-actions/amazon-ecs-deploy-task-definition#630 (RegisterTaskDefinition sent without family).
  'RegisterTaskDefinitionRequest.family': () => clientException('Family can not be blank.'),
  // awsdocs/aws-cloudformation-user-guide#454: "Container list cannot be empty. (Service: AmazonECS; Status Code: 400;
  // Error Code: ClientException ...)" for a task definition without containerDefinitions.
  'RegisterTaskDefinitionRequest.containerDefinitions': () => clientException('Container list cannot be empty.'),
  // boltops-tools/aws-inventory#4: "Services cannot be empty. (Aws::ECS::Errors::InvalidParameterException)".
  'DescribeServicesRequest.services': () => invalidParameter('Services cannot be empty.'),
  // aws/copilot-cli#3551: "(InvalidParameterException) when calling the DescribeTasks operation: Tasks cannot be empty."
  'DescribeTasksRequest.tasks': () => invalidParameter('Tasks cannot be empty.'),
};
