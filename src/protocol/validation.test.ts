import { describe, expect, it } from 'vitest';
import { EcsError } from '../domain/errors.js';
import { sdkEnumValues } from './model/ecs-schema.js';
import { validateInput } from './validation.js';

/** The EcsError validateInput throws (fails the test when it throws nothing or something else). */
function rejection(operation: string, input: unknown): EcsError {
  try {
    validateInput(operation, input);
  } catch (err) {
    if (err instanceof EcsError) return err;
    throw err;
  }
  throw new Error(`${operation} accepted ${JSON.stringify(input)}`);
}

const launchTypes = sdkEnumValues('LaunchType')!.join(',');
const propagateTags = sdkEnumValues('PropagateTags')!.join(', ');
const compatibilities = sdkEnumValues('Compatibility')!.join(', ');
const assignPublicIp = sdkEnumValues('AssignPublicIp')!.join(', ');

describe('validateInput: required members', () => {
  it('reports a missing required member with the validation error', () => {
    const err = rejection('RunTask', {});
    expect(err).toMatchObject({ code: 'ClientException', status: 400 });
    expect(err.message).toBe(
      "1 validation error detected: Value null at 'taskDefinition' failed to satisfy constraint: Member must not be null",
    );
  });

  it('treats a JSON null like an absent member', () => {
    expect(rejection('RunTask', { taskDefinition: null }).message).toContain("Value null at 'taskDefinition'");
  });

  it('accepts an input with its required members and nothing else', () => {
    expect(() => validateInput('RunTask', { taskDefinition: 'web:1' })).not.toThrow();
    expect(() => validateInput('ListClusters', {})).not.toThrow();
  });

  it('checks required members of nested structures and list elements', () => {
    const err = rejection('RunTask', {
      taskDefinition: 'web',
      networkConfiguration: { awsvpcConfiguration: {} },
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { weight: 1 }],
    });
    expect(err.message).toBe(
      '2 validation errors detected: ' +
        "Value null at 'capacityProviderStrategy.2.member.capacityProvider' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'networkConfiguration.awsvpcConfiguration.subnets' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers with the message ECS itself uses for some required members', () => {
    expect(rejection('RegisterTaskDefinition', { containerDefinitions: [] })).toMatchObject({
      code: 'ClientException',
      message: 'Family can not be blank.',
    });
    expect(rejection('RegisterTaskDefinition', { family: 'web' })).toMatchObject({
      code: 'ClientException',
      message: 'Container list cannot be empty.',
    });
  });

  it('leaves the members ECS checks inside the operation (after the cluster lookup) to the operation', () => {
    expect(() => validateInput('DescribeTasks', {})).not.toThrow();
    expect(() => validateInput('DescribeServices', {})).not.toThrow();
  });
});

