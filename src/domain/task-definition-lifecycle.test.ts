import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import { deregistered, planDeletion, purgeDeletedTaskDefinitions } from './task-definition-lifecycle.js';
import type { TaskDefinitionRecord, TaskDefinitionState, TaskDefinitionStatus } from './task-definition.js';

const ARN = 'arn:aws:ecs:us-east-1:000000000000:task-definition';

const record = (family: string, revision: number, status: TaskDefinitionStatus): TaskDefinitionRecord => ({
  taskDefinitionArn: `${ARN}/${family}:${revision}`,
  family,
  revision,
  status,
  containerDefinitions: [],
  registeredAt: 1,
});

function state(): TaskDefinitionState & { tags: Record<string, unknown> } {
  const records = [record('web', 1, 'ACTIVE'), record('web', 2, 'INACTIVE'), record('web', 3, 'DELETE_IN_PROGRESS')];
  return {
    taskDefinitions: Object.fromEntries(records.map((r) => [`${r.family}:${r.revision}`, r])),
    taskDefinitionFamilies: { web: { lastRevision: 3 } },
    tags: { [`${ARN}/web:3`]: [{ key: 'k', value: 'v' }] },
  };
}

describe('deregistered', () => {
  it('turns ACTIVE into INACTIVE with deregisteredAt', () => {
    expect(deregistered(record('web', 1, 'ACTIVE'), 42)).toMatchObject({ status: 'INACTIVE', deregisteredAt: 42 });
  });

  it('leaves INACTIVE and deleting revisions as they are', () => {
    const inactive = { ...record('web', 2, 'INACTIVE'), deregisteredAt: 7 };
    expect(deregistered(inactive, 42)).toBe(inactive);
    const deleting = record('web', 3, 'DELETE_IN_PROGRESS');
    expect(deregistered(deleting, 42)).toBe(deleting);
  });
});

describe('planDeletion', () => {
  it('deletes INACTIVE revisions and reports the rest as failures, echoing what was asked', () => {
    const plan = planDeletion(state(), ['web:2', `${ARN}/web:1`, 'web:9', 'web', 'bad name:1', 'web:3'], 99);
    expect(plan.deleted.map((r) => [r.revision, r.status, r.deleteRequestedAt])).toEqual([
      [2, 'DELETE_IN_PROGRESS', 99],
      [3, 'DELETE_IN_PROGRESS', 99],
    ]);
    expect(plan.failures).toEqual([
      {
        arn: `${ARN}/web:1`,
        reason: 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
      },
      { arn: 'web:9', reason: 'The specified task definition does not exist. Specify a valid account, family, revision and try again.' },
      { arn: 'web', reason: 'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.' },
      { arn: 'bad name:1', reason: 'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.' },
    ]);
  });

  it('keeps the first deleteRequestedAt of a revision already being deleted', () => {
    const s = state();
    s.taskDefinitions['web:3']!.deleteRequestedAt = 5;
    expect(planDeletion(s, ['web:3'], 99).deleted[0]!.deleteRequestedAt).toBe(5);
  });

  it('treats an ARN from another account as unknown', () => {
    const plan = planDeletion(state(), ['arn:aws:ecs:us-east-1:111111111111:task-definition/web:2'], 1);
    expect(plan.deleted).toEqual([]);
    expect(plan.failures[0]!.reason).toMatch(/^The specified task definition does not exist/);
  });

  it('refuses more than 10 at once with InvalidParameterException', () => {
    const err = catchEcsError(() =>
      planDeletion(
        state(),
        Array.from({ length: 11 }, (_, i) => `web:${i + 1}`),
        1,
      ),
    );
    expect([err.code, err.message]).toEqual(['InvalidParameterException', 'taskDefinitions can have at most 10 items.']);
    expect(
      planDeletion(
        state(),
        Array.from({ length: 10 }, (_, i) => `web:${i + 1}`),
        1,
      ).deleted,
    ).toHaveLength(2);
  });
});

describe('purgeDeletedTaskDefinitions', () => {
  it('removes deleting revisions nothing uses, with their tags, and keeps the revision counter', () => {
    const s = state();
    expect(purgeDeletedTaskDefinitions(s, () => false)).toEqual([`${ARN}/web:3`]);
    expect(Object.keys(s.taskDefinitions)).toEqual(['web:1', 'web:2']);
    expect(s.tags).toEqual({});
    expect(s.taskDefinitionFamilies.web).toEqual({ lastRevision: 3 });
  });

  it('keeps a deleting revision that a task or service still uses', () => {
    const s = state();
    expect(purgeDeletedTaskDefinitions(s, (arn) => arn.endsWith('web:3'))).toEqual([]);
    expect(s.taskDefinitions['web:3']?.status).toBe('DELETE_IN_PROGRESS');
  });
});
