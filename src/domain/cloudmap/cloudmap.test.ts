import { describe, expect, it } from 'vitest';
import { emptyRegionState } from '../../store/schema.js';
import { deregisterInstance, discoverInstances, registerInstance, updateCustomHealth } from './instances.js';
import { createNamespace } from './namespaces.js';
import { OPERATION_COMPLETION_MS, operationStatus } from './operations.js';
import { createService } from './services.js';

const scope = { accountId: '123456789012', region: 'eu-west-1' };

function setUp() {
  const state = emptyRegionState();
  state.vpcs['vpc-1'] = {} as never;
  createNamespace(
    state,
    scope,
    { name: 'corp.internal', type: 'DNS_PRIVATE', vpc: 'vpc-1' },
    { namespaceId: 'ns-1', operationId: 'op-1', hostedZoneId: 'Z1' },
    1000,
  );
  createService(
    state,
    scope,
    { name: 'api', namespaceId: 'ns-1', dnsConfig: { DnsRecords: [{ Type: 'A', TTL: 5 }] }, healthCheckCustomConfig: {} },
    'srv-1',
    1000,
  );
  return state;
}

describe('Cloud Map domain', () => {
  it('reports an operation SUBMITTED, then SUCCESS once its time has come', () => {
    const state = setUp();
    const op = state.cloudMapOperations['op-1']!;
    expect(operationStatus(op, 1000)).toBe('SUBMITTED');
    expect(operationStatus(op, 1000 + OPERATION_COMPLETION_MS)).toBe('SUCCESS');
    expect(state.cloudMapNamespaces['ns-1']!.arn).toBe('arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-1');
  });

  it('discovers healthy instances by default, every instance with ALL, and follows custom health', () => {
    const state = setUp();
    registerInstance(state, { serviceId: 'srv-1', instanceId: 'a', attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' } }, 'op-2', 2000);
    registerInstance(
      state,
      { serviceId: 'srv-1', instanceId: 'b', attributes: { AWS_INSTANCE_IPV4: '10.0.0.2', AWS_INIT_HEALTH_STATUS: 'UNHEALTHY' } },
      'op-3',
      2000,
    );
    const ids = (filter?: 'ALL' | 'UNHEALTHY' | 'HEALTHY_OR_ELSE_ALL') =>
      discoverInstances(state, { namespaceName: 'CORP.internal.', serviceName: 'API', healthStatus: filter }).instances.map(
        (i) => i.instance.id,
      );
    expect(ids()).toEqual(['a']);
    expect(ids('ALL')).toEqual(['a', 'b']);
    expect(ids('UNHEALTHY')).toEqual(['b']);
    updateCustomHealth(state, 'srv-1', 'a', 'UNHEALTHY');
    expect(ids()).toEqual([]);
    expect(ids('HEALTHY_OR_ELSE_ALL')).toEqual(['a', 'b']);
    const before = state.cloudMapServices['srv-1']!.instancesRevision;
    deregisterInstance(state, 'srv-1', 'b', 'op-4', 3000);
    expect(state.cloudMapServices['srv-1']!.instancesRevision).toBe(before + 1);
    expect(ids('ALL')).toEqual(['a']);
  });

  it('keeps the health of an instance registered again', () => {
    const state = setUp();
    registerInstance(state, { serviceId: 'srv-1', instanceId: 'a', attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' } }, 'op-2', 2000);
    updateCustomHealth(state, 'srv-1', 'a', 'UNHEALTHY');
    registerInstance(state, { serviceId: 'srv-1', instanceId: 'a', attributes: { AWS_INSTANCE_IPV4: '10.0.0.9' } }, 'op-3', 2000);
    expect(state.cloudMapInstances['srv-1/a']).toMatchObject({ customHealth: 'UNHEALTHY', attributes: { AWS_INSTANCE_IPV4: '10.0.0.9' } });
  });
});
