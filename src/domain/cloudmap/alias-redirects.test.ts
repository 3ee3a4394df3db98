import { describe, expect, it } from 'vitest';
import type { ServiceRecord as EcsServiceRecord } from '../ecs-service.js';
import type { TaskRecord } from '../task.js';
import { emptyRegionState } from '../../store/schema.js';
import { clientAliasRedirects, servesRedirectedAliases } from './alias-redirects.js';
import { applyServiceConnect, ensureServiceConnectNamespace } from './service-connect.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const td = {
  containerDefinitions: [
    {
      name: 'app',
      portMappings: [
        { containerPort: 8080, name: 'http' },
        { containerPort: 9090, name: 'admin' },
      ],
    },
  ],
};

function setUp() {
  const state = emptyRegionState();
  const arn = ensureServiceConnectNamespace(state, 'apps', 'arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-1', 'op', 0);
  const other = ensureServiceConnectNamespace(state, 'other', 'arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-2', 'op2', 0);
  let n = 0;
  const sc = (config: object, ns = arn) => applyServiceConnect(state, scope, config, ns, td, 'owner', () => `srv-${++n}`, 0);
  const service = (name: string, config: object, ns = arn) => {
    state.services[`c/${name}`] = { status: 'ACTIVE', serviceConnect: sc(config, ns) } as unknown as EcsServiceRecord;
  };
  service('backend', {
    enabled: true,
    services: [
      // 80 → 8080 is redirected; 8080 → 8080 is the container port already.
      { portName: 'http', clientAliases: [{ port: 80, dnsName: 'api' }, { port: 8080 }] },
      // Two aliases on port 80 of the same task: the first one configured keeps it.
      {
        portName: 'admin',
        clientAliases: [
          { port: 80, dnsName: 'admin' },
          { port: 9000, dnsName: 'admin' },
        ],
      },
    ],
  });
  service('front', { enabled: true });
  service('plain', { enabled: true, services: [{ portName: 'http', clientAliases: [{ port: 8080, dnsName: 'plain' }] }] });
  service('elsewhere', { enabled: true, services: [{ portName: 'http', clientAliases: [{ port: 81, dnsName: 'x' }] }] }, other);
  state.services['c/nosc'] = { status: 'ACTIVE' } as unknown as EcsServiceRecord;
  const task = (taskId: string, group: string, address: string, vpcId = 'vpc-1', lastStatus = 'RUNNING') => {
    state.tasks[taskId] = {
      taskId,
      clusterName: 'c',
      group,
      lastStatus,
      attachment: { privateIPv4Address: address, vpcId },
    } as unknown as TaskRecord;
    return state.tasks[taskId];
  };
  return { state, task };
}

describe('clientAliasRedirects', () => {
  it('redirects each alias port of the namespace’s server tasks in the VPC to their container port', () => {
    const { state, task } = setUp();
    const front = task('f', 'service:front', '10.0.0.3');
    task('b1', 'service:backend', '10.0.0.10');
    task('b2', 'service:backend', '10.0.0.9');
    task('b3', 'service:backend', '10.1.0.9', 'vpc-2');
    task('b4', 'service:backend', '10.0.0.11', 'vpc-1', 'STOPPED');
    task('p', 'service:plain', '10.0.0.12');
    task('e', 'service:elsewhere', '10.0.0.13');
    expect(clientAliasRedirects(state.services, Object.values(state.tasks), front)).toEqual([
      { address: '10.0.0.9', port: 80, toPort: 8080 },
      { address: '10.0.0.9', port: 9000, toPort: 9090 },
      { address: '10.0.0.10', port: 80, toPort: 8080 },
      { address: '10.0.0.10', port: 9000, toPort: 9090 },
    ]);
  });

  it('gives nothing to standalone tasks, tasks of services without Service Connect, or when no alias needs it', () => {
    const { state, task } = setUp();
    task('b1', 'service:backend', '10.0.0.10');
    const lone = task('l', 'family:app', '10.0.0.4');
    const nosc = task('n', 'service:nosc', '10.0.0.5');
    const elsewhere = task('e', 'service:elsewhere', '10.0.0.6');
    const tasks = Object.values(state.tasks);
    expect(clientAliasRedirects(state.services, tasks, lone)).toEqual([]);
    expect(clientAliasRedirects(state.services, tasks, nosc)).toEqual([]);
    // Its own namespace's alias, but its only server is itself.
    expect(clientAliasRedirects(state.services, tasks, elsewhere)).toEqual([{ address: '10.0.0.6', port: 81, toPort: 8080 }]);
    state.services['c/backend']!.status = 'INACTIVE';
    expect(clientAliasRedirects(state.services, tasks, task('f', 'service:front', '10.0.0.3'))).toEqual([]);
  });

  it('tells which tasks are behind redirected aliases', () => {
    const { state, task } = setUp();
    expect(servesRedirectedAliases(state.services, task('b', 'service:backend', '10.0.0.10'))).toBe(true);
    expect(servesRedirectedAliases(state.services, task('p', 'service:plain', '10.0.0.11'))).toBe(false);
    expect(servesRedirectedAliases(state.services, task('f', 'service:front', '10.0.0.12'))).toBe(false);
    expect(servesRedirectedAliases(state.services, task('l', 'family:app', '10.0.0.13'))).toBe(false);
  });
});
