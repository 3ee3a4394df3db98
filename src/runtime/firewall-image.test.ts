import { describe, expect, it } from 'vitest';
import { parseLdd } from './firewall-image.js';
import { hostOverlap } from './networks.js';

describe('parseLdd', () => {
  it('reads the libraries and the loader, for one or several files', () => {
    const output = [
      '/usr/sbin/xtables-nft-multi:',
      '\tlinux-vdso.so.1 (0x00007ffd)',
      '\tlibxtables.so.12 => /lib/x86_64-linux-gnu/libxtables.so.12 (0x00007f44)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f44)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f44)',
      '/usr/lib/x86_64-linux-gnu/xtables/libxt_tcp.so:',
      '\tlibxtables.so.12 => /lib/x86_64-linux-gnu/libxtables.so.12 (0x00007f3d)',
    ].join('\n');
    expect(parseLdd(output)).toEqual([
      '/lib/x86_64-linux-gnu/libxtables.so.12',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib64/ld-linux-x86-64.so.2',
      '/lib/x86_64-linux-gnu/libxtables.so.12',
    ]);
  });
});

describe('hostOverlap', () => {
  const iface = (cidr: string) => [{ address: cidr.split('/')[0]!, netmask: '', family: 'IPv4' as const, mac: '', internal: false, cidr }];
  it('refuses a VPC block over one of the host’s own networks, ignoring Docker bridges and loopback', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '', internal: true, cidr: '127.0.0.1/8' }],
      eth0: iface('172.31.5.10/20'),
      docker0: iface('172.17.0.1/16'),
      'br-0123abcd': iface('10.0.0.1/16'),
    };
    expect(hostOverlap('172.31.0.0/16', interfaces)).toMatch(/overlaps this host's own network eth0 \(172\.31\.5\.10\/20\)/);
    expect(hostOverlap('10.0.0.0/16', interfaces)).toBeNull();
    expect(hostOverlap('172.17.0.0/16', interfaces)).toBeNull();
    expect(hostOverlap('192.168.0.0/16', interfaces)).toBeNull();
  });
});
