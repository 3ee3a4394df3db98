// Security groups written into a real task namespace both ways: from the host (nsenter, the default where the
// emulator runs on the engine's host as root) and by the helper container (the fallback). Same rules either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirewallPolicy } from '../../src/domain/network/firewall-policy.js';
import { ImageResolver } from '../../src/runtime/images.js';
import { LABEL_INSTANCE } from '../../src/runtime/labels.js';
import { TaskFirewall } from '../../src/runtime/task-firewall.js';
import { BUSYBOX_IMAGE } from './images.js';
import { docker, namespaceRules, newInstanceId, ownedObjects, quietLogger, sweep } from './support/docker-harness.js';

const instanceId = newInstanceId('fw');
const policy: FirewallPolicy = {
  vpcCidr: '10.99.0.0/16',
  mark: 3,
  internetAccess: false,
  metadataAddress: '169.254.170.2',
  trustedSources: ['10.99.0.1/32'],
  ingress: [{ protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrs: ['10.99.1.0/24'] }],
  egress: [],
};

/** A stand-in pause container: a namespace of its own, nothing listening. */
async function sandbox(): Promise<{ id: string; pid: number }> {
  const container = await docker.createContainer({
    Image: BUSYBOX_IMAGE,
    Cmd: ['sleep', '600'],
    Labels: { [LABEL_INSTANCE]: instanceId },
    HostConfig: { NetworkMode: 'none' },
  });
  await container.start();
  const info = await container.inspect();
  return { id: container.id, pid: info.State.Pid };
}

beforeAll(() => sweep(instanceId));
afterAll(() => sweep(instanceId));

describe('TaskFirewall on the real engine', () => {
  it('from the host: the rules are in the namespace and no helper container was started', async () => {
    const target = await sandbox();
    const firewall = new TaskFirewall(docker, instanceId, new ImageResolver(docker, quietLogger), quietLogger, { pullImage: null });
    expect(await firewall.apply(target.id, policy, target.pid)).toBe('enforced');
    const rules = await namespaceRules(target.id);
    expect(rules).toContain(':INPUT DROP');
    expect(rules).toContain('-A OUTPUT ! -d 10.99.0.0/16 -j DROP');
    const helpers = (await ownedObjects(instanceId)).containers.filter((c) => c.Labels?.['fargate-local.role'] === 'firewall-helper');
    expect(helpers).toEqual([]);
  });

  it('by the helper container when the host path is off: the same rules, and the helper is gone afterwards', async () => {
    const viaHost = await sandbox();
    const viaHelper = await sandbox();
    const images = new ImageResolver(docker, quietLogger);
    await new TaskFirewall(docker, instanceId, images, quietLogger, { pullImage: null }).apply(viaHost.id, policy, viaHost.pid);
    const helperOnly = new TaskFirewall(docker, instanceId, images, quietLogger, { pullImage: null, hostRules: null });
    expect(await helperOnly.apply(viaHelper.id, policy)).toBe('enforced');
    const strip = (text: string) =>
      text
        .replace(/^#.*$/gm, '')
        .replace(/\[\d+:\d+\]/g, '')
        .trim();
    expect(strip(await namespaceRules(viaHelper.id))).toBe(strip(await namespaceRules(viaHost.id)));
    const helpers = (await ownedObjects(instanceId)).containers.filter((c) => c.Labels?.['fargate-local.role'] === 'firewall-helper');
    expect(helpers).toEqual([]);
  });

  it('writes Service Connect redirects into the nat table both ways, one jump however often they change', async () => {
    const viaHost = await sandbox();
    const viaHelper = await sandbox();
    const images = new ImageResolver(docker, quietLogger);
    const redirect = (address: string) => ({ ...policy, redirects: [{ address, port: 80, toPort: 8080 }] });
    const host = new TaskFirewall(docker, instanceId, images, quietLogger, { pullImage: null });
    const helperOnly = new TaskFirewall(docker, instanceId, images, quietLogger, { pullImage: null, hostRules: null });
    for (const [firewall, target] of [
      [host, viaHost],
      [helperOnly, viaHelper],
    ] as const) {
      expect(await firewall.apply(target.id, redirect('10.99.1.4'), target.pid, true)).toBe('enforced');
      expect(await firewall.apply(target.id, redirect('10.99.1.5'))).toBe('enforced');
    }
    const nat = await namespaceRules(viaHelper.id, 'nat');
    expect(nat.match(/-A OUTPUT -j FARGATE-LOCAL-ALIASES/g)).toHaveLength(1);
    expect(nat).toContain('-A FARGATE-LOCAL-ALIASES -d 10.99.1.5/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.99.1.5:8080');
    expect(nat).not.toContain('10.99.1.4');
    const strip = (text: string) =>
      text
        .replace(/^#.*$/gm, '')
        .replace(/\[\d+:\d+\]/g, '')
        .trim();
    expect(strip(nat)).toBe(strip(await namespaceRules(viaHost.id, 'nat')));
  });
});
