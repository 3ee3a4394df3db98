import { describe, expect, it } from 'vitest';
import { albResourceLabel, EXPRESS_SCALING_METRICS, expressScalingPolicyName } from './express-gateway.js';

describe('Express Mode scaling', () => {
  it('labels the request count metric with the load balancer and target group, as ALBRequestCountPerTarget wants', () => {
    expect(
      albResourceLabel(
        'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/ecs-express-gateway-alb-1a2b3c4d/0123456789abcdef',
        'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/ecs-gateway-tg-web/fedcba9876543210',
      ),
    ).toBe('app/ecs-express-gateway-alb-1a2b3c4d/0123456789abcdef/targetgroup/ecs-gateway-tg-web/fedcba9876543210');
  });

  it('maps each Express metric to its predefined target tracking metric', () => {
    expect(EXPRESS_SCALING_METRICS).toEqual({
      AVERAGE_CPU: 'ECSServiceAverageCPUUtilization',
      AVERAGE_MEMORY: 'ECSServiceAverageMemoryUtilization',
      REQUEST_COUNT_PER_TARGET: 'ALBRequestCountPerTarget',
    });
    expect(expressScalingPolicyName('web')).toBe('ecs-express-gateway-scaling-web');
  });
});
