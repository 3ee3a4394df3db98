import { describe, expect, it } from 'vitest';
import type { ContainerInspectInfo } from 'dockerode';
import { dockerTime, toContainerState } from './map-inspect.js';

type State = ContainerInspectInfo['State'];
const base: State = {
  Status: 'running',
  Running: true,
  Paused: false,
  Restarting: false,
  OOMKilled: false,
  Dead: false,
  Pid: 42,
  ExitCode: 0,
  Error: '',
  StartedAt: '2026-11-26T16:03:20.123456789Z',
  FinishedAt: '0001-01-01T00:00:00Z',
};

describe('dockerTime', () => {
  it('reads RFC 3339 with nanoseconds and turns the Go zero time into null', () => {
    expect(dockerTime('2026-11-26T16:03:20.123456789Z')).toBe(Date.UTC(2026, 10, 26, 16, 3, 20, 123));
    expect(dockerTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(dockerTime(undefined)).toBeNull();
  });
});

describe('toContainerState', () => {
  it('maps a running container with no exit code yet', () => {
    expect(toContainerState({ State: base })).toEqual({
      running: true,
      exitCode: null,
      oomKilled: false,
      health: 'UNKNOWN',
      startedAt: Date.UTC(2026, 10, 26, 16, 3, 20, 123),
      finishedAt: null,
    });
  });

  it('maps an OOM-killed exit', () => {
    const s = toContainerState({
      State: { ...base, Status: 'exited', Running: false, OOMKilled: true, ExitCode: 137, FinishedAt: '2026-11-26T16:04:00Z' },
    });
    expect(s).toMatchObject({ running: false, exitCode: 137, oomKilled: true, finishedAt: Date.UTC(2026, 10, 26, 16, 4, 0) });
  });

  it('reports no exit code for a container that was created but never started', () => {
    expect(toContainerState({ State: { ...base, Status: 'created', Running: false, StartedAt: '0001-01-01T00:00:00Z' } })).toMatchObject({
      exitCode: null,
      startedAt: null,
    });
  });

  it('maps health', () => {
    expect(toContainerState({ State: { ...base, Health: { Status: 'healthy', FailingStreak: 0, Log: [] } } }).health).toBe('HEALTHY');
    expect(toContainerState({ State: { ...base, Health: { Status: 'unhealthy', FailingStreak: 3, Log: [] } } }).health).toBe('UNHEALTHY');
    expect(toContainerState({ State: { ...base, Health: { Status: 'starting', FailingStreak: 0, Log: [] } } }).health).toBe('UNKNOWN');
  });
});
