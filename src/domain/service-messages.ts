// What ECS writes in a service's events[] and in its deployments' rolloutStateReason, word for word.
// Sources: AWS "Amazon ECS service event messages" (developer guide), DescribeServices captures from real accounts
// (events and rolloutStateReason), and the EventBridge examples of "ECS Deployment State Change".

const taskList = (taskIds: readonly string[]) => taskIds.map((id) => `(task ${id})`).join(' ');

export const serviceMessages = {
  startedTasks: (service: string, taskIds: readonly string[], replacedUnhealthy = 0) =>
    `(service ${service}) has started ${taskIds.length} tasks: ${taskList(taskIds)}.` +
    (replacedUnhealthy > 0 ? ` Amazon ECS replaced ${replacedUnhealthy} tasks due to an unhealthy status.` : ''),
  stoppedTasks: (service: string, taskIds: readonly string[]) =>
    `(service ${service}) has stopped ${taskIds.length} running tasks: ${taskList(taskIds)}.`,
  steadyState: (service: string) => `(service ${service}) has reached a steady state.`,
  failedHealthChecks: (service: string, taskId: string) => `(service ${service}) (task ${taskId}) failed container health checks.`,
  unableToPlace: (service: string, reason: string) => `(service ${service}) was unable to place a task. Reason: ${reason}.`,
  /** AWS's event for a service on the EC2 launch type when the cluster has no container instance that fits. */
  noContainerInstance: (service: string) =>
    `(service ${service}) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
  deploymentFailed: (service: string, deploymentId: string) =>
    `(service ${service}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`,
  rollingBack: (service: string, deploymentId: string) => `(service ${service}) rolling back to deployment ${deploymentId}.`,
  deploymentCompleted: (service: string, deploymentId: string) => `(service ${service}) (deployment ${deploymentId}) deployment completed.`,
  deploymentConfigurationStuck: (service: string) =>
    `(service ${service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
  unableToStartConsistently: (service: string) => `(service ${service}) is unable to consistently start tasks successfully.`,
};

export const rolloutReasons = {
  inProgress: (deploymentId: string) => `ECS deployment ${deploymentId} in progress.`,
  completed: (deploymentId: string) => `ECS deployment ${deploymentId} completed.`,
  circuitBreakerFailed: 'ECS deployment circuit breaker: tasks failed to start.',
  rollingBack: (toDeploymentId: string) => `ECS deployment circuit breaker: rolling back to deploymentId ${toDeploymentId}.`,
};

/** The `reason` of the SERVICE_DEPLOYMENT_FAILED EventBridge event (AWS's example says "task", singular). */
export const DEPLOYMENT_FAILED_EVENT_REASON = 'ECS deployment circuit breaker: task failed to start.';

/** stoppedReason of tasks the scheduler stops to scale in or to replace them with another deployment's. */
export const scalingActivityReason = (deploymentId: string) => `Scaling activity initiated by (deployment ${deploymentId})`;
export const FAILED_HEALTH_CHECKS_REASON = 'Task failed container health checks';
