import { describe, expect, it } from 'vitest';
import type { GatewayRecord } from './gateway.js';
import {
  compatibleGateways,
  connectorOf,
  type GatewayRouteRecord,
  gatewayInfrastructureTags,
  gatewayLoadBalancers,
  namedPort,
  routeHealthCheck,
  toWireGatewayConnector,
} from './gateway-route.js';

const gateway = (name: string, scheme: 'internal' | 'internet-facing' = 'internet-facing', propagateTags: 'GATEWAY' | 'NONE' = 'GATEWAY') =>
  ({
    gatewayArn: `arn:aws:ecs:us-east-1:1:gateway/${name}`,
    name,
    status: 'ACTIVE',
    infrastructureRoleArn: 'r',
    deletionProtection: true,
    hostSharedAlb: { scheme },
    propagateTags,
    clusters: {},
    createdAt: 0,
    updatedAt: 0,
  }) as GatewayRecord;

describe('connectorOf', () => {
  it('takes at most one connector with a port name and a health check path starting with /', () => {
    expect(connectorOf(undefined)).toBeUndefined();
    expect(connectorOf([])).toBeUndefined();
    expect(connectorOf([{ portName: 'http', filters: { accessTypes: ['PRIVATE'] } }])).toEqual({
      portName: 'http',
      accessTypes: ['PRIVATE'],
    });
    expect(() => connectorOf([{ portName: 'a' }, { portName: 'b' }])).toThrow(/at most one/);
    expect(() => connectorOf([{ portName: '' }])).toThrow(/portName/);
    expect(() => connectorOf([{ portName: 'a', healthCheck: { healthCheckPath: 'health' } }])).toThrow(/forward slash/);
  });
});

describe('namedPort', () => {
  const containers = [
    { name: 'side', portMappings: [{ containerPort: 9000 }] },
    { name: 'app', portMappings: [{ containerPort: 8080, name: 'http' }] },
  ];
  it('finds the container and port of the named port mapping', () => {
    expect(namedPort(containers, 'awsvpc', 'http')).toEqual({ containerName: 'app', containerPort: 8080 });
  });
  it('refuses another network mode or an unknown name', () => {
    expect(() => namedPort(containers, 'bridge', 'http')).toThrow(/awsvpc/);
    expect(() => namedPort(containers, 'awsvpc', 'grpc')).toThrow(/grpc/);
  });
});

describe('compatibleGateways', () => {
  const pub = gateway('pub');
  const priv = gateway('priv', 'internal');
  const placements = [
    { gateway: pub, vpcId: 'vpc-1', zones: ['a', 'b', 'c'] },
    { gateway: priv, vpcId: 'vpc-1', zones: ['a', 'b'] },
    { gateway: gateway('other'), vpcId: 'vpc-2', zones: ['a', 'b'] },
  ];
  const service = { vpcId: 'vpc-1', zones: ['a', 'b'] };
  it('connects to every gateway of the VPC the filter allows and that covers the zones', () => {
    expect(compatibleGateways('c', placements, service, { portName: 'p' })).toEqual([pub, priv]);
    expect(compatibleGateways('c', placements, service, { portName: 'p', accessTypes: ['PRIVATE'] })).toEqual([priv]);
    expect(compatibleGateways('c', placements, { vpcId: 'vpc-1', zones: ['a', 'c'] }, { portName: 'p' })).toEqual([pub]);
  });
  it("answers AWS's errors when none fits", () => {
    expect(() => compatibleGateways('c', [], service, { portName: 'p' })).toThrow(
      'gatewayConnectors were specified but no gateways are associated with cluster c.',
    );
    expect(() => compatibleGateways('c', placements, { vpcId: 'vpc-9', zones: ['a'] }, { portName: 'p' })).toThrow(
      /none are in the service's VPC/,
    );
    expect(() => compatibleGateways('c', [placements[1]!], service, { portName: 'p', accessTypes: ['PUBLIC'] })).toThrow(/access types/);
    expect(() => compatibleGateways('c', [placements[1]!], { vpcId: 'vpc-1', zones: ['d'] }, { portName: 'p' })).toThrow(
      /Availability Zone/,
    );
  });
});

describe('routeHealthCheck and tags', () => {
  it('maps the connector health check to target group settings', () => {
    expect(routeHealthCheck(undefined)).toEqual({});
    expect(
      routeHealthCheck({ healthCheckPath: '/h', healthCheckPort: 9000, healthyThresholdCount: 2, matcher: { httpCode: '200-299' } }),
    ).toEqual({ path: '/h', port: '9000', healthyThresholdCount: 2, matcher: '200-299' });
  });
  it('tags with AmazonECSManaged, plus the gateway tags when it propagates them', () => {
    const tags = [{ key: 'team', value: 'x' }];
    expect(gatewayInfrastructureTags(gateway('g'), tags)).toEqual([{ key: 'AmazonECSManaged', value: 'true' }, ...tags]);
    expect(gatewayInfrastructureTags(gateway('g', 'internet-facing', 'NONE'), tags)).toEqual([{ key: 'AmazonECSManaged', value: 'true' }]);
  });
});

describe('gatewayLoadBalancers', () => {
  it("gives the target groups of the service's routes", () => {
    const route = {
      serviceArn: 's1',
      status: 'ACTIVE',
      targetGroupArn: 'tg',
      containerName: 'app',
      containerPort: 80,
    } as GatewayRouteRecord;
    expect(gatewayLoadBalancers({ r: route, o: { ...route, serviceArn: 's2', targetGroupArn: 'tg2' } }, 's1')).toEqual([
      { targetGroupArn: 'tg', containerName: 'app', containerPort: 80 },
    ]);
    expect(gatewayLoadBalancers(undefined, 's1')).toEqual([]);
  });
});

describe('toWireGatewayConnector', () => {
  it('gives the connector back in the request shape', () => {
    expect(toWireGatewayConnector({ portName: 'http' })).toEqual({ portName: 'http' });
    expect(toWireGatewayConnector({ portName: 'http', accessTypes: ['PUBLIC'], healthCheck: { healthCheckPath: '/h' } })).toEqual({
      portName: 'http',
      healthCheck: { healthCheckPath: '/h' },
      filters: { accessTypes: ['PUBLIC'] },
    });
  });
});
