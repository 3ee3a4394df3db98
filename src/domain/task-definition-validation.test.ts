import type { ContainerDefinition, RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import { normaliseSpec } from './task-definition-spec.js';
import { validateTaskDefinition } from './task-definition-validation.js';

const ROLE = 'arn:aws:iam::000000000000:role/exec';

/** A valid EC2 definition: bridge mode, container memory. */
const base = (containers: ContainerDefinition[] = [{ name: 'web', image: 'nginx', memory: 256 }]): RegisterTaskDefinitionRequest => ({
  family: 'app',
  containerDefinitions: containers,
});

const validate = (input: RegisterTaskDefinitionRequest) => validateTaskDefinition(normaliseSpec(input));

const cases: Array<[string, RegisterTaskDefinitionRequest, string]> = [
  ['a blank family', { ...base(), family: '' }, 'Family can not be blank.'],
  ['a family with a space', { ...base(), family: 'my app' }, 'Family contains invalid characters.'],
  ['a family with a dot', { ...base(), family: 'my.app' }, 'Family contains invalid characters.'],
  ['a family of 256 characters', { ...base(), family: 'a'.repeat(256) }, 'Family contains invalid characters.'],
  ['no containers', base([]), 'Container list cannot be empty.'],
  [
    'eleven containers',
    base(Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: 'nginx', memory: 64 }))),
    'Too many containers.',
  ],
  ['a container without a name', base([{ image: 'nginx', memory: 64 }]), 'Container.name should not be null or empty.'],
  ['a container name with a slash', base([{ name: 'a/b', image: 'nginx', memory: 64 }]), 'Container.name contains invalid characters.'],
  ['a container without an image', base([{ name: 'web', memory: 64 }]), 'Container.image should not be null or empty.'],
  [
    'two containers with one name',
    base([
      { name: 'web', image: 'nginx', memory: 64 },
      { name: 'web', image: 'redis', memory: 64 },
    ]),
    'Container names must be unique within a Task Definition.',
  ],
  [
    'no essential container',
    base([{ name: 'web', image: 'nginx', memory: 64, essential: false }]),
    "Task definition doesn't have any essential container.",
  ],
  [
    'no memory anywhere',
    base([{ name: 'web', image: 'nginx' }]),
    "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.",
  ],
  [
    'a reservation above the hard limit',
    base([{ name: 'web', image: 'nginx', memory: 128, memoryReservation: 256 }]),
    "Invalid setting for container 'web'. 'memory' must be greater than or equal to 'memoryReservation'.",
  ],
  [
    'container memory above task memory',
    { ...base([{ name: 'web', image: 'nginx', memory: 1024 }]), memory: '512' },
    "The 'memory' setting for container 'web' is greater than for the task.",
  ],
  [
    'container cpu adding up above task cpu',
    {
      ...base([
        { name: 'a', image: 'nginx', cpu: 200 },
        { name: 'b', image: 'nginx', cpu: 100 },
      ]),
      cpu: '256',
      memory: '512',
    },
    "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
  ],
  [
    'awsvpc with different host and container ports',
    {
      ...base([{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80, hostPort: 8080 }] }]),
      networkMode: 'awsvpc',
    },
    'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
  ],
  [
    'host mode with different host and container ports',
    { ...base([{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80, hostPort: 81 }] }]), networkMode: 'host' },
    'When networkMode=host, the host ports and container ports in port mappings must match.',
  ],
  [
    'links in awsvpc mode',
    {
      ...base([
        { name: 'web', image: 'nginx', memory: 64, links: ['db'] },
        { name: 'db', image: 'redis', memory: 64 },
      ]),
      networkMode: 'awsvpc',
    },
    'Links are not supported when networkMode=awsvpc.',
  ],
  [
    'a hostname in awsvpc mode',
    { ...base([{ name: 'web', image: 'nginx', memory: 64, hostname: 'web' }]), networkMode: 'awsvpc' },
    'hostname is not supported on container when networkMode=awsvpc.',
  ],
  [
    'links that form a cycle',
    base([
      { name: 'a', image: 'nginx', memory: 64, links: ['b:bee'] },
      { name: 'b', image: 'nginx', memory: 64, links: ['a'] },
    ]),
    'Container links should not have a cycle',
  ],
  [
    'awslogs without a region',
    base([{ name: 'web', image: 'nginx', memory: 64, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } } }]),
    'Log driver awslogs requires options: awslogs-region, awslogs-group',
  ],
  [
    'secrets without an execution role',
    base([
      { name: 'web', image: 'nginx', memory: 64, secrets: [{ name: 'S', valueFrom: 'arn:aws:ssm:us-east-1:000000000000:parameter/s' }] },
    ]),
    "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.",
  ],
  [
    'private registry credentials without an execution role',
    base([
      {
        name: 'web',
        image: 'ghcr.io/me/app',
        memory: 64,
        repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:gh' },
      },
    ]),
    'Private repository authentication requires that the task definition specify a value for executionRoleArn.',
  ],
  [
    'a dependency on an unknown container',
    base([{ name: 'web', image: 'nginx', memory: 64, dependsOn: [{ containerName: 'ghost', condition: 'START' }] }]),
    "Cannot depend on container + 'ghost' because it does not exist",
  ],
  [
    'a SUCCESS dependency on an essential container',
    base([
      { name: 'web', image: 'nginx', memory: 64, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
      { name: 'init', image: 'busybox', memory: 64 },
    ]),
    'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
  ],
  [
    'a HEALTHY dependency on a container without a health check',
    base([
      { name: 'web', image: 'nginx', memory: 64, dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] },
      { name: 'db', image: 'redis', memory: 64 },
    ]),
    'A dependency container with HEALTHY condition must have health check configured',
  ],
  ['20 GiB of ephemeral storage', { ...base(), ephemeralStorage: { sizeInGiB: 20 } }, 'EphemeralStorage size should be at least 21'],
  ['201 GiB of ephemeral storage', { ...base(), ephemeralStorage: { sizeInGiB: 201 } }, 'EphemeralStorage size should be at most 200'],
];

