// Container ordering within a task: dependsOn conditions on start, the reverse order on stop, and task health.
import type { ContainerRecord, HealthStatus } from './task.js';

export type DependencyCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';

export interface ContainerDependency {
  containerName: string;
  condition: DependencyCondition;
}

export type Readiness = { kind: 'ready' } | { kind: 'waiting' } | { kind: 'impossible'; why: string };

type View = Pick<ContainerRecord, 'name' | 'lastStatus' | 'started' | 'exitCode' | 'healthStatus' | 'essential' | 'hasHealthCheck'>;

const exited = (c: View) => c.started && c.lastStatus === 'STOPPED';

/** Whether a container whose dependencies are `deps` may start, given the task's containers now. */
export function readiness(deps: readonly ContainerDependency[], containers: readonly View[]): Readiness {
  let waiting = false;
  for (const dep of deps) {
    const c = containers.find((x) => x.name === dep.containerName);
    if (!c) return { kind: 'impossible', why: `dependency ${dep.containerName} does not exist` };
    const neverWillStart = c.lastStatus === 'STOPPED' && !c.started;
    switch (dep.condition) {
      case 'START':
        if (neverWillStart) return impossible(dep, 'it never started');
        if (!c.started) waiting = true;
        break;
      case 'COMPLETE':
        if (neverWillStart) return impossible(dep, 'it never started');
        if (!exited(c)) waiting = true;
        break;
      case 'SUCCESS':
        if (neverWillStart) return impossible(dep, 'it never started');
        if (exited(c) && c.exitCode !== 0) return impossible(dep, `it exited with code ${c.exitCode}`);
        if (!exited(c)) waiting = true;
        break;
      case 'HEALTHY':
        if (c.healthStatus === 'HEALTHY') break;
        if (c.lastStatus === 'STOPPED') return impossible(dep, 'it stopped before it was healthy');
        if (c.healthStatus === 'UNHEALTHY') return impossible(dep, 'it is unhealthy');
        waiting = true;
        break;
    }
  }
  return waiting ? { kind: 'waiting' } : { kind: 'ready' };
}

function impossible(dep: ContainerDependency, why: string): Readiness {
  return { kind: 'impossible', why: `dependency ${dep.containerName} (condition ${dep.condition}) cannot be met: ${why}` };
}

/**
 * Stop order: waves of containers to stop in parallel. A container is stopped only after every container that
 * depends on it has stopped (the start order, reversed), as the ECS agent does.
 */
export function stopWaves(names: readonly string[], dependsOn: (name: string) => readonly ContainerDependency[]): string[][] {
  const remaining = new Set(names);
  const waves: string[][] = [];
  while (remaining.size > 0) {
    const wave = [...remaining].filter(
      (candidate) => ![...remaining].some((other) => other !== candidate && dependsOn(other).some((d) => d.containerName === candidate)),
    );
    // A cycle cannot be registered, but never loop forever on bad data: stop the rest together.
    const next = wave.length > 0 ? wave : [...remaining];
    for (const n of next) remaining.delete(n);
    waves.push(next);
  }
  return waves;
}

/**
 * Task health from its containers: UNHEALTHY when an essential container is; HEALTHY when every essential
 * container with a health check is; UNKNOWN otherwise (including when no essential container has one).
 */
export function taskHealth(containers: readonly View[]): HealthStatus {
  const checked = containers.filter((c) => c.essential && c.hasHealthCheck);
  if (checked.some((c) => c.healthStatus === 'UNHEALTHY')) return 'UNHEALTHY';
  if (checked.length > 0 && checked.every((c) => c.healthStatus === 'HEALTHY')) return 'HEALTHY';
  return 'UNKNOWN';
}
