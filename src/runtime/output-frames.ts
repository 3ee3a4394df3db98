// Docker's multiplexed log stream (`GET /containers/{id}/logs` of a container without a TTY): frames of an 8-byte
// header (stream 1 = stdout, 2 = stderr; payload length, big-endian) and a payload. With `timestamps=1` every log
// message starts with its RFC 3339 time and a space. A line longer than Docker's 16 KiB buffer comes as several
// messages; the pieces are joined until the line break.
import type { OutputLine } from '../domain/task-runtime.js';

export class OutputFrameParser {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly partial: Record<'stdout' | 'stderr', { time: string; text: string } | null> = { stdout: null, stderr: null };

  constructor(private readonly onLine: (line: OutputLine) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 8) {
      const size = this.buffer.readUInt32BE(4);
      if (this.buffer.length < 8 + size) break;
      const type = this.buffer[0];
      const payload = this.buffer.toString('utf8', 8, 8 + size);
      this.buffer = this.buffer.subarray(8 + size);
      if (type === 1 || type === 2) this.message(type === 1 ? 'stdout' : 'stderr', payload);
    }
  }

  /** The end of the output: a last line without a line break still counts. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const held = this.partial[stream];
      this.partial[stream] = null;
      if (held) this.emit(stream, held.time, held.text);
    }
  }

  private message(stream: 'stdout' | 'stderr', payload: string) {
    const space = payload.indexOf(' ');
    const time = space > 0 ? payload.slice(0, space) : '';
    let text = space > 0 ? payload.slice(space + 1) : payload;
    const complete = text.endsWith('\n');
    if (complete) text = text.slice(0, -1);
    const held = this.partial[stream];
    if (held) {
      held.text += text;
      if (!complete) return;
      this.partial[stream] = null;
      return this.emit(stream, held.time, held.text);
    }
    if (!complete) {
      this.partial[stream] = { time, text };
      return;
    }
    this.emit(stream, time, text);
  }

  private emit(stream: 'stdout' | 'stderr', time: string, text: string) {
    const timestamp = Date.parse(time.replace(/(\.\d{3})\d+Z$/, '$1Z'));
    this.onLine({ stream, time, timestamp: Number.isNaN(timestamp) ? Date.now() : timestamp, text: text.replace(/\r$/, '') });
  }
}
