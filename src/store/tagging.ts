// Which resource a tagging call names, checked against the state: returns the key under which its tags live
// (state.tags[arn]) or throws what AWS answers:
//   not an ECS ARN of a taggable kind             InvalidParameterException "The ARN provided is invalid."
//   short task/service/container-instance ARN     InvalidParameterException "Long arn format must be used for tagging operations"
//   cluster unknown                               ClusterNotFoundException "Cluster not found."
//   cluster deleted (or the resource's cluster)   InvalidParameterException "The specified cluster is inactive. ..."
//   any other resource unknown                    ResourceNotFoundException "The specified resource wasn't found."
import { clusterInactiveForTagging, clusterNotFound, resourceNotFound } from '../domain/errors.js';
import type { Scope } from '../domain/scope.js';
import { parseTaggableArn, type TaggableKind } from '../domain/taggable-resource.js';
import { serviceByArn, taskByArn } from './queries.js';
import type { RegionState } from './schema.js';

export const RESOURCE_NOT_FOUND = "The specified resource wasn't found.";

/** Whether the resource of each stored kind exists, by its ARN. An account that runs only Fargate has no container
 * instances, and task sets are not kept: those read as unknown. */
const EXISTS: Partial<Record<TaggableKind, (state: Readonly<RegionState>, arn: string) => boolean>> = {
  task: (s, arn) => taskByArn(s, arn) !== undefined,
  service: (s, arn) => serviceByArn(s, arn) !== undefined,
  'capacity-provider': (s, arn) => Object.values(s.capacityProviders).some((c) => c.capacityProviderArn === arn),
};

function assertActiveCluster(state: Readonly<RegionState>, name: string): void {
  const cluster = state.clusters[name];
  if (!cluster) throw clusterNotFound();
  if (cluster.status === 'INACTIVE') throw clusterInactiveForTagging();
}

/** The ARN whose tags a TagResource / UntagResource / ListTagsForResource call reads or changes. */
export function taggableArn(state: Readonly<RegionState>, scope: Scope, arn: string): string {
  const resource = parseTaggableArn(arn, scope);
  if (resource.kind === 'cluster') {
    if (!resource.inScope) throw clusterNotFound();
    assertActiveCluster(state, resource.id);
    return arn;
  }
  if (!resource.inScope) throw resourceNotFound(RESOURCE_NOT_FOUND);
  if (resource.clusterName !== undefined) assertActiveCluster(state, resource.clusterName);
  if (resource.kind === 'task-definition') {
    const td = state.taskDefinitions[resource.id];
    if (!td || td.status === 'DELETE_IN_PROGRESS') throw resourceNotFound(RESOURCE_NOT_FOUND);
    return td.taskDefinitionArn;
  }
  if (!EXISTS[resource.kind]?.(state, arn)) throw resourceNotFound(RESOURCE_NOT_FOUND);
  return arn;
}
