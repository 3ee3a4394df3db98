// The control API for test suites (fargate-local's own, not AWS's):
//   GET  /_fargate-local/health   {status: 'ok', engine: {available}, endpoint}: the readiness check; 200 once the
//                                  API answers, whether or not a Docker engine does (engine.available says)
//   POST /_fargate-local/reset    {accountId?, region?}: clears all state (or one account, or one account/region),
//                                  log groups and their events included, removing the tasks' containers and
//                                  networks, closing the listeners of load balancers that went and clearing faults;
//                                  answers once Docker is done, with what was cleared
import express from 'express';
import type { AppDeps } from '../app-deps.js';
import type { LogStore } from '../domain/logs/model.js';
import type { Scope } from '../domain/scope.js';
import type { TaskRuntime } from '../domain/task-runtime.js';
import type { TaskEngine } from '../engine/task-engine.js';
import { emptyRegionState } from '../store/schema.js';

export interface LifecycleDeps {
  app: AppDeps;
  runtime: TaskRuntime;
  tasks: TaskEngine;
  /** CloudWatch Logs' events, kept outside the store. */
  logs?: LogStore;
}

export interface ResetResult {
  scopes: Scope[];
  tasks: number;
}

/** Empties the regions that match (all when no filter); then removes their tasks' containers and unused networks. */
export async function resetState(deps: LifecycleDeps, filter: { accountId?: string; region?: string } = {}): Promise<ResetResult> {
  const { store } = deps.app;
  const matches = (s: Scope) => (!filter.accountId || s.accountId === filter.accountId) && (!filter.region || s.region === filter.region);
  const scopes = store.scopes().filter(matches);
  const taskIds: string[] = [];
  for (const scope of scopes) {
    taskIds.push(...store.read(scope, (s) => Object.keys(s.tasks)));
    store.update(scope, (s) => {
      const empty = emptyRegionState() as unknown as Record<string, unknown>;
      const draft = s as unknown as Record<string, unknown>;
      for (const key of Object.keys(draft)) if (!(key in empty)) delete draft[key];
      for (const [key, value] of Object.entries(empty)) draft[key] = value;
    });
  }
  await store.flush();
  if (deps.logs) {
    for (const scope of deps.logs.scopes().filter(matches)) {
      for (const group of deps.logs.listGroups(scope)) deps.logs.deleteGroup(scope, group.name);
    }
  }
  if (!filter.accountId && !filter.region) deps.app.faults.clearAll();
  await deps.tasks.discard(taskIds);
  for (const scope of scopes) await deps.app.loadBalancing?.changed(scope);
  return { scopes, tasks: taskIds.length };
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function lifecycleRouter(deps: LifecycleDeps & { endpoint: () => string }): express.Router {
  const router = express.Router();
  router.get('/health', async (_req, res) => {
    const available = await deps.runtime.available().catch(() => false);
    res.json({ status: 'ok', engine: { available }, endpoint: deps.endpoint() });
  });
  router.post('/reset', express.json({ limit: '16kb' }), async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await resetState(deps, { accountId: str(body.accountId), region: str(body.region) });
      res.json(result);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
