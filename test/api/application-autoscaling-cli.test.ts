// Application Auto Scaling through the real AWS CLI (`aws application-autoscaling`): its own serializer (epoch
// timestamps, nested JSON arguments) and error handling, against an ECS service made with `aws ecs`.
import { describe, expect, it } from 'vitest';
import { defaultVpc } from '../../src/domain/network/vpc.js';
import { useEmulatorWithCli } from '../support/aws-cli.js';
import { uniqueName } from '../support/emulator.js';
import { storeTaskDefinition } from '../support/task-definitions.js';

const SERVICE_ERROR_EXIT = [254, 255];
const scope = { accountId: '000000000000', region: 'us-east-1' };
const suite = useEmulatorWithCli();
const aas = (...args: string[]) => suite.ok('application-autoscaling', ...args);
const target = (resourceId: string) => [
  '--service-namespace',
  'ecs',
  '--scalable-dimension',
  'ecs:service:DesiredCount',
  '--resource-id',
  resourceId,
];

describe('AWS CLI: application-autoscaling', () => {
  it('registers an ECS service, raises its desired count, and puts, lists and deletes a target tracking policy', async () => {
    const family = uniqueName('cli-scaled');
    storeTaskDefinition(suite.emu.deps.store, scope, family, [{ name: 'app', image: 'busybox' }]);
    const subnet = defaultVpc(scope, 0).subnets[0]!.subnetId;
    const cluster = uniqueName('cli');
    await suite.ok('ecs', 'create-cluster', '--cluster-name', cluster);
    await suite.ok(
      'ecs',
      'create-service',
      '--cluster',
      cluster,
      '--service-name',
      'api',
      '--task-definition',
      family,
      '--desired-count',
      '1',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      `awsvpcConfiguration={subnets=[${subnet}]}`,
    );
    const resourceId = `service/${cluster}/api`;
    // The installed CLI's model may predate ScalableTargetARN in the answer (it drops members it does not know).
    await aas('register-scalable-target', ...target(resourceId), '--min-capacity', '2', '--max-capacity', '6');
    const { services } = await suite.ok('ecs', 'describe-services', '--cluster', cluster, '--services', 'api');
    expect(services[0].desiredCount).toBe(2);

    const { ScalableTargets } = await aas('describe-scalable-targets', '--service-namespace', 'ecs', '--resource-ids', resourceId);
    expect(ScalableTargets).toEqual([
      expect.objectContaining({ ResourceId: resourceId, MinCapacity: 2, MaxCapacity: 6, CreationTime: expect.anything() }),
    ]);

    const policy = await aas(
      'put-scaling-policy',
      ...target(resourceId),
      '--policy-name',
      'cpu60',
      '--policy-type',
      'TargetTrackingScaling',
      '--target-tracking-scaling-policy-configuration',
      JSON.stringify({ TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } }),
    );
    expect(policy.PolicyARN).toMatch(/^arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:.+:policyName\/cpu60$/);
    expect(policy.Alarms).toHaveLength(2);
    const { ScalingPolicies } = await aas('describe-scaling-policies', '--service-namespace', 'ecs', '--resource-id', resourceId);
    expect(ScalingPolicies.map((p: { PolicyName: string }) => p.PolicyName)).toEqual(['cpu60']);
    const { ScalingActivities } = await aas('describe-scaling-activities', '--service-namespace', 'ecs', '--resource-id', resourceId);
    expect(ScalingActivities.map((a: { Description: string }) => a.Description)).toEqual(['Setting desired count to 2.']);

    await aas('delete-scaling-policy', ...target(resourceId), '--policy-name', 'cpu60');
    const missing = await suite.aws.run([
      'application-autoscaling',
      'delete-scaling-policy',
      ...target(resourceId),
      '--policy-name',
      'cpu60',
    ]);
    expect(SERVICE_ERROR_EXIT).toContain(missing.code);
    expect(missing.stderr).toContain('(ObjectNotFoundException)');
    await aas('deregister-scalable-target', ...target(resourceId));
    const none = await aas('describe-scalable-targets', '--service-namespace', 'ecs', '--resource-ids', resourceId);
    expect(none.ScalableTargets).toEqual([]);
  });

  it('refuses a target on a service that does not exist', async () => {
    const result = await suite.aws.run([
      'application-autoscaling',
      'register-scalable-target',
      ...target('service/default/nope'),
      '--min-capacity',
      '1',
      '--max-capacity',
      '2',
    ]);
    expect(SERVICE_ERROR_EXIT).toContain(result.code);
    expect(result.stderr).toContain('(ValidationException) when calling the RegisterScalableTarget operation');
    expect(result.stderr).toContain("ECS service doesn't exist: service/default/nope");
  });
});
