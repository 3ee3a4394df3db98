import { describe, expect, it } from 'vitest';
import { clusterCounts, clusterStatistics, deletionBlocker, emptyClusterUsage, usageFromRecords } from './cluster-usage.js';

const C = 'arn:aws:ecs:us-east-1:111122223333:cluster/c';
const OTHER = 'arn:aws:ecs:us-east-1:111122223333:cluster/other';

describe('usageFromRecords', () => {
  const usage = usageFromRecords(
    C,
    [
      { clusterArn: C, lastStatus: 'PROVISIONING' },
      { clusterArn: C, lastStatus: 'PENDING', launchType: 'FARGATE' },
      { clusterArn: C, lastStatus: 'ACTIVATING' },
      { clusterArn: C, lastStatus: 'RUNNING' },
      { clusterArn: C, lastStatus: 'DEACTIVATING' },
      { clusterArn: C, lastStatus: 'RUNNING', launchType: 'EC2' },
      { clusterArn: C, lastStatus: 'STOPPED' },
      { clusterArn: OTHER, lastStatus: 'RUNNING' },
    ],
    [
      { clusterArn: C, status: 'ACTIVE' },
      { clusterArn: C, status: 'DRAINING', launchType: 'FARGATE' },
      { clusterArn: C, status: 'INACTIVE' },
      { clusterArn: OTHER, status: 'ACTIVE' },
    ],
  );

  it('counts tasks and services of the cluster only, by launch type and status', () => {
    expect(usage.pendingTasks.FARGATE).toBe(3);
    expect(usage.runningTasks.FARGATE).toBe(2);
    expect(usage.runningTasks.EC2).toBe(1);
    expect(usage.unstoppedTasks).toBe(6);
    expect(usage.activeServices.FARGATE).toBe(1);
    expect(usage.drainingServices.FARGATE).toBe(1);
  });

  it('gives the cluster counts', () => {
    expect(clusterCounts(usage)).toEqual({
      registeredContainerInstancesCount: 0,
      runningTasksCount: 3,
      pendingTasksCount: 3,
      activeServicesCount: 1,
    });
  });

  it('gives the statistics as decimal strings', () => {
    const stats = Object.fromEntries(clusterStatistics(usage).map((s) => [s.name, s.value]));
    expect(stats).toMatchObject({
      runningFargateTasksCount: '2',
      runningEC2TasksCount: '1',
      pendingFargateTasksCount: '3',
      activeFargateServiceCount: '1',
      drainingFargateServiceCount: '1',
      activeEC2ServiceCount: '0',
    });
    expect(clusterStatistics(usage)).toHaveLength(16);
  });
});

describe('deletionBlocker', () => {
  it('lets an empty cluster go', () => {
    expect(deletionBlocker(emptyClusterUsage())).toBeNull();
  });

  it('refuses while services are active or draining, then while tasks are not stopped', () => {
    const withService = emptyClusterUsage();
    withService.drainingServices.FARGATE = 1;
    withService.unstoppedTasks = 1;
    expect(deletionBlocker(withService)).toMatchObject({
      code: 'ClusterContainsServicesException',
      message: 'The Cluster cannot be deleted while Services are active.',
    });
    const withTask = emptyClusterUsage();
    withTask.unstoppedTasks = 1;
    expect(deletionBlocker(withTask)).toMatchObject({
      code: 'ClusterContainsTasksException',
      message: 'The Cluster cannot be deleted while Tasks are active.',
    });
  });

  it('refuses while container instances are registered', () => {
    const usage = emptyClusterUsage();
    usage.registeredContainerInstances = 1;
    expect(deletionBlocker(usage)?.code).toBe('ClusterContainsContainerInstancesException');
  });
});
