// Every ECS operation this emulator answers, by its X-Amz-Target name. One module per operation.
import type { Action } from './context.js';
import { createCluster } from './create-cluster.js';
import { describeTasks } from './describe-tasks.js';
import { listTasks } from './list-tasks.js';
import { runTask } from './run-task.js';
import { stopTask } from './stop-task.js';

export const OPERATIONS: Readonly<Record<string, Action>> = {
  CreateCluster: createCluster,
  DescribeTasks: describeTasks,
  ListTasks: listTasks,
  RunTask: runTask,
  StopTask: stopTask,
};
