// The ids a task's containers use at 169.254.170.2. On Fargate a container's endpoint id has the shape of its
// runtime id (32 hex digits, '-', 10 digits); here both parts are random, so an id reveals nothing about the task
// and cannot be guessed from DescribeTasks. Credentials ids are UUIDs, as the ECS agent's are.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { TaskEndpoints } from './task.js';

export function newEndpointId(): string {
  return `${randomBytes(16).toString('hex')}-${String(randomInt(0, 10_000_000_000)).padStart(10, '0')}`;
}

export function newTaskEndpoints(containerNames: readonly string[], hasTaskRole: boolean): TaskEndpoints {
  return {
    containers: Object.fromEntries(containerNames.map((name) => [name, newEndpointId()])),
    ...(hasTaskRole ? { credentialsId: randomUUID() } : {}),
  };
}
