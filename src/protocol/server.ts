// The HTTP edge: AWS JSON 1.1 on POST /, routed by X-Amz-Target. Checks run in the order AWS runs them:
// target → body parse → input validation → operation. Every response carries x-amzn-RequestId.
import express, { type Request, type Response } from 'express';
import type { Action, AppDeps } from '../actions/context.js';
import { toWireError, serializationException, unknownOperation } from './errors.js';
import { toWireJson } from './json.js';
import { scopeFromAuthorization } from './request-scope.js';
import { operationFromTarget } from './target.js';
import { validateInput } from './validation.js';

const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';
const MAX_BODY = '10mb';

export interface ServerOptions {
  deps: AppDeps;
  operations: Readonly<Record<string, Action>>;
  /** Non-AWS endpoints mounted on the same port (the control API), by path prefix. */
  routers?: { path: string; router: express.Router }[];
}

export function createApp({ deps, operations, routers = [] }: ServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Take every body raw: express.json() ignores application/x-amz-json-1.1, and a malformed body
  // must become SerializationException, not express's own 400 page.
  app.post('/', express.raw({ type: () => true, limit: MAX_BODY }), (req, res) => {
    void handleJsonRpc(req, res, deps, operations);
  });

  for (const { path, router } of routers) app.use(path, router);

  app.use((req: Request, res: Response) => {
    send(res, deps.ids.uuid(), 404, { __type: 'UnknownOperationException', message: '' }, 'UnknownOperationException');
  });

  // Body too large, aborted uploads and the like: still an AWS-shaped answer, never express's HTML.
  app.use((err: unknown, req: Request, res: Response, _next: express.NextFunction) => {
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 400;
    const code = status === 413 ? 'RequestEntityTooLargeException' : 'SerializationException';
    send(res, deps.ids.uuid(), status, { __type: code, message: (err as Error).message ?? '' }, code);
  });

  return app;
}

async function handleJsonRpc(req: Request, res: Response, deps: AppDeps, operations: Readonly<Record<string, Action>>) {
  const requestId = deps.ids.uuid();
  const started = Date.now();
  const operation = operationFromTarget(req.header('x-amz-target'));
  try {
    const action = operation ? operations[operation] : undefined;
    if (!operation || !action) throw unknownOperation();
    const input = parseBody(req.body);
    validateInput(operation, input);
    const scope = scopeFromAuthorization(req.header('authorization'), {
      accountId: deps.config.defaultAccountId,
      region: deps.config.defaultRegion,
    });
    const output = await action({ scope, requestId, deps }, input);
    await deps.store.flush();
    send(res, requestId, 200, output ?? {});
    deps.logger.debug({ requestId, operation, ms: Date.now() - started }, 'request');
  } catch (err) {
    const wire = toWireError(err);
    if (wire.unexpected) deps.logger.error({ err, requestId, operation }, 'unexpected failure');
    else deps.logger.debug({ requestId, operation, code: wire.code }, wire.body.message);
    send(res, requestId, wire.status, wire.body, wire.code);
  }
}

function parseBody(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw serializationException('Start of structure or map found where not expected.');
  }
}

function send(res: Response, requestId: string, status: number, body: unknown, errorType?: string) {
  if (res.headersSent) return;
  res.status(status);
  res.setHeader('x-amzn-RequestId', requestId);
  if (errorType) res.setHeader('x-amzn-ErrorType', errorType);
  res.setHeader('Content-Type', AMZ_JSON_1_1);
  res.send(toWireJson(body));
}
