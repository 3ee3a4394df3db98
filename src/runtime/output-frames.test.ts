import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../domain/task-runtime.js';
import { OutputFrameParser } from './output-frames.js';

const frame = (type: 1 | 2, text: string) => {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('Docker log frames', () => {
  it('splits frames across chunks, keeps stdout and stderr in order, and reads times to the millisecond', () => {
    const lines: OutputLine[] = [];
    const p = new OutputFrameParser((l) => lines.push(l));
    const all = Buffer.concat([frame(1, '2024-01-01T00:00:00.123456789Z hello\n'), frame(2, '2024-01-01T00:00:00.2Z oops\n')]);
    p.push(all.subarray(0, 5));
    p.push(all.subarray(5, 30));
    p.push(all.subarray(30));
    expect(lines).toEqual([
      { stream: 'stdout', time: '2024-01-01T00:00:00.123456789Z', timestamp: Date.UTC(2024, 0, 1, 0, 0, 0, 123), text: 'hello' },
      { stream: 'stderr', time: '2024-01-01T00:00:00.2Z', timestamp: Date.UTC(2024, 0, 1, 0, 0, 0, 200), text: 'oops' },
    ]);
  });

  it('joins the pieces of a long line, and keeps a last line without a line break', () => {
    const lines: OutputLine[] = [];
    const p = new OutputFrameParser((l) => lines.push(l));
    p.push(frame(1, '2024-01-01T00:00:01Z aaaa'));
    p.push(frame(1, '2024-01-01T00:00:01.5Z bbbb\n'));
    p.push(frame(1, '2024-01-01T00:00:02Z tail'));
    p.end();
    expect(lines.map((l) => [l.text, l.time])).toEqual([
      ['aaaabbbb', '2024-01-01T00:00:01Z'],
      ['tail', '2024-01-01T00:00:02Z'],
    ]);
  });
});
