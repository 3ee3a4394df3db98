import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from './config.js';

// commander reads variables from process.env itself.
function read(argv: string[], env: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return readConfig(argv, process.env, '/tmp');
}
afterEach(() => vi.unstubAllEnvs());

describe('networking settings', () => {
  it('enforce security groups, let the host in, publish nothing, and pull the Kubernetes iptables image by default', () => {
    expect(read([])).toMatchObject({
      enforceSecurityGroups: true,
      securityGroupsApplyToHost: false,
      publishTaskPorts: false,
      firewallImage: 'registry.k8s.io/build-image/distroless-iptables:v0.8.7',
    });
  });

  it('reads flags', () => {
    const c = read(['--no-security-groups', '--security-groups-apply-to-host', '--publish-task-ports', '--firewall-image', '']);
    expect(c).toMatchObject({ enforceSecurityGroups: false, securityGroupsApplyToHost: true, publishTaskPorts: true, firewallImage: null });
  });

  it('reads the environment, where a false value means off', () => {
    expect(
      read([], {
        FARGATE_LOCAL_NO_SECURITY_GROUPS: '1',
        FARGATE_LOCAL_PUBLISH_TASK_PORTS: 'true',
        FARGATE_LOCAL_FIREWALL_IMAGE: 'example/iptables:1',
      }),
    ).toMatchObject({ enforceSecurityGroups: false, publishTaskPorts: true, firewallImage: 'example/iptables:1' });
    expect(read([], { FARGATE_LOCAL_NO_SECURITY_GROUPS: 'false', FARGATE_LOCAL_SECURITY_GROUPS_APPLY_TO_HOST: '0' })).toMatchObject({
      enforceSecurityGroups: true,
      securityGroupsApplyToHost: false,
    });
  });
});
