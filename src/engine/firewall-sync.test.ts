// Security group rules of running tasks, kept in step with the state (in-memory runtime).
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTaskRuntime } from '../../test/fakes/fake-task-runtime.js';
import { storeTaskDefinition } from '../../test/support/task-definitions.js';
import { testConfig } from '../config.js';
import { ensureDefaultVpc } from '../domain/network/network-state.js';
import { authorizeRules, createSecurityGroup, ruleSpecsOf } from '../domain/network/security-groups.js';
import { defaultVpc } from '../domain/network/vpc.js';
import { Store } from '../store/store.js';
import { submitTask, testEngine } from '../../test/support/engine-tasks.js';
import type { ServiceRecord } from '../domain/ecs-service.js';
import type { ServiceConnectState } from '../domain/cloudmap/service-connect.js';
import type { TaskEngine } from './task-engine.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const { vpc } = defaultVpc(scope, 0);
let engine: TaskEngine | null = null;
afterEach(() => engine?.close());

async function setup(config: Parameters<typeof testConfig>[0] = {}) {
  const runtime = new FakeTaskRuntime();
  const store = await Store.open(null);
  engine = testEngine({ config: testConfig(config), store, runtime });
  await engine.start();
  const td = storeTaskDefinition(store, scope, 'fam', [{ name: 'app', image: 'img' }]);
  store.update(scope, (s) => {
    ensureDefaultVpc(s, scope, 0);
    createSecurityGroup(s, { groupId: 'sg-server', groupName: 'server', description: 's', vpcId: vpc.vpcId, tags: [] }, 0);
    createSecurityGroup(s, { groupId: 'sg-client', groupName: 'client', description: 'c', vpcId: vpc.vpcId, tags: [] }, 0);
  });
  const launch = async (groups: string[], group?: string) => {
    const taskId = submitTask(engine!, store, scope, td, {
      securityGroups: groups,
      ...(group ? { group } : {}),
    });
    await engine!.idle();
    await engine!.networkIdle();
    return store.read(scope, (s) => s.tasks[taskId]!);
  };
  const applied = (pauseId: string) => runtime.firewalls.get(pauseId)!;
  const applies = () => runtime.calls.filter((c) => c.startsWith('firewall ')).length;
  return { runtime, store, launch, applied, applies };
}

