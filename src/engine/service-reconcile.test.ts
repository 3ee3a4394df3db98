// The service scheduler's decision, pure: state in, effects out, on a fixed clock with sequential ids.
import { describe, expect, it } from 'vitest';
import { storeTaskDefinition } from '../../test/support/task-definitions.js';
import { newDeployment } from '../actions/support/service-request.js';
import { serviceArn } from '../domain/arn.js';
import { deploymentConfigurationOf, type ServiceRecord } from '../domain/ecs-service.js';
import { ensureDefaultVpc } from '../domain/network/network-state.js';
import type { Ids } from '../domain/ports.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import type { RegionState } from '../store/schema.js';
import { Store } from '../store/store.js';
import { reconcileService, type ReconcileEnv } from './service-reconcile.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const T0 = Date.UTC(2026, 0, 1);
const KEY = 'c1/web';

function sequentialIds(): Ids {
  let n = 0;
  return {
    hex32: () => (++n).toString(16).padStart(32, '0'),
    uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
  };
}

async function setup(desiredCount: number) {
  const store = await Store.open(null);
  const ids = sequentialIds();
  const td = storeTaskDefinition(store, scope, 'web', [{ name: 'app', image: 'img', essential: true }]);
  store.update(scope, (s) => {
    ensureDefaultVpc(s, scope, T0);
    s.services[KEY] = service(td, desiredCount, Object.keys(s.subnets)[0]!, ids);
  });
  const env = (now: number, extra: Partial<ReconcileEnv> = {}): ReconcileEnv => ({
    scope,
    now,
    ids,
    capacityAvailable: () => true,
    ...extra,
  });
  const reconcile = (now: number, extra?: Partial<ReconcileEnv>) => store.update(scope, (s) => reconcileService(s, KEY, env(now, extra)));
  const read = <T>(fn: (s: RegionState) => T) => store.read(scope, fn);
  const runAll = (at: number) =>
    store.update(scope, (s) => {
      for (const t of Object.values(s.tasks)) {
        t.lastStatus = 'RUNNING';
        t.startedAt = at;
      }
    });
  const update = (fn: (s: RegionState) => void) => store.update(scope, fn);
  return { reconcile, read, runAll, update };
}

function service(td: TaskDefinitionRecord, desiredCount: number, subnet: string, ids: Ids): ServiceRecord {
  const network = { subnets: [subnet], securityGroups: [], assignPublicIp: 'DISABLED' as const };
  const deployment = newDeployment({
    ids,
    now: T0,
    taskDefinitionArn: td.taskDefinitionArn,
    desiredCount,
    launch: { launchType: 'FARGATE' },
    platformVersion: undefined,
    network,
  });
  return {
    serviceArn: serviceArn(scope, 'c1', 'web'),
    serviceName: 'web',
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/c1',
    clusterName: 'c1',
    status: 'ACTIVE',
    taskDefinition: td.taskDefinitionArn,
    desiredCount,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    networkConfiguration: network,
    deploymentConfiguration: deploymentConfigurationOf(undefined),
    deployments: [deployment],
    events: [],
    loadBalancers: [],
    serviceRegistries: [],
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    roleArn: 'arn:aws:iam::000000000000:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    createdAt: T0,
    requestFingerprint: '',
    steady: false,
  } as ServiceRecord;
}

describe('reconcileService', () => {
  it('starts the desired count of tasks, stamped with the clock and the injected ids', async () => {
    const { reconcile, read } = await setup(2);
    const effects = reconcile(T0 + 1000);
    expect(effects.submit).toHaveLength(2);
    expect(effects.stop).toEqual([]);
    const tasks = read((s) => effects.submit.map((id) => s.tasks[id]!));
    for (const t of tasks) {
      expect(t).toMatchObject({ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING', group: 'service:web', createdAt: T0 + 1000 });
      expect(t.taskId).toMatch(/^0{20}[0-9a-f]{12}$/);
    }
    // Nothing changed: a second look starts nothing more.
    expect(reconcile(T0 + 2000).submit).toEqual([]);
  });

  it('reports the steady state once the tasks run, and only once', async () => {
    const { reconcile, read, runAll } = await setup(2);
    reconcile(T0);
    runAll(T0 + 5000);
    reconcile(T0 + 6000);
    const steady = read((s) => s.services[KEY]!.events.filter((e) => e.message.includes('has reached a steady state.')));
    expect(steady).toHaveLength(1);
    expect(steady[0]!.createdAt).toBe(T0 + 6000);
    reconcile(T0 + 7000);
    expect(read((s) => s.services[KEY]!.events.filter((e) => e.message.includes('has reached a steady state.')))).toHaveLength(1);
  });

  it('replaces a task whose essential container exited, at the next look', async () => {
    const { reconcile, read, runAll, update } = await setup(1);
    const [first] = reconcile(T0).submit;
    runAll(T0 + 1000);
    expect(reconcile(T0 + 2000).submit).toEqual([]);
    update((s) => {
      const t = s.tasks[first!]!;
      Object.assign(t, { lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedAt: T0 + 3000 });
    });
    const next = reconcile(T0 + 4000);
    expect(next.submit).toHaveLength(1);
    expect(next.submit[0]).not.toBe(first);
    expect(read((s) => s.tasks[next.submit[0]!]!.createdAt)).toBe(T0 + 4000);
  });
});
