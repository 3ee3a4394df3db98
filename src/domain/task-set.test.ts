import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import { computedDesiredCountOf, findTaskSet, scaleOf, stabilityOf, type TaskSetRecord } from './task-set.js';

describe('task sets', () => {
  it.each([
    [3, 50, 2],
    [3, 100, 3],
    [10, 10, 1],
    [10, 11, 2],
    [1, 0.5, 1],
    [0, 100, 0],
    [4, 0, 0],
  ])('desiredCount %i at %d percent runs %i tasks (rounded up)', (desired, percent, expected) => {
    expect(computedDesiredCountOf(desired, percent)).toBe(expected);
  });

  it('takes a PERCENT scale from 0 to 100, 100 percent by default', () => {
    expect(scaleOf(undefined)).toEqual({ value: 100, unit: 'PERCENT' });
    expect(scaleOf({ value: 25 })).toEqual({ value: 25, unit: 'PERCENT' });
    expect(catchEcsError(() => scaleOf({ value: 101, unit: 'PERCENT' })).code).toBe('InvalidParameterException');
    expect(catchEcsError(() => scaleOf({ value: -1 })).code).toBe('InvalidParameterException');
    expect(catchEcsError(() => scaleOf({ value: 5, unit: 'COUNT' })).code).toBe('InvalidParameterException');
  });

  it('is steady only with exactly its computed count running and nothing coming or going', () => {
    expect(stabilityOf(2, 2, 0, 0)).toBe('STEADY_STATE');
    expect(stabilityOf(0, 0, 0, 0)).toBe('STEADY_STATE');
    expect(stabilityOf(2, 1, 1, 0)).toBe('STABILIZING');
    expect(stabilityOf(2, 2, 0, 1)).toBe('STABILIZING');
    expect(stabilityOf(1, 2, 0, 0)).toBe('STABILIZING');
  });

  it('is found by id or ARN, never by a part of either', () => {
    const ts = { id: 'ecs-svc/1234567890123456789', taskSetArn: 'arn:aws:ecs:us-east-1:1:task-set/c/s/ecs-svc/1234567890123456789' };
    const sets = [ts as TaskSetRecord];
    expect(findTaskSet(sets, ts.id)).toBe(ts);
    expect(findTaskSet(sets, ts.taskSetArn)).toBe(ts);
    expect(findTaskSet(sets, '1234567890123456789')).toBeUndefined();
  });
});
