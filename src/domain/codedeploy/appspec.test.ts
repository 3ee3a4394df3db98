import { describe, expect, it } from 'vitest';
import { parseEcsAppSpec } from './appspec.js';

describe('parseEcsAppSpec', () => {
  it('reads the YAML AppSpec with every property the replacement task set takes', () => {
    const spec = parseEcsAppSpec(`version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "arn:aws:ecs:us-east-1:000000000000:task-definition/web:3"
        LoadBalancerInfo:
          ContainerName: "web"
          ContainerPort: 8080
        PlatformVersion: "LATEST"
        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: ["subnet-1", "subnet-2"]
            SecurityGroups: ["sg-1"]
            AssignPublicIp: "DISABLED"
        CapacityProviderStrategy:
          - CapacityProvider: FARGATE_SPOT
            Base: 1
            Weight: 2
Hooks:
  - BeforeInstall: "CheckBefore"
  - AfterAllowTraffic: "CheckAfter"
`);
    expect(spec).toEqual({
      taskDefinition: 'arn:aws:ecs:us-east-1:000000000000:task-definition/web:3',
      containerName: 'web',
      containerPort: 8080,
      platformVersion: 'LATEST',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' },
      },
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', base: 1, weight: 2 }],
      hooks: { BeforeInstall: 'CheckBefore', AfterAllowTraffic: 'CheckAfter' },
    });
  });

  it('reads the same AppSpec written as JSON', () => {
    const spec = parseEcsAppSpec(
      JSON.stringify({
        version: 0.0,
        Resources: [
          {
            TargetService: {
              Type: 'AWS::ECS::Service',
              Properties: { TaskDefinition: 'web:1', LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 80 } },
            },
          },
        ],
      }),
    );
    expect(spec).toEqual({ taskDefinition: 'web:1', containerName: 'web', containerPort: 80, hooks: {} });
  });

  it.each([
    ['not: [valid', /neither YAML nor JSON/],
    ['version: 0.0\nResources: []', /Resources must list one TargetService/],
    ['version: 0.0\nResources:\n  - T:\n      Type: AWS::Lambda::Function\n', /Type must be AWS::ECS::Service/],
    [
      'version: 0.0\nResources:\n  - T:\n      Type: AWS::ECS::Service\n      Properties:\n        LoadBalancerInfo: {ContainerName: w, ContainerPort: 80}\n',
      /TaskDefinition is missing/,
    ],
    [
      'version: 0.0\nResources:\n  - T:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: x\n        LoadBalancerInfo: {ContainerName: w, ContainerPort: 0}\n',
      /ContainerPort/,
    ],
    [
      'version: 0.0\nResources:\n  - T:\n      Type: AWS::ECS::Service\n      Properties:\n        TaskDefinition: x\n        LoadBalancerInfo: {ContainerName: w, ContainerPort: 80}\nHooks:\n  - Install: f\n',
      /not a lifecycle event/,
    ],
  ])('refuses %j with InvalidRevisionException', (content, message) => {
    expect(() => parseEcsAppSpec(content)).toThrow(
      expect.objectContaining({ code: 'InvalidRevisionException', message: expect.stringMatching(message) }),
    );
  });
});
