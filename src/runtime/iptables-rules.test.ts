import { describe, expect, it } from 'vitest';
import type { FirewallPolicy } from '../domain/network/firewall-policy.js';
import { renderIptablesRules, renderRedirectRules } from './iptables-rules.js';

const policy: FirewallPolicy = {
  vpcCidr: '10.7.0.0/16',
  mark: 3,
  internetAccess: false,
  metadataAddress: '169.254.170.2',
  trustedSources: ['10.7.0.1/32'],
  ingress: [
    { protocol: 'tcp', fromPort: 80, toPort: 80, cidrs: ['10.7.1.4/32', '10.7.1.5/32'], marks: [1, 4] },
    { protocol: 'udp', fromPort: 5000, toPort: 5100, cidrs: ['0.0.0.0/0'] },
    { protocol: 'icmp', fromPort: 8, toPort: -1, cidrs: ['0.0.0.0/0'] },
    { protocol: 'icmp', fromPort: -1, toPort: -1, cidrs: ['10.0.0.0/8'] },
    { protocol: '47', cidrs: ['10.7.0.0/16'] },
  ],
  egress: [{ protocol: 'all', cidrs: ['0.0.0.0/0'] }],
};

describe('renderIptablesRules', () => {
  it('writes the filter table (replies, no new agent-network traffic, the host, one ACCEPT per peer, DROP) and the mark', () => {
    expect(renderIptablesRules(policy).split('\n')).toEqual([
      '*filter',
      ':INPUT DROP [0:0]',
      ':FORWARD DROP [0:0]',
      ':OUTPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -s 169.254.0.0/16 -j DROP',
      '-A INPUT -s 10.7.0.1/32 -j ACCEPT',
      '-A INPUT -s 10.7.0.0/16 -m dscp --dscp 1 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A INPUT -s 10.7.0.0/16 -m dscp --dscp 4 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A INPUT -s 10.7.1.4/32 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A INPUT -s 10.7.1.5/32 -p tcp -m tcp --dport 80 -j ACCEPT',
      '-A INPUT -s 0.0.0.0/0 -p udp -m udp --dport 5000:5100 -j ACCEPT',
      '-A INPUT -s 0.0.0.0/0 -p icmp -m icmp --icmp-type 8 -j ACCEPT',
      '-A INPUT -s 10.0.0.0/8 -p icmp -j ACCEPT',
      '-A INPUT -s 10.7.0.0/16 -p 47 -j ACCEPT',
      '-A OUTPUT -o lo -j ACCEPT',
      '-A OUTPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A OUTPUT -d 169.254.170.2/32 -j ACCEPT',
      '-A OUTPUT -d 169.254.0.0/16 -j DROP',
      '-A OUTPUT -p udp -m udp --dport 53 -j ACCEPT',
      '-A OUTPUT -p tcp -m tcp --dport 53 -j ACCEPT',
      '-A OUTPUT ! -d 10.7.0.0/16 -j DROP',
      '-A OUTPUT -d 0.0.0.0/0 -j ACCEPT',
      'COMMIT',
      '*mangle',
      ':PREROUTING ACCEPT [0:0]',
      ':INPUT ACCEPT [0:0]',
      ':FORWARD ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':POSTROUTING ACCEPT [0:0]',
      '-A OUTPUT -j DSCP --set-dscp 3',
      'COMMIT',
      '',
    ]);
  });

  it('lets a task with internet access send outside its VPC, as its egress rules allow', () => {
    const text = renderIptablesRules({ ...policy, internetAccess: true });
    expect(text).not.toContain('! -d 10.7.0.0/16');
    expect(text).toContain('-A OUTPUT -d 0.0.0.0/0 -j ACCEPT');
  });

  it('writes an ICMP type with its code', () => {
    const text = renderIptablesRules({ ...policy, ingress: [{ protocol: 'icmp', fromPort: 3, toPort: 4, cidrs: ['0.0.0.0/0'] }] });
    expect(text).toContain('--icmp-type 3/4');
  });

  it('lets the task out to the metadata endpoint at the configured address, and to nothing else link-local', () => {
    const rules = renderIptablesRules({ ...policy, metadataAddress: '10.99.0.2' }).split('\n');
    expect(rules).toContain('-A OUTPUT -d 10.99.0.2/32 -j ACCEPT');
    expect(rules).not.toContain('-A OUTPUT -d 169.254.170.2/32 -j ACCEPT');
    expect(rules.indexOf('-A OUTPUT -d 10.99.0.2/32 -j ACCEPT')).toBeLessThan(rules.indexOf('-A OUTPUT -d 169.254.0.0/16 -j DROP'));
  });
});

describe('renderRedirectRules', () => {
  const redirects = [
    { address: '10.7.1.4', port: 80, toPort: 8080 },
    { address: '10.7.1.5', port: 80, toPort: 8080 },
  ];

  it('writes a DNAT per redirect into its own nat chain, and the jump to it as told', () => {
    expect(renderRedirectRules(redirects, 'add').split('\n')).toEqual([
      '*nat',
      ':FARGATE-LOCAL-ALIASES - [0:0]',
      '-A OUTPUT -j FARGATE-LOCAL-ALIASES',
      '-A FARGATE-LOCAL-ALIASES -d 10.7.1.4/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.7.1.4:8080',
      '-A FARGATE-LOCAL-ALIASES -d 10.7.1.5/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.7.1.5:8080',
      'COMMIT',
      '',
    ]);
    expect(renderRedirectRules(redirects, 'keep')).not.toContain('OUTPUT');
    const replace = renderRedirectRules([], 'replace').split('\n');
    expect(replace.slice(1, 4)).toEqual([
      ':FARGATE-LOCAL-ALIASES - [0:0]',
      '-D OUTPUT -j FARGATE-LOCAL-ALIASES',
      '-A OUTPUT -j FARGATE-LOCAL-ALIASES',
    ]);
  });
});
