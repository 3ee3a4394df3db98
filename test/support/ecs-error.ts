// For unit tests: run a function that must throw an EcsError and return it.
import { EcsError } from '../../src/domain/errors.js';

export function catchEcsError(fn: () => unknown): EcsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EcsError) return err;
    throw err;
  }
  throw new Error('expected an EcsError, but nothing was thrown');
}
