import { describe, expect, it } from 'vitest';
import { age, parseDuration, renderTable, taskRow, type WireTask } from './task-table.js';

const task: WireTask = {
  taskArn: 'arn:aws:ecs:us-east-1:000000000000:task/web/0123456789abcdef0123456789abcdef',
  clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/web',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/nginx:3',
  lastStatus: 'STOPPED',
  healthStatus: 'HEALTHY',
  capacityProviderName: 'FARGATE_SPOT',
  createdAt: 1_700_000_000,
  stopCode: 'SpotInterruption',
  stoppedReason: 'Your Spot Task was interrupted.',
  attachments: [{ details: [{ name: 'privateIPv4Address', value: '172.31.0.5' }] }],
};

describe('fargate-local ps', () => {
  it('turns a task into a row', () => {
    expect(taskRow(task, 1_700_000_000_000 + 125_000)).toEqual({
      cluster: 'web',
      taskId: '0123456789abcdef0123456789abcdef',
      taskDefinition: 'nginx:3',
      status: 'STOPPED',
      health: 'HEALTHY',
      ip: '172.31.0.5',
      capacityProvider: 'FARGATE_SPOT',
      age: '2m',
      createdAt: 1_700_000_000_000,
      stopCode: 'SpotInterruption',
      stoppedReason: 'Your Spot Task was interrupted.',
    });
  });

  it('aligns columns, cuts the reason to the terminal width, colours only on request', () => {
    const row = taskRow(task, 1_700_000_000_000);
    const lines = renderTable([row], { all: true, width: 150, colour: false });
    expect(lines[0]).toMatch(/^CLUSTER {2}TASK {30}TASK DEFINITION {2}STATUS {3}HEALTH/);
    expect(lines.every((l) => l.length <= 150)).toBe(true);
    expect(lines[1]).toContain('SpotInterruption');
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(renderTable([row], { all: false, width: 200, colour: false })[0]).not.toContain('REASON');
    expect(renderTable([row], { all: false, width: 200, colour: true })[1]).toContain('\u001b[90mSTOPPED');
  });

  it('reads durations and ages', () => {
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('soon')).toBeNull();
    expect(age(0, 3 * 86_400_000)).toBe('3d');
    expect(age(undefined, 0)).toBe('-');
  });
});
