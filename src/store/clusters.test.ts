import { describe, expect, it } from 'vitest';
import { newClusterRecord } from '../domain/cluster.js';
import { capacityProviderInUse, clusterDeletionBlocker, clusterNameIn, clusterUsageOf, ensureCluster, resolveCluster } from './clusters.js';
import { emptyRegionState, type RegionState } from './schema.js';

const scope = { accountId: '111122223333', region: 'us-east-1' };
const ARN = (name: string) => `arn:aws:ecs:us-east-1:111122223333:cluster/${name}`;

function stateWith(...clusters: [name: string, status?: 'ACTIVE' | 'INACTIVE'][]): RegionState {
  const state = emptyRegionState();
  for (const [name, status = 'ACTIVE'] of clusters) state.clusters[name] = { ...newClusterRecord(scope, name, 1, 'disabled'), status };
  return state;
}

/** Adds collections the tasks/services modules will own, shaped like their wire records. */
function withForeign(state: RegionState, foreign: { tasks?: object[]; services?: object[] }): RegionState {
  const loose = state as unknown as Record<string, unknown>;
  if (foreign.tasks) loose.tasks = Object.fromEntries(foreign.tasks.map((t, i) => [`t${i}`, t]));
  if (foreign.services) loose.services = Object.fromEntries(foreign.services.map((s, i) => [`s${i}`, s]));
  return state;
}

describe('clusterNameIn', () => {
  it('reads names, ARNs of the scope and absence (default)', () => {
    expect(clusterNameIn(scope, undefined)).toBe('default');
    expect(clusterNameIn(scope, 'web')).toBe('web');
    expect(clusterNameIn(scope, ARN('web'))).toBe('web');
  });

  it('rejects ARNs of other scopes or kinds, and impossible names', () => {
    expect(clusterNameIn(scope, 'arn:aws:ecs:eu-west-1:111122223333:cluster/web')).toBeNull();
    expect(clusterNameIn(scope, 'arn:aws:ecs:us-east-1:111122223333:service/web/x')).toBeNull();
    expect(clusterNameIn(scope, 'bad name')).toBeNull();
  });
});

describe('resolveCluster', () => {
  it('finds an ACTIVE cluster by name or ARN', () => {
    const state = stateWith(['web']);
    expect(resolveCluster(state, scope, 'web').clusterArn).toBe(ARN('web'));
    expect(resolveCluster(state, scope, ARN('web')).clusterName).toBe('web');
  });

  it('throws ClusterNotFoundException for an unknown cluster, and never creates default', () => {
    const state = stateWith();
    expect(() => resolveCluster(state, scope, 'web')).toThrow(
      expect.objectContaining({ code: 'ClusterNotFoundException', message: 'Cluster not found.' }),
    );
    expect(() => resolveCluster(state, scope, undefined)).toThrow(expect.objectContaining({ code: 'ClusterNotFoundException' }));
    expect(state.clusters).toEqual({});
  });

  it('throws ClusterNotFoundException "The referenced cluster was inactive." for a deleted cluster', () => {
    expect(() => resolveCluster(stateWith(['old', 'INACTIVE']), scope, 'old')).toThrow(
      expect.objectContaining({ code: 'ClusterNotFoundException', message: 'The referenced cluster was inactive.' }),
    );
  });
});

describe('ensureCluster', () => {
  it('creates default on first use, with the account containerInsights default', () => {
    const state = stateWith();
    state.accountSettings.containerInsights = {
      '': { name: 'containerInsights', value: 'enabled', principalArn: 'arn:aws:iam::111122223333:root' },
    };
    const cluster = ensureCluster(state, scope, undefined, 5);
    expect(cluster).toMatchObject({
      clusterName: 'default',
      status: 'ACTIVE',
      createdAt: 5,
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    });
    expect(state.clusters.default).toBe(cluster);
    expect(ensureCluster(state, scope, 'default', 9).createdAt).toBe(5);
  });

  it('recreates a deleted default cluster', () => {
    const state = stateWith(['default', 'INACTIVE']);
    expect(ensureCluster(state, scope, ARN('default'), 7)).toMatchObject({ status: 'ACTIVE', createdAt: 7 });
  });

  it('does not create other clusters', () => {
    const state = stateWith(['gone', 'INACTIVE']);
    expect(() => ensureCluster(state, scope, 'web', 1)).toThrow(expect.objectContaining({ message: 'Cluster not found.' }));
    expect(() => ensureCluster(state, scope, 'gone', 1)).toThrow(
      expect.objectContaining({ message: 'The referenced cluster was inactive.' }),
    );
  });
});

describe('cluster usage from the tasks and services collections', () => {
  const state = withForeign(stateWith(['web'], ['idle']), {
    tasks: [
      { clusterArn: ARN('web'), lastStatus: 'RUNNING', launchType: 'FARGATE', capacityProviderName: 'FARGATE_SPOT' },
      { clusterArn: ARN('web'), lastStatus: 'STOPPED', capacityProviderName: 'FARGATE' },
      { lastStatus: 'RUNNING' },
    ],
    services: [{ clusterArn: ARN('web'), status: 'ACTIVE', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }],
  });

  it('counts what runs in each cluster', () => {
    expect(clusterUsageOf(state, ARN('web')).runningTasks.FARGATE).toBe(1);
    expect(clusterUsageOf(state, ARN('web')).activeServices.FARGATE).toBe(1);
    expect(clusterUsageOf(state, ARN('idle')).unstoppedTasks).toBe(0);
  });

  it('blocks deleting a cluster with an active service, not an empty one', () => {
    expect(clusterDeletionBlocker(state, 'web')?.code).toBe('ClusterContainsServicesException');
    expect(clusterDeletionBlocker(state, 'idle')).toBeNull();
  });

  it('blocks deleting a cluster with a task that has not stopped', () => {
    const s = withForeign(stateWith(['c']), { tasks: [{ clusterArn: ARN('c'), lastStatus: 'PROVISIONING' }] });
    expect(clusterDeletionBlocker(s, 'c')?.code).toBe('ClusterContainsTasksException');
  });

  it('knows which capacity providers are in use', () => {
    expect(capacityProviderInUse(state, ARN('web'), 'FARGATE')).toBe(true);
    expect(capacityProviderInUse(state, ARN('web'), 'FARGATE_SPOT')).toBe(true);
    expect(capacityProviderInUse(state, ARN('idle'), 'FARGATE')).toBe(false);
  });

  it('counts nothing while the collections do not exist', () => {
    expect(clusterUsageOf(stateWith(['web']), ARN('web')).unstoppedTasks).toBe(0);
  });
});
