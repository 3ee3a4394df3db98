// Express Mode on real containers: one CreateExpressGatewayService call leads to a page answering through the load
// balancer's listener on the host (for the service's endpoint host), an update rolls out a new image, and a delete
// leaves no task, load balancer, target group or security group behind.
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import {
  CreateExpressGatewayServiceCommand,
  DeleteExpressGatewayServiceCommand,
  DescribeExpressGatewayServiceCommand,
  ListTasksCommand,
  UpdateExpressGatewayServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ec2Client } from '../support/ec2.js';
import { elbv2Client } from '../support/elbv2.js';
import { eventually } from '../support/services.js';
import { BUSYBOX_IMAGE } from './images.js';
import { getByHost } from './support/web-service.js';
import { startDockerEmulator, type DockerEmulator } from './support/docker-emulator.js';

let d: DockerEmulator;
beforeAll(async () => {
  d = await startDockerEmulator('express', { minimumHealthyDelayMs: 1000 });
});
afterAll(async () => {
  await d?.close();
});

/** A page that names its revision; sh as PID 1 ends on SIGTERM so tasks stop at once. */
const app = (revision: string) => [
  'sh',
  '-c',
  `mkdir -p /www && echo "revision ${revision}" > /www/index.html && trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait $!`,
];

describe('Express Mode on Docker', () => {
  it('serves the app through the listener, rolls out a new image, and leaves nothing after a delete', { timeout: 240_000 }, async () => {
    const elb = elbv2Client(d.emu.endpoint);
    const ec2 = ec2Client(d.emu.endpoint);
    try {
      const groupsBefore = (await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((g) => g.GroupId).sort();
      const { service } = await d.ecs.send(
        new CreateExpressGatewayServiceCommand({
          serviceName: 'site',
          infrastructureRoleArn: 'arn:aws:iam::000000000000:role/ecsInfrastructureRole',
          primaryContainer: { image: BUSYBOX_IMAGE, containerPort: 8080, command: app('one') },
          healthCheckPath: '/index.html',
          cpu: '256',
          memory: '512',
          scalingTarget: { minTaskCount: 1, maxTaskCount: 2 },
        }),
      );
      const serviceArn = service!.serviceArn!;
      const host = new URL(service!.activeConfigurations![0]!.ingressPaths![0]!.endpoint!).host;
      const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({}));
      const tg = TargetGroups![0]!.TargetGroupArn!;
      await elb.send(
        new ModifyTargetGroupCommand({
          TargetGroupArn: tg,
          HealthCheckIntervalSeconds: 5,
          HealthCheckTimeoutSeconds: 2,
          HealthyThresholdCount: 2,
        }),
      );
      await elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: tg,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '0' }],
        }),
      );

      const [listener] = await d.control.loadBalancers();
      expect(listener?.port).toBe(80);
      const port = listener!.hostPort;
      await eventually(
        async () => (await getByHost(listener!.address, port, host).catch(() => undefined))?.body === 'revision one\n',
        90_000,
        'revision one',
      );
      expect((await getByHost(listener!.address, port, 'someone-else.example')).status).toBe(404);

      await d.ecs.send(
        new UpdateExpressGatewayServiceCommand({ serviceArn, primaryContainer: { image: BUSYBOX_IMAGE, command: app('two') } }),
      );
      await eventually(
        async () => (await getByHost(listener!.address, port, host).catch(() => undefined))?.body === 'revision two\n',
        120_000,
        'revision two',
      );
      await eventually(
        async () =>
          (await d.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn }))).service?.activeConfigurations?.length === 1,
        60_000,
        'one active configuration',
      );

      await d.ecs.send(new DeleteExpressGatewayServiceCommand({ serviceArn }));
      await eventually(
        async () => (await d.ecs.send(new DescribeExpressGatewayServiceCommand({ serviceArn }))).service?.status?.statusCode === 'INACTIVE',
        90_000,
        'INACTIVE',
      );
      expect((await d.ecs.send(new ListTasksCommand({ cluster: 'default' }))).taskArns).toEqual([]);
      expect((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers).toEqual([]);
      expect((await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups).toEqual([]);
      expect((await ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!.map((g) => g.GroupId).sort()).toEqual(groupsBefore);
      expect(await d.control.loadBalancers()).toEqual([]);
    } finally {
      elb.destroy();
      ec2.destroy();
    }
  });
});