describe('validateTaskDefinition', () => {
  it.each(cases)('refuses %s with ClientException', (_, input, message) => {
    const err = catchEcsError(() => validate(input));
    expect(err.code).toBe('ClientException');
    expect(err.message).toBe(message);
  });

  it.each<[string, RegisterTaskDefinitionRequest]>([
    ['a minimal EC2 definition', base()],
    ['a 255-character family with every allowed character', { ...base(), family: `Ab9_-${'x'.repeat(250)}` }],
    ['container memory from the task only', { ...base([{ name: 'web', image: 'nginx' }]), memory: '512' }],
    ['a reservation only', base([{ name: 'web', image: 'nginx', memoryReservation: 128 }])],
    ['container memory equal to task memory', { ...base([{ name: 'web', image: 'nginx', memory: 512 }]), memory: '512' }],
    ['container cpu adding up to task cpu exactly', { ...base([{ name: 'web', image: 'nginx', cpu: 256 }]), cpu: '256', memory: '512' }],
    [
      'awsvpc ports without a host port',
      { ...base([{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80 }] }]), networkMode: 'awsvpc' },
    ],
    [
      'bridge mode with a dynamic host port',
      base([{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80, hostPort: 0 }] }]),
    ],
    [
      'links in bridge mode',
      base([
        { name: 'web', image: 'nginx', memory: 64, links: ['db:database'] },
        { name: 'db', image: 'redis', memory: 64 },
      ]),
    ],
    [
      'secrets with an execution role',
      { ...base([{ name: 'web', image: 'nginx', memory: 64, secrets: [{ name: 'S', valueFrom: 'p' }] }]), executionRoleArn: ROLE },
    ],
    [
      'a SUCCESS dependency on a non-essential container',
      base([
        { name: 'web', image: 'nginx', memory: 64, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
        { name: 'init', image: 'busybox', memory: 64, essential: false },
      ]),
    ],
    ['21 GiB of ephemeral storage', { ...base(), ephemeralStorage: { sizeInGiB: 21 } }],
    ['200 GiB of ephemeral storage', { ...base(), ephemeralStorage: { sizeInGiB: 200 } }],
  ])('accepts %s', (_, input) => {
    expect(() => validate(input)).not.toThrow();
  });
});
