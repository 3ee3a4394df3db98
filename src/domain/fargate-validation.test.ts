import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { fargateViolation, isEcrImage } from './fargate-validation.js';
import { normaliseSpec } from './task-definition-spec.js';

const ROLE = 'arn:aws:iam::000000000000:role/exec';
const ECR_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0';

const base = (over: Partial<RegisterTaskDefinitionRequest> = {}, container: ContainerDefinition = {}): RegisterTaskDefinitionRequest => ({
  family: 'app',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx', ...container }],
  ...over,
});

const violation = (input: RegisterTaskDefinitionRequest) => fargateViolation(normaliseSpec(input));

describe('fargateViolation', () => {
  it.each<[string, RegisterTaskDefinitionRequest, string]>([
    ['bridge mode', base({ networkMode: 'bridge' }), 'Fargate only supports network mode \u2018awsvpc\u2019.'],
    ['no network mode (bridge by default)', base({ networkMode: undefined }), 'Fargate only supports network mode \u2018awsvpc\u2019.'],
    ['host mode', base({ networkMode: 'host' }), 'Fargate only supports network mode \u2018awsvpc\u2019.'],
    ['no task cpu', base({ cpu: undefined }), "Fargate requires that 'cpu' be defined at the task level."],
    ['no task memory', base({ memory: undefined }), "Fargate requires that 'memory' be defined at the task level."],
    [
      '1 vCPU with 1 GB',
      base({ cpu: '1 vCPU', memory: '1 GB' }),
      'No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values.',
    ],
    [
      '32 vCPU',
      base({ cpu: '32768', memory: '65536' }),
      'No Fargate configuration exists for given values: 32768 CPU, 65536 memory. See the Amazon ECS documentation for the valid values.',
    ],
    [
      'pidMode host',
      base({ pidMode: 'host' }),
      "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
    ],
    ['any ipcMode', base({ ipcMode: 'task' }), 'Tasks using the Fargate launch type do not support ipcMode.'],
    [
      'placement constraints',
      base({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone in [us-east-1a]' }] }),
      'Fargate does not support task placement constraints.',
    ],
    [
      'a host path volume',
      base({ volumes: [{ name: 'data', host: { sourcePath: '/data' } }] }),
      'host.sourcePath should not be set for volumes in Fargate.',
    ],
    [
      'a Docker volume',
      base({ volumes: [{ name: 'data', dockerVolumeConfiguration: { driver: 'local' } }] }),
      'Tasks using the Fargate launch type do not support Docker volumes.',
    ],
    ['a privileged container', base({}, { privileged: true }), 'Tasks using the Fargate launch type do not support privileged containers.'],
    [
      'stopTimeout above 120',
      base({}, { stopTimeout: 121 }),
      'Tasks using the Fargate launch type must have a container stop timeout of less than 120 seconds.',
    ],
    [
      'awslogs without an execution role',
      base({}, { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1' } } }),
      'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
    ],
    [
      'awslogs without a stream prefix',
      base(
        { executionRoleArn: ROLE },
        { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1' } } },
      ),
      'Fargate requires log configuration options to include awslogs-stream-prefix to support log driver awslogs.',
    ],
    [
      'a private ECR image without an execution role',
      base({}, { image: ECR_IMAGE }),
      'Fargate requires task definition to have execution role ARN to support ECR images.',
    ],
  ])('refuses %s', (_, input, message) => {
    const err = violation(input);
    expect(err?.code).toBe('ClientException');
    expect(err?.message).toBe(message);
  });

  it.each<[string, RegisterTaskDefinitionRequest]>([
    ['the smallest size', base()],
    ['16 vCPU with 120 GB', base({ cpu: '16 vCPU', memory: '120 GB' })],
    ['pidMode task', base({ pidMode: 'task' })],
    ['an empty bind-mount volume', base({ volumes: [{ name: 'scratch' }] })],
    ['stopTimeout of exactly 120', base({}, { stopTimeout: 120 })],
    [
      'awslogs with an execution role',
      base(
        { executionRoleArn: ROLE },
        {
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': 'g', 'awslogs-region': 'r', 'awslogs-stream-prefix': 'p' },
          },
        },
      ),
    ],
    ['an ECR image with an execution role', base({ executionRoleArn: ROLE }, { image: ECR_IMAGE })],
    ['an ECR Public image without a role', base({}, { image: 'public.ecr.aws/docker/library/nginx:latest' })],
  ])('accepts %s', (_, input) => {
    expect(violation(input)).toBeNull();
  });

  it.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app', true],
    ['123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:1', true],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app', true],
    ['public.ecr.aws/nginx/nginx', false],
    ['nginx', false],
    ['ghcr.io/owner/app', false],
  ])('isEcrImage(%s) is %s', (image, expected) => {
    expect(isEcrImage(image)).toBe(expected);
  });
});
