// Helpers for end-to-end networking tests: an emulator on the real Docker runtime with ECS and EC2 clients, VPC
// blocks no Docker network on the engine uses, and ways to look inside a task (exec, its firewall rules).
import type { EC2Client } from '@aws-sdk/client-ec2';
import { DescribeTasksCommand, RegisterTaskDefinitionCommand, type ECSClient, type Task } from '@aws-sdk/client-ecs';
import type { Config } from '../../../src/config.js';
import type { Scope } from '../../../src/domain/scope.js';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { ec2Client } from '../../support/ec2.js';
import { BUSYBOX_IMAGE } from '../images.js';
import { blocksOverlap } from '../../../src/domain/network/cidr.js';
import { docker, exec, namespaceRules, quietLogger } from './docker-harness.js';

export const scope: Scope = { accountId: '000000000000', region: 'us-east-1' };

export interface DockerEmulator extends TestEmulator {
  ec2: EC2Client;
}

/** An emulator on the real Docker runtime (its own instance id), with an EC2 client beside the ECS one. */
export async function startNetworkingEmulator(config: Partial<Config> & { instanceId: string }): Promise<DockerEmulator> {
  const emu = await startTestEmulator(config, { runtime: undefined, logger: quietLogger });
  const ec2 = ec2Client(emu.endpoint);
  return {
    ...emu,
    ec2,
    async close() {
      ec2.destroy();
      await emu.close();
    },
  };
}

const usedBlocks = new Set<string>();

/**
 * A /24 in 10.251.0.0–10.254.255.255 that no Docker network on the engine overlaps, for a VPC of its own (outside the
 * ranges other Docker tests and the benchmark pick their default VPCs and subnets from).
 */
export async function freeVpcBlock(): Promise<string> {
  const used: string[] = [];
  for (const n of await docker.listNetworks()) for (const c of n.IPAM?.Config ?? []) if (c.Subnet) used.push(c.Subnet);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const block = `10.${251 + Math.floor(Math.random() * 4)}.${Math.floor(Math.random() * 256)}.0/24`;
    if (!usedBlocks.has(block) && !used.some((u) => blocksOverlap(u, block))) {
      usedBlocks.add(block);
      return block;
    }
  }
  throw new Error('no free 10.25x.x.0/24');
}

/** Registers the two task definitions the networking tests use: a web server on `port` and an idle client. */
export async function registerTestTasks(ecs: ECSClient, port: number): Promise<{ web: string; idle: string }> {
  const base = { networkMode: 'awsvpc' as const, requiresCompatibilities: ['FARGATE' as const], cpu: '256', memory: '512' };
  const web = await ecs.send(
    new RegisterTaskDefinitionCommand({
      ...base,
      family: 'net-web',
      containerDefinitions: [
        {
          name: 'web',
          image: BUSYBOX_IMAGE,
          command: ['sh', '-c', `echo hello-from-web > /www/index.html; exec httpd -f -p ${port} -h /www`],
          portMappings: [{ containerPort: port, protocol: 'tcp' }],
          // httpd as PID 1 ignores SIGTERM: do not wait 30 s for it.
          stopTimeout: 2,
        },
      ],
    }),
  );
  const idle = await ecs.send(
    new RegisterTaskDefinitionCommand({
      ...base,
      family: 'net-idle',
      containerDefinitions: [
        { name: 'idle', image: BUSYBOX_IMAGE, command: ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"], stopTimeout: 2 },
      ],
    }),
  );
  return { web: web.taskDefinition!.taskDefinitionArn!, idle: idle.taskDefinition!.taskDefinitionArn! };
}

export const taskIdOf = (arn: string) => arn.split('/').pop()!;

export const detailsOf = (t: Task) => Object.fromEntries(t.attachments![0]!.details!.map((d) => [d.name!, d.value!]));

export async function describeTask(ecs: ECSClient, arn: string): Promise<Task> {
  return (await ecs.send(new DescribeTasksCommand({ tasks: [arn] }))).tasks![0]!;
}

/** The Docker id of a task's (first) app container and of its pause container, from the emulator's store. */
export function dockerIdsOf(emu: TestEmulator, arn: string): { app: string; pause: string } {
  return emu.deps.store.read(scope, (s) => {
    const t = s.tasks[taskIdOf(arn)]!;
    return { app: t.containers[0]!.dockerId!, pause: t.sandbox!.pauseContainerId };
  });
}

/** Fetches a URL from inside a task's container; '' when nothing answers within `seconds`. */
export async function fetchFromTask(containerId: string, url: string, seconds = 3): Promise<string> {
  const r = await exec(containerId, ['timeout', String(seconds), 'wget', '-qO-', url]);
  return r.exitCode === 0 ? r.stdout : '';
}

/** The filter table inside a container's network namespace (iptables-save entered from this host, as root). */
export async function firewallRulesOf(_instanceId: string, pauseContainerId: string): Promise<string> {
  return namespaceRules(pauseContainerId);
}
