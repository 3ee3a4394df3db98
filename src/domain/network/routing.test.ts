import { describe, expect, it } from 'vitest';
import { ensureDefaultVpc } from './network-state.js';
import { routedToInternetGateway, routedToNatGateway, routeTableOfSubnet, vpcRoutingInUse } from './routing.js';
import { createSubnet, createVpc, deleteVpc } from './vpc-operations.js';
import { emptyRegionState } from '../../store/schema.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };

describe('routing', () => {
  it('the default VPC’s subnets use its main table, routed to its attached internet gateway', () => {
    const s = emptyRegionState();
    ensureDefaultVpc(s, scope, 0);
    for (const id of Object.keys(s.subnets)) {
      expect(routeTableOfSubnet(s, id)?.associations.some((a) => a.main)).toBe(true);
      expect(routedToInternetGateway(s, id)).toBe(true);
    }
  });

  it('a new VPC has a main table and default ACL only: no way out, and they go with it', () => {
    const s = emptyRegionState();
    createVpc(s, scope, { vpcId: 'vpc-1', defaultGroupId: 'sg-1', cidrBlock: '10.0.0.0/16', tags: [] }, 0);
    createSubnet(s, scope, { subnetId: 'subnet-1', vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', tags: [] }, 0);
    expect(routeTableOfSubnet(s, 'subnet-1')?.routes).toEqual([
      { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', origin: 'CreateRouteTable' },
    ]);
    expect(routedToInternetGateway(s, 'subnet-1')).toBe(false);
    expect(routedToNatGateway(s, 'subnet-1')).toBe(false);
    expect(vpcRoutingInUse(s, 'vpc-1')).toBe(false);
    delete s.subnets['subnet-1'];
    deleteVpc(s, 'vpc-1');
    expect(s.routeTables).toEqual({});
    expect(s.networkAcls).toEqual({});
  });

  it('a route to a detached gateway or a deleted NAT gateway gives no way out', () => {
    const s = emptyRegionState();
    createVpc(s, scope, { vpcId: 'vpc-1', defaultGroupId: 'sg-1', cidrBlock: '10.0.0.0/16', tags: [] }, 0);
    createSubnet(s, scope, { subnetId: 'subnet-1', vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', tags: [] }, 0);
    createSubnet(s, scope, { subnetId: 'subnet-2', vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', tags: [] }, 0);
    s.internetGateways = { 'igw-1': { internetGatewayId: 'igw-1', vpcId: 'vpc-1', tags: [] } };
    const main = routeTableOfSubnet(s, 'subnet-1')!;
    main.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1', origin: 'CreateRoute' });
    s.natGateways = {
      'nat-1': {
        natGatewayId: 'nat-1',
        vpcId: 'vpc-1',
        subnetId: 'subnet-1',
        connectivityType: 'public',
        networkInterfaceId: 'eni-1',
        privateIp: '10.0.0.4',
        state: 'available',
        createdAt: 0,
        tags: [],
      },
    };
    s.routeTables!['rtb-2'] = {
      routeTableId: 'rtb-2',
      vpcId: 'vpc-1',
      routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-1', origin: 'CreateRoute' }],
      associations: [{ associationId: 'rtbassoc-2', main: false, subnetId: 'subnet-2' }],
      tags: [],
    };
    expect(routedToInternetGateway(s, 'subnet-1')).toBe(true);
    expect(routedToNatGateway(s, 'subnet-2')).toBe(true);
    delete s.internetGateways['igw-1']!.vpcId;
    expect(routedToInternetGateway(s, 'subnet-1')).toBe(false);
    // The NAT gateway's own subnet lost its way out, so the NAT gateway has none to give.
    expect(routedToNatGateway(s, 'subnet-2')).toBe(false);
    s.internetGateways['igw-1']!.vpcId = 'vpc-1';
    s.natGateways['nat-1']!.state = 'deleted';
    expect(routedToNatGateway(s, 'subnet-2')).toBe(false);
  });
});
