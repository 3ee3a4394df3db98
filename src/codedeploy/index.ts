// Every CodeDeploy operation this emulator answers (X-Amz-Target CodeDeploy_20141006.<Operation>). One module each.
import { batchGetApplications } from './actions/batch-get-applications.js';
import { batchGetDeploymentGroups } from './actions/batch-get-deployment-groups.js';
import { batchGetDeployments } from './actions/batch-get-deployments.js';
import { continueDeployment } from './actions/continue-deployment.js';
import { createApplication } from './actions/create-application.js';
import { createDeploymentConfig } from './actions/create-deployment-config.js';
import { createDeploymentGroup } from './actions/create-deployment-group.js';
import { createDeployment } from './actions/create-deployment.js';
import { deleteApplication } from './actions/delete-application.js';
import { deleteDeploymentConfig } from './actions/delete-deployment-config.js';
import { deleteDeploymentGroup } from './actions/delete-deployment-group.js';
import { batchGetDeploymentTargets, getDeploymentTarget, listDeploymentTargets } from './actions/deployment-targets.js';
import { getApplication } from './actions/get-application.js';
import { getDeploymentConfig } from './actions/get-deployment-config.js';
import { getDeploymentGroup } from './actions/get-deployment-group.js';
import { getDeployment } from './actions/get-deployment.js';
import { listApplications } from './actions/list-applications.js';
import { listDeploymentConfigs } from './actions/list-deployment-configs.js';
import { listDeploymentGroups } from './actions/list-deployment-groups.js';
import { listDeployments } from './actions/list-deployments.js';
import { putLifecycleEventHookExecutionStatus } from './actions/put-lifecycle-event-hook-execution-status.js';
import { stopDeployment } from './actions/stop-deployment.js';
import { listTagsForResource, tagResource, untagResource } from './actions/tags.js';
import { updateApplication } from './actions/update-application.js';
import { updateDeploymentGroup } from './actions/update-deployment-group.js';
import type { CodeDeployAction } from './context.js';

export const CODEDEPLOY_ACTIONS: Readonly<Record<string, CodeDeployAction>> = {
  BatchGetApplications: batchGetApplications,
  BatchGetDeploymentGroups: batchGetDeploymentGroups,
  BatchGetDeployments: batchGetDeployments,
  BatchGetDeploymentTargets: batchGetDeploymentTargets,
  ContinueDeployment: continueDeployment,
  CreateApplication: createApplication,
  CreateDeployment: createDeployment,
  CreateDeploymentConfig: createDeploymentConfig,
  CreateDeploymentGroup: createDeploymentGroup,
  DeleteApplication: deleteApplication,
  DeleteDeploymentConfig: deleteDeploymentConfig,
  DeleteDeploymentGroup: deleteDeploymentGroup,
  GetApplication: getApplication,
  GetDeployment: getDeployment,
  GetDeploymentConfig: getDeploymentConfig,
  GetDeploymentGroup: getDeploymentGroup,
  GetDeploymentTarget: getDeploymentTarget,
  ListApplications: listApplications,
  ListDeploymentConfigs: listDeploymentConfigs,
  ListDeploymentGroups: listDeploymentGroups,
  ListDeployments: listDeployments,
  ListDeploymentTargets: listDeploymentTargets,
  ListTagsForResource: listTagsForResource,
  PutLifecycleEventHookExecutionStatus: putLifecycleEventHookExecutionStatus,
  StopDeployment: stopDeployment,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateApplication: updateApplication,
  UpdateDeploymentGroup: updateDeploymentGroup,
};
