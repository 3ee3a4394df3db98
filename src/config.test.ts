import { describe, expect, it } from 'vitest';
import { OPTIONS, readConfig, testConfig } from './config.js';

const cwd = '/srv/app';
const switches = OPTIONS.filter((d) => d.env && !/[<[]/.test(d.flags));

describe('the option table', () => {
  it('fills every Config field, with nothing left undefined', () => {
    const config = readConfig([], {}, cwd);
    for (const [key, value] of Object.entries({ ...config, ...config.taskAgent })) expect(value, key).not.toBeUndefined();
    expect(Object.keys(config).sort()).toEqual(Object.keys(testConfig()).sort());
  });

  it('holds durations in milliseconds, written in seconds', () => {
    const c = readConfig(
      ['--stopped-task-retention', '2', '--spot-grace-seconds', '3', '--minimum-healthy-delay', '4', '--credentials-lifetime', '600'],
      {},
      cwd,
    );
    expect(c).toMatchObject({ stoppedTaskRetentionMs: 2000, spotGraceMs: 3000, minimumHealthyDelayMs: 4000 });
    expect(c.taskAgent.credentialsLifetimeMs).toBe(600_000);
    expect(readConfig([], {}, cwd)).toMatchObject({
      stoppedTaskRetentionMs: 3_600_000,
      spotGraceMs: 120_000,
      minimumHealthyDelayMs: 40_000,
    });
  });

  it('reads the environment it is given, not the process', () => {
    expect(readConfig([], { PORT: '1234', FARGATE_LOCAL_CREDENTIALS_SOURCE: 'sts' }, cwd)).toMatchObject({
      port: 1234,
      taskAgent: { credentialsSource: 'sts' },
    });
  });

  it('lets a flag win over its variable', () => {
    expect(readConfig(['--port', '1'], { PORT: '2' }, cwd).port).toBe(1);
    expect(readConfig(['--in-memory'], { FARGATE_LOCAL_IN_MEMORY: 'false' }, cwd).dataDir).toBeNull();
  });

  it.each(switches.map((d) => [d.flags, d.env!]))('%s: %s is parsed as every switch is', (flags, env) => {
    const on = readConfig([flags], {}, cwd);
    const off = readConfig([], {}, cwd);
    expect(on).not.toEqual(off);
    for (const value of ['1', 'true', 'yes', 'on', 'TRUE']) expect(readConfig([], { [env]: value }, cwd), value).toEqual(on);
    for (const value of ['', '0', 'false', 'no', 'off', 'Off']) expect(readConfig([], { [env]: value }, cwd), value).toEqual(off);
  });

  it('refuses a bad value from the environment as it refuses a bad flag', () => {
    expect(() => readConfig([], { FARGATE_LOCAL_LAUNCH_CONCURRENCY: '0' }, cwd)).toThrow(
      "option '--launch-concurrency <n>' value '0' from env 'FARGATE_LOCAL_LAUNCH_CONCURRENCY' is invalid. launch-concurrency must be a whole number from 1 to 64.",
    );
    expect(() => readConfig([], { LOG_LEVEL: 'loud' }, cwd)).toThrow('Allowed choices are fatal, error, warn, info, debug, trace, silent.');
  });

  it('reads a listener port range, and refuses one that is not', () => {
    expect(readConfig([], {}, cwd).listenerPortRange).toBeNull();
    expect(readConfig(['--listener-port-range', '4600-4619'], {}, cwd).listenerPortRange).toEqual({ from: 4600, to: 4619 });
    expect(readConfig([], { FARGATE_LOCAL_LISTENER_PORT_RANGE: '5000 - 5000' }, cwd).listenerPortRange).toEqual({ from: 5000, to: 5000 });
    for (const bad of ['4619-4600', '0-10', '4600', '1-70000', 'a-b']) {
      expect(() => readConfig(['--listener-port-range', bad], {}, cwd), bad).toThrow('must be a port range such as 4600-4619.');
    }
  });
});
