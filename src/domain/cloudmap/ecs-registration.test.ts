import { describe, expect, it } from 'vitest';
import type { ServiceRecord as EcsServiceRecord } from '../ecs-service.js';
import type { TaskRecord } from '../task.js';
import { emptyRegionState } from '../../store/schema.js';
import { syncTaskRegistration } from './ecs-registration.js';
import { createNamespace } from './namespaces.js';
import { createService } from './services.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };

function setUp() {
  const state = emptyRegionState();
  createNamespace(state, scope, { name: 'h', type: 'HTTP' }, { namespaceId: 'ns-1', operationId: 'op', hostedZoneId: 'Z' }, 0);
  const cm = createService(state, scope, { name: 'api', namespaceId: 'ns-1', healthCheckCustomConfig: {} }, 'srv-1', 0);
  state.services['c/api'] = { serviceRegistries: [{ registryArn: cm.arn }] } as unknown as EcsServiceRecord;
  state.tasks.t1 = {
    taskId: 't1',
    clusterName: 'c',
    group: 'service:api',
    family: 'fam',
    availabilityZone: 'us-east-1a',
    lastStatus: 'PENDING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    attachment: { privateIPv4Address: '10.0.0.4' },
  } as unknown as TaskRecord;
  let n = 0;
  const sync = () => syncTaskRegistration(state, 't1', 'us-east-1', 1, () => `op-${++n}`);
  return { state, task: state.tasks.t1!, sync };
}

describe('ECS task registration in Cloud Map', () => {
  it('registers a task once RUNNING, follows its health, and deregisters it once it is to stop', () => {
    const { state, task, sync } = setUp();
    expect(sync()).toBe(false);
    task.lastStatus = 'RUNNING';
    expect(sync()).toBe(true);
    expect(state.cloudMapInstances['srv-1/t1']).toMatchObject({ customHealth: 'HEALTHY', attributes: { AWS_INSTANCE_IPV4: '10.0.0.4' } });
    expect(sync()).toBe(false);
    task.healthStatus = 'UNHEALTHY';
    expect(sync()).toBe(true);
    expect(state.cloudMapInstances['srv-1/t1']!.customHealth).toBe('UNHEALTHY');
    task.desiredStatus = 'STOPPED';
    expect(sync()).toBe(true);
    expect(state.cloudMapInstances['srv-1/t1']).toBeUndefined();
  });

  it('deregisters a task whose service no longer names the registry', () => {
    const { state, task, sync } = setUp();
    task.lastStatus = 'RUNNING';
    sync();
    state.services['c/api']!.serviceRegistries = [];
    expect(sync()).toBe(true);
    expect(Object.keys(state.cloudMapInstances)).toEqual([]);
  });
});
