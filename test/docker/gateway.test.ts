// ECS gateways on real containers: two services of a cluster associated with one gateway connect to it; each gets a
// route with its own host name on the gateway's one load balancer, and an HTTP client on the host reaches each
// service's page through the listener with that host name. Deleting both services leaves no load balancer, target
// group or added security group rule behind.
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import {
  AssociateGatewayWithClusterCommand,
  CreateClusterCommand,
  CreateGatewayCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeGatewayRouteCommand,
  ListGatewayRoutesCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ec2Client } from '../support/ec2.js';
import { elbv2Client } from '../support/elbv2.js';
import { eventually } from '../support/services.js';
import { BUSYBOX_IMAGE } from './images.js';
import { getByHost } from './support/web-service.js';
import { AWSVPC, startDockerEmulator, type DockerEmulator } from './support/docker-emulator.js';

let d: DockerEmulator;
beforeAll(async () => {
  d = await startDockerEmulator('gateway', { minimumHealthyDelayMs: 1000 });
});
afterAll(async () => {
  await d?.close();
});

/** A page naming the service; sh as PID 1 ends on SIGTERM so tasks stop at once. */
const app = (name: string) => [
  'sh',
  '-c',
  `mkdir -p /www && echo "service ${name}" > /www/index.html && trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait $!`,
];

describe('gateways on Docker', () => {
  it('routes to two services through the gateway listener by host name, and removes everything with them', {
    timeout: 240_000,
  }, async () => {
    const elb = elbv2Client(d.emu.endpoint);
    const ec2 = ec2Client(d.emu.endpoint);
    try {
      const groupsBefore = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!;
      await d.ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
      await d.ecs.send(
        new CreateGatewayCommand({
          name: 'edge',
          infrastructureRoleArn: 'arn:aws:iam::000000000000:role/ecsGatewayInfrastructureRole',
          deletionProtection: false,
          configuration: { hostSharedAlb: {} },
        }),
      );
      await d.ecs.send(new AssociateGatewayWithClusterCommand({ gateway: 'edge', cluster: 'apps' }));
      for (const name of ['blue', 'green']) {
        await d.ecs.send(
          new RegisterTaskDefinitionCommand({
            family: name,
            networkMode: 'awsvpc',
            requiresCompatibilities: ['FARGATE'],
            cpu: '256',
            memory: '512',
            containerDefinitions: [
              { name: 'web', image: BUSYBOX_IMAGE, command: app(name), portMappings: [{ containerPort: 8080, name: 'http' }] },
            ],
          }),
        );
        await d.ecs.send(
          new CreateServiceCommand({
            cluster: 'apps',
            serviceName: name,
            taskDefinition: name,
            desiredCount: 1,
            launchType: 'FARGATE',
            networkConfiguration: AWSVPC,
            gatewayConnectors: [
              {
                portName: 'http',
                healthCheck: {
                  healthCheckPath: '/index.html',
                  healthCheckIntervalSeconds: 5,
                  healthCheckTimeoutSeconds: 2,
                  healthyThresholdCount: 2,
                },
              },
            ],
          }),
        );
      }
      const routes = (await d.ecs.send(new ListGatewayRoutesCommand({ gateway: 'edge' }))).gatewayRoutes!;
      expect(routes).toHaveLength(2);
      const hosts = new Map<string, string>();
      for (const r of routes) {
        const { gatewayRoute } = await d.ecs.send(new DescribeGatewayRouteCommand({ gatewayRouteArn: r.gatewayRouteArn }));
        hosts.set(r.serviceArn!.split('/').pop()!, new URL(gatewayRoute!.serviceUrl!).host);
      }
      // Tasks stop at once on delete rather than draining for the default 300 s.
      for (const tg of (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups!) {
        await elb.send(
          new ModifyTargetGroupAttributesCommand({
            TargetGroupArn: tg.TargetGroupArn,
            Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
          }),
        );
      }

      const listeners = await d.control.loadBalancers();
      expect(listeners).toHaveLength(1);
      const listener = listeners[0]!;
      for (const name of ['blue', 'green']) {
        await eventually(
          async () =>
            (await getByHost(listener.address, listener.hostPort, hosts.get(name)!).catch(() => undefined))?.body === `service ${name}\n`,
          120_000,
          `service ${name} through the gateway`,
        );
      }
      expect((await getByHost(listener.address, listener.hostPort, 'someone-else.example')).status).toBe(404);

      for (const name of ['blue', 'green']) await d.ecs.send(new DeleteServiceCommand({ cluster: 'apps', service: name, force: true }));
      expect((await d.ecs.send(new ListGatewayRoutesCommand({}))).gatewayRoutes).toEqual([]);
      expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
      expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toEqual([]);
      const groupsAfter = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!;
      expect(groupsAfter.map((g) => [g.GroupId, g.IpPermissions])).toEqual(groupsBefore.map((g) => [g.GroupId, g.IpPermissions]));
      await eventually(async () => (await d.control.loadBalancers()).length === 0, 30_000, 'no listener');
    } finally {
      elb.destroy();
      ec2.destroy();
    }
  });
});
