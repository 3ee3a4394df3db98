// Task definitions: the stored record. Registration rules (Fargate validation, normalisation) live beside it.
import type * as Ecs from '@aws-sdk/client-ecs';

export type TaskDefinitionStatus = 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';

/**
 * A registered revision, as normalised at registration (cpu/memory as unit strings, e.g. "256"/"512").
 * Shaped like the wire TaskDefinition, with timestamps as epoch ms.
 */
export type TaskDefinitionRecord = Omit<
  Ecs.TaskDefinition,
  'registeredAt' | 'deregisteredAt' | 'deleteRequestedAt' | 'status' | 'containerDefinitions'
> & {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: TaskDefinitionStatus;
  containerDefinitions: Ecs.ContainerDefinition[];
  registeredAt: number;
  deregisteredAt?: number;
  deleteRequestedAt?: number;
};
