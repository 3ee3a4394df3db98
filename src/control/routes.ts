// The control API: fargate-local's own endpoints (not AWS's), under /_fargate-local on the API port.
//   POST   /_fargate-local/spot/interrupt   {cluster?, task? | service?, percent? | all?, accountId?, region?}
//   GET    /_fargate-local/faults
//   POST   /_fargate-local/faults           {kind, error?}
//   DELETE /_fargate-local/faults/:id       DELETE /_fargate-local/faults?kind=…  (all of a kind, or all)
//   POST   /_fargate-local/tasks/crash      {cluster?, task, container?, signal?, accountId?, region?}
//   GET    /_fargate-local/events           server-sent events (EventBridge-shaped ECS events); ?since=<id> replays
// Errors answer {code, message} with a 4xx status.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppDeps } from '../app-deps.js';
import { taskIdOf } from '../actions/support/task-lookup.js';
import { resolveCluster } from '../store/clusters.js';
import { EcsError } from '../domain/errors.js';
import { FAULT_KINDS, parseFaultRequest, type FaultKind } from '../domain/faults.js';
import type { Scope } from '../domain/scope.js';
import type { TaskRuntime } from '../domain/task-runtime.js';
import { SpotInterruptError, type InterruptionTarget, type SpotInterrupter } from '../engine/spot-interrupter.js';
import type { EventHub } from '../events/event-hub.js';
import { streamEvents } from './event-stream.js';

export const CONTROL_PREFIX = '/_fargate-local';

export interface ControlDeps {
  app: AppDeps;
  runtime: TaskRuntime;
  spot: SpotInterrupter;
  events: EventHub;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

function scopeOf(deps: ControlDeps, body: Body): Scope {
  return { accountId: str(body.accountId) ?? deps.app.config.defaultAccountId, region: str(body.region) ?? deps.app.config.defaultRegion };
}

export function controlRouter(deps: ControlDeps): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  router.post('/spot/interrupt', (req, res) => {
    const body = (req.body ?? {}) as Body;
    const scope = scopeOf(deps, body);
    const cluster = deps.app.store.read(scope, (s) => resolveCluster(s, scope, str(body.cluster)));
    let target: InterruptionTarget;
    if (str(body.task)) {
      const taskId = taskIdOf(str(body.task)!);
      if (!taskId) throw new ControlError(400, 'InvalidParameterException', 'task must be a task id or ARN.');
      target = { kind: 'task', clusterArn: cluster.clusterArn, taskId };
    } else if (str(body.service)) {
      const percent = body.percent === undefined ? 100 : Number(body.percent);
      if (!Number.isFinite(percent) || percent < 0 || percent > 100)
        throw new ControlError(400, 'InvalidParameterException', 'percent must be from 0 to 100.');
      target = { kind: 'service', clusterArn: cluster.clusterArn, serviceName: str(body.service)!.split('/').pop()!, percent };
    } else if (body.all === true) {
      target = { kind: 'all', clusterArn: str(body.cluster) ? cluster.clusterArn : undefined };
    } else {
      throw new ControlError(400, 'InvalidParameterException', 'Name a task, a service (with a percent) or all: true.');
    }
    const tasks = deps.spot.interrupt(scope, target);
    res.json({ interrupted: tasks.map((t) => t.taskArn) });
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: deps.app.faults.list() });
  });

  router.post('/faults', (req, res) => {
    const { kind, error } = parseFaultRequest(req.body);
    res.status(201).json({ fault: deps.app.faults.set(kind, error) });
  });

  router.delete('/faults/:id', (req, res) => {
    if (!deps.app.faults.clear(String(req.params.id))) throw new ControlError(404, 'ResourceNotFoundException', 'No such fault.');
    res.status(204).end();
  });

  router.delete('/faults', (req, res) => {
    const kind = str(req.query.kind);
    if (kind && !(FAULT_KINDS as readonly string[]).includes(kind))
      throw new ControlError(400, 'InvalidParameterException', `kind must be one of ${FAULT_KINDS.join(', ')}.`);
    res.json({ cleared: deps.app.faults.clearAll(kind as FaultKind | undefined) });
  });

  router.post('/tasks/crash', async (req, res) => {
    const body = (req.body ?? {}) as Body;
    const scope = scopeOf(deps, body);
    const taskId = taskIdOf(str(body.task) ?? '');
    const task = deps.app.store.read(scope, (s) => {
      const cluster = resolveCluster(s, scope, str(body.cluster));
      const t = taskId ? s.tasks[taskId] : undefined;
      return t && t.clusterArn === cluster.clusterArn ? t : undefined;
    });
    if (!task) throw new ControlError(404, 'InvalidParameterException', 'The referenced task was not found.');
    const name = str(body.container) ?? task.containers.find((c) => c.essential)?.name;
    const container = task.containers.find((c) => c.name === name);
    if (!container?.dockerId || container.lastStatus !== 'RUNNING')
      throw new ControlError(409, 'InvalidParameterException', `Container ${name} is not running.`);
    const signal = str(body.signal) ?? 'SIGKILL';
    await deps.runtime.signalContainer(container.dockerId, signal);
    res.json({ taskArn: task.taskArn, container: container.name, signal });
  });

  router.get('/events', (req, res) => streamEvents(deps.events, req, res));

  router.use((req: Request, res: Response) => {
    res.status(404).json({ code: 'UnknownOperationException', message: `No control endpoint ${req.method} ${CONTROL_PREFIX}${req.path}.` });
  });
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ControlError) return void res.status(err.status).json({ code: err.code, message: err.message });
    if (err instanceof SpotInterruptError) return void res.status(400).json({ code: 'InvalidParameterException', message: err.message });
    if (err instanceof EcsError) return void res.status(err.status).json({ code: err.code, message: err.message });
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    deps.app.logger.error({ err }, 'control API failure');
    res.status(status).json({ code: status >= 500 ? 'ServerException' : 'SerializationException', message: (err as Error).message ?? '' });
  });
  return router;
}
