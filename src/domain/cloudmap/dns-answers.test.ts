import { describe, expect, it } from 'vitest';
import { emptyRegionState } from '../../store/schema.js';
import { answerQuery } from './dns-answers.js';
import { registerInstance, updateCustomHealth } from './instances.js';
import { createNamespace } from './namespaces.js';
import { createService } from './services.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };

function setUp() {
  const state = emptyRegionState();
  state.vpcs['vpc-a'] = {} as never;
  state.vpcs['vpc-b'] = {} as never;
  createNamespace(
    state,
    scope,
    { name: 'corp.internal', type: 'DNS_PRIVATE', vpc: 'vpc-a' },
    { namespaceId: 'ns-1', operationId: 'o1', hostedZoneId: 'Z' },
    0,
  );
  createService(
    state,
    scope,
    {
      name: 'api',
      namespaceId: 'ns-1',
      dnsConfig: {
        DnsRecords: [
          { Type: 'A', TTL: 7 },
          { Type: 'SRV', TTL: 9 },
        ],
      },
      healthCheckCustomConfig: {},
    },
    'srv-1',
    0,
  );
  for (const [id, ip] of [
    ['t1', '10.0.0.4'],
    ['t2', '10.0.0.5'],
  ] as const) {
    registerInstance(
      state,
      { serviceId: 'srv-1', instanceId: id, attributes: { AWS_INSTANCE_IPV4: ip, AWS_INSTANCE_PORT: '8080' } },
      `op-${id}`,
      0,
    );
  }
  return state;
}

describe('DNS answers of a private namespace', () => {
  it('answers A with every healthy instance and the record TTL, only inside the VPC', () => {
    const state = setUp();
    const a = answerQuery(state, 'vpc-a', 'API.corp.internal.', 'A')!;
    expect(a.rcode).toBe('NOERROR');
    expect(a.answers.map((r) => r.type === 'A' && [r.address, r.ttl]).sort()).toEqual([
      ['10.0.0.4', 7],
      ['10.0.0.5', 7],
    ]);
    expect(answerQuery(state, 'vpc-b', 'api.corp.internal', 'A')).toBeNull();
    expect(answerQuery(state, 'vpc-a', 'example.com', 'A')).toBeNull();
  });

  it('drops unhealthy instances, and answers with the unhealthy ones when none is healthy', () => {
    const state = setUp();
    updateCustomHealth(state, 'srv-1', 't1', 'UNHEALTHY');
    expect(answerQuery(state, 'vpc-a', 'api.corp.internal', 'A')!.answers.map((r) => r.type === 'A' && r.address)).toEqual(['10.0.0.5']);
    updateCustomHealth(state, 'srv-1', 't2', 'UNHEALTHY');
    expect(answerQuery(state, 'vpc-a', 'api.corp.internal', 'A')!.answers).toHaveLength(2);
  });

  it('answers SRV with the port and a per-instance target that resolves, and NXDOMAIN for other names', () => {
    const state = setUp();
    const srv = answerQuery(state, 'vpc-a', 'api.corp.internal', 'SRV')!;
    expect(srv.answers).toContainEqual({
      type: 'SRV',
      name: 'api.corp.internal',
      ttl: 9,
      priority: 1,
      weight: 1,
      port: 8080,
      target: 't1.api.corp.internal',
    });
    expect(answerQuery(state, 'vpc-a', 't1.api.corp.internal', 'A')!.answers).toEqual([
      { type: 'A', name: 't1.api.corp.internal', ttl: 9, address: '10.0.0.4' },
    ]);
    expect(answerQuery(state, 'vpc-a', 'nope.corp.internal', 'A')!.rcode).toBe('NXDOMAIN');
    expect(answerQuery(state, 'vpc-a', 'api.corp.internal', 'AAAA')).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });

  it('is NXDOMAIN for a service with no instance left', () => {
    const state = setUp();
    delete state.cloudMapInstances['srv-1/t1'];
    delete state.cloudMapInstances['srv-1/t2'];
    expect(answerQuery(state, 'vpc-a', 'api.corp.internal', 'A')!.rcode).toBe('NXDOMAIN');
  });
});
