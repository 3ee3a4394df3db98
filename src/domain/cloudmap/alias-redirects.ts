// Service Connect client aliases whose port is not the server's container port. On AWS the Envoy proxy in the client
// task listens on the alias port and connects to the server task's container port. Here an alias resolves straight to
// the server tasks' addresses (service-connect.ts), so each client task gets a redirect per (server task, alias) whose
// ports differ: a connection to `<server address>:<alias port>` goes to `<server address>:<container port>` (a nat
// rule in the client's network namespace, written with its security groups: runtime/iptables-rules.ts).
//
// Server tasks count from the moment they have an address until they are STOPPED, so the redirect is in place before
// the alias answers with the address (a task is registered when RUNNING) and leaves after the answer stopped naming it
// (deregistration is stored when the task is told to stop). Only servers in the client's VPC: tasks of other VPCs are
// on other networks, out of reach anyway.
import { serviceKey, type ServiceRecord as EcsServiceRecord } from '../ecs-service.js';
import type { PortRedirect } from '../network/firewall-policy.js';
import type { TaskRecord } from '../task.js';
import type { ServiceConnectState } from './service-connect.js';

type Services = Readonly<Record<string, EcsServiceRecord>>;

/** The Service Connect state of the ECS service a task belongs to (undefined: none, or a standalone task). */
function serviceConnectOf(services: Services, task: TaskRecord): ServiceConnectState | undefined {
  if (!task.group.startsWith('service:')) return undefined;
  const service = services[serviceKey(task.clusterName, task.group.slice('service:'.length))];
  return service && service.status !== 'INACTIVE' ? service.serviceConnect : undefined;
}

/** The (alias port → container port) pairs a server task's service offers under other ports than its own. */
function redirectedPorts(sc: ServiceConnectState | undefined): { port: number; toPort: number }[] {
  return (sc?.services ?? []).flatMap((e) =>
    e.clientAliases.filter((a) => a.port !== e.containerPort).map((a) => ({ port: a.port, toPort: e.containerPort })),
  );
}

/** Whether this task's address is the target of client alias redirects (its coming and going changes other tasks' rules). */
export function servesRedirectedAliases(services: Services, task: TaskRecord): boolean {
  return redirectedPorts(serviceConnectOf(services, task)).length > 0;
}

/**
 * The redirects a client task needs: for each live task of the VPC behind a client alias of its namespace whose port
 * differs from the container port, `address:aliasPort → address:containerPort`. Sorted; when two aliases claim the
 * same address and port (one server, two aliases), the first in its service's configuration wins. Empty for tasks of services
 * without Service Connect and for standalone tasks (they do not resolve the aliases either).
 */
export function clientAliasRedirects(services: Services, liveTasks: Iterable<TaskRecord>, client: TaskRecord): PortRedirect[] {
  const own = serviceConnectOf(services, client);
  if (!own) return [];
  const offering = Object.values(services).some(
    (s) => s.status !== 'INACTIVE' && s.serviceConnect?.namespaceId === own.namespaceId && redirectedPorts(s.serviceConnect).length > 0,
  );
  if (!offering) return [];
  const byTarget = new Map<string, PortRedirect>();
  for (const task of liveTasks) {
    const address = task.attachment.privateIPv4Address;
    if (task.lastStatus === 'STOPPED' || !address || task.attachment.vpcId !== client.attachment.vpcId) continue;
    const sc = serviceConnectOf(services, task);
    if (sc?.namespaceId !== own.namespaceId) continue;
    for (const { port, toPort } of redirectedPorts(sc)) {
      const key = `${address}:${port}`;
      if (!byTarget.has(key)) byTarget.set(key, { address, port, toPort });
    }
  }
  return [...byTarget.values()].sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }) || a.port - b.port);
}