describe('FirewallSync', () => {
  it('lets tasks out to the configured metadata address (--metadata-address), 169.254.170.2 by default', async () => {
    const dflt = await setup();
    expect(dflt.applied((await dflt.launch(['sg-server'])).sandbox!.pauseContainerId).metadataAddress).toBe('169.254.170.2');
    engine?.close();
    const moved = await setup({ taskAgent: { metadataAddress: '10.99.0.2' } });
    expect(moved.applied((await moved.launch(['sg-server'])).sandbox!.pauseContainerId).metadataAddress).toBe('10.99.0.2');
  });

  it('starts each sandbox with its policy, and re-applies when a group’s rules change', async () => {
    const { store, launch, applied, applies } = await setup();
    const server = await launch(['sg-server']);
    expect(applied(server.sandbox!.pauseContainerId)).toMatchObject({ vpcCidr: '172.31.0.0/16', ingress: [], internetAccess: false });
    store.update(scope, (s) => {
      authorizeRules(
        s.securityGroups['sg-server']!,
        'ingress',
        ruleSpecsOf(s, vpc.vpcId, [{ ipProtocol: 'tcp', fromPort: 80, toPort: 80, ipRanges: [{ cidrIp: '10.0.0.0/8' }] }]),
        () => 'sgr-1',
      );
    });
    const before = applies();
    engine!.networkChanged(scope, vpc.vpcId);
    await engine!.networkIdle();
    expect(applies()).toBe(before + 1);
    expect(applied(server.sandbox!.pauseContainerId).ingress).toEqual([
      { protocol: 'tcp', fromPort: 80, toPort: 80, cidrs: ['10.0.0.0/8'] },
    ]);
    // Nothing changed: nothing applied.
    engine!.networkChanged(scope, vpc.vpcId);
    await engine!.networkIdle();
    expect(applies()).toBe(before + 1);
  });

  it('updates the rules that name a group when the first task with a new group set joins, and no one’s for the next', async () => {
    const { store, launch, applied, applies } = await setup();
    store.update(scope, (s) => {
      authorizeRules(
        s.securityGroups['sg-server']!,
        'ingress',
        ruleSpecsOf(s, vpc.vpcId, [{ ipProtocol: '-1', groups: [{ groupId: 'sg-client' }] }]),
        () => 'sgr-2',
      );
    });
    const server = await launch(['sg-server']);
    expect(applied(server.sandbox!.pauseContainerId).ingress).toEqual([]);
    const first = await launch(['sg-client']);
    const mark = store.read(scope, (s) => s.networkInterfaces[first.attachment.networkInterfaceId]!.groupSetMark);
    expect(applied(server.sandbox!.pauseContainerId).ingress).toEqual([{ protocol: 'all', cidrs: [], marks: [mark] }]);
    expect(applied(first.sandbox!.pauseContainerId).mark).toBe(mark);
    const before = applies();
    await launch(['sg-client']);
    // The newcomer's rules came with its sandbox; nobody else's changed.
    expect(applies()).toBe(before);
  });

  it('leaves tasks without rules when enforcement is off', async () => {
    const { launch, runtime } = await setup({ enforceSecurityGroups: false });
    const t = await launch(['sg-server']);
    expect(runtime.sandboxes.get(t.taskId)!.firewall).toBeUndefined();
    expect(runtime.firewalls.size).toBe(0);
  });

  it('removes the VPC’s network once its last task is deprovisioned', async () => {
    const { launch, runtime } = await setup();
    const t = await launch(['sg-server']);
    engine!.stop(scope, t.taskId, 'UserInitiated', 'Task stopped by user');
    await engine!.idle();
    await engine!.networkIdle();
    expect(runtime.calls.at(-1)).toBe('prune ');
  });

  it('redirects a client alias’s port to the container port of each server task, from its sandbox until it stops', async () => {
    const { store, launch, applied } = await setup();
    const sc = (aliases: { port: number; dnsName: string }[]): ServiceConnectState => ({
      namespaceId: 'ns-1',
      namespaceArn: 'arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-1',
      services: aliases.length
        ? [
            {
              portName: 'http',
              discoveryName: 'api',
              cloudMapServiceId: 'srv-1',
              discoveryArn: 'arn',
              containerPort: 8080,
              clientAliases: aliases,
            },
          ]
        : [],
    });
    store.update(scope, (s) => {
      s.services['default/api'] = { status: 'ACTIVE', serviceConnect: sc([{ port: 80, dnsName: 'api' }]) } as unknown as ServiceRecord;
      s.services['default/web'] = { status: 'ACTIVE', serviceConnect: sc([]) } as unknown as ServiceRecord;
    });
    const web = await launch(['sg-client'], 'service:web');
    expect(applied(web.sandbox!.pauseContainerId).redirects).toBeUndefined();
    const api = await launch(['sg-server'], 'service:api');
    const address = api.attachment.privateIPv4Address;
    expect(applied(web.sandbox!.pauseContainerId).redirects).toEqual([{ address, port: 80, toPort: 8080 }]);
    // A client started after the server gets the redirect with its sandbox.
    const web2 = await launch(['sg-client'], 'service:web');
    expect(applied(web2.sandbox!.pauseContainerId).redirects).toEqual([{ address, port: 80, toPort: 8080 }]);
    engine!.stop(scope, api.taskId, 'UserInitiated', 'Task stopped by user');
    await engine!.idle();
    await engine!.networkIdle();
    expect(applied(web.sandbox!.pauseContainerId).redirects).toBeUndefined();
    expect(applied(web2.sandbox!.pauseContainerId).redirects).toBeUndefined();
  });
});
