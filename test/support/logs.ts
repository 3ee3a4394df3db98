// A CloudWatch Logs SDK client for a test emulator (same port as ECS), and the error a call fails with.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

export function logsClient(endpoint: string, options: { accountId?: string; region?: string } = {}): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accountId ?? 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

export interface LogsFailure {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

/** The error an SDK call fails with (fails the test when it succeeds). */
export async function logsFailure(call: Promise<unknown>): Promise<LogsFailure> {
  try {
    await call;
  } catch (err) {
    return err as LogsFailure;
  }
  throw new Error('the call succeeded');
}
