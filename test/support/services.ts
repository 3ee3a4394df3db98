// Helpers for service tests: a cluster with both Fargate providers, polling until a condition holds.
import {
  CreateClusterCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  DescribeTasksCommand,
  type ECSClient,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { uniqueName } from './emulator.js';

export async function fargateCluster(ecs: ECSClient, prefix = 'svc'): Promise<string> {
  const name = uniqueName(prefix);
  await ecs.send(
    new CreateClusterCommand({
      clusterName: name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    }),
  );
  return name;
}

export async function describeService(ecs: ECSClient, cluster: string, service: string): Promise<Service> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  return out.services![0]!;
}

/** The service's tasks that are still meant to run (desiredStatus RUNNING), described. */
export async function runningTasksOf(ecs: ECSClient, cluster: string, service: string): Promise<Task[]> {
  const { taskArns } = await ecs.send(new ListTasksCommand({ cluster, serviceName: service }));
  if (!taskArns?.length) return [];
  return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))).tasks ?? [];
}

/** Polls `probe` until it returns a truthy value (which it resolves with), or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
