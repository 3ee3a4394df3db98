// ECS answers some bad members with its own error instead of the generic validation error. Only answers seen
// from real ECS go here, with their source; every other member gets the generic Coral validation error.
import { unknownSettingName } from '../../domain/account-settings.js';
import { clientException, invalidParameter, type EcsError } from '../../domain/errors.js';

/** A required member that is absent (or null): `Shape.member` -> the error ECS answers. */
export const MISSING_MEMBER_ERRORS: Readonly<Record<string, () => EcsError>> = {
  // aws/aws-sdk-go#132 and aws-actions/amazon-ecs-deploy-task-definition#630 (RegisterTaskDefinition sent without family).
  'RegisterTaskDefinitionRequest.family': () => clientException('Family can not be blank.'),
  // awsdocs/aws-cloudformation-user-guide#454: "Container list cannot be empty. (Service: AmazonECS; Status Code: 400;
  // Error Code: ClientException ...)" for a task definition without containerDefinitions.
  'RegisterTaskDefinitionRequest.containerDefinitions': () => clientException('Container list cannot be empty.'),
};

/**
 * Required members that ECS checks itself, inside the operation (after it has looked the cluster up), not in the
 * model layer: the validator lets their absence through and the operation answers it.
 *   DescribeServices: "Services cannot be empty." (boltops-tools/aws-inventory#4), InvalidParameterException.
 *   DescribeTasks: "Tasks cannot be empty." (aws/copilot-cli#3551), InvalidParameterException.
 */
export const REQUIRED_CHECKED_BY_OPERATION: ReadonlySet<string> = new Set([
  'DescribeServicesRequest.services',
  'DescribeTasksRequest.tasks',
]);

/**
 * Enums ECS checks itself wherever a request names them, answering InvalidParameterException in its own words
 * instead of the model layer's "failed to satisfy constraint": `EnumName` -> the error for a value outside it.
 */
export const SERVICE_CHECKED_ENUMS: Readonly<Record<string, (value: string, allowed: readonly string[]) => EcsError>> = {
  // moto's recorded answers (getmoto/moto ecs tests, list_account_settings(name="unknown")).
  SettingName: (value) => unknownSettingName(value),
  // moto's recorded answer for RunTask/CreateService (getmoto/moto#6161), with the model's current launch types.
  LaunchType: (_value, allowed) => invalidParameter(`launch type should be one of [${allowed.join(',')}]`),
};

/** An enum member whose value is outside the enum: `Shape.member` -> the error ECS answers. */
export const NOT_IN_ENUM_ERRORS: Readonly<Record<string, (value: string) => EcsError>> = {
  // kayac/ecspresso#364, RegisterTaskDefinition on Fargate: "ClientException: awsvpc is not a valid log driver.
  // Must be one of [awslogs,splunk,awsfirelens]" (the log drivers Fargate supports).
  'LogConfiguration.logDriver': (value) =>
    clientException(`${value} is not a valid log driver. Must be one of [awslogs,splunk,awsfirelens]`),
};
