import type { RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import { taskDefinitionFixture } from '../../test/support/task-definition-fixtures.js';
import { planRegistration, registeredByOf } from './task-definition-registration.js';
import { assertRunnableOnFargate, type TaskDefinitionState } from './task-definition.js';

const scope = { accountId: '123456789012', region: 'eu-west-1' };
const NOW = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const empty = (): TaskDefinitionState => ({ taskDefinitions: {}, taskDefinitionFamilies: {} });
const plan = (input: RegisterTaskDefinitionRequest, state = empty()) => planRegistration(state, input, { scope, now: NOW });
const attributeNames = (input: RegisterTaskDefinitionRequest) => plan(input).requiresAttributes!.map((a) => a.name);

describe('planRegistration', () => {
  it('fills in what AWS fills in on registration', () => {
    const record = plan(taskDefinitionFixture('web-nginx'));
    expect(record).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web-nginx:1',
      family: 'web-nginx',
      revision: 1,
      status: 'ACTIVE',
      cpu: '256',
      memory: '512',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: ['EC2', 'MANAGED_INSTANCES', 'FARGATE'],
      registeredAt: NOW,
      registeredBy: 'arn:aws:iam::123456789012:root',
      volumes: [],
      placementConstraints: [],
      enableFaultInjection: false,
    });
    expect(record.containerDefinitions[0]).toEqual({
      name: 'nginx',
      image: 'nginx:1.27-alpine',
      cpu: 0,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp', name: 'http', appProtocol: 'http' }],
      environment: [{ name: 'NGINX_ENTRYPOINT_QUIET_LOGS', value: '1' }],
      mountPoints: [],
      volumesFrom: [],
      systemControls: [],
      healthCheck: {
        command: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost/ || exit 1'],
        interval: 10,
        timeout: 5,
        retries: 3,
        startPeriod: 5,
      },
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/web-nginx', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' },
      },
    });
    expect(record).not.toHaveProperty('tags');
  });

  it('normalises "0.5 vCPU" / "1 GB" to units', () => {
    const record = plan(taskDefinitionFixture('worker-with-secrets'));
    expect(record.cpu).toBe('512');
    expect(record.memory).toBe('1024');
  });

  it('takes the next revision of the family and never reuses one', () => {
    const state = empty();
    state.taskDefinitionFamilies['web-nginx'] = { lastRevision: 7 }; // revisions 1..7 may all be deleted by now
    expect(plan(taskDefinitionFixture('web-nginx'), state).revision).toBe(8);
    expect(plan(taskDefinitionFixture('worker-with-secrets'), state).revision).toBe(1);
  });

  it('drops nulls copied from a describe output and fills health check defaults', () => {
    const input = {
      family: 'nulls',
      containerDefinitions: [{ name: 'c', image: 'nginx', memory: 64, links: null, healthCheck: { command: ['CMD', 'true'] } }],
      pidMode: null,
    } as unknown as RegisterTaskDefinitionRequest;
    const record = plan(input);
    expect(record).not.toHaveProperty('pidMode');
    expect(record.containerDefinitions[0]).not.toHaveProperty('links');
    expect(record.containerDefinitions[0]!.healthCheck).toEqual({ command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3 });
  });

  it('gives bridge-mode ports a dynamic host port (0)', () => {
    const record = plan(taskDefinitionFixture('ec2-bridge'));
    expect(record.containerDefinitions[0]!.portMappings).toEqual([{ containerPort: 80, hostPort: 0, protocol: 'tcp' }]);
  });

  describe('Fargate rules', () => {
    it('are enforced when requiresCompatibilities names FARGATE', () => {
      const input = { ...taskDefinitionFixture('web-nginx'), networkMode: 'bridge' as const };
      const err = catchEcsError(() => plan(input));
      expect(err.code).toBe('ClientException');
      expect(err.message).toBe('Fargate only supports network mode \u2018awsvpc\u2019.');
    });

    it('are not enforced for an EC2-only definition, which simply lacks FARGATE in compatibilities', () => {
      const record = plan(taskDefinitionFixture('ec2-bridge'));
      expect(record.compatibilities).toEqual(['EXTERNAL', 'EC2']);
    });

    it('refuse the EC2-only definition later, when it is launched on Fargate', () => {
      const ec2Only = plan(taskDefinitionFixture('ec2-bridge'));
      const err = catchEcsError(() => assertRunnableOnFargate(ec2Only));
      expect([err.code, err.message]).toEqual(['InvalidParameterException', 'Task definition does not support launch_type FARGATE.']);
      expect(() => assertRunnableOnFargate(plan(taskDefinitionFixture('web-nginx')))).not.toThrow();
    });

    it('decide compatibilities even without requiresCompatibilities', () => {
      const fargateReady = { ...taskDefinitionFixture('web-nginx'), requiresCompatibilities: undefined };
      expect(plan(fargateReady).compatibilities).toEqual(['EC2', 'MANAGED_INSTANCES', 'FARGATE']);
      const tooSmall = { ...fargateReady, cpu: '128', memory: '256' };
      expect(plan(tooSmall).compatibilities).toEqual(['EC2', 'MANAGED_INSTANCES']);
    });

    it('run after the general rules', () => {
      const input = { ...taskDefinitionFixture('web-nginx'), family: 'bad family', cpu: '1 vCPU', memory: '1 GB' };
      expect(catchEcsError(() => plan(input)).message).toBe('Family contains invalid characters.');
    });
  });

  describe('requiresAttributes', () => {
    it('lists awslogs, execution role, health check and awsvpc capabilities in AWS order', () => {
      expect(attributeNames(taskDefinitionFixture('web-nginx'))).toEqual([
        'com.amazonaws.ecs.capability.logging-driver.awslogs',
        'ecs.capability.execution-role-awslogs',
        'com.amazonaws.ecs.capability.docker-remote-api.1.19',
        'ecs.capability.container-health-check',
        'com.amazonaws.ecs.capability.docker-remote-api.1.18',
        'ecs.capability.task-eni',
        'com.amazonaws.ecs.capability.docker-remote-api.1.29',
      ]);
    });

    it('lists task role, secrets stores, reservations and container ordering', () => {
      expect(attributeNames(taskDefinitionFixture('worker-with-secrets'))).toEqual([
        'com.amazonaws.ecs.capability.docker-remote-api.1.21',
        'com.amazonaws.ecs.capability.task-iam-role',
        'ecs.capability.secrets.asm.environment-variables',
        'ecs.capability.secrets.ssm.environment-variables',
        'com.amazonaws.ecs.capability.docker-remote-api.1.18',
        'ecs.capability.task-eni',
        'ecs.capability.container-ordering',
      ]);
    });

    it('lists ECR pull capabilities for a private ECR image', () => {
      const input = taskDefinitionFixture('web-nginx');
      input.containerDefinitions![0]!.image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1';
      input.containerDefinitions![0]!.linuxParameters = { initProcessEnabled: true };
      expect(attributeNames(input)).toEqual([
        'com.amazonaws.ecs.capability.logging-driver.awslogs',
        'ecs.capability.execution-role-awslogs',
        'com.amazonaws.ecs.capability.ecr-auth',
        'com.amazonaws.ecs.capability.docker-remote-api.1.19',
        'com.amazonaws.ecs.capability.docker-remote-api.1.25',
        'ecs.capability.container-health-check',
        'ecs.capability.execution-role-ecr-pull',
        'com.amazonaws.ecs.capability.docker-remote-api.1.18',
        'ecs.capability.task-eni',
        'com.amazonaws.ecs.capability.docker-remote-api.1.29',
      ]);
    });

    it('is empty for a plain bridge definition', () => {
      expect(attributeNames({ family: 'plain', containerDefinitions: [{ name: 'c', image: 'nginx', memory: 64 }] })).toEqual([]);
    });
  });

  it('names the account root as the registrant, in the scope partition', () => {
    expect(registeredByOf({ accountId: '123456789012', region: 'cn-north-1' })).toBe('arn:aws-cn:iam::123456789012:root');
  });
});
