// Every ECS operation this emulator answers, by its X-Amz-Target name. One module per operation.
import type { Action } from './context.js';
import { createCluster } from './create-cluster.js';
import { deleteTaskDefinitions } from './delete-task-definitions.js';
import { deregisterTaskDefinition } from './deregister-task-definition.js';
import { describeTaskDefinition } from './describe-task-definition.js';
import { describeTasks } from './describe-tasks.js';
import { listTaskDefinitionFamilies } from './list-task-definition-families.js';
import { listTaskDefinitions } from './list-task-definitions.js';
import { listTasks } from './list-tasks.js';
import { registerTaskDefinition } from './register-task-definition.js';
import { runTask } from './run-task.js';
import { stopTask } from './stop-task.js';

export const OPERATIONS: Readonly<Record<string, Action>> = {
  CreateCluster: createCluster,
  DeleteTaskDefinitions: deleteTaskDefinitions,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  DescribeTaskDefinition: describeTaskDefinition,
  DescribeTasks: describeTasks,
  ListTaskDefinitionFamilies: listTaskDefinitionFamilies,
  ListTaskDefinitions: listTaskDefinitions,
  ListTasks: listTasks,
  RegisterTaskDefinition: registerTaskDefinition,
  RunTask: runTask,
  StopTask: stopTask,
};
