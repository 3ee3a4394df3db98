// The ids a task's containers use at 169.254.170.2. On Fargate a container's endpoint id has the shape of its
// runtime id (32 hex digits, '-', 10 digits); here both parts are fresh ids (random in the emulator), so an id
// reveals nothing about the task and cannot be guessed from DescribeTasks. Credentials ids are UUIDs, as the ECS
// agent's are.
import { type Ids, tenDigits } from './ports.js';
import type { TaskEndpoints } from './task.js';

export const newEndpointId = (ids: Ids) => `${ids.hex32()}-${tenDigits(ids)}`;

export function newTaskEndpoints(containerNames: readonly string[], hasTaskRole: boolean, ids: Ids): TaskEndpoints {
  return {
    containers: Object.fromEntries(containerNames.map((name) => [name, newEndpointId(ids)])),
    ...(hasTaskRole ? { credentialsId: ids.uuid() } : {}),
  };
}
