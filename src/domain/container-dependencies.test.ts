import { describe, expect, it } from 'vitest';
import { readiness, stopWaves, taskHealth } from './container-dependencies.js';
import type { ContainerRecord } from './task.js';

type V = Pick<ContainerRecord, 'name' | 'lastStatus' | 'started' | 'exitCode' | 'healthStatus' | 'essential' | 'hasHealthCheck'>;
const c = (name: string, patch: Partial<V> = {}): V => ({
  name,
  lastStatus: 'PENDING',
  started: false,
  healthStatus: 'UNKNOWN',
  essential: true,
  hasHealthCheck: false,
  ...patch,
});

describe('readiness', () => {
  it('is ready with no dependencies', () => {
    expect(readiness([], [])).toEqual({ kind: 'ready' });
  });
  it.each([
    ['START', c('db'), 'waiting'],
    ['START', c('db', { started: true, lastStatus: 'RUNNING' }), 'ready'],
    ['COMPLETE', c('db', { started: true, lastStatus: 'RUNNING' }), 'waiting'],
    ['COMPLETE', c('db', { started: true, lastStatus: 'STOPPED', exitCode: 3 }), 'ready'],
    ['SUCCESS', c('db', { started: true, lastStatus: 'STOPPED', exitCode: 0 }), 'ready'],
    ['SUCCESS', c('db', { started: true, lastStatus: 'STOPPED', exitCode: 1 }), 'impossible'],
    ['HEALTHY', c('db', { started: true, lastStatus: 'RUNNING' }), 'waiting'],
    ['HEALTHY', c('db', { started: true, lastStatus: 'RUNNING', healthStatus: 'HEALTHY' }), 'ready'],
    ['HEALTHY', c('db', { started: true, lastStatus: 'RUNNING', healthStatus: 'UNHEALTHY' }), 'impossible'],
    ['HEALTHY', c('db', { started: true, lastStatus: 'STOPPED', exitCode: 0 }), 'impossible'],
    ['START', c('db', { lastStatus: 'STOPPED' }), 'impossible'],
  ] as const)('%s on %o is %s', (condition, dep, expected) => {
    expect(readiness([{ containerName: 'db', condition }], [dep, c('app')]).kind).toBe(expected);
  });
  it('waits for every dependency and fails on an unknown one', () => {
    const deps = [
      { containerName: 'a', condition: 'START' as const },
      { containerName: 'b', condition: 'START' as const },
    ];
    expect(readiness(deps, [c('a', { started: true }), c('b')]).kind).toBe('waiting');
    expect(readiness([{ containerName: 'zz', condition: 'START' }], [c('a')]).kind).toBe('impossible');
  });
});

describe('stopWaves', () => {
  it('stops dependents before what they depend on', () => {
    const deps: Record<string, { containerName: string; condition: 'START' }[]> = {
      app: [{ containerName: 'proxy', condition: 'START' }],
      proxy: [{ containerName: 'init', condition: 'START' }],
    };
    expect(stopWaves(['init', 'proxy', 'app', 'log'], (n) => deps[n] ?? [])).toEqual([['app', 'log'], ['proxy'], ['init']]);
  });
  it('stops everything at once when nothing depends on anything', () => {
    expect(stopWaves(['a', 'b'], () => [])).toEqual([['a', 'b']]);
  });
});

describe('taskHealth', () => {
  it('is UNKNOWN when no essential container has a health check', () => {
    expect(taskHealth([c('a'), c('b', { essential: false, hasHealthCheck: true, healthStatus: 'UNHEALTHY' })])).toBe('UNKNOWN');
  });
  it('is HEALTHY only when every checked essential container is', () => {
    const a = c('a', { hasHealthCheck: true, healthStatus: 'HEALTHY' });
    expect(taskHealth([a, c('b', { hasHealthCheck: true })])).toBe('UNKNOWN');
    expect(taskHealth([a, c('b', { hasHealthCheck: true, healthStatus: 'HEALTHY' })])).toBe('HEALTHY');
    expect(taskHealth([a, c('b', { hasHealthCheck: true, healthStatus: 'UNHEALTHY' })])).toBe('UNHEALTHY');
  });
});
