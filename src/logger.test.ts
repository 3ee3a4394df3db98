import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, prettyLine } from './logger.js';

function sink(isTTY: boolean) {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  (out as unknown as { isTTY: boolean }).isTTY = isTTY;
  return { out, lines };
}

describe('createLogger', () => {
  it('writes one readable line per event on a terminal (auto): time, level, message, the task or request', () => {
    const { out, lines } = sink(true);
    createLogger('info', 'auto', out).info({ requestId: 'r-1', taskId: 't-9', ms: 3 }, 'task started');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}task started taskId=t-9 requestId=r-1 ms=3$/);
  });

  it('writes JSON lines when stdout is not a terminal (auto), and when asked (json) even on one', () => {
    for (const [tty, format] of [
      [false, 'auto'],
      [true, 'json'],
    ] as const) {
      const { out, lines } = sink(tty);
      createLogger('info', format, out).warn({ taskId: 't' }, 'hello');
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, msg: 'hello', taskId: 't', name: 'fargate-local' });
    }
  });

  it('pretty: errors show their stack under the line; other text passes through', () => {
    const line = prettyLine(JSON.stringify({ level: 50, time: 0, msg: 'boom', err: { message: 'bad', stack: 'Error: bad\n  at x' } }));
    expect(line).toBe('00:00:00.000 ERROR boom\n    Error: bad\n      at x');
    expect(prettyLine('not json')).toBe('not json');
  });
});
