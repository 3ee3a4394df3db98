// The HTTP app tasks reach at 169.254.170.2: credentials, metadata v3 and v4, task protection, and (opt-in, when
// tasks get AWS_ENDPOINT_URL pointing here) the ECS API itself on POST /. Everything else is gorilla/mux's 404,
// as the agent answers. A failure inside a handler is logged and answered 500, never a crash.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { credentialsRoutes } from './routes-credentials.js';
import { taskProtectionRoutes } from './routes-task-protection.js';
import { v3Routes } from './routes-v3.js';
import { v4Routes } from './routes-v4.js';
import { notFoundPage, sendJson, type RouteContext } from './route-context.js';

export function createMetadataApp(ctx: RouteContext, options: { ecsApi?: RequestHandler } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(credentialsRoutes(ctx));
  app.use(v4Routes(ctx));
  app.use(v3Routes(ctx));
  app.use(taskProtectionRoutes(ctx));
  if (options.ecsApi) app.post('/', options.ecsApi);
  app.use((_req: Request, res: Response) => notFoundPage(res));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    ctx.logger.error({ err }, 'metadata request failed');
    if (!res.headersSent) sendJson(res, 500, 'Internal server error');
  });
  return app;
}
