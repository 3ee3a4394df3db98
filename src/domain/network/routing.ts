// Internet gateways, route tables, NAT gateways, Elastic IPs and network ACLs as EC2 keeps them. They are state with
// EC2's rules; what they change for tasks is one thing only, whether a subnet has a way out (hasRouteOut):
// - every VPC has a main route table with its `local` route and a default network ACL that allows everything;
// - a subnet uses the route table associated with it, else its VPC's main table;
// - its default route (0.0.0.0/0) to an internet gateway attached to the VPC makes it public; to an available NAT
//   gateway that itself sits in a public subnet gives it a way out without public addresses.
import type { Tag } from '../tags.js';
import { cidrsOverlap, parseCidr } from './cidr.js';
import { Ec2Error, invalidParameterValue } from './ec2-errors.js';
import type { NetworkState } from './network-state.js';
import { stableId } from './vpc.js';

export interface InternetGatewayRecord {
  internetGatewayId: string;
  /** The VPC it is attached to (at most one). */
  vpcId?: string;
  tags: Tag[];
}

export interface RouteRecord {
  destinationCidrBlock: string;
  /** `local` or an internet gateway id. */
  gatewayId?: string;
  natGatewayId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociationRecord {
  associationId: string;
  main: boolean;
  subnetId?: string;
}

export interface RouteTableRecord {
  routeTableId: string;
  vpcId: string;
  routes: RouteRecord[];
  associations: RouteTableAssociationRecord[];
  tags: Tag[];
}

export interface NatGatewayRecord {
  natGatewayId: string;
  vpcId: string;
  subnetId: string;
  connectivityType: 'public' | 'private';
  allocationId?: string;
  /** The Elastic IP's association (`eipassoc-…`), when public. */
  associationId?: string;
  networkInterfaceId: string;
  privateIp: string;
  publicIp?: string;
  state: 'available' | 'deleted';
  createdAt: number;
  deletedAt?: number;
  tags: Tag[];
}

export interface AddressRecord {
  allocationId: string;
  publicIp: string;
  domain: 'vpc';
  /** Set while a NAT gateway uses it. */
  associationId?: string;
  networkInterfaceId?: string;
  privateIpAddress?: string;
  tags: Tag[];
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock: string;
}

export interface NetworkAclRecord {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  entries: NetworkAclEntry[];
  tags: Tag[];
}

/** The state this module keeps; every collection is optional so that state written before it loads unchanged. */
export interface RoutingState {
  internetGateways?: Record<string, InternetGatewayRecord>;
  routeTables?: Record<string, RouteTableRecord>;
  natGateways?: Record<string, NatGatewayRecord>;
  addresses?: Record<string, AddressRecord>;
  networkAcls?: Record<string, NetworkAclRecord>;
}

type State = NetworkState & RoutingState;

export const internetGatewaysOf = (s: State) => (s.internetGateways ??= {});
export const routeTablesOf = (s: State) => (s.routeTables ??= {});
export const natGatewaysOf = (s: State) => (s.natGateways ??= {});
export const addressesOf = (s: State) => (s.addresses ??= {});
export const networkAclsOf = (s: State) => (s.networkAcls ??= {});

export const notFound = (code: string, what: string, id: string) => new Ec2Error(code, `The ${what} ID '${id}' does not exist`);
export const routeTableNotFound = (id: string) => notFound('InvalidRouteTableID.NotFound', 'routeTable', id);
export const internetGatewayNotFound = (id: string) => notFound('InvalidInternetGatewayID.NotFound', 'internetGateway', id);
export const natGatewayNotFound = (id: string) => new Ec2Error('NatGatewayNotFound', `The Nat Gateway ${id} was not found`);
export const allocationNotFound = (id: string) => new Ec2Error('InvalidAllocationID.NotFound', `The allocation ID '${id}' does not exist`);
export const associationNotFound = (id: string) => notFound('InvalidAssociationID.NotFound', 'association', id);
export const networkAclNotFound = (id: string) => notFound('InvalidNetworkAclID.NotFound', 'networkAcl', id);

const ALL = '0.0.0.0/0';

/**
 * A VPC's main route table (its `local` route only) and its default network ACL (allow all, both ways), where missing.
 * True when the main table was new.
 */
export function addVpcRouting(s: State, vpcId: string, cidrBlock: string): boolean {
  const tables = routeTablesOf(s);
  const newTable = !Object.values(tables).some((t) => t.vpcId === vpcId && t.associations.some((a) => a.main));
  if (newTable) {
    const routeTableId = stableId('rtb', vpcId, 'main');
    tables[routeTableId] = {
      routeTableId,
      vpcId,
      routes: [{ destinationCidrBlock: cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
      associations: [{ associationId: stableId('rtbassoc', routeTableId, 'main'), main: true }],
      tags: [],
    };
  }
  const acls = networkAclsOf(s);
  if (!Object.values(acls).some((a) => a.vpcId === vpcId && a.isDefault)) {
    const networkAclId = stableId('acl', vpcId, 'default');
    const entry = (egress: boolean, ruleNumber: number, ruleAction: 'allow' | 'deny'): NetworkAclEntry => ({
      ruleNumber,
      egress,
      protocol: '-1',
      ruleAction,
      cidrBlock: ALL,
    });
    acls[networkAclId] = {
      networkAclId,
      vpcId,
      isDefault: true,
      entries: [entry(false, 100, 'allow'), entry(false, 32767, 'deny'), entry(true, 100, 'allow'), entry(true, 32767, 'deny')],
      tags: [],
    };
  }
  return newTable;
}

/** The default VPC's way out, as in a new AWS account: an attached internet gateway, the main table's default route. */
export function addDefaultVpcGateway(s: State, vpcId: string): void {
  const internetGatewayId = stableId('igw', vpcId, 'default');
  internetGatewaysOf(s)[internetGatewayId] ??= { internetGatewayId, vpcId, tags: [] };
  const main = mainRouteTable(s, vpcId);
  if (main && !main.routes.some((r) => r.destinationCidrBlock === ALL))
    main.routes.push({ destinationCidrBlock: ALL, gatewayId: internetGatewayId, origin: 'CreateRouteTable' });
}

/** Drops a deleted VPC's main route table and default ACL; refuses while other tables or gateways use it. */
export function removeVpcRouting(s: State, vpcId: string): void {
  for (const t of Object.values(routeTablesOf(s)))
    if (t.vpcId === vpcId && t.associations.some((a) => a.main)) delete s.routeTables![t.routeTableId];
  for (const a of Object.values(networkAclsOf(s))) if (a.vpcId === vpcId && a.isDefault) delete s.networkAcls![a.networkAclId];
}

/** Whether anything of this module (besides the main table and default ACL) still uses the VPC. */
export function vpcRoutingInUse(s: State, vpcId: string): boolean {
  return (
    Object.values(routeTablesOf(s)).some((t) => t.vpcId === vpcId && !t.associations.some((a) => a.main)) ||
    Object.values(internetGatewaysOf(s)).some((g) => g.vpcId === vpcId) ||
    Object.values(natGatewaysOf(s)).some((n) => n.vpcId === vpcId && n.state !== 'deleted')
  );
}

export const mainRouteTable = (s: State, vpcId: string) =>
  Object.values(routeTablesOf(s)).find((t) => t.vpcId === vpcId && t.associations.some((a) => a.main));

/** The route table a subnet uses: its explicit association, else its VPC's main table. */
export function routeTableOfSubnet(s: State, subnetId: string): RouteTableRecord | undefined {
  const explicit = Object.values(routeTablesOf(s)).find((t) => t.associations.some((a) => a.subnetId === subnetId));
  const subnet = s.subnets[subnetId];
  return explicit ?? (subnet ? mainRouteTable(s, subnet.vpcId) : undefined);
}

/** The route that leaves the VPC for the internet (0.0.0.0/0), if any. */
const defaultRoute = (s: State, subnetId: string) => routeTableOfSubnet(s, subnetId)?.routes.find((r) => r.destinationCidrBlock === ALL);

/** Routed to an internet gateway attached to the subnet's VPC: tasks with a public IP reach the internet. */
export function routedToInternetGateway(s: State, subnetId: string): boolean {
  const route = defaultRoute(s, subnetId);
  const igw = route?.gatewayId ? s.internetGateways?.[route.gatewayId] : undefined;
  return Boolean(igw && igw.vpcId === s.subnets[subnetId]?.vpcId);
}

/** Routed to an available public NAT gateway in a public subnet: tasks reach the internet without a public IP. */
export function routedToNatGateway(s: State, subnetId: string): boolean {
  const route = defaultRoute(s, subnetId);
  const nat = route?.natGatewayId ? s.natGateways?.[route.natGatewayId] : undefined;
  return Boolean(nat && nat.state === 'available' && nat.connectivityType === 'public' && routedToInternetGateway(s, nat.subnetId));
}

export function getRouteTable(s: State, id: string): RouteTableRecord {
  const t = routeTablesOf(s)[id];
  if (!t) throw routeTableNotFound(id);
  return t;
}

export function getInternetGateway(s: State, id: string): InternetGatewayRecord {
  const g = internetGatewaysOf(s)[id];
  if (!g) throw internetGatewayNotFound(id);
  return g;
}

export function getNatGateway(s: State, id: string): NatGatewayRecord {
  const n = natGatewaysOf(s)[id];
  if (!n || n.state === 'deleted') throw natGatewayNotFound(id);
  return n;
}

export function getAddress(s: State, allocationId: string): AddressRecord {
  const a = addressesOf(s)[allocationId];
  if (!a) throw allocationNotFound(allocationId);
  return a;
}

export interface RouteTarget {
  gatewayId?: string;
  natGatewayId?: string;
}

/** Checks a route's destination and target (exactly one, in the table's VPC). */
export function checkRoute(s: State, table: RouteTableRecord, destination: string, target: RouteTarget): RouteRecord {
  const cidr = parseCidr(destination);
  if (!cidr)
    throw invalidParameterValue(`Value (${destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
  const targets = [target.gatewayId, target.natGatewayId].filter((t) => t !== undefined);
  if (targets.length !== 1)
    throw new Ec2Error(
      'InvalidParameterCombination',
      'The parameter combination is not valid. Exactly one route target must be specified.',
    );
  if (target.gatewayId !== undefined) {
    const igw = getInternetGateway(s, target.gatewayId);
    if (igw.vpcId !== table.vpcId)
      throw new Ec2Error(
        'InvalidParameterValue',
        `route table ${table.routeTableId} and network gateway ${igw.internetGatewayId} belong to different networks`,
      );
  } else {
    const nat = getNatGateway(s, target.natGatewayId!);
    if (nat.vpcId !== table.vpcId)
      throw new Ec2Error(
        'InvalidParameterValue',
        `route table ${table.routeTableId} and NAT gateway ${nat.natGatewayId} belong to different networks`,
      );
  }
  return { destinationCidrBlock: cidr.text, ...target, origin: 'CreateRoute' };
}

export function createRoute(table: RouteTableRecord, route: RouteRecord): void {
  const cidr = parseCidr(route.destinationCidrBlock)!;
  if (table.routes.some((r) => r.destinationCidrBlock === route.destinationCidrBlock))
    throw new Ec2Error('RouteAlreadyExists', `The route identified by ${route.destinationCidrBlock} already exists.`);
  const local = table.routes.find((r) => r.gatewayId === 'local');
  if (local && cidrsOverlap(parseCidr(local.destinationCidrBlock)!, cidr) && cidr.prefix >= parseCidr(local.destinationCidrBlock)!.prefix)
    throw new Ec2Error(
      'InvalidParameterValue',
      `The destination CIDR block ${route.destinationCidrBlock} is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.`,
    );
  table.routes.push(route);
}

export function deleteRoute(table: RouteTableRecord, destination: string): void {
  const i = table.routes.findIndex((r) => r.destinationCidrBlock === destination && r.gatewayId !== 'local');
  if (i < 0)
    throw new Ec2Error('InvalidRoute.NotFound', `no route with destination-cidr-block ${destination} in route table ${table.routeTableId}`);
  table.routes.splice(i, 1);
}

/** Where an association id lives (route table associations). */
export function findAssociation(s: State, associationId: string): { table: RouteTableRecord; association: RouteTableAssociationRecord } {
  for (const table of Object.values(routeTablesOf(s))) {
    const association = table.associations.find((a) => a.associationId === associationId);
    if (association) return { table, association };
  }
  throw associationNotFound(associationId);
}
