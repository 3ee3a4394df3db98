// What a private DNS namespace answers inside its VPC, as Route 53 answers the records Cloud Map keeps:
//   <service>.<namespace>                 A (AWS_INSTANCE_IPV4), AAAA, CNAME, SRV (priority 1, weight 1, port
//                                         AWS_INSTANCE_PORT, target <instance>.<service>.<namespace>)
//   <instance>.<service>.<namespace>      A/AAAA of that instance (what SRV targets point at)
// Multivalue answers carry up to eight healthy instances, chosen at random; when no instance is healthy, up to
// eight of the unhealthy ones (Route 53's multivalue rule). A name inside the namespace with no records is
// NXDOMAIN; a name with records of other types only is NODATA. Names outside every namespace of the VPC are not
// ours (null): the caller forwards them.
import { servesTraffic } from './instances.js';
import type { CloudMapState, InstanceRecord, NamespaceRecord, ServiceRecord } from './records.js';

export type QueryType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'SOA' | 'NS' | 'TXT' | 'PTR' | 'MX' | 'ANY' | string;

export type DnsRecordAnswer =
  | { type: 'A'; name: string; ttl: number; address: string }
  | { type: 'AAAA'; name: string; ttl: number; address: string }
  | { type: 'CNAME'; name: string; ttl: number; target: string }
  | { type: 'SRV'; name: string; ttl: number; priority: number; weight: number; port: number; target: string };

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: DnsRecordAnswer[];
  /** The zone's SOA, for negative answers. */
  zone: { name: string; ttl: number };
}

/** At most this many records in a multivalue answer. */
export const MAX_MULTIVALUE_ANSWERS = 8;

const normalize = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** The private DNS namespaces visible from a VPC. */
export const namespacesOfVpc = (state: Readonly<CloudMapState>, vpcId: string) =>
  Object.values(state.cloudMapNamespaces).filter((n) => n.type === 'DNS_PRIVATE' && n.vpc === vpcId);

export function answerQuery(
  state: Readonly<CloudMapState>,
  vpcId: string,
  qname: string,
  qtype: QueryType,
  random: () => number = Math.random,
): DnsAnswer | null {
  const name = normalize(qname);
  const ns = namespacesOfVpc(state, vpcId)
    .filter((n) => name === n.name.toLowerCase() || name.endsWith(`.${n.name.toLowerCase()}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!ns) return null;
  const zone = { name: ns.name, ttl: ns.soaTtl ?? 15 };
  const nxdomain: DnsAnswer = { rcode: 'NXDOMAIN', answers: [], zone };
  if (name === ns.name.toLowerCase()) return { rcode: 'NOERROR', answers: [], zone };
  const relative = name.slice(0, -(ns.name.length + 1));
  const services = Object.values(state.cloudMapServices).filter((s) => s.namespaceId === ns.id && s.dnsConfig);
  const instancesOf = (s: ServiceRecord) => Object.values(state.cloudMapInstances).filter((i) => i.serviceId === s.id);

  const service = services.find((s) => s.name.toLowerCase() === relative);
  if (service) {
    const chosen = pick(service, instancesOf(service), random);
    if (chosen.length === 0) return nxdomain;
    return { rcode: 'NOERROR', answers: serviceRecords(service, ns, chosen, qtype), zone };
  }
  // <instance>.<service>: the per-instance records an SRV answer points at.
  for (const s of services) {
    const suffix = `.${s.name.toLowerCase()}`;
    if (!relative.endsWith(suffix)) continue;
    const instanceId = relative.slice(0, -suffix.length);
    const instance = instancesOf(s).find((i) => i.id.toLowerCase() === instanceId);
    if (!instance || !s.dnsConfig!.dnsRecords.some((r) => r.Type === 'SRV')) continue;
    const ttl = s.dnsConfig!.dnsRecords.find((r) => r.Type === 'SRV')!.TTL;
    const answers: DnsRecordAnswer[] = [];
    const { AWS_INSTANCE_IPV4: v4, AWS_INSTANCE_IPV6: v6 } = instance.attributes;
    if (v4 && (qtype === 'A' || qtype === 'ANY')) answers.push({ type: 'A', name: qname, ttl, address: v4 });
    if (v6 && (qtype === 'AAAA' || qtype === 'ANY')) answers.push({ type: 'AAAA', name: qname, ttl, address: v6 });
    return { rcode: 'NOERROR', answers, zone };
  }
  return nxdomain;
}

function pick(service: ServiceRecord, instances: InstanceRecord[], random: () => number): InstanceRecord[] {
  const healthy = instances.filter((i) => servesTraffic(service, i));
  const pool = healthy.length > 0 ? healthy : instances;
  const shuffled = [...pool];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  // WEIGHTED routing answers one record at a time.
  return shuffled.slice(0, service.dnsConfig!.routingPolicy === 'WEIGHTED' ? 1 : MAX_MULTIVALUE_ANSWERS);
}

function serviceRecords(service: ServiceRecord, ns: NamespaceRecord, chosen: InstanceRecord[], qtype: QueryType): DnsRecordAnswer[] {
  const name = `${service.name}.${ns.name}`;
  const out: DnsRecordAnswer[] = [];
  for (const record of service.dnsConfig!.dnsRecords) {
    if (qtype !== 'ANY' && qtype !== record.Type && !(record.Type === 'CNAME' && (qtype === 'A' || qtype === 'AAAA'))) continue;
    for (const i of chosen) {
      const a = i.attributes;
      if (record.Type === 'A' && a.AWS_INSTANCE_IPV4) out.push({ type: 'A', name, ttl: record.TTL, address: a.AWS_INSTANCE_IPV4 });
      if (record.Type === 'AAAA' && a.AWS_INSTANCE_IPV6) out.push({ type: 'AAAA', name, ttl: record.TTL, address: a.AWS_INSTANCE_IPV6 });
      if (record.Type === 'CNAME' && a.AWS_INSTANCE_CNAME) out.push({ type: 'CNAME', name, ttl: record.TTL, target: a.AWS_INSTANCE_CNAME });
      if (record.Type === 'SRV' && a.AWS_INSTANCE_PORT) {
        out.push({
          type: 'SRV',
          name,
          ttl: record.TTL,
          priority: 1,
          weight: 1,
          port: Number(a.AWS_INSTANCE_PORT),
          target: `${i.id}.${service.name}.${ns.name}`,
        });
      }
    }
  }
  return out;
}
