// Every ECS operation this emulator answers, by its X-Amz-Target name. One module per operation.
import type { Action } from './context.js';
import { createCluster } from './create-cluster.js';
import { deleteAccountSetting } from './delete-account-setting.js';
import { deleteCluster } from './delete-cluster.js';
import { describeClusters } from './describe-clusters.js';
import { listAccountSettings } from './list-account-settings.js';
import { listClusters } from './list-clusters.js';
import { listTagsForResource } from './list-tags-for-resource.js';
import { putAccountSetting } from './put-account-setting.js';
import { putAccountSettingDefault } from './put-account-setting-default.js';
import { putClusterCapacityProviders } from './put-cluster-capacity-providers.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateCluster } from './update-cluster.js';
import { updateClusterSettings } from './update-cluster-settings.js';

export const OPERATIONS: Readonly<Record<string, Action>> = {
  CreateCluster: createCluster,
  DeleteAccountSetting: deleteAccountSetting,
  DeleteCluster: deleteCluster,
  DescribeClusters: describeClusters,
  ListAccountSettings: listAccountSettings,
  ListClusters: listClusters,
  ListTagsForResource: listTagsForResource,
  PutAccountSetting: putAccountSetting,
  PutAccountSettingDefault: putAccountSettingDefault,
  PutClusterCapacityProviders: putClusterCapacityProviders,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateCluster: updateCluster,
  UpdateClusterSettings: updateClusterSettings,
};
