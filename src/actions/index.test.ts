import { describe, expect, it } from 'vitest';
import { ecsOperationNames } from '../protocol/model/ecs-schema.js';
import { OPERATIONS } from './index.js';

// Operations of the installed model that have no handler yet, each with the issue that adds it. This list only
// shrinks: the test fails when a listed operation gets a handler (take it off) and when an operation of the model
// is neither handled nor listed (a new SDK version added it: write its handler, or list it with its issue).
const NOT_YET_HANDLED: Readonly<Record<string, string>> = {};

const modelOperations = ecsOperationNames();

describe('the operation table against the installed @aws-sdk/client-ecs model', () => {
  it('reads the whole model', () => {
    expect(modelOperations.length).toBeGreaterThanOrEqual(88);
  });

  it.each(modelOperations)('%s has a handler (or is listed as not yet handled, with its issue)', (operation) => {
    const handled = Object.hasOwn(OPERATIONS, operation);
    const listed = Object.hasOwn(NOT_YET_HANDLED, operation);
    if (listed) expect(handled, `${operation} has a handler now: take it off NOT_YET_HANDLED`).toBe(false);
    else expect(handled, `${operation} is in the model but has no handler in src/actions/index.ts`).toBe(true);
  });

  it('handles nothing the model does not have', () => {
    expect(Object.keys(OPERATIONS).filter((op) => !modelOperations.includes(op))).toEqual([]);
    expect(Object.keys(NOT_YET_HANDLED).filter((op) => !modelOperations.includes(op))).toEqual([]);
  });
});
