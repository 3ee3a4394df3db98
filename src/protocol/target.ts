// X-Amz-Target for ECS: "AmazonEC2ContainerServiceV20141113.<Operation>".
export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113';

/** The operation name, or null when the target is not one of `prefix` (ECS's by default). */
export function operationFromTarget(target: string | undefined, prefix = ECS_TARGET_PREFIX): string | null {
  if (!target) return null;
  const dot = target.indexOf('.');
  if (dot < 0 || target.slice(0, dot) !== prefix) return null;
  const op = target.slice(dot + 1);
  return /^[A-Za-z]+$/.test(op) ? op : null;
}

/** The service prefix of an X-Amz-Target (`Logs_20140328` in `Logs_20140328.PutLogEvents`). */
export const targetPrefixOf = (target: string | undefined) => (target?.includes('.') ? target.slice(0, target.indexOf('.')) : '');
