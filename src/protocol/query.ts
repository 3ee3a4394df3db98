// The AWS query protocols at the edge: a form-encoded POST (`Action=…&Version=…&…`) without X-Amz-Target, as the
// SDKs send to EC2 (and to the other query services). The request goes to the service that answers its Version;
// the first service registered answers any other (EC2 then says NoSuchVersion, as EC2 does). Each service parses
// its own parameters and writes its own XML; the edge only reads the body, resolves who is asking and sends.
import type { Request, Response } from 'express';
import type { AppDeps } from '../app-deps.js';
import type { Scope } from '../domain/scope.js';
import { scopeFromAuthorization } from './request-scope.js';

export interface QueryRequest {
  action: string | undefined;
  version: string | undefined;
  /** Every form parameter, Action and Version included. */
  params: URLSearchParams;
  scope: Scope;
  requestId: string;
  deps: AppDeps;
}

export interface QueryAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface QueryService {
  /** The API version it answers, e.g. EC2's `2016-11-15`. */
  version: string;
  /** Answers one request; never throws for anything a client can send. */
  handle(request: QueryRequest): Promise<QueryAnswer>;
}

const FORM = 'application/x-www-form-urlencoded';

/** A query-protocol request: form-encoded, and no X-Amz-Target (JSON protocols always send one). */
export function isQueryRequest(req: Request): boolean {
  return !req.header('x-amz-target') && (req.header('content-type') ?? '').toLowerCase().startsWith(FORM);
}

export async function dispatchQuery(req: Request, res: Response, deps: AppDeps, services: readonly QueryService[]): Promise<void> {
  const params = new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
  const version = params.get('Version') ?? undefined;
  const service = services.find((s) => s.version === version) ?? services[0]!;
  const scope = scopeFromAuthorization(req.header('authorization'), {
    accountId: deps.config.defaultAccountId,
    region: deps.config.defaultRegion,
  });
  const requestId = deps.ids.uuid();
  const answer = await service.handle({ action: params.get('Action') ?? undefined, version, params, scope, requestId, deps });
  if (res.headersSent) return;
  res.status(answer.status);
  res.setHeader('x-amzn-RequestId', requestId);
  res.setHeader('Content-Type', answer.contentType);
  res.send(answer.body);
}
