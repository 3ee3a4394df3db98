import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { DockerEventStream, sinceParameter, type DockerEvent } from './docker-events.js';

function event(id: string, action: string, timeNano: number): DockerEvent {
  return { Type: 'container', Action: action, Actor: { ID: id, Attributes: {} }, time: Math.floor(timeNano / 1e9), timeNano };
}

function fakeDocker() {
  const streams: PassThrough[] = [];
  const calls: Record<string, unknown>[] = [];
  const docker = {
    getEvents: vi.fn(async (opts: Record<string, unknown>) => {
      calls.push(opts);
      const s = new PassThrough();
      streams.push(s);
      return s;
    }),
  };
  return { docker: docker as unknown as Dockerode, streams, calls };
}

describe('sinceParameter', () => {
  it('writes seconds and nine digits of nanoseconds', () => {
    expect(sinceParameter(1_764_172_800_000_000_000)).toMatch(/^1764172800\.\d{9}$/);
    expect(sinceParameter(5_000_000_007)).toBe('5.000000007');
  });
});

describe('DockerEventStream', () => {
  it('subscribes filtered by instance label and the actions we report', async () => {
    const { docker, calls } = fakeDocker();
    const s = new DockerEventStream(docker, 'inst', pino({ level: 'silent' }), () => {});
    await s.start();
    expect(calls[0]).toEqual({
      filters: { type: ['container'], event: ['die', 'oom', 'health_status'], label: ['fargate-local.instance=inst'] },
    });
    s.stop();
  });

  it('reopens a dropped stream from the last event’s time and drops the repeats', async () => {
    const { docker, streams, calls } = fakeDocker();
    const seen: string[] = [];
    const s = new DockerEventStream(docker, 'inst', pino({ level: 'silent' }), (e) => seen.push(`${e.Actor.ID}:${e.Action}`));
    await s.start();
    streams[0]!.write(`${JSON.stringify(event('a', 'die', 5_000_000_007))}\n`);
    await vi.waitFor(() => expect(seen).toEqual(['a:die']));
    streams[0]!.end();
    await vi.waitFor(() => expect(calls).toHaveLength(2), { timeout: 3000 });
    expect(calls[1]).toMatchObject({ since: '5.000000007' });
    // The engine replays from `since` inclusive: the repeat is dropped, the new one passes.
    await vi.waitFor(() => expect(streams).toHaveLength(2));
    streams[1]!.write(`${JSON.stringify(event('a', 'die', 5_000_000_007))}\n${JSON.stringify(event('b', 'die', 6_000_000_000))}\n`);
    await vi.waitFor(() => expect(seen).toEqual(['a:die', 'b:die']));
    s.stop();
  });

  it('stops reconnecting after stop()', async () => {
    const { docker, streams, calls } = fakeDocker();
    const s = new DockerEventStream(docker, 'inst', pino({ level: 'silent' }), () => {});
    await s.start();
    s.stop();
    streams[0]!.end();
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toHaveLength(1);
  });
});
