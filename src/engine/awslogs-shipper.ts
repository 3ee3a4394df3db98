// The awslogs log driver as Fargate runs it, over the emulator's own CloudWatch Logs store. Containers keep
// Docker's local log (so `docker logs` works); this follows each container's output with the engine's timestamps
// and ships every stdout and stderr line, in order, to `<awslogs-stream-prefix>/<container>/<task id>` in
// awslogs-group (in awslogs-region, same account).
// - awslogs-create-group "true" creates a missing group; otherwise the task stops with ResourceInitializationError
//   in AWS's wording, before any container starts.
// - awslogs-multiline-pattern / awslogs-datetime-format join lines into one event; a held event goes out when the
//   next one starts, after MULTILINE_FLUSH_MS without output, or when the container exits.
// - mode non-blocking / max-buffer-size are checked, but nothing is ever dropped or blocked here: the engine's local
//   log buffers the container's output, and shipping reads it behind.
// - Each event remembers the engine timestamp of its last line (`source`); after an emulator restart shipping
//   resumes after it, so adopted tasks neither lose nor repeat lines.
// - A task reports STOPPED only after its containers' output is shipped (drain), bounded by DRAIN_TIMEOUT_MS.
import type { ContainerLogs } from '../domain/container-logs.js';
import {
  awslogsStreamName,
  LineJoiner,
  normalizeDockerTime,
  parseAwslogsOptions,
  type AwslogsOptions,
} from '../domain/logs/awslogs-driver.js';
import type { InputLogEvent, LogStore } from '../domain/logs/model.js';
import type { Clock } from '../domain/ports.js';
import type { Scope } from '../domain/scope.js';
import { TaskStartFailure } from '../domain/task-agent.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import type { OutputFollower, OutputLine, TaskRuntime } from '../domain/task-runtime.js';
import type { TaskRecord } from '../domain/task.js';
import type { Logger } from '../logger.js';

const FLUSH_MS = 100;
const MULTILINE_FLUSH_MS = 2_000;
const DRAIN_TIMEOUT_MS = 10_000;

/** Fargate's stoppedReason when awslogs-group does not exist and awslogs-create-group is not "true". */
export const MISSING_LOG_GROUP =
  'ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1';

interface Target {
  scope: Scope;
  group: string;
  stream: string;
  options: AwslogsOptions;
}

interface Shipment {
  follower: OutputFollower;
  finished: Promise<void>;
  close(): void;
}

export interface AwslogsShipperDeps {
  logs: LogStore;
  runtime: TaskRuntime;
  clock: Clock;
  logger: Logger;
}

export class AwslogsShipper implements ContainerLogs {
  private readonly shipments = new Map<string, Map<string, Shipment>>();

  constructor(private readonly deps: AwslogsShipperDeps) {}

  prepare(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord): void {
    for (const def of td.containerDefinitions) {
      if (def.logConfiguration?.logDriver !== 'awslogs' || !def.name) continue;
      const target = this.targetOf(scope, task, def.name, def.logConfiguration.options ?? {});
      if (!target) continue;
      const { logs, clock } = this.deps;
      if (!logs.getGroup(target.scope, target.group)) {
        if (!target.options.createGroup) throw new TaskStartFailure(MISSING_LOG_GROUP);
        logs.createGroup(target.scope, { name: target.group, creationTime: clock.now(), logGroupClass: 'STANDARD', tags: {} });
      }
      if (target.stream && !logs.getStream(target.scope, target.group, target.stream)) {
        logs.createStream(target.scope, target.group, target.stream, clock.now());
      }
    }
  }

  attach(scope: Scope, task: TaskRecord, td: TaskDefinitionRecord, containerName: string, dockerId: string): void {
    const def = td.containerDefinitions.find((d) => d.name === containerName);
    if (def?.logConfiguration?.logDriver !== 'awslogs' || !this.deps.runtime.followOutput) return;
    const byDocker = this.shipments.get(task.taskId) ?? new Map<string, Shipment>();
    if (byDocker.has(dockerId)) return;
    let target: Target | null;
    try {
      target = this.targetOf(scope, task, containerName, def.logConfiguration.options ?? {});
    } catch {
      return; // options the driver refuses stopped the task in prepare(); an adopted task keeps running unshipped
    }
    if (!target) return;
    // Without a prefix (not possible on Fargate), Docker's awslogs names the stream after the container id.
    if (!target.stream) target.stream = dockerId;
    this.shipments.set(task.taskId, byDocker);
    byDocker.set(dockerId, this.ship(target, dockerId, task.taskId));
  }

