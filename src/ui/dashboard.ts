// The live dashboard at /_fargate-local/ui: static files (ui/ at the package root: HTML, one ES module, one
// stylesheet), no build step. The page talks to the same port as any client does: the ECS and CloudWatch Logs JSON
// APIs, the control API for Spot and faults, and the server-sent event stream. Nothing here reads state itself.
import { fileURLToPath } from 'node:url';
import express from 'express';

export const DASHBOARD_PATH = '/_fargate-local/ui';

/** ui/ beside src/ and dist/: the same path from the sources (tsx, vitest) and from the build. */
export const DASHBOARD_ASSETS = fileURLToPath(new URL('../../ui/', import.meta.url));

export function dashboardRouter(assets: string = DASHBOARD_ASSETS): express.Router {
  const router = express.Router();
  // /_fargate-local/ui → /_fargate-local/ui/ so the page's relative asset paths resolve under it.
  router.get('/', (req, res, next) => {
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, `${DASHBOARD_PATH}/`);
    next();
  });
  router.use(
    express.static(assets, {
      index: 'index.html',
      fallthrough: false,
      setHeaders: (res) => {
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Content-Security-Policy', "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'");
      },
    }),
  );
  return router;
}