describe('validateInput: enums', () => {
  it('rejects a value outside the enum with the allowed set', () => {
    const err = rejection('RunTask', { taskDefinition: 'web', propagateTags: 'FOO' });
    expect(err.code).toBe('ClientException');
    expect(err.message).toBe(
      `1 validation error detected: Value 'FOO' at 'propagateTags' failed to satisfy constraint: Member must satisfy enum value set: [${propagateTags}]`,
    );
  });

  it('is case sensitive, as the model is', () => {
    expect(rejection('RunTask', { taskDefinition: 'web', propagateTags: 'service' }).message).toContain(
      "Value 'service' at 'propagateTags'",
    );
    expect(rejection('RunTask', { taskDefinition: 'web', launchType: 'fargate' }).message).toBe(
      `launch type should be one of [${launchTypes}]`,
    );
  });

  it('answers enums ECS checks itself (launch type, setting names) in its own words, after the model checks', () => {
    expect(rejection('RunTask', { taskDefinition: 'web', launchType: 'FOO' })).toMatchObject({
      code: 'InvalidParameterException',
      message: `launch type should be one of [${launchTypes}]`,
    });
    expect(rejection('PutAccountSetting', { name: 'nope', value: 'enabled' })).toMatchObject({
      code: 'InvalidParameterException',
      message: expect.stringMatching(/^nope should be one of \[awsvpcTrunking,/),
    });
    expect(rejection('RunTask', { launchType: 'FOO' }).message).toMatch(/^1 validation error detected: Value null at 'taskDefinition'/);
  });

  it('checks enums deep inside structures', () => {
    const err = rejection('RunTask', {
      taskDefinition: 'web',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], assignPublicIp: 'MAYBE' } },
    });
    expect(err.message).toBe(
      "1 validation error detected: Value 'MAYBE' at 'networkConfiguration.awsvpcConfiguration.assignPublicIp' " +
        `failed to satisfy constraint: Member must satisfy enum value set: [${assignPublicIp}]`,
    );
  });

  it('checks every element of a list of enum values', () => {
    const err = rejection('RegisterTaskDefinition', {
      family: 'web',
      containerDefinitions: [{ name: 'app', image: 'nginx' }],
      requiresCompatibilities: ['FARGATE', 'FOO'],
    });
    expect(err.message).toBe(
      "1 validation error detected: Value '[FARGATE, FOO]' at 'requiresCompatibilities' failed to satisfy constraint: " +
        `Member must satisfy constraint: [Member must satisfy enum value set: [${compatibilities}]]`,
    );
  });

  it('checks enums inside list elements with 1-based member paths', () => {
    const err = rejection('RegisterTaskDefinition', {
      family: 'web',
      containerDefinitions: [
        { name: 'a' },
        {
          name: 'b',
          ulimits: [
            { name: 'nofile', softLimit: 1, hardLimit: 2 },
            { name: 'files', softLimit: 1, hardLimit: 2 },
          ],
        },
      ],
    });
    expect(err.message).toMatch(
      /^1 validation error detected: Value 'files' at 'containerDefinitions\.2\.member\.ulimits\.2\.member\.name' failed/,
    );
  });

  it('answers with the message ECS itself uses for an unknown log driver', () => {
    const err = rejection('RegisterTaskDefinition', {
      family: 'web',
      containerDefinitions: [{ name: 'a', logConfiguration: { logDriver: 'awsvpc' } }],
    });
    expect(err).toMatchObject({
      code: 'ClientException',
      message: 'awsvpc is not a valid log driver. Must be one of [awslogs,splunk,awsfirelens]',
    });
  });

  it('reports every constraint failure of a request, in model order', () => {
    const err = rejection('RunTask', {
      propagateTags: 'BAR',
      networkConfiguration: { awsvpcConfiguration: { subnets: [], assignPublicIp: 'FOO' } },
    });
    expect(err.message).toMatch(
      /^3 validation errors detected: Value null at 'taskDefinition'.*; Value 'FOO' at 'networkConfiguration.awsvpcConfiguration.assignPublicIp'.*; Value 'BAR' at 'propagateTags'/,
    );
  });
});

describe('validateInput: ranges', () => {
  it('rejects a number above its maximum', () => {
    const err = rejection('RunTask', { taskDefinition: 'web', capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1001 }] });
    expect(err).toMatchObject({ code: 'ClientException', status: 400 });
    expect(err.message).toBe(
      "1 validation error detected: Value '1001' at 'capacityProviderStrategy.1.member.weight' failed to satisfy constraint: " +
        'Member must have value less than or equal to 1000',
    );
  });

  it('rejects a number below its minimum', () => {
    const err = rejection('CreateCluster', { defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: -1 }] });
    expect(err.message).toBe(
      "1 validation error detected: Value '-1' at 'defaultCapacityProviderStrategy.1.member.base' failed to satisfy constraint: " +
        'Member must have value greater than or equal to 0',
    );
  });

  it('accepts the bounds themselves', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', weight: 1000, base: 100_000 },
      { capacityProvider: 'FARGATE_SPOT', weight: 0, base: 0 },
    ];
    expect(() => validateInput('RunTask', { taskDefinition: 'web', capacityProviderStrategy: strategy })).not.toThrow();
  });
});

