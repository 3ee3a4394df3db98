// Docker inspect results → the port's ContainerState.
import type { ContainerInspectInfo } from 'dockerode';
import type { ContainerState } from '../domain/task-runtime.js';

/** Docker's "never" is the zero time of Go, `0001-01-01T00:00:00Z`. */
export function dockerTime(value: string | undefined): number | null {
  if (!value || value.startsWith('0001-01-01')) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function toHealth(status: string | undefined): ContainerState['health'] {
  if (status === 'healthy') return 'HEALTHY';
  if (status === 'unhealthy') return 'UNHEALTHY';
  return 'UNKNOWN';
}

export function toContainerState(info: Pick<ContainerInspectInfo, 'State'>): ContainerState {
  const s = info.State;
  const exited = s.Status === 'exited' || s.Status === 'dead';
  return {
    running: s.Running,
    exitCode: exited ? s.ExitCode : null,
    oomKilled: s.OOMKilled,
    health: toHealth(s.Health?.Status),
    startedAt: dockerTime(s.StartedAt),
    finishedAt: dockerTime(s.FinishedAt),
  };
}
