import { describe, expect, it } from 'vitest';
import type { ServiceRecord as EcsServiceRecord } from '../ecs-service.js';
import type { TaskRecord } from '../task.js';
import { emptyRegionState } from '../../store/schema.js';
import { registerInstance, updateCustomHealth } from './instances.js';
import { answerClientAlias, applyServiceConnect, ensureServiceConnectNamespace } from './service-connect.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const td = { containerDefinitions: [{ name: 'app', portMappings: [{ containerPort: 8080, name: 'http' }] }] };

function setUp() {
  const state = emptyRegionState();
  const arn = ensureServiceConnectNamespace(state, 'apps', 'arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-1', 'op', 0);
  let n = 0;
  const sc = (config: object) => applyServiceConnect(state, scope, config, arn, td, 'owner', () => `srv-${++n}`, 0);
  const backend = sc({ enabled: true, services: [{ portName: 'http', clientAliases: [{ port: 8080, dnsName: 'API' }] }] })!;
  const front = sc({ enabled: true })!;
  state.services['c/backend'] = { status: 'ACTIVE', serviceConnect: backend } as unknown as EcsServiceRecord;
  state.services['c/front'] = { status: 'ACTIVE', serviceConnect: front } as unknown as EcsServiceRecord;
  state.services['c/other'] = { status: 'ACTIVE' } as unknown as EcsServiceRecord;
  state.tasks.f = { taskId: 'f', clusterName: 'c', group: 'service:front' } as unknown as TaskRecord;
  state.tasks.o = { taskId: 'o', clusterName: 'c', group: 'service:other' } as unknown as TaskRecord;
  for (const [id, ip] of [
    ['b1', '10.0.0.4'],
    ['b2', '10.0.0.5'],
  ]) {
    registerInstance(
      state,
      { serviceId: backend.services[0]!.cloudMapServiceId, instanceId: id!, attributes: { AWS_INSTANCE_IPV4: ip! } },
      `o-${id}`,
      0,
    );
  }
  return { state, backend };
}

describe('Service Connect', () => {
  it('makes the HTTP namespace a name stands for, and a Cloud Map service per discoveryName', () => {
    const { state, backend } = setUp();
    expect(Object.values(state.cloudMapNamespaces)).toMatchObject([{ id: 'ns-1', name: 'apps', type: 'HTTP' }]);
    expect(backend.services[0]).toMatchObject({
      discoveryName: 'http',
      containerPort: 8080,
      clientAliases: [{ port: 8080, dnsName: 'api' }],
    });
    expect(state.cloudMapServices[backend.services[0]!.cloudMapServiceId]).toMatchObject({ name: 'http', type: 'HTTP' });
  });

  it('answers an alias to the tasks of a Service Connect service in the namespace, healthy ones only', () => {
    const { state, backend } = setUp();
    const ips = () => answerClientAlias(state, 'f', 'api.', 'A')!.answers.map((a) => a.type === 'A' && a.address);
    expect(ips().sort()).toEqual(['10.0.0.4', '10.0.0.5']);
    updateCustomHealth(state, backend.services[0]!.cloudMapServiceId, 'b1', 'UNHEALTHY');
    expect(ips()).toEqual(['10.0.0.5']);
    expect(answerClientAlias(state, 'o', 'api', 'A')).toBeNull();
    expect(answerClientAlias(state, 'f', 'web', 'A')).toBeNull();
  });

  it('refuses a portName no port mapping has', () => {
    const { state } = setUp();
    expect(() =>
      applyServiceConnect(
        state,
        scope,
        { enabled: true, namespace: 'apps', services: [{ portName: 'grpc' }] },
        undefined,
        td,
        'o',
        () => 'x',
        0,
      ),
    ).toThrow(/grpc/);
  });
});
