// The emulator's log: pino, written as JSON lines (for machines) or one readable line per event (for a person at
// a terminal). `auto` picks readable lines when stdout is a TTY.
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevel } from './config.js';

export type { Logger };

export function createLogger(level: LogLevel, format: LogFormat = 'json', out: NodeJS.WritableStream = process.stdout): Logger {
  const pretty = format === 'pretty' || (format === 'auto' && (out as { isTTY?: boolean }).isTTY === true);
  const options = { name: 'fargate-local', level, base: undefined };
  return pretty ? pino(options, prettyStream(out)) : pino(options, out as DestinationStream);
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** Fields shown first, in this order, as what the event concerns. */
const SUBJECTS = ['taskId', 'taskArn', 'service', 'cluster', 'requestId', 'operation'];
const HIDDEN = new Set(['level', 'time', 'msg', 'name', 'err']);

/** One JSON log record as a line a person reads: time, level, message, what it concerns, the other fields. */
export function prettyLine(json: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = typeof rec.time === 'number' ? new Date(rec.time).toISOString().slice(11, 23) : '';
  const level = LEVELS[rec.level as number] ?? String(rec.level);
  const subjects = SUBJECTS.filter((k) => rec[k] !== undefined).map((k) => `${k}=${show(rec[k])}`);
  const rest = Object.keys(rec)
    .filter((k) => !HIDDEN.has(k) && !SUBJECTS.includes(k))
    .map((k) => `${k}=${show(rec[k])}`);
  const err = rec.err as { message?: string; stack?: string } | undefined;
  const line = [time, level, String(rec.msg ?? ''), ...subjects, ...rest].filter((p) => p !== '').join(' ');
  return err ? `${line}\n    ${(err.stack ?? err.message ?? '').split('\n').join('\n    ')}` : line;
}

const show = (v: unknown) => (typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

function prettyStream(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) out.write(`${prettyLine(line)}\n`);
    },
  };
}
