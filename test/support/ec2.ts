// An EC2 SDK client for a test emulator (same port as ECS), and a helper to read the EC2 error a call fails with.
import { EC2Client } from '@aws-sdk/client-ec2';

export function ec2Client(endpoint: string, options: { accountId?: string; region?: string } = {}): EC2Client {
  return new EC2Client({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accountId ?? 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

export interface Ec2Failure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; requestId?: string };
}

/** The error an SDK call fails with (fails the test when it succeeds). */
export async function ec2Failure(call: Promise<unknown>): Promise<Ec2Failure> {
  try {
    await call;
  } catch (err) {
    return err as Ec2Failure;
  }
  throw new Error('the call succeeded');
}
