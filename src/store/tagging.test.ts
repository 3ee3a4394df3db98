import { describe, expect, it } from 'vitest';
import { newClusterRecord } from '../domain/cluster.js';
import { emptyRegionState, type RegionState } from './schema.js';
import { taggableArn } from './tagging.js';

const scope = { accountId: '111122223333', region: 'us-east-1' };
const P = 'arn:aws:ecs:us-east-1:111122223333';

function state(): RegionState {
  const s = emptyRegionState();
  s.clusters.web = newClusterRecord(scope, 'web', 1, 'disabled');
  s.clusters.old = { ...newClusterRecord(scope, 'old', 1, 'disabled'), status: 'INACTIVE' };
  s.taskDefinitions['app:1'] = {
    taskDefinitionArn: `${P}:task-definition/app:1`,
    family: 'app',
    revision: 1,
    status: 'INACTIVE',
    containerDefinitions: [],
    registeredAt: 1,
  };
  s.taskDefinitions['app:2'] = {
    ...s.taskDefinitions['app:1']!,
    taskDefinitionArn: `${P}:task-definition/app:2`,
    revision: 2,
    status: 'DELETE_IN_PROGRESS',
  };
  (s as unknown as Record<string, unknown>).services = {
    'web/api': { serviceArn: `${P}:service/web/api`, clusterArn: `${P}:cluster/web` },
  };
  return s;
}

const expectError = (arn: string, code: string, message?: string) =>
  expect(() => taggableArn(state(), scope, arn)).toThrow(expect.objectContaining(message ? { code, message } : { code }));

describe('taggableArn', () => {
  it('accepts existing clusters, task definitions (even deregistered) and resources of other modules', () => {
    expect(taggableArn(state(), scope, `${P}:cluster/web`)).toBe(`${P}:cluster/web`);
    expect(taggableArn(state(), scope, `${P}:task-definition/app:1`)).toBe(`${P}:task-definition/app:1`);
    expect(taggableArn(state(), scope, `${P}:service/web/api`)).toBe(`${P}:service/web/api`);
  });

  it('answers as AWS for unknown and deleted resources', () => {
    expectError(`${P}:cluster/nope`, 'ClusterNotFoundException', 'Cluster not found.');
    expectError('arn:aws:ecs:us-east-1:999999999999:cluster/web', 'ClusterNotFoundException');
    expectError(
      `${P}:cluster/old`,
      'InvalidParameterException',
      'The specified cluster is inactive. Specify an active cluster and try again.',
    );
    expectError(
      `${P}:service/old/api`,
      'InvalidParameterException',
      'The specified cluster is inactive. Specify an active cluster and try again.',
    );
    expectError(`${P}:service/nope/api`, 'ClusterNotFoundException');
    expectError(`${P}:service/web/other`, 'ResourceNotFoundException', "The specified resource wasn't found.");
    expectError(`${P}:task-definition/app:2`, 'ResourceNotFoundException');
    expectError(`${P}:task-definition/app:3`, 'ResourceNotFoundException');
    expectError(`${P}:capacity-provider/FARGATE`, 'ResourceNotFoundException');
  });
});
