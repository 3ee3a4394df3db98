import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import {
  assertRunnableOnFargate,
  latestActiveRevision,
  parseTaskDefinitionRef,
  resolveTaskDefinitionRef,
  TASK_DEFINITION_LOOKUPS,
  type TaskDefinitionRecord,
  type TaskDefinitionState,
  type TaskDefinitionStatus,
} from './task-definition.js';

const ARN = 'arn:aws:ecs:us-east-1:000000000000:task-definition';

function record(family: string, revision: number, status: TaskDefinitionStatus): TaskDefinitionRecord {
  return {
    taskDefinitionArn: `${ARN}/${family}:${revision}`,
    family,
    revision,
    status,
    containerDefinitions: [],
    registeredAt: 0,
  };
}

/** web:1 ACTIVE, web:2 ACTIVE, web:3 INACTIVE, web:4 DELETE_IN_PROGRESS; old:1 INACTIVE. */
function state(): TaskDefinitionState {
  const records = [
    record('web', 1, 'ACTIVE'),
    record('web', 2, 'ACTIVE'),
    record('web', 3, 'INACTIVE'),
    record('web', 4, 'DELETE_IN_PROGRESS'),
    record('old', 1, 'INACTIVE'),
  ];
  return {
    taskDefinitions: Object.fromEntries(records.map((r) => [`${r.family}:${r.revision}`, r])),
    taskDefinitionFamilies: { web: { lastRevision: 5 }, old: { lastRevision: 1 } },
  };
}

describe('parseTaskDefinitionRef', () => {
  it.each([
    ['web', { family: 'web' }],
    ['web:12', { family: 'web', revision: 12 }],
    [`${ARN}/web:3`, { family: 'web', revision: 3, arnPrefix: `${ARN}/` }],
    [`${ARN}/web`, { family: 'web', arnPrefix: `${ARN}/` }],
  ])('reads %s', (ref, expected) => {
    expect(parseTaskDefinitionRef(ref)).toEqual(expected);
  });

  it.each(['', 'web:', 'web:0', 'web:01', 'web:x', 'web:1:2', 'a b', 'arn:aws:ecs:us-east-1:000000000000:cluster/web', 'arn:nope'])(
    'rejects %j',
    (ref) => {
      expect(parseTaskDefinitionRef(ref)).toBeNull();
    },
  );
});

describe('resolveTaskDefinitionRef', () => {
  it('resolves a bare family to its latest ACTIVE revision', () => {
    expect(resolveTaskDefinitionRef(state(), 'web').revision).toBe(2);
    expect(latestActiveRevision(state(), 'old')).toBeUndefined();
  });

  it('resolves family:revision and an ARN to that revision, whatever its status (describe)', () => {
    expect(resolveTaskDefinitionRef(state(), 'web:3').status).toBe('INACTIVE');
    expect(resolveTaskDefinitionRef(state(), `${ARN}/web:4`).status).toBe('DELETE_IN_PROGRESS');
    expect(resolveTaskDefinitionRef(state(), `${ARN}/web`).revision).toBe(2);
  });

  it.each([
    ['an unknown family', 'nope'],
    ['a family with no ACTIVE revision', 'old'],
    ['an unknown revision', 'web:5'],
    ['a malformed reference', 'web:1:2'],
    ['an ARN in another account', 'arn:aws:ecs:us-east-1:111111111111:task-definition/web:1'],
    ['an ARN in another region', 'arn:aws:ecs:eu-west-1:000000000000:task-definition/web:1'],
  ])('describe: %s is ClientException "Unable to describe task definition."', (_, ref) => {
    const err = catchEcsError(() => resolveTaskDefinitionRef(state(), ref, TASK_DEFINITION_LOOKUPS.describe));
    expect([err.code, err.message]).toEqual(['ClientException', 'Unable to describe task definition.']);
  });

  it.each([
    ['runTask', 'nope', 'InvalidParameterException', 'TaskDefinition not found.'],
    ['runTask', 'web:3', 'InvalidParameterException', 'TaskDefinition is inactive'],
    ['runTask', 'web:4', 'InvalidParameterException', 'TaskDefinition is inactive'],
    ['createService', 'nope:1', 'ClientException', 'TaskDefinition not found.'],
    ['createService', 'web:3', 'InvalidParameterException', 'TaskDefinition is inactive'],
    ['deregister', 'web', 'ClientException', 'Revision is missing.'],
    ['deregister', 'web:9', 'ClientException', 'The specified task definition does not exist.'],
  ] as const)('%s: %s is %s %j', (lookup, ref, code, message) => {
    const err = catchEcsError(() => resolveTaskDefinitionRef(state(), ref, TASK_DEFINITION_LOOKUPS[lookup]));
    expect([err.code, err.message]).toEqual([code, message]);
  });

  it('lets RunTask use an ACTIVE revision by family, revision or ARN', () => {
    for (const ref of ['web', 'web:1', `${ARN}/web:2`]) {
      expect(resolveTaskDefinitionRef(state(), ref, TASK_DEFINITION_LOOKUPS.runTask).status).toBe('ACTIVE');
    }
  });
});

describe('assertRunnableOnFargate', () => {
  it('accepts a revision found valid for Fargate', () => {
    expect(() => assertRunnableOnFargate({ compatibilities: ['EC2', 'MANAGED_INSTANCES', 'FARGATE'] })).not.toThrow();
  });

  it.each([[['EXTERNAL', 'EC2']], [['EC2', 'MANAGED_INSTANCES']], [undefined]] as const)(
    'refuses compatibilities %j with InvalidParameterException',
    (compatibilities) => {
      const err = catchEcsError(() => assertRunnableOnFargate({ compatibilities: compatibilities as never }));
      expect([err.code, err.message]).toEqual(['InvalidParameterException', 'Task definition does not support launch_type FARGATE.']);
    },
  );
});
