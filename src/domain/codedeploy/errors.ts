// CodeDeploy's errors as its API returns them (AWS JSON 1.1): the SDK's exception name as `__type` and a `message`.
// Domain code throws through these factories. Wording follows AWS where it was found ("No application found for
// name: …", "No Deployment Group found for name: …"); elsewhere it is ours, in AWS's manner.
import { ServiceError } from '../service-error.js';

export class CodeDeployError extends ServiceError {}

const err = (code: string) => (message: string) => new CodeDeployError(code, message);

export const invalidInput = err('InvalidInputException');
export const applicationNameRequired = () =>
  new CodeDeployError('ApplicationNameRequiredException', 'The minimum number of required application names was not specified.');
export const invalidApplicationName = (name: string) =>
  new CodeDeployError('InvalidApplicationNameException', `The application name was specified in an invalid format: ${name}`);
export const applicationDoesNotExist = (name: string) =>
  new CodeDeployError('ApplicationDoesNotExistException', `No application found for name: ${name}`);
export const applicationAlreadyExists = (name: string) =>
  new CodeDeployError('ApplicationAlreadyExistsException', `Application already exists: ${name}`);
export const invalidComputePlatform = (platform: string) =>
  new CodeDeployError('InvalidComputePlatformException', `The computePlatform is invalid: ${platform}`);
export const deploymentGroupNameRequired = () =>
  new CodeDeployError('DeploymentGroupNameRequiredException', 'The deployment group name was not specified.');
export const invalidDeploymentGroupName = (name: string) =>
  new CodeDeployError('InvalidDeploymentGroupNameException', `The deployment group name was specified in an invalid format: ${name}`);
export const deploymentGroupDoesNotExist = (name: string) =>
  new CodeDeployError('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${name}`);
export const deploymentGroupAlreadyExists = (name: string) =>
  new CodeDeployError('DeploymentGroupAlreadyExistsException', `Deployment group already exists: ${name}`);
export const roleRequired = () => new CodeDeployError('RoleRequiredException', 'Role ARN is required.');
export const invalidRole = (arn: string) => new CodeDeployError('InvalidRoleException', `The service role ARN is invalid: ${arn}`);
export const deploymentConfigNameRequired = () =>
  new CodeDeployError('DeploymentConfigNameRequiredException', 'The deployment configuration name was not specified.');
export const invalidDeploymentConfigName = (name: string) =>
  new CodeDeployError(
    'InvalidDeploymentConfigNameException',
    `The deployment configuration name was specified in an invalid format: ${name}`,
  );
export const deploymentConfigDoesNotExist = (name: string) =>
  new CodeDeployError('DeploymentConfigDoesNotExistException', `No deployment configuration found for name: ${name}`);
export const deploymentConfigAlreadyExists = (name: string) =>
  new CodeDeployError('DeploymentConfigAlreadyExistsException', `Deployment Configuration already exists with name: ${name}`);
export const deploymentConfigInUse = (name: string) =>
  new CodeDeployError('DeploymentConfigInUseException', `The deployment configuration is in use: ${name}`);
export const invalidOperation = err('InvalidOperationException');
export const invalidEcsService = err('InvalidECSServiceException');
export const invalidLoadBalancerInfo = err('InvalidLoadBalancerInfoException');
export const invalidTargetGroupPair = err('InvalidTargetGroupPairException');
export const invalidBlueGreenConfiguration = err('InvalidBlueGreenDeploymentConfigurationException');
export const invalidDeploymentStyle = err('InvalidDeploymentStyleException');
export const invalidAutoRollbackConfig = err('InvalidAutoRollbackConfigException');
export const invalidTrafficRoutingConfiguration = err('InvalidTrafficRoutingConfigurationException');
export const invalidMinimumHealthyHostValue = err('InvalidMinimumHealthyHostValueException');
export const revisionRequired = () => new CodeDeployError('RevisionRequiredException', 'The revision ID was not specified.');
export const invalidRevision = err('InvalidRevisionException');
export const deploymentIdRequired = () =>
  new CodeDeployError('DeploymentIdRequiredException', 'At least one deployment ID must be specified.');
export const invalidDeploymentId = (id: string) =>
  new CodeDeployError('InvalidDeploymentIdException', `The deployment ID was specified in an invalid format: ${id}`);
export const deploymentDoesNotExist = (id: string) =>
  new CodeDeployError('DeploymentDoesNotExistException', `The deployment ${id} could not be found.`);
export const deploymentAlreadyStarted = (id: string) =>
  new CodeDeployError('DeploymentAlreadyStartedException', `The deployment group already has an active deployment: ${id}`);
export const deploymentAlreadyCompleted = (id: string) =>
  new CodeDeployError('DeploymentAlreadyCompletedException', `The deployment ${id} is already completed.`);
export const deploymentIsNotInReadyState = (id: string) =>
  new CodeDeployError('DeploymentIsNotInReadyStateException', `The deployment ${id} is not in the Ready state.`);
export const invalidDeploymentWaitType = (type: string) =>
  new CodeDeployError('InvalidDeploymentWaitTypeException', `The wait type is invalid: ${type}`);
export const batchLimitExceeded = () =>
  new CodeDeployError('BatchLimitExceededException', 'The maximum number of names or IDs allowed for this request (100) was exceeded.');
export const invalidNextToken = () =>
  new CodeDeployError('InvalidNextTokenException', 'The next token was specified in an invalid format.');
export const invalidArn = (arn: string) => new CodeDeployError('InvalidArnException', `The specified ARN is not in a valid format: ${arn}`);
export const resourceArnRequired = () =>
  new CodeDeployError('ResourceArnRequiredException', 'The ARN of a resource is required, but was not found.');
export const arnNotSupported = (arn: string) =>
  new CodeDeployError('ArnNotSupportedException', `The specified ARN is not supported: ${arn}`);
export const invalidTagsToAdd = err('InvalidTagsToAddException');
export const tagRequired = () => new CodeDeployError('TagRequiredException', 'A tag was not specified.');
export const invalidLifecycleEventHookExecutionId = (id: string) =>
  new CodeDeployError('InvalidLifecycleEventHookExecutionIdException', `A lifecycle event hook is invalid: ${id}`);
export const invalidLifecycleEventHookExecutionStatus = (status: string) =>
  new CodeDeployError(
    'InvalidLifecycleEventHookExecutionStatusException',
    `The result of a Lambda validation function that verifies a lifecycle event is invalid: ${status}`,
  );
export const lifecycleEventAlreadyCompleted = (id: string) =>
  new CodeDeployError('LifecycleEventAlreadyCompletedException', `The lifecycle event hook ${id} has already completed.`);
export const deploymentTargetDoesNotExist = (id: string) =>
  new CodeDeployError('DeploymentTargetDoesNotExistException', `The provided target ID does not belong to the attempted deployment: ${id}`);
export const deploymentTargetIdRequired = () =>
  new CodeDeployError('DeploymentTargetIdRequiredException', 'A deployment target ID was not provided.');
export const deploymentNotStarted = (id: string) =>
  new CodeDeployError('DeploymentNotStartedException', `The deployment ${id} has not started.`);
export const unsupportedActionForDeploymentType = err('UnsupportedActionForDeploymentTypeException');
