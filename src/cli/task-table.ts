// `fargate-local ps` as a table: rows from DescribeTasks answers, columns that fit the terminal, colour on a TTY.
export interface WireTask {
  taskArn: string;
  clusterArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus?: string;
  healthStatus?: string;
  capacityProviderName?: string;
  launchType?: string;
  createdAt?: number;
  stoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  attachments?: { details?: { name: string; value: string }[] }[];
  containers?: { name: string; runtimeId?: string; lastStatus?: string }[];
}

export interface TaskRow {
  cluster: string;
  taskId: string;
  taskDefinition: string;
  status: string;
  health: string;
  ip: string;
  capacityProvider: string;
  age: string;
  createdAt: number | null;
  stopCode?: string;
  stoppedReason?: string;
}

const lastPart = (arn: string, sep = '/') => arn.slice(arn.lastIndexOf(sep) + 1);

/** "5s", "3m", "2h", "4d": how long ago `since` was. */
export function age(since: number | undefined, now: number): string {
  if (since === undefined) return '-';
  const s = Math.max(0, Math.floor((now - since) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** "10m", "30s", "2h", "1d" as milliseconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

export function taskRow(task: WireTask, now: number): TaskRow {
  const details = task.attachments?.flatMap((a) => a.details ?? []) ?? [];
  const createdAt = task.createdAt !== undefined ? task.createdAt * 1000 : null;
  return {
    cluster: lastPart(task.clusterArn),
    taskId: lastPart(task.taskArn),
    taskDefinition: lastPart(task.taskDefinitionArn),
    status: task.lastStatus,
    health: task.healthStatus ?? 'UNKNOWN',
    ip: details.find((d) => d.name === 'privateIPv4Address')?.value ?? '-',
    capacityProvider: task.capacityProviderName ?? task.launchType ?? '-',
    age: age(createdAt ?? undefined, now),
    createdAt,
    ...(task.stopCode ? { stopCode: task.stopCode } : {}),
    ...(task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
  };
}

const STATUS_COLOUR: Record<string, string> = { RUNNING: '32', STOPPED: '90', PENDING: '33', PROVISIONING: '33', ACTIVATING: '33' };

/** The table's lines; the widest column (the reason, else the task definition) is cut to fit `width`. */
export function renderTable(rows: readonly TaskRow[], options: { all: boolean; width: number; colour: boolean }): string[] {
  const header = [
    'CLUSTER',
    'TASK',
    'TASK DEFINITION',
    'STATUS',
    'HEALTH',
    'IP',
    'CAPACITY',
    'AGE',
    ...(options.all ? ['STOP CODE', 'REASON'] : []),
  ];
  const cells = rows.map((r) => [
    r.cluster,
    r.taskId,
    r.taskDefinition,
    r.status,
    r.health,
    r.ip,
    r.capacityProvider,
    r.age,
    ...(options.all ? [r.stopCode ?? '', r.stoppedReason ?? ''] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const flexible = options.all ? header.length - 1 : 2;
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  if (total > options.width) widths[flexible] = Math.max(header[flexible]!.length, widths[flexible]! - (total - options.width));
  const fitCell = (text: string, i: number) => {
    const w = widths[i]!;
    const cut = text.length > w ? `${text.slice(0, Math.max(0, w - 1))}…` : text;
    return i === widths.length - 1 ? cut : cut.padEnd(w);
  };
  const line = (c: string[], colourOf?: (i: number) => string | undefined) =>
    c
      .map((text, i) => {
        const cell = fitCell(text, i);
        const code = options.colour ? colourOf?.(i) : undefined;
        return code ? `\u001b[${code}m${cell}\u001b[0m` : cell;
      })
      .join('  ')
      .trimEnd();
  return [line(header, () => '1'), ...cells.map((c, row) => line(c, (i) => (i === 3 ? STATUS_COLOUR[rows[row]!.status] : undefined)))];
}