  async drain(taskId: string): Promise<void> {
    const byDocker = this.shipments.get(taskId);
    if (!byDocker) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.deps.logger.warn({ taskId }, 'container output still streaming after the task stopped; shipped what had arrived');
        resolve();
      }, DRAIN_TIMEOUT_MS);
      timer.unref();
    });
    await Promise.race([Promise.all([...byDocker.values()].map((s) => s.finished)), timeout]);
    clearTimeout(timer);
    for (const s of byDocker.values()) s.close();
    this.shipments.delete(taskId);
  }

  async close(): Promise<void> {
    for (const byDocker of this.shipments.values()) for (const s of byDocker.values()) s.close();
    this.shipments.clear();
  }

  private targetOf(scope: Scope, task: TaskRecord, containerName: string, raw: Record<string, string>): Target | null {
    const parsed = parseAwslogsOptions(raw, scope.region);
    if (!parsed.ok) throw new TaskStartFailure(`ResourceInitializationError: failed to validate logger args: ${parsed.error}`);
    const options = parsed.options;
    if (!options.group) return null;
    const stream = options.streamPrefix ? awslogsStreamName(options.streamPrefix, containerName, task.taskId) : '';
    return { scope: { accountId: scope.accountId, region: options.region }, group: options.group, stream, options };
  }

  private ship(target: Target, dockerId: string, taskId: string): Shipment {
    const { logs, runtime, clock, logger } = this.deps;
    const last = this.lastEvent(target);
    const after = last?.source ? normalizeDockerTime(last.source) : null;
    const joiner = new LineJoiner(target.options.multiline);
    let pending: InputLogEvent[] = [];
    let flushTimer: NodeJS.Timeout | null = null;
    let multilineTimer: NodeJS.Timeout | null = null;
    let closed = false;

    const flush = () => {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const now = clock.now();
      if (logs.append(target.scope, target.group, target.stream, batch, now)) return;
      // The stream (or its group) was deleted while the task ran: the driver makes the stream again, if it can.
      if (logs.createStream(target.scope, target.group, target.stream, now)) {
        logs.append(target.scope, target.group, target.stream, batch, now);
      } else {
        logger.warn({ taskId, group: target.group, stream: target.stream }, 'log group gone: container output dropped');
      }
    };
    const flushHeld = () => {
      multilineTimer = null;
      pending.push(...joiner.flush());
      flush();
    };
    const onLine = (line: OutputLine) => {
      if (closed) return;
      if (after !== null && normalizeDockerTime(line.time) <= after) return;
      pending.push(...joiner.push({ timestamp: line.timestamp, text: line.text, source: line.time }));
      if (pending.length >= 1000) flush();
      else if (pending.length > 0 && !flushTimer) flushTimer = setTimeout(flush, FLUSH_MS);
      if (joiner.holding) {
        if (multilineTimer) clearTimeout(multilineTimer);
        multilineTimer = setTimeout(flushHeld, MULTILINE_FLUSH_MS);
      }
    };

    const follower = runtime.followOutput!(dockerId, last?.timestamp, onLine);
    const finish = () => {
      if (multilineTimer) clearTimeout(multilineTimer);
      multilineTimer = null;
      pending.push(...joiner.flush());
      flush();
    };
    const finished = follower.done.then(() => {
      if (!closed) finish();
    });
    return {
      follower,
      finished,
      close: () => {
        if (closed) return;
        follower.stop();
        finish();
        closed = true;
      },
    };
  }

  private lastEvent(target: Target) {
    const stream = this.deps.logs.getStream(target.scope, target.group, target.stream);
    if (!stream) return undefined;
    for (const event of this.deps.logs.backward(target.scope, target.group, target.stream, stream.nextIndex)) return event;
    return undefined;
  }
}
