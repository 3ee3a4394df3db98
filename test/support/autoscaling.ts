// An Application Auto Scaling SDK client for a test emulator (same port as ECS).
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';

export function autoScalingClient(endpoint: string, options: { accountId?: string; region?: string } = {}): ApplicationAutoScalingClient {
  return new ApplicationAutoScalingClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accountId ?? 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}
