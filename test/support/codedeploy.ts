// A CodeDeploy SDK client for a test emulator (same port as ECS), and an AppSpec for an ECS deployment.
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';

export function codeDeployClient(endpoint: string, options: { accountId?: string; region?: string } = {}): CodeDeployClient {
  return new CodeDeployClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accountId ?? 'AKIDTEST', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

export function ecsAppSpec(taskDefinition: string, container: string, port: number, hooks: Record<string, string> = {}): string {
  const hookLines = Object.entries(hooks).map(([event, fn]) => `  - ${event}: "${fn}"`);
  return [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: "${taskDefinition}"`,
    '        LoadBalancerInfo:',
    `          ContainerName: "${container}"`,
    `          ContainerPort: ${port}`,
    ...(hookLines.length ? ['Hooks:', ...hookLines] : []),
    '',
  ].join('\n');
}