describe('validateInput: JSON types (SerializationException)', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a string for an integer', { taskDefinition: 'web', count: '1' }, 'STRING_VALUE cannot be converted to Integer'],
    ['a boolean for an integer', { taskDefinition: 'web', count: true }, 'TRUE_VALUE cannot be converted to Integer'],
    ['a number for a string', { taskDefinition: 12 }, 'NUMBER_VALUE cannot be converted to String'],
    ['a decimal for a string', { taskDefinition: 1.5 }, 'DECIMAL_VALUE cannot be converted to String'],
    ['false for a string', { taskDefinition: false }, 'FALSE_VALUE cannot be converted to String'],
    ['a string for a boolean', { taskDefinition: 'web', enableExecuteCommand: 'true' }, 'Unexpected token received from parser'],
    ['a number for a boolean', { taskDefinition: 'web', enableExecuteCommand: 1 }, 'NUMBER_VALUE cannot be converted to Boolean'],
    ['an object for a string', { taskDefinition: { name: 'web' } }, 'Start of structure or map found where not expected'],
    ['an array for a string', { taskDefinition: ['web'] }, 'Unrecognized collection type class java.lang.String'],
    ['a scalar for a list', { taskDefinition: 'web', tags: 'k=v' }, 'Unexpected field type'],
    ['an object for a list', { taskDefinition: 'web', tags: { k: 'v' } }, 'Start of structure or map found where not expected'],
    ['a scalar for a structure', { taskDefinition: 'web', overrides: 'x' }, 'Unexpected field type'],
    [
      'an array for a structure',
      { taskDefinition: 'web', networkConfiguration: [] },
      'Unrecognized collection type class com.amazonaws.ecs.v20141113.NetworkConfiguration',
    ],
    [
      'a wrong type deep in a list element',
      { taskDefinition: 'web', overrides: { containerOverrides: [{ name: 'app', environment: [{ name: 'A', value: 1 }] }] } },
      'NUMBER_VALUE cannot be converted to String',
    ],
  ];

  it.each(cases)('rejects %s', (_what, input, message) => {
    const err = rejection('RunTask', input);
    expect(err).toMatchObject({ code: 'SerializationException', status: 400, message });
  });

  it('checks map values and the map itself', () => {
    const task = (dockerLabels: unknown) => ({ family: 'web', containerDefinitions: [{ name: 'app', dockerLabels }] });
    expect(rejection('RegisterTaskDefinition', task({ a: 1 })).message).toBe('NUMBER_VALUE cannot be converted to String');
    expect(rejection('RegisterTaskDefinition', task(['a'])).message).toBe(
      'Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>',
    );
    expect(() => validateInput('RegisterTaskDefinition', task({ 'com.example': 'x' }))).not.toThrow();
  });

  it('stops at a type error even after a constraint failure', () => {
    expect(rejection('RunTask', { launchType: 'FOO', count: '1' }).code).toBe('SerializationException');
  });

  it('accepts any JSON number for a number member', () => {
    expect(() => validateInput('RunTask', { taskDefinition: 'web', count: 2 })).not.toThrow();
    expect(() =>
      validateInput('UpdateTaskSet', { cluster: 'c', service: 's', taskSet: 't', scale: { value: 12.5, unit: 'PERCENT' } }),
    ).not.toThrow();
  });

  it('rejects a body that is not a JSON object', () => {
    expect(rejection('RunTask', 'x')).toMatchObject({ code: 'SerializationException', message: '' });
    expect(rejection('RunTask', null)).toMatchObject({ code: 'SerializationException' });
    expect(rejection('RunTask', [])).toMatchObject({
      code: 'SerializationException',
      message: 'Unrecognized collection type class com.amazonaws.ecs.v20141113.RunTaskRequest',
    });
  });
});

describe('validateInput: what it leaves alone', () => {
  it('ignores members the model does not know, however they look', () => {
    expect(() => validateInput('RunTask', { taskDefinition: 'web', bogus: { deep: [1, 2] }, __proto__: 1 })).not.toThrow();
  });

  it('ignores null list elements and null map values', () => {
    expect(() => validateInput('RunTask', { taskDefinition: 'web', tags: [null] })).not.toThrow();
  });

  it('checks only that the body is an object for an operation ECS does not have', () => {
    expect(() => validateInput('NotAnEcsOperation', { anything: 1 })).not.toThrow();
    expect(rejection('NotAnEcsOperation', 'x').code).toBe('SerializationException');
  });

  it('accepts a realistic Fargate task definition', () => {
    expect(() =>
      validateInput('RegisterTaskDefinition', {
        family: 'web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
        containerDefinitions: [
          {
            name: 'app',
            image: 'nginx:alpine',
            essential: true,
            portMappings: [{ containerPort: 80, protocol: 'tcp' }],
            environment: [{ name: 'A', value: 'b' }],
            healthCheck: { command: ['CMD-SHELL', 'true'], interval: 10 },
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } },
            dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
          },
        ],
        tags: [{ key: 'k', value: 'v' }],
      }),
    ).not.toThrow();
  });
});
