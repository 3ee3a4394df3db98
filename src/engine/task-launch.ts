// Bringing a task up: ENI → sandbox (pause container) → images → containers in dependsOn order → RUNNING.
// Each step records its result in the store before the next begins, so a restart can tell how far it got.
// Failures become task state (STOPPED with TaskFailedToStart), never API errors.
import { containerSpecOf, scratchVolumes } from '../domain/container-spec.js';
import { readiness, taskHealth, type ContainerDependency } from '../domain/container-dependencies.js';
import { createTaskEni } from '../domain/network/network-state.js';
import { parseCidr, gatewayOf } from '../domain/network/cidr.js';
import type { Scope } from '../domain/scope.js';
import { TaskStartFailure, type InjectedEnvironment } from '../domain/task-agent.js';
import { advance, requestStop } from '../domain/task-lifecycle.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import { RuntimeError, type PublishedPort, type SandboxHandle, type SubnetNetworkSpec } from '../domain/task-runtime.js';
import type { TaskRecord } from '../domain/task.js';
import { getTask, identityOf, taskDefinitionOf, updateTask, type EngineContext } from './engine-context.js';
import type { FirewallSync } from './firewall-sync.js';
import { platformEnvironment } from './platform-environment.js';
import { liveTasks } from '../store/queries.js';
import { scopeKey } from '../domain/scope.js';
import { poolKey } from '../domain/warm-pool.js';
import type { Spare, WarmPool } from './warm-pool.js';

const stopping = (t: TaskRecord | undefined) => !t || t.desiredStatus === 'STOPPED';

export function failToStart(ctx: EngineContext, scope: Scope, taskId: string, reason: string, containerName?: string) {
  updateTask(ctx, scope, taskId, (t) => {
    if (containerName) {
      const c = t.containers.find((x) => x.name === containerName);
      if (c) c.reason = reason;
    }
    requestStop(t, 'TaskFailedToStart', reason, ctx.clock.now());
  });
}

/**
 * PROVISIONING: the ENI, with the subnet's lowest free address (inside one store update, so concurrent launches
 * never share an address). A subnet with none left fails the task as Fargate does: it stops from PROVISIONING with
 * EC2's error in stoppedReason, and nothing was created.
 */
export function provisionEni(ctx: EngineContext, scope: Scope, taskId: string, pool?: WarmPool): Spare | undefined {
  const now = ctx.clock.now();
  let spare: Spare | undefined;
  updateTask(ctx, scope, taskId, (t, state) => {
    if (t.attachment.networkInterfaceId || t.desiredStatus === 'STOPPED') return;
    const key = poolKey(scopeKey(scope), t.attachment.subnetId, t.attachment.securityGroups, t.attachment.assignPublicIp);
    pool?.used(scope, key);
    const create = (from: Spare | undefined) =>
      createTaskEni(
        state,
        {
          scope,
          subnetId: t.attachment.subnetId,
          securityGroups: t.attachment.securityGroups,
          taskArn: t.taskArn,
          attachmentId: t.attachment.id,
          networkInterfaceId: `eni-${ctx.ids.hex32().slice(0, 17)}`,
          ec2AttachmentId: `eni-attach-${ctx.ids.hex32().slice(0, 17)}`,
          assignPublicIp: t.attachment.assignPublicIp,
          ...(from ? { privateIpAddress: from.address } : {}),
          ...(pool ? { reserved: pool.held(scope, t.attachment.subnetId) } : {}),
        },
        now,
      );
    // A ready sandbox of the same subnet and groups; else a free address; else (the subnet's only free addresses are
    // spares') a spare of another key, whose rules the launch then replaces.
    spare = pool?.claim(key, false);
    let eni = create(spare);
    if (!eni && pool) {
      spare = pool.claim(key, true);
      if (spare) eni = create(spare);
    }
    if (spare && eni?.privateIpAddress !== spare.address) {
      pool!.discard(spare);
      spare = undefined;
    }
    if (!eni) {
      requestStop(t, 'TaskFailedToStart', insufficientAddresses(t.attachment.subnetId, t.attachment.assignPublicIp), now);
      return;
    }
    Object.assign(t.attachment, {
      networkInterfaceId: eni.networkInterfaceId,
      macAddress: eni.macAddress,
      privateIPv4Address: eni.privateIpAddress,
      privateDnsName: eni.privateDnsName,
    });
    t.version += 1;
  });
  return spare;
}

