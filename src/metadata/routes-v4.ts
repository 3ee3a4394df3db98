// Task metadata endpoint v4: ${ECS_CONTAINER_METADATA_URI_V4}, /task, /stats, /task/stats. Unknown ids get 404 with
// the agent's messages (ecs-agent tmds/handlers/v4/handlers.go, agent/handlers/v4/tmdsstate.go).
import { Router, type Request, type Response } from 'express';
import { v4Container, v4Task } from './responses.js';
import { containerCaller, sendJson, type ContainerCaller, type RouteContext } from './route-context.js';
import { containerStats, taskStats } from './stats-handlers.js';

const noDockerId = (id: string) => `unable to get container ID from request: unable to get docker ID from v3 endpoint ID: ${id}`;
const noTaskArn = (id: string) => `unable to get task arn from request: unable to get task Arn from v3 endpoint ID: ${id}`;

export function v4Routes(ctx: RouteContext): Router {
  const router = Router();
  const handle =
    (onUnknown: (id: string) => string, answer: (caller: ContainerCaller, res: Response) => Promise<void>) =>
    async (req: Request<{ id: string }>, res: Response) => {
      const caller = containerCaller(ctx, req, req.params.id);
      if (!caller) return sendJson(res, 404, onUnknown(req.params.id));
      await answer(caller, res);
    };

  router.all(
    '/v4/:id',
    handle(
      (id) => `V4 container metadata handler: ${noDockerId(id)}`,
      async (caller, res) => {
        const view = await ctx.views.view(caller, ctx.clock.now(), { diskUsage: false });
        sendJson(res, 200, v4Container(view, caller.container));
      },
    ),
  );
  router.all(
    '/v4/:id/task',
    handle(
      (id) => `V4 task metadata handler: ${noTaskArn(id)}`,
      async (caller, res) => {
        const view = await ctx.views.view(caller, ctx.clock.now(), { diskUsage: true });
        sendJson(res, 200, v4Task(view));
      },
    ),
  );
  router.all(
    '/v4/:id/stats',
    handle(
      (id) => `V4 container stats handler: ${noTaskArn(id)}`,
      async (caller, res) => {
        const stats = await containerStats(ctx, caller, caller.container, true);
        if (!stats) return sendJson(res, 500, `Unable to get container stats for: ${caller.container.runtimeId}`);
        sendJson(res, 200, stats);
      },
    ),
  );
  router.all(
    '/v4/:id/task/stats',
    handle(
      (id) => `V4 task stats handler: ${noTaskArn(id)}`,
      async (caller, res) => sendJson(res, 200, await taskStats(ctx, caller, true)),
    ),
  );
  return router;
}
