// Task metadata endpoint v3 (${ECS_CONTAINER_METADATA_URI}): the same paths as v4 with the v2-era shapes. The
// agent's v3 handlers answer an unknown id with 500 (metadata) or 400 (stats) and these messages
// (agent/handlers/v3/*.go).
import { Router, type Request, type Response } from 'express';
import { v3Container, v3Task } from './responses.js';
import { containerCaller, sendJson, type ContainerCaller, type RouteContext } from './route-context.js';
import { containerStats, taskStats } from './stats-handlers.js';

const noDockerId = (id: string) => `unable to get docker ID from v3 endpoint ID: ${id}`;
const noTaskArn = (id: string) => `unable to get task Arn from v3 endpoint ID: ${id}`;

export function v3Routes(ctx: RouteContext): Router {
  const router = Router();
  const handle =
    (status: number, onUnknown: (id: string) => string, answer: (caller: ContainerCaller, res: Response) => Promise<void>) =>
    async (req: Request<{ id: string }>, res: Response) => {
      const caller = containerCaller(ctx, req, req.params.id);
      if (!caller) return sendJson(res, status, onUnknown(req.params.id));
      await answer(caller, res);
    };

  router.all(
    '/v3/:id',
    handle(
      500,
      (id) => `V3 container metadata handler: unable to get container ID from request: ${noDockerId(id)}`,
      async (caller, res) =>
        sendJson(res, 200, v3Container(await ctx.views.view(caller, ctx.clock.now(), { diskUsage: false }), caller.container)),
    ),
  );
  router.all(
    '/v3/:id/task',
    handle(
      500,
      (id) => `V3 task metadata handler: unable to get task arn from request: ${noTaskArn(id)}`,
      async (caller, res) => sendJson(res, 200, v3Task(await ctx.views.view(caller, ctx.clock.now(), { diskUsage: false }))),
    ),
  );
  router.all(
    '/v3/:id/stats',
    handle(
      400,
      (id) => `V3 container stats handler: unable to get task arn from request: ${noTaskArn(id)}`,
      async (caller, res) => {
        const stats = await containerStats(ctx, caller, caller.container, false);
        if (!stats) return sendJson(res, 500, `Unable to get container stats for: ${caller.container.runtimeId}`);
        sendJson(res, 200, stats);
      },
    ),
  );
  router.all(
    '/v3/:id/task/stats',
    handle(
      400,
      (id) => `V3 task stats handler: unable to get task arn from request: ${noTaskArn(id)}`,
      async (caller, res) => sendJson(res, 200, await taskStats(ctx, caller, false)),
    ),
  );
  return router;
}
