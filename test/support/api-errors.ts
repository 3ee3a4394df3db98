// For API tests: the error an SDK call was rejected with (fails the test when the call succeeds).
import type { ECSServiceException } from '@aws-sdk/client-ecs';

export async function rejectionOf(call: Promise<unknown>): Promise<ECSServiceException> {
  try {
    await call;
  } catch (err) {
    return err as ECSServiceException;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The parts of an AWS error the tests compare: code, HTTP status, message. */
export async function errorOf(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  const err = await rejectionOf(call);
  return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
}
