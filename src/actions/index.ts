// Every ECS operation this emulator answers, by its X-Amz-Target name. One module per operation.
import type { Action } from './context.js';
import { createCluster } from './create-cluster.js';
import { createService } from './create-service.js';
import { deleteAccountSetting } from './delete-account-setting.js';
import { deleteCluster } from './delete-cluster.js';
import { deleteService } from './delete-service.js';
import { deleteTaskDefinitions } from './delete-task-definitions.js';
import { deregisterTaskDefinition } from './deregister-task-definition.js';
import { describeCapacityProviders } from './describe-capacity-providers.js';
import { describeClusters } from './describe-clusters.js';
import { describeServices } from './describe-services.js';
import { describeTaskDefinition } from './describe-task-definition.js';
import { describeTasks } from './describe-tasks.js';
import { getTaskProtection } from './get-task-protection.js';
import { listAccountSettings } from './list-account-settings.js';
import { listClusters } from './list-clusters.js';
import { listServicesByNamespace } from './list-services-by-namespace.js';
import { listServices } from './list-services.js';
import { listTagsForResource } from './list-tags-for-resource.js';
import { listTaskDefinitionFamilies } from './list-task-definition-families.js';
import { listTaskDefinitions } from './list-task-definitions.js';
import { listTasks } from './list-tasks.js';
import { putAccountSettingDefault } from './put-account-setting-default.js';
import { putAccountSetting } from './put-account-setting.js';
import { putClusterCapacityProviders } from './put-cluster-capacity-providers.js';
import { registerTaskDefinition } from './register-task-definition.js';
import { runTask } from './run-task.js';
import { stopTask } from './stop-task.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateClusterSettings } from './update-cluster-settings.js';
import { updateCluster } from './update-cluster.js';
import { updateService } from './update-service.js';
import { updateTaskProtection } from './update-task-protection.js';

export const OPERATIONS: Readonly<Record<string, Action>> = {
  CreateCluster: createCluster,
  CreateService: createService,
  DeleteAccountSetting: deleteAccountSetting,
  DeleteCluster: deleteCluster,
  DeleteService: deleteService,
  DeleteTaskDefinitions: deleteTaskDefinitions,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  DescribeCapacityProviders: describeCapacityProviders,
  DescribeClusters: describeClusters,
  DescribeServices: describeServices,
  DescribeTaskDefinition: describeTaskDefinition,
  DescribeTasks: describeTasks,
  GetTaskProtection: getTaskProtection,
  ListAccountSettings: listAccountSettings,
  ListClusters: listClusters,
  ListServices: listServices,
  ListServicesByNamespace: listServicesByNamespace,
  ListTagsForResource: listTagsForResource,
  ListTaskDefinitionFamilies: listTaskDefinitionFamilies,
  ListTaskDefinitions: listTaskDefinitions,
  ListTasks: listTasks,
  PutAccountSetting: putAccountSetting,
  PutAccountSettingDefault: putAccountSettingDefault,
  PutClusterCapacityProviders: putClusterCapacityProviders,
  RegisterTaskDefinition: registerTaskDefinition,
  RunTask: runTask,
  StopTask: stopTask,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateCluster: updateCluster,
  UpdateClusterSettings: updateClusterSettings,
  UpdateService: updateService,
  UpdateTaskProtection: updateTaskProtection,
};
