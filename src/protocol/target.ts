// X-Amz-Target for ECS: "AmazonEC2ContainerServiceV20141113.<Operation>".
export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113';

/** The operation name, or null when the target is not an ECS one. */
export function operationFromTarget(target: string | undefined): string | null {
  if (!target) return null;
  const dot = target.indexOf('.');
  if (dot < 0 || target.slice(0, dot) !== ECS_TARGET_PREFIX) return null;
  const op = target.slice(dot + 1);
  return /^[A-Za-z]+$/.test(op) ? op : null;
}
