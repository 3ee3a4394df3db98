// Who may use an endpoint id. An id alone is not enough: the request must come from the agent-network address of
// the task the id belongs to (each task's sandbox has its own), so another task, the host or anyone who learnt an id
// is refused, exactly as if the id did not exist.
import type { TaskRecord } from '../domain/task.js';

/** The IPv4 address of a peer, without the IPv4-mapped IPv6 prefix Node reports on dual-stack sockets. */
export function peerAddress(remoteAddress: string | undefined): string {
  if (!remoteAddress) return '';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice('::ffff:'.length) : remoteAddress;
}

/** Whether a request from `remoteAddress` may read this task's metadata. */
export function isTaskCaller(task: TaskRecord, remoteAddress: string | undefined): boolean {
  const own = task.sandbox?.agentIpv4Address;
  return Boolean(own) && own === peerAddress(remoteAddress) && task.lastStatus !== 'STOPPED';
}

/** Task role credentials are served while the task's containers may run; not once they are being torn down. */
export function mayReceiveCredentials(task: TaskRecord, remoteAddress: string | undefined): boolean {
  return isTaskCaller(task, remoteAddress) && task.lastStatus !== 'DEPROVISIONING' && Boolean(task.taskRoleArn);
}