/** Fargate's stoppedReason when the subnet has no free address (ECS troubleshooting guide, TaskFailedToStart). */
export function insufficientAddresses(subnetId: string, assignPublicIp: boolean): string {
  const how = assignPublicIp ? ' with public IP assignment enabled' : '';
  return `Unexpected EC2 error while attempting to Create Network Interface${how} in subnet '${subnetId}': InsufficientFreeAddressesInSubnet`;
}

export function subnetNetworkSpec(ctx: EngineContext, scope: Scope, task: TaskRecord): SubnetNetworkSpec {
  return vpcNetworkSpec(ctx, scope, task.attachment.vpcId);
}

export function vpcNetworkSpec(ctx: EngineContext, scope: Scope, vpcId: string): SubnetNetworkSpec {
  const vpc = ctx.store.read(scope, (s) => s.vpcs[vpcId]);
  const cidr = vpc ? parseCidr(vpc.cidrBlock) : null;
  if (!vpc || !cidr) throw new RuntimeError('ResourceInitializationError', `VPC ${vpcId} no longer exists`);
  return { vpcId: vpc.vpcId, cidr: cidr.text, gateway: gatewayOf(cidr), internal: false };
}

/** With publishTaskPorts: every container port of the task on 127.0.0.1, at the same port when free. */
function publishedPortsOf(ctx: EngineContext, scope: Scope, _task: TaskRecord, td: TaskDefinitionRecord): PublishedPort[] | undefined {
  if (!ctx.config.publishTaskPorts) return undefined;
  const taken = new Set(
    ctx.store.read(scope, (s) => liveTasks(s).flatMap((t) => (t.sandbox?.publishedPorts ?? []).map((p) => `${p.hostPort}/${p.protocol}`))),
  );
  const ports = td.containerDefinitions.flatMap((d) =>
    (d.portMappings ?? []).flatMap((p) =>
      p.containerPort ? [{ containerPort: p.containerPort, protocol: p.protocol === 'udp' ? ('udp' as const) : ('tcp' as const) }] : [],
    ),
  );
  return ports.map((p) => ({ ...p, hostIp: '127.0.0.1', hostPort: taken.has(`${p.containerPort}/${p.protocol}`) ? 0 : p.containerPort }));
}

