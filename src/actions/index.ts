// Every ECS operation this emulator answers, by its X-Amz-Target name. One module per operation.
import type { Action } from './context.js';
import { createCluster } from './create-cluster.js';
import { createService } from './create-service.js';
import { deleteService } from './delete-service.js';
import { describeCapacityProviders } from './describe-capacity-providers.js';
import { describeServices } from './describe-services.js';
import { listServicesByNamespace } from './list-services-by-namespace.js';
import { listServices } from './list-services.js';
import { updateService } from './update-service.js';
import { describeTasks } from './describe-tasks.js';
import { listTasks } from './list-tasks.js';
import { runTask } from './run-task.js';
import { stopTask } from './stop-task.js';

export const OPERATIONS: Readonly<Record<string, Action>> = {
  CreateCluster: createCluster,
  CreateService: createService,
  DeleteService: deleteService,
  DescribeCapacityProviders: describeCapacityProviders,
  DescribeServices: describeServices,
  ListServices: listServices,
  ListServicesByNamespace: listServicesByNamespace,
  UpdateService: updateService,
  DescribeTasks: describeTasks,
  ListTasks: listTasks,
  RunTask: runTask,
  StopTask: stopTask,
};
