import { describe, expect, it } from 'vitest';
import { advance, canAdvance, firstStopStatus, IllegalTransitionError, LIFECYCLE, requestStop } from './task-lifecycle.js';
import type { TaskRecord } from './task.js';

function task(patch: Partial<TaskRecord> = {}): TaskRecord {
  return {
    taskId: 't1',
    taskArn: 'arn',
    clusterArn: 'c',
    clusterName: 'c',
    taskDefinitionArn: 'td',
    family: 'f',
    revision: 1,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    version: 1,
    launchType: 'FARGATE',
    capacityProviderName: 'FARGATE',
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    availabilityZone: 'us-east-1a',
    cpu: '256',
    memory: '512',
    ephemeralStorageGiB: 20,
    overrides: {},
    group: 'family:f',
    enableExecuteCommand: false,
    healthStatus: 'UNKNOWN',
    containers: [],
    createdAt: 0,
    attachment: {
      id: 'a',
      status: 'PRECREATED',
      subnetId: 's',
      vpcId: 'v',
      networkInterfaceId: 'eni',
      macAddress: 'm',
      privateIPv4Address: '10.0.0.4',
      privateDnsName: 'd',
      securityGroups: [],
      assignPublicIp: false,
    },
    ...patch,
  };
}

describe('task lifecycle', () => {
  it('walks the whole ECS lifecycle in order, bumping version and stamping times', () => {
    const t = task();
    for (const [i, status] of LIFECYCLE.slice(1).entries()) advance(t, status, 1000 + i);
    expect(t.lastStatus).toBe('STOPPED');
    expect(t.version).toBe(1 + LIFECYCLE.length - 1);
    expect(t.connectivity).toBe('CONNECTED');
    expect(t.startedAt).toBe(1002);
    expect(t.stoppingAt).toBe(1004);
    expect(t.executionStoppedAt).toBe(1005);
    expect(t.stoppedAt).toBe(1006);
    expect(t.desiredStatus).toBe('STOPPED');
  });

  it('never moves backwards or stays in place', () => {
    expect(canAdvance('RUNNING', 'PENDING')).toBe(false);
    expect(canAdvance('RUNNING', 'RUNNING')).toBe(false);
    expect(() => advance(task({ lastStatus: 'STOPPED' }), 'RUNNING', 1)).toThrow(IllegalTransitionError);
  });

  it('may skip ahead on failure', () => {
    const t = task({ lastStatus: 'PENDING' });
    advance(t, 'DEPROVISIONING', 5);
    expect(t.executionStoppedAt).toBe(5);
    expect(t.startedAt).toBeUndefined();
  });

  it('keeps the first stop reason', () => {
    const t = task({ lastStatus: 'RUNNING' });
    expect(requestStop(t, 'EssentialContainerExited', 'Essential container in task exited', 1)).toBe(true);
    expect(requestStop(t, 'UserInitiated', 'Task stopped by user', 2)).toBe(false);
    expect(t).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppingAt: 1 });
  });

  it('starts the stop path where the task stands', () => {
    expect(firstStopStatus(task({ lastStatus: 'RUNNING' }))).toBe('DEACTIVATING');
    expect(firstStopStatus(task({ lastStatus: 'PROVISIONING' }))).toBe('DEPROVISIONING');
    const pendingWithStarted = task({ lastStatus: 'PENDING' });
    pendingWithStarted.containers.push({ name: 'a', started: true, lastStatus: 'RUNNING' } as never);
    expect(firstStopStatus(pendingWithStarted)).toBe('STOPPING');
  });
});