/** PROVISIONING → PENDING: the pause container holding the ENI's address and the agent network. */
export async function createSandbox(
  ctx: EngineContext,
  scope: Scope,
  taskId: string,
  firewall: FirewallSync,
  spare?: { claimed: Spare; pool: WarmPool },
): Promise<void> {
  const task = getTask(ctx, scope, taskId);
  const td = task && taskDefinitionOf(ctx, scope, task);
  if (stopping(task) || !task || task.sandbox || !task.attachment.networkInterfaceId) {
    if (spare) spare.pool.discard(spare.claimed);
    return;
  }
  if (!td) {
    if (spare) spare.pool.discard(spare.claimed);
    return failToStart(ctx, scope, taskId, 'ResourceInitializationError: the task definition no longer exists');
  }
  const fromPool = spare && (await claimSpare(ctx, scope, task, td, spare));
  const policy = fromPool ? spare!.claimed.policy : firewall.policyOf(scope, task);
  let handle: SandboxHandle;
  if (fromPool) handle = fromPool;
  else
    try {
      handle = await ctx.runtime.createSandbox(
        {
          task: identityOf(scope, task),
          subnet: subnetNetworkSpec(ctx, scope, task),
          ipv4Address: task.attachment.privateIPv4Address,
          macAddress: task.attachment.macAddress,
          hostname: task.attachment.privateDnsName.split('.')[0]!,
          scratchVolumes: scratchVolumes(td),
          publishedPorts: publishedPortsOf(ctx, scope, task, td),
          firewall: policy,
          ...(ctx.dns ? { resolvers: () => ctx.dns!.resolvers() } : {}),
        },
        { cpu: Number(task.cpu), memory: Number(task.memory) },
      );
    } catch (err) {
      return failToStart(ctx, scope, taskId, reasonOf(err, 'ResourceInitializationError'));
    }
  if (handle.publishedPorts?.length) {
    ctx.logger.info(
      { taskId, ports: handle.publishedPorts.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.protocol}`) },
      'task ports published',
    );
  }
  updateTask(ctx, scope, taskId, (t) => {
    t.sandbox = {
      pauseContainerId: handle.pauseContainerId,
      agentIpv4Address: handle.agentIpv4Address,
      ...(handle.publishedPorts?.length ? { publishedPorts: handle.publishedPorts } : {}),
    };
    t.attachment.status = 'ATTACHED';
    if (t.lastStatus === 'PROVISIONING') advance(t, 'PENDING', ctx.clock.now());
  });
  firewall.started(taskId, policy, handle.firewall === 'enforced');
  // Rules that changed while the sandbox was being made, then the new member in the rules of the VPC's other tasks
  // (when it changes any: a member of a group set the VPC already has does not).
  await firewall.refresh(scope, taskId, true);
  if (firewall.membershipMatters(scope, task)) void firewall.vpcChanged(scope, task.attachment.vpcId);
}

/** The claimed spare's sandbox, now the task's; undefined when it could not be made or handed over (then removed). */
async function claimSpare(
  ctx: EngineContext,
  scope: Scope,
  task: TaskRecord,
  td: TaskDefinitionRecord,
  spare: { claimed: Spare; pool: WarmPool },
): Promise<SandboxHandle | undefined> {
  const handle = await spare.claimed.handle;
  if (!handle) return undefined;
  try {
    await ctx.runtime.claimSandbox!(spare.claimed.id, identityOf(scope, task), scratchVolumes(td));
    return handle;
  } catch (err) {
    ctx.logger.warn({ err, taskId: task.taskId }, 'a spare sandbox could not be handed over; making one');
    await ctx.runtime.removeTask(task.taskId).catch(() => undefined);
    return undefined;
  }
}

/** PENDING: every image the task needs, pulled (or found) once per image. */
export async function pullImages(ctx: EngineContext, scope: Scope, taskId: string): Promise<void> {
  const task = getTask(ctx, scope, taskId);
  if (stopping(task) || !task || task.pullStoppedAt !== undefined) return;
  updateTask(ctx, scope, taskId, (t) => {
    t.pullStartedAt ??= ctx.clock.now();
  });
  const images = [...new Set(task.containers.map((c) => c.image))];
  const authOf = (image: string) =>
    task.containers
      .filter((c) => c.image === image)
      .map((c) => ctx.agent?.registryAuth(taskId, c.name))
      .find((a) => a !== undefined);
  const results = await Promise.allSettled(images.map((image) => ctx.runtime.ensureImage(image, ctx.config.pullPolicy, authOf(image))));
  const failed = results.findIndex((r) => r.status === 'rejected');
  if (failed >= 0) {
    const reason = reasonOf((results[failed] as PromiseRejectedResult).reason, 'CannotPullContainerError');
    const name = task.containers.find((c) => c.image === images[failed])?.name;
    return failToStart(ctx, scope, taskId, reason, name);
  }
  updateTask(ctx, scope, taskId, (t) => {
    t.pullStoppedAt = ctx.clock.now();
    for (const c of t.containers) {
      const r = results[images.indexOf(c.image)];
      if (r?.status !== 'fulfilled') continue;
      c.imageDigest = r.value.imageDigest;
      c.localImage = r.value.imageRef;
    }
  });
}

/**
 * Starts every container whose dependsOn conditions hold, until none is left to start now. Called after the pull
 * and again after every container event (an exit or a health change can unblock a dependent).
 */
export async function startReadyContainers(ctx: EngineContext, scope: Scope, taskId: string): Promise<void> {
  for (;;) {
    const task = getTask(ctx, scope, taskId);
    if (stopping(task) || !task?.sandbox || task.pullStoppedAt === undefined) return;
    const td = taskDefinitionOf(ctx, scope, task);
    if (!td) return failToStart(ctx, scope, taskId, 'ResourceInitializationError: the task definition no longer exists');
    const dependsOn = (name: string) => (td.containerDefinitions.find((d) => d.name === name)?.dependsOn ?? []) as ContainerDependency[];
    const waiting = task.containers.filter((c) => !c.started && c.lastStatus !== 'STOPPED');
    const ready: string[] = [];
    for (const c of waiting) {
      const r = readiness(dependsOn(c.name), task.containers);
      if (r.kind === 'ready') ready.push(c.name);
      if (r.kind === 'impossible') {
        const reason = `CannotStartContainerError: ${r.why}`;
        updateTask(ctx, scope, taskId, (t) => {
          const rec = t.containers.find((x) => x.name === c.name)!;
          rec.lastStatus = 'STOPPED';
          rec.reason = reason;
          if (rec.essential) requestStop(t, 'TaskFailedToStart', reason, ctx.clock.now());
        });
      }
    }
    if (ready.length === 0) break;
    // The limits ride along, so the runtime need not read them back from the pause container.
    const sandbox = { ...task.sandbox, limits: { cpu: Number(task.cpu), memory: Number(task.memory) } };
    const injectedFor = (name: string): Promise<InjectedEnvironment | undefined> =>
      ctx.agent ? ctx.agent.containerEnvironment(scope, task, td, name) : Promise.resolve(undefined);
    const outcomes = await Promise.allSettled(
      ready.map(async (name) => {
        const spec = containerSpecOf(task, td, name, platformEnvironment(ctx, scope, task, name), await injectedFor(name));
        return ctx.runtime.startContainer(identityOf(scope, task), sandbox, spec);
      }),
    );
    updateTask(ctx, scope, taskId, (t) => {
      outcomes.forEach((o, i) => {
        const rec = t.containers.find((x) => x.name === ready[i])!;
        if (o.status === 'fulfilled') {
          rec.started = true;
          rec.dockerId = o.value.dockerId;
          if (rec.lastStatus === 'PENDING') rec.lastStatus = 'RUNNING';
        } else {
          const reason = reasonOf(o.reason, 'CannotStartContainerError');
          rec.lastStatus = 'STOPPED';
          rec.reason = reason;
          requestStop(t, 'TaskFailedToStart', reason, ctx.clock.now());
        }
      });
      t.version += 1;
    });
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled') ctx.containerLogs?.attach(scope, task, td, ready[i]!, o.value.dockerId);
    });
  }
  markRunningWhenStarted(ctx, scope, taskId);
}

/** PENDING → ACTIVATING → RUNNING once every container has started (or, for a non-essential one, run and exited). */
function markRunningWhenStarted(ctx: EngineContext, scope: Scope, taskId: string): void {
  updateTask(ctx, scope, taskId, (t) => {
    if (t.desiredStatus === 'STOPPED' || t.lastStatus !== 'PENDING') return;
    if (!t.containers.every((c) => c.started || c.lastStatus === 'STOPPED')) return;
    const now = ctx.clock.now();
    advance(t, 'ACTIVATING', now);
    advance(t, 'RUNNING', now);
    t.healthStatus = taskHealth(t.containers);
  });
}

export function reasonOf(err: unknown, fallbackName: string): string {
  if (err instanceof RuntimeError) return err.message;
  if (err instanceof TaskStartFailure) return err.reason;
  return `${fallbackName}: ${err instanceof Error ? err.message : String(err)}`;
}
