// The task definitions in fixtures/task-definitions/, as RegisterTaskDefinition requests (a fresh copy each call).
import { readFileSync } from 'node:fs';
import type { RegisterTaskDefinitionRequest } from '@aws-sdk/client-ecs';

export type TaskDefinitionFixture = 'web-nginx' | 'worker-with-secrets' | 'app-with-sidecars' | 'ec2-bridge';

export function taskDefinitionFixture(name: TaskDefinitionFixture): RegisterTaskDefinitionRequest {
  const url = new URL(`../../fixtures/task-definitions/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as RegisterTaskDefinitionRequest;
}
