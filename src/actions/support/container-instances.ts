// Container instances in an account that runs only Fargate: there are none, and none can register (registration
// needs an EC2 instance identity document, or an SSM managed instance for ECS Anywhere, and neither exists here).
// Every operation that names one answers as AWS answers for an instance that is not in the cluster.
import { containerInstanceArn, isArn, parseArn } from '../../domain/arn.js';
import type { ClusterRecord } from '../../domain/cluster.js';
import { EcsError, invalidParameter } from '../../domain/errors.js';
import type { Scope } from '../../domain/scope.js';
import { resolveCluster } from '../../store/clusters.js';
import type { ActionContext } from '../context.js';

/** The ARN a container instance reference (id or ARN) stands for in `cluster`, as failures report it. */
export function containerInstanceArnOf(scope: Scope, cluster: ClusterRecord, ref: string): string {
  if (isArn(ref)) return ref;
  return containerInstanceArn(scope, cluster.clusterName, ref);
}

/** Whether a reference can name a container instance at all (an id, or a container-instance ARN). */
export function isContainerInstanceRef(ref: string): boolean {
  if (!isArn(ref)) return /^[a-zA-Z0-9-]{1,64}$/.test(ref);
  return parseArn(ref)?.resourceType === 'container-instance';
}

/** A single-instance call (Deregister, UpdateContainerAgent, ExecuteCommand's target...) on an unknown instance. */
export const containerInstanceNotFound = () => invalidParameter('Container instance not found.');

/** What RegisterContainerInstance answers without a valid EC2 identity document (always, here). */
export const identityDocumentNotValid = () =>
  new EcsError('ClientException', 'The identity document and identity document signature were not valid.');

/** The attribute calls' answer for a target that is not a container instance of the cluster. */
export const targetNotFound = (targetId: string) =>
  new EcsError(
    'TargetNotFoundException',
    `The specified target wasn't found: ${targetId}. You can view your available container instances with ListContainerInstances.`,
  );

/** Submit* calls: only a container instance's agent may report, and this account has no container instances. */
export const notAnAgent = () =>
  new EcsError(
    'AccessDeniedException',
    'Only the Amazon ECS container agent of a registered container instance can submit state changes. This account runs only Fargate tasks, which report their own state.',
  );

/** Lists the calls take at most 10 of (UpdateContainerInstancesState, StartTask). */
export function assertAtMost(items: readonly unknown[] | undefined, max: number, what: string): void {
  if ((items?.length ?? 0) > max) throw invalidParameter(`${what} can have at most ${max} items.`);
}

/** Describe/UpdateState on a list of instances: the cluster checked, then every instance a MISSING failure. */
export function allMissing(
  ctx: ActionContext,
  clusterRef: string | undefined,
  refs: string[] | undefined,
  max: number,
): { containerInstances: []; failures: { arn: string; reason: string }[] } {
  if (!refs?.length) throw invalidParameter('ContainerInstances cannot be empty.');
  assertAtMost(refs, max, 'instanceIds');
  const { scope, deps } = ctx;
  return deps.store.read(scope, (state) => {
    const cluster = resolveCluster(state, scope, clusterRef);
    return {
      containerInstances: [],
      failures: refs.map((ref) => ({ arn: containerInstanceArnOf(scope, cluster, ref), reason: 'MISSING' })),
    };
  });
}
