// Asserting ECS errors in tests: through the SDK (expectEcsError) and from pure functions (catchEcsError).
import { EcsError } from '../../src/domain/errors.js';
import { expect } from 'vitest';

interface SdkError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

export async function expectEcsError(call: Promise<unknown>, name: string, message?: string | RegExp, status = 400): Promise<SdkError> {
  const err = (await call.then(
    () => {
      throw new Error(`expected ${name}, but the call succeeded`);
    },
    (e: unknown) => e,
  )) as SdkError;
  expect(err.name).toBe(name);
  expect(err.$metadata.httpStatusCode).toBe(status);
  if (typeof message === 'string') expect(err.message).toBe(message);
  else if (message) expect(err.message).toMatch(message);
  return err;
}

let accounts = 0;
/** A 12-digit account id no other test in this process uses (for tests that change account-wide state). */
export function uniqueAccountId(): string {
  accounts += 1;
  return `9${String(process.pid % 100000).padStart(5, '0')}${String(accounts).padStart(6, '0')}`;
}

/** For unit tests: run a function that must throw an EcsError and return it. */
export function catchEcsError(fn: () => unknown): EcsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EcsError) return err;
    throw err;
  }
  throw new Error('expected an EcsError, but nothing was thrown');
}
