import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, intToIp, ipToInt, parseCidr } from './cidr.js';
import { allocateIp, isUsableAddress, usableAddressCount } from './ip-allocator.js';

const cidr = (t: string) => parseCidr(t)!;

describe('cidr', () => {
  it('parses and normalises IPv4 blocks, and refuses anything else', () => {
    expect(cidr('10.0.1.7/24')).toMatchObject({ text: '10.0.1.0/24', prefix: 24, size: 256 });
    expect(parseCidr('10.0.1.0')).toBeNull();
    expect(parseCidr('10.0.1.0/33')).toBeNull();
    expect(parseCidr('fd00::/64')).toBeNull();
    expect(parseCidr('banana')).toBeNull();
  });
  it('converts addresses both ways', () => {
    expect(intToIp(ipToInt('172.31.255.254'))).toBe('172.31.255.254');
    expect(ipToInt('0.0.1.0')).toBe(256);
  });
  it('tells containment and overlap', () => {
    expect(cidrContains(cidr('172.31.0.0/16'), cidr('172.31.16.0/20'))).toBe(true);
    expect(cidrContains(cidr('172.31.16.0/20'), cidr('172.31.0.0/16'))).toBe(false);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.0.128/25'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/24'), cidr('10.0.1.0/24'))).toBe(false);
  });
});

describe('allocateIp', () => {
  it('keeps the first four and the last address for AWS: a /28 holds 11', () => {
    const block = cidr('10.0.3.0/28');
    expect(usableAddressCount(block)).toBe(11);
    const used = new Set<string>();
    for (let i = 0; i < 11; i++) used.add(allocateIp(block, used)!);
    expect([...used]).toEqual(Array.from({ length: 11 }, (_, i) => `10.0.3.${i + 4}`));
    expect(allocateIp(block, used)).toBeNull();
  });
  it('hands a freed address out again', () => {
    const block = cidr('10.0.3.0/28');
    const used = new Set(['10.0.3.4', '10.0.3.6']);
    expect(allocateIp(block, used)).toBe('10.0.3.5');
  });
  it('knows which addresses are usable', () => {
    const block = cidr('10.0.3.0/28');
    expect(['10.0.3.0', '10.0.3.1', '10.0.3.3', '10.0.3.15'].map((ip) => isUsableAddress(block, ip))).toEqual([false, false, false, false]);
    expect(isUsableAddress(block, '10.0.3.14')).toBe(true);
  });
});
