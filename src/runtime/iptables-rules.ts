// A task's firewall policy as an `iptables-restore` input for the filter and mangle tables of the task's network
// namespace. The nat table is not written, so Docker's own rules there (the embedded DNS at 127.0.0.11) stay.
//
// mangle OUTPUT: every packet the task sends carries its group-set mark in DSCP (0 without one), whatever the app
// set on its socket, so peers can match the sender's security groups (firewall-policy.ts).
// INPUT: loopback; replies (security groups are stateful); nothing new from the agent network (169.254.0.0/16:
// tasks never reach each other over it); the trusted sources (the host); then one ACCEPT per ingress peer; DROP.
// OUTPUT: loopback; replies; the task metadata and credentials endpoint (169.254.170.2, or --metadata-address) and
// nothing else link-local;
// DNS (a VPC's resolver answers whatever the groups say, and Docker's embedded resolver forwards from inside the
// task's namespace); without internet access, nothing outside the VPC's block; then one ACCEPT per egress peer; DROP.
//
// Service Connect redirects (a client alias's port to the server's container port) are DNAT rules in a chain of our
// own in the nat table, restored with --noflush: declaring the chain empties it, Docker's own nat rules stay. nat
// OUTPUT jumps to it once; nothing in an iptables-restore input can add a rule "unless it is there", so the caller
// says which: `add` (a namespace known to have no jump yet), `keep` (it has one), `replace` (unknown: delete one and
// add it back, which fails as a whole where there is none; then `add` is right).
import type { FirewallPolicy, FirewallRule, PortRedirect } from '../domain/network/firewall-policy.js';

const LINK_LOCAL = '169.254.0.0/16';

function match(rule: FirewallRule): string {
  switch (rule.protocol) {
    case 'all':
      return '';
    case 'tcp':
    case 'udp': {
      const ports = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}:${rule.toPort}`;
      return ` -p ${rule.protocol} -m ${rule.protocol} --dport ${ports}`;
    }
    case 'icmp': {
      if (rule.fromPort === undefined || rule.fromPort < 0) return ' -p icmp';
      const code = rule.toPort === undefined || rule.toPort < 0 ? '' : `/${rule.toPort}`;
      return ` -p icmp -m icmp --icmp-type ${rule.fromPort}${code}`;
    }
    case 'icmpv6':
      // No IPv6 on the task networks: nothing can match.
      return ' -p 58';
    default:
      return ` -p ${rule.protocol}`;
  }
}

function accepts(chain: 'INPUT' | 'OUTPUT', rules: readonly FirewallRule[], vpcCidr: string): string[] {
  const peer = chain === 'INPUT' ? '-s' : '-d';
  return rules.flatMap((rule) => [
    ...(rule.marks ?? []).map((mark) => `-A ${chain} -s ${vpcCidr} -m dscp --dscp ${mark}${match(rule)} -j ACCEPT`),
    ...rule.cidrs.map((cidr) => `-A ${chain} ${peer} ${cidr}${match(rule)} -j ACCEPT`),
  ]);
}

export function renderIptablesRules(policy: FirewallPolicy): string {
  const lines = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT DROP [0:0]',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    `-A INPUT -s ${LINK_LOCAL} -j DROP`,
    ...policy.trustedSources.map((cidr) => `-A INPUT -s ${cidr} -j ACCEPT`),
    ...accepts('INPUT', policy.ingress, policy.vpcCidr),
    '-A OUTPUT -o lo -j ACCEPT',
    '-A OUTPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    `-A OUTPUT -d ${policy.metadataAddress}/32 -j ACCEPT`,
    `-A OUTPUT -d ${LINK_LOCAL} -j DROP`,
    '-A OUTPUT -p udp -m udp --dport 53 -j ACCEPT',
    '-A OUTPUT -p tcp -m tcp --dport 53 -j ACCEPT',
    ...(policy.internetAccess ? [] : [`-A OUTPUT ! -d ${policy.vpcCidr} -j DROP`]),
    ...accepts('OUTPUT', policy.egress, policy.vpcCidr),
    'COMMIT',
    '*mangle',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    `-A OUTPUT -j DSCP --set-dscp ${policy.mark}`,
    'COMMIT',
  ];
  return `${lines.join('\n')}\n`;
}

/** The nat chain of a task's Service Connect redirects (iptables chain names have at most 28 characters). */
export const REDIRECT_CHAIN = 'FARGATE-LOCAL-ALIASES';

export type RedirectJump = 'add' | 'keep' | 'replace';

/** The redirects as an `iptables-restore --noflush` input for the nat table. */
export function renderRedirectRules(redirects: readonly PortRedirect[], jump: RedirectJump): string {
  const lines = [
    '*nat',
    `:${REDIRECT_CHAIN} - [0:0]`,
    ...(jump === 'replace' ? [`-D OUTPUT -j ${REDIRECT_CHAIN}`] : []),
    ...(jump === 'keep' ? [] : [`-A OUTPUT -j ${REDIRECT_CHAIN}`]),
    ...redirects.map(
      (r) => `-A ${REDIRECT_CHAIN} -d ${r.address}/32 -p tcp -m tcp --dport ${r.port} -j DNAT --to-destination ${r.address}:${r.toPort}`,
    ),
    'COMMIT',
  ];
  return `${lines.join('\n')}\n`;
}
