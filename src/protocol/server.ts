// The HTTP edge: AWS JSON 1.1 on POST /, routed by X-Amz-Target; a form-encoded POST without a target is an AWS
// query-protocol request (EC2) and goes to the query services (query.ts). Checks run in the order AWS runs them
// (as kinesalite recorded them for Kinesis, another Coral JSON 1.1 service): body parse → target → input
// validation → operation. Every response carries x-amzn-RequestId. Nothing a request does can crash the
// process: whatever escapes becomes a 500 ServerException and is logged.
import express, { type Request, type Response } from 'express';
import type { AppDeps } from '../app-deps.js';
import type { Action } from '../actions/context.js';
import { toWireError, unknownOperation, type WireError } from './errors.js';
import { browserGuard } from './browser-guard.js';
import { readJsonInput } from './json-input.js';
import { toWireJson } from './json.js';
import { dispatchQuery, isQueryRequest, type QueryService } from './query.js';
import { scopeFromAuthorization } from './request-scope.js';
import { ECS_TARGET_PREFIX, operationFromTarget, targetPrefixOf } from './target.js';
import { validateInput } from './validation.js';

const AMZ_JSON_1_1 = 'application/x-amz-json-1.1';
const MAX_BODY = '10mb';

/** A service spoken in AWS JSON (1.0/1.1) on this port, routed by its X-Amz-Target prefix. */
export interface JsonService {
  /** e.g. `AmazonEC2ContainerServiceV20141113`, `Logs_20140328`. */
  targetPrefix: string;
  operations: Readonly<Record<string, Action>>;
  /** Checks the input against the service's model before the operation runs; throws the service's error. */
  validate?: (operation: string, input: unknown) => void;
  /** The service's own errors on the wire; what it leaves (undefined) goes through the shared `toWireError`. */
  wireError?: (err: unknown) => WireError | undefined;
}

export interface ServerOptions {
  deps: AppDeps;
  /** ECS operations by name (JSON 1.1, X-Amz-Target AmazonEC2ContainerServiceV20141113.<Operation>). */
  operations: Readonly<Record<string, Action>>;
  /** Other JSON services on the same port (ECS is always there). */
  jsonServices?: readonly JsonService[];
  /** Services spoken in a query protocol (form-encoded Action=…&Version=…), such as EC2. */
  queryServices?: readonly QueryService[];
  /** Non-AWS endpoints mounted on the same port (the control API), by path prefix. */
  routers?: { path: string; router: express.Router }[];
}

export function createApp({ deps, operations, jsonServices = [], queryServices = [], routers = [] }: ServerOptions): express.Express {
  const services = [{ targetPrefix: ECS_TARGET_PREFIX, operations, validate: validateInput }, ...jsonServices];
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Before every route: web pages (DNS rebinding, cross-site form posts) cannot drive the emulator.
  app.use(browserGuard({ allowedHosts: deps.config.allowedHosts ?? [], corsOrigins: deps.config.corsOrigins ?? [] }));

  // Take every body raw: express.json() ignores application/x-amz-json-1.1, and a malformed body
  // must become SerializationException, not express's own 400 page.
  app.post('/', express.raw({ type: () => true, limit: MAX_BODY }), (req, res) => {
    const handling =
      queryServices.length > 0 && isQueryRequest(req)
        ? dispatchQuery(req, res, deps, queryServices)
        : handleJsonRpc(req, res, deps, services);
    handling.catch((err: unknown) => {
      deps.logger.error({ err }, 'request handling failed');
      sendSafely(res, 500, { __type: 'ServerException', message: 'Service Unavailable. Please try again later.' }, 'ServerException');
    });
  });

  for (const { path, router } of routers) app.use(path, router);

  app.use((_req: Request, res: Response) => {
    sendSafely(res, 404, { __type: 'UnknownOperationException' }, 'UnknownOperationException');
  });

  // Body too large, aborted uploads, bad encodings and the like: still an AWS-shaped answer, never express's HTML.
  app.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const raw = (err as { status?: unknown } | null)?.status;
    const status = typeof raw === 'number' && raw >= 400 && raw < 600 ? raw : 500;
    if (status >= 500) {
      deps.logger.error({ err }, 'request handling failed');
      sendSafely(res, 500, { __type: 'ServerException', message: 'Service Unavailable. Please try again later.' }, 'ServerException');
      return;
    }
    const code = status === 413 ? 'RequestEntityTooLargeException' : 'SerializationException';
    const message = err instanceof Error ? err.message : '';
    sendSafely(res, status, message ? { __type: code, message } : { __type: code }, code);
  });

  /** For answers outside a request's own handling: a fresh request id, and never a throw. */
  function sendSafely(res: Response, status: number, body: WireError['body'], errorType: string) {
    try {
      send(res, deps.ids.uuid(), status, body, errorType);
    } catch (err) {
      deps.logger.error({ err }, 'sending an error response failed');
      if (!res.headersSent) res.status(500).end();
    }
  }

  return app;
}

async function handleJsonRpc(req: Request, res: Response, deps: AppDeps, services: readonly JsonService[]) {
  const requestId = deps.ids.uuid();
  const started = Date.now();
  const target = req.header('x-amz-target');
  const service = services.find((s) => s.targetPrefix === targetPrefixOf(target)) ?? services[0]!;
  const operation = operationFromTarget(target, service.targetPrefix);
  try {
    const input = readJsonInput(req.body);
    const action = operation && Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
    if (!operation || !action) throw unknownOperation();
    service.validate?.(operation, input);
    const scope = scopeFromAuthorization(req.header('authorization'), {
      accountId: deps.config.defaultAccountId,
      region: deps.config.defaultRegion,
    });
    const output = await action({ scope, requestId, deps }, input);
    await deps.store.flush();
    send(res, requestId, 200, output ?? {});
    deps.logger.debug({ requestId, operation, ms: Date.now() - started }, 'request');
  } catch (err) {
    const own = service.wireError?.(err);
    const wire = own ? { ...own, unexpected: false } : toWireError(err);
    if (wire.unexpected) deps.logger.error({ err, requestId, operation }, 'unexpected failure');
    else deps.logger.debug({ requestId, operation, code: wire.code }, wire.body.message);
    send(res, requestId, wire.status, wire.body, wire.code);
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
