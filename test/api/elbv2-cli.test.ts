// `aws elbv2` as a second, independent client of the ELBv2 API: its own awsQuery serializer and XML parser.
import { describe, expect, it } from 'vitest';
import { useEmulatorWithCli } from '../support/aws-cli.js';
import { uniqueName } from '../support/emulator.js';
import { defaultNetwork } from '../support/elbv2.js';

const suite = useEmulatorWithCli();

/** `aws elbv2 ...`, which must succeed; its parsed output. */
const elbv2 = (...args: string[]) => suite.ok('elbv2', ...args);

describe('AWS CLI: elbv2', () => {
  it('creates a load balancer, a target group, a listener and a rule, and reads them back', { timeout: 120_000 }, async () => {
    const net = await defaultNetwork(suite.emu.endpoint);
    const name = uniqueName('cli').slice(0, 32);
    const lb = (
      await elbv2('create-load-balancer', '--name', name, '--subnets', ...net.subnets.slice(0, 2), '--tags', 'Key=team,Value=web')
    ).LoadBalancers[0];
    expect(lb).toMatchObject({ LoadBalancerName: name, State: { Code: 'active' }, Type: 'application', VpcId: net.vpcId });
    const tg = (
      await elbv2(
        'create-target-group',
        '--name',
        name,
        '--protocol',
        'HTTP',
        '--port',
        '80',
        '--target-type',
        'ip',
        '--vpc-id',
        net.vpcId,
        '--health-check-path',
        '/health',
      )
    ).TargetGroups[0];
    expect(tg).toMatchObject({ HealthCheckPath: '/health', Port: 80, TargetType: 'ip' });
    const listener = (
      await elbv2(
        'create-listener',
        '--load-balancer-arn',
        lb.LoadBalancerArn,
        '--protocol',
        'HTTP',
        '--port',
        '18090',
        '--default-actions',
        `Type=forward,TargetGroupArn=${tg.TargetGroupArn}`,
      )
    ).Listeners[0];
    expect(listener.DefaultActions[0]).toMatchObject({ Type: 'forward', TargetGroupArn: tg.TargetGroupArn });
    await elbv2(
      'create-rule',
      '--listener-arn',
      listener.ListenerArn,
      '--priority',
      '10',
      '--conditions',
      'Field=path-pattern,Values=/api/*',
      '--actions',
      'Type=fixed-response,FixedResponseConfig={StatusCode=418,ContentType=text/plain,MessageBody=teapot}',
    );
    const rules = await elbv2('describe-rules', '--listener-arn', listener.ListenerArn);
    expect(rules.Rules.map((r: { Priority: string }) => r.Priority)).toEqual(['10', 'default']);
    await elbv2('register-targets', '--target-group-arn', tg.TargetGroupArn, '--targets', 'Id=172.31.0.20,Port=8080');
    const health = await elbv2('describe-target-health', '--target-group-arn', tg.TargetGroupArn);
    expect(health.TargetHealthDescriptions[0]).toMatchObject({
      Target: { Id: '172.31.0.20', Port: 8080 },
      TargetHealth: { State: 'initial' },
    });
    const tags = await elbv2('describe-tags', '--resource-arns', lb.LoadBalancerArn);
    expect(tags.TagDescriptions[0].Tags).toEqual([{ Key: 'team', Value: 'web' }]);
  });

  it('reports AWS error codes', async () => {
    const result = await suite.aws.run(['elbv2', 'describe-load-balancers', '--names', 'no-such-lb']);
    expect([254, 255]).toContain(result.code);
    expect(result.stderr).toContain('(LoadBalancerNotFound)');
    expect(result.stderr).toContain('One or more load balancers not found');
  });
});
