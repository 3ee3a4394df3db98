// The awslogs log driver as Fargate runs it, as pure functions: its options, the stream name Fargate gives each
// container (`<awslogs-stream-prefix>/<container name>/<task id>`), and the joining of lines into events that
// `awslogs-multiline-pattern` or `awslogs-datetime-format` ask for (a line matching the pattern starts a new event;
// the lines after it, up to the next match, belong to it, joined with "\n"). Empty lines are not sent (CloudWatch
// refuses empty messages).

export interface AwslogsOptions {
  group: string;
  region: string;
  streamPrefix?: string;
  createGroup: boolean;
  mode: 'blocking' | 'non-blocking';
  /** Bytes buffered in non-blocking mode (AWS's default: 1 MiB). */
  maxBufferSize: number;
  /** Start-of-event pattern, from awslogs-multiline-pattern or awslogs-datetime-format (the latter wins, as in Docker). */
  multiline?: RegExp;
}

export type AwslogsOptionsResult = { ok: true; options: AwslogsOptions } | { ok: false; error: string };

/** Reads a container's awslogs options; `error` is what the driver says about options it refuses. */
export function parseAwslogsOptions(options: Readonly<Record<string, string>>, defaultRegion: string): AwslogsOptionsResult {
  const mode = options.mode ?? 'blocking';
  if (mode !== 'blocking' && mode !== 'non-blocking') return { ok: false, error: `logger: logging mode not supported: ${mode}` };
  let maxBufferSize = 1024 * 1024;
  if (options['max-buffer-size'] !== undefined) {
    const size = parseSize(options['max-buffer-size']);
    if (size === null) return { ok: false, error: `invalid max-buffer-size: ${options['max-buffer-size']}` };
    maxBufferSize = size;
  }
  const createGroup = options['awslogs-create-group'];
  if (createGroup !== undefined && !/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(createGroup)) {
    return { ok: false, error: `strconv.ParseBool: parsing "${createGroup}": invalid syntax` };
  }
  let multiline: RegExp | undefined;
  try {
    if (options['awslogs-datetime-format']) multiline = new RegExp(`^${strftimeToRegex(options['awslogs-datetime-format'])}`);
    else if (options['awslogs-multiline-pattern']) multiline = new RegExp(`^${options['awslogs-multiline-pattern']}`);
  } catch (err) {
    return { ok: false, error: `awslogs could not parse multiline pattern key: ${(err as Error).message}` };
  }
  return {
    ok: true,
    options: {
      group: options['awslogs-group'] ?? '',
      region: options['awslogs-region'] || defaultRegion,
      ...(options['awslogs-stream-prefix'] ? { streamPrefix: options['awslogs-stream-prefix'] } : {}),
      createGroup: createGroup !== undefined && /^(true|1|t|TRUE|True)$/.test(createGroup),
      mode,
      maxBufferSize,
      ...(multiline ? { multiline } : {}),
    },
  };
}

/** Fargate's stream name for a container: `<prefix>/<container name>/<task id>`. */
export const awslogsStreamName = (prefix: string, containerName: string, taskId: string) => `${prefix}/${containerName}/${taskId}`;

/** Docker's size syntax: 1024, 4k, 25m, 1g (binary units, as docker/go-units RAMInBytes). */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
  if (!m) return null;
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor(Number(m[1]) * 1024 ** power);
}

// strftime directives Docker's awslogs driver accepts in awslogs-datetime-format, as regular expressions.
const DIRECTIVES: Record<string, string> = {
  a: '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)',
  A: '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)',
  b: '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)',
  B: '(?:January|February|March|April|May|June|July|August|September|October|November|December)',
  c: '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{2} \\d{2}:\\d{2}:\\d{2} \\d{4}',
  d: '(?:0[1-9]|[12][0-9]|3[01])',
  f: '\\d{6}',
  H: '(?:[01][0-9]|2[0-3])',
  I: '(?:0[0-9]|1[0-2])',
  j: '(?:00[1-9]|0[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-6])',
  L: '\\.\\d{3}',
  m: '(?:0[1-9]|1[0-2])',
  M: '[0-5][0-9]',
  p: '[AP]M',
  S: '[0-5][0-9]',
  y: '\\d{2}',
  Y: '\\d{4}',
  z: '[+-]\\d{4}',
  Z: '[A-Z]{1,5}T|UTC',
};

/** A strftime format as a regular expression (characters other than directives match themselves). */
export function strftimeToRegex(format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '%' && i + 1 < format.length) {
      const d = format[++i]!;
      out += d === '%' ? '%' : (DIRECTIVES[d] ?? escapeRegex(`%${d}`));
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface JoinedEvent {
  timestamp: number;
  message: string;
  /** Where the last line of the event was in the container's output (its Docker timestamp, RFC 3339 with ns). */
  source: string;
}

/**
 * Turns a container's lines into events. Without a multiline pattern each non-empty line is an event; with one,
 * lines are held until the next start line, `flush()` (the driver's flush interval, or the end of the output).
 */
export class LineJoiner {
  private pending: JoinedEvent | null = null;

  constructor(private readonly startOfEvent?: RegExp) {}

  /** The events this line completes (zero or one, or two when a held event is flushed). */
  push(line: { timestamp: number; text: string; source: string }): JoinedEvent[] {
    if (!this.startOfEvent) {
      return line.text === '' ? [] : [{ timestamp: line.timestamp, message: line.text, source: line.source }];
    }
    if (this.startOfEvent.test(line.text) || !this.pending) {
      const done = this.flush();
      this.pending = { timestamp: line.timestamp, message: line.text, source: line.source };
      return done;
    }
    this.pending.message += `\n${line.text}`;
    this.pending.source = line.source;
    return [];
  }

  /** The held event, if any, as it is now. */
  flush(): JoinedEvent[] {
    const held = this.pending;
    this.pending = null;
    return held && held.message.trim() !== '' ? [held] : [];
  }

  get holding(): boolean {
    return this.pending !== null;
  }
}

/** Docker's RFC 3339 timestamps with up to 9 fraction digits, as one fixed-width string that sorts by time. */
export function normalizeDockerTime(time: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(time);
  if (!m) return time;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z`;
}
