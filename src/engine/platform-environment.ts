// Variables Fargate sets in every task container, on top of the task definition's own: the execution environment
// and region, and (when this emulator serves 169.254.170.2) the metadata, agent and credentials URIs with the
// task's own endpoint ids. The credentials URI only when the task has a task role: relative, as on AWS (SDKs resolve
// it against 169.254.170.2), or full when the endpoint is configured elsewhere.
import { METADATA_ADDRESS } from '../config.js';
import type { Scope } from '../domain/scope.js';
import type { TaskRecord } from '../domain/task.js';
import type { EngineContext } from './engine-context.js';

export function platformEnvironment(ctx: EngineContext, scope: Scope, task: TaskRecord, containerName: string): Record<string, string> {
  const env: Record<string, string> = {
    AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE',
    AWS_REGION: scope.region,
    AWS_DEFAULT_REGION: scope.region,
  };
  const agent = ctx.config.taskAgent;
  const endpointId = task.endpoints?.containers[containerName];
  if (agent.metadataEndpoint && endpointId) {
    const base = `http://${agent.metadataAddress}`;
    env.ECS_CONTAINER_METADATA_URI_V4 = `${base}/v4/${endpointId}`;
    env.ECS_CONTAINER_METADATA_URI = `${base}/v3/${endpointId}`;
    env.ECS_AGENT_URI = `${base}/api/${endpointId}`;
    const credentialsId = task.endpoints?.credentialsId;
    if (credentialsId && agent.metadataAddress === METADATA_ADDRESS)
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI = `/v2/credentials/${credentialsId}`;
    else if (credentialsId) env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${base}/v2/credentials/${credentialsId}`;
  }
  if (agent.taskAwsEndpointUrl) env.AWS_ENDPOINT_URL = agent.taskAwsEndpointUrl;
  return env;
}
