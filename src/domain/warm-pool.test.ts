import { describe, expect, it } from 'vitest';
import { parseCidr } from './network/cidr.js';
import { allocateIp, allocateIpFromTop, usableAddressCount } from './network/ip-allocator.js';
import { createTaskEni, type NetworkState } from './network/network-state.js';
import { createSubnet, createVpc } from './network/vpc-operations.js';
import { isSpareId, keysToKeepWarm, poolKey, poolKeyText, spareTarget, sparesOverAllowance, SPARE_ID_PREFIX } from './warm-pool.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };

describe('warm pool keys', () => {
  it('one key per subnet, set of groups (in any order, repeats ignored) and public IP choice', () => {
    const a = poolKeyText(poolKey('a/r', 'subnet-1', ['sg-2', 'sg-1', 'sg-2'], false));
    expect(a).toBe(poolKeyText(poolKey('a/r', 'subnet-1', ['sg-1', 'sg-2'], false)));
    expect(a).not.toBe(poolKeyText(poolKey('a/r', 'subnet-1', ['sg-1'], false)));
    expect(a).not.toBe(poolKeyText(poolKey('a/r', 'subnet-1', ['sg-1', 'sg-2'], true)));
    expect(a).not.toBe(poolKeyText(poolKey('a/r', 'subnet-2', ['sg-1', 'sg-2'], false)));
    expect(a).not.toBe(poolKeyText(poolKey('b/r', 'subnet-1', ['sg-1', 'sg-2'], false)));
  });

  it('keeps the most recently used keys warm, at most maxKeys, none idle for idleMs', () => {
    const use = (subnet: string, lastUsed: number) => ({ key: poolKey('a/r', subnet, [], false), lastUsed });
    const uses = [use('s1', 100), use('s2', 900), use('s3', 500), use('s4', 1000)];
    const warm = keysToKeepWarm(uses, 1000, { maxKeys: 2, idleMs: 10_000 }).map((u) => u.key.subnetId);
    expect(warm).toEqual(['s4', 's2']);
    expect(keysToKeepWarm(uses, 1000, { maxKeys: 9, idleMs: 600 }).map((u) => u.key.subnetId)).toEqual(['s4', 's2', 's3']);
    expect(keysToKeepWarm(uses, 20_000, { maxKeys: 9, idleMs: 10_000 })).toEqual([]);
  });

  it('spare ids can never be task ids', () => {
    expect(isSpareId(`${SPARE_ID_PREFIX}0123`)).toBe(true);
    expect(isSpareId('0123456789abcdef0123456789abcdef')).toBe(false);
  });
});

describe('how many spares a subnet holds', () => {
  it('the pool size while the subnet has room, never more than half of its free addresses', () => {
    expect(spareTarget(2, 250, 0)).toBe(2);
    expect(spareTarget(2, 3, 0)).toBe(1);
    expect(spareTarget(2, 1, 0)).toBe(0);
    // Other keys' spares in the same subnet count against the same half.
    expect(spareTarget(4, 10, 3)).toBe(2);
    expect(spareTarget(4, 10, 6)).toBe(0);
  });

  it('gives back what is over half of the free addresses as launches take them', () => {
    // A /28: 11 usable. Two spares fit; as tasks take addresses, the spares go one by one.
    expect(sparesOverAllowance(11, 2)).toBe(0);
    expect(sparesOverAllowance(3, 2)).toBe(1);
    expect(sparesOverAllowance(1, 2)).toBe(2);
  });

  it('with the allowance kept, a /28 always has a free address for each of its 11 launches', () => {
    const usable = usableAddressCount(parseCidr('10.0.0.0/28')!);
    let held = 0;
    for (let tasks = 0; tasks < usable; tasks++) {
      const free = usable - tasks; // addresses no ENI has (spares' included)
      held -= sparesOverAllowance(free, held); // given back
      held = Math.max(held, spareTarget(2, free, 0)); // refilled (one key)
      expect(free - held).toBeGreaterThan(0); // a launch finds an address no spare holds
    }
  });
});

describe('addresses for spares and for launches', () => {
  function state() {
    const s: NetworkState = { vpcs: {}, subnets: {}, securityGroups: {}, networkInterfaces: {} };
    createVpc(s, scope, { vpcId: 'vpc-a', defaultGroupId: 'sg-def', cidrBlock: '10.9.0.0/16', tags: [] }, 0);
    createSubnet(s, scope, { subnetId: 'subnet-a', vpcId: 'vpc-a', cidrBlock: '10.9.1.0/28', tags: [] }, 0);
    return s;
  }
  const eni = (s: NetworkState, n: number, extra: { privateIpAddress?: string; reserved?: ReadonlySet<string> } = {}) =>
    createTaskEni(
      s,
      {
        scope,
        subnetId: 'subnet-a',
        securityGroups: ['sg-def'],
        taskArn: `t${n}`,
        attachmentId: `a${n}`,
        networkInterfaceId: `eni-${n}`,
        ec2AttachmentId: `eni-attach-${n}`,
        assignPublicIp: false,
        ...extra,
      },
      0,
    );

  it('spares take the highest free address, launches the lowest', () => {
    const cidr = parseCidr('10.9.1.0/28')!;
    expect(allocateIpFromTop(cidr, new Set())).toBe('10.9.1.14');
    expect(allocateIpFromTop(cidr, new Set(['10.9.1.14']))).toBe('10.9.1.13');
    expect(allocateIp(cidr, new Set())).toBe('10.9.1.4');
    const all = new Set(Array.from({ length: 11 }, (_, i) => `10.9.1.${i + 4}`));
    expect(allocateIpFromTop(cidr, all)).toBeNull();
  });

  it('a launch that claims a spare gets its address; others skip the addresses spares hold', () => {
    const s = state();
    expect(eni(s, 1, { privateIpAddress: '10.9.1.14' })!.privateIpAddress).toBe('10.9.1.14');
    expect(eni(s, 2, { reserved: new Set(['10.9.1.4', '10.9.1.5']) })!.privateIpAddress).toBe('10.9.1.6');
    // A wanted address already taken (or outside the subnet) falls back to the lowest free one.
    expect(eni(s, 3, { privateIpAddress: '10.9.1.14' })!.privateIpAddress).toBe('10.9.1.4');
    expect(eni(s, 4, { privateIpAddress: '10.9.2.9' })!.privateIpAddress).toBe('10.9.1.5');
  });

  it('a subnet whose only free addresses spares hold has none for a launch that claims no spare', () => {
    const s = state();
    for (let n = 0; n < 9; n++) eni(s, n);
    const reserved = new Set(['10.9.1.13', '10.9.1.14']);
    expect(eni(s, 10, { reserved })).toBeNull();
    expect(eni(s, 11, { reserved, privateIpAddress: '10.9.1.14' })!.privateIpAddress).toBe('10.9.1.14');
  });
});
