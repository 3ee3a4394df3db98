import { describe, expect, it } from 'vitest';
import { EcsError } from './errors.js';
import { applyProtection, isProtected, protectionFailure, protectionMinutes, protectionState } from './task-protection.js';
import type { TaskRecord } from './task.js';

const NOW = 1_700_000_000_000;

function task(extra: Partial<TaskRecord> = {}): TaskRecord {
  return {
    taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/c/0123',
    group: 'service:web',
    desiredStatus: 'RUNNING',
    lastStatus: 'RUNNING',
    ...extra,
  } as TaskRecord;
}

describe('task protection', () => {
  it('protects for 120 minutes by default and reports the expiry', () => {
    const t = task();
    const state = applyProtection(t, true, protectionMinutes(true, undefined), NOW);
    expect(state).toEqual({ taskArn: t.taskArn, protectionEnabled: true, expirationDate: NOW + 120 * 60_000 });
  });

  it('expires by itself: one millisecond past the expiry the task is unprotected', () => {
    const t = task();
    applyProtection(t, true, 1, NOW);
    expect(isProtected(t, NOW + 59_999)).toBe(true);
    expect(isProtected(t, NOW + 60_000)).toBe(false);
    expect(protectionState(t, NOW + 60_000)).toEqual({ taskArn: t.taskArn, protectionEnabled: false });
  });

  it('enabling again resets the expiry; disabling clears it', () => {
    const t = task();
    applyProtection(t, true, 10, NOW);
    applyProtection(t, true, 5, NOW + 60_000);
    expect(t.protection?.expiresAt).toBe(NOW + 60_000 + 5 * 60_000);
    expect(applyProtection(t, false, 0, NOW)).toEqual({ taskArn: t.taskArn, protectionEnabled: false });
    expect(t.protection).toBeUndefined();
  });

  it.each([0, 2881, 1.5, -3])('refuses expiresInMinutes %s with InvalidParameterException', (minutes) => {
    let err: unknown;
    try {
      protectionMinutes(true, minutes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EcsError);
    expect((err as EcsError).code).toBe('InvalidParameterException');
  });

  it('accepts the bounds 1 and 2880, and ignores the minutes when disabling', () => {
    expect(protectionMinutes(true, 1)).toBe(1);
    expect(protectionMinutes(true, 2880)).toBe(2880);
    expect(protectionMinutes(false, 99999)).toBe(0);
  });

  it('only a running service task can be protected (TASK_NOT_VALID otherwise)', () => {
    expect(protectionFailure(task())).toBeNull();
    expect(protectionFailure(task({ group: 'family:web' }))).toEqual({ arn: task().taskArn, reason: 'TASK_NOT_VALID' });
    expect(protectionFailure(task({ desiredStatus: 'STOPPED' }))?.reason).toBe('TASK_NOT_VALID');
  });
});
