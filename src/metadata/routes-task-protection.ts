// Task scale-in protection from inside the task: ${ECS_AGENT_URI}/task-protection/v1/state, GET and PUT
// {"ProtectionEnabled": bool, "ExpiresInMinutes": int}. As the agent (ecs-agent tmds/handlers/taskprotection):
// the body is decoded strictly (field names in any case, nothing else), the task needs a task role, and the answer
// wraps the ECS API's: {"protection": {...}}, {"failure": {...}} or {"requestID", "error": {...}}.
import express, { Router, type Request, type Response } from 'express';
import { EcsError } from '../domain/errors.js';
import { applyProtection, protectionFailure, protectionMinutes, protectionState, type ProtectionState } from '../domain/task-protection.js';
import { goTime } from './responses.js';
import { containerCaller, sendJson, type RouteContext } from './route-context.js';

const PATH = '/api/:id/task-protection/v1/state';

interface ProtectionRequest {
  protectionEnabled?: boolean;
  expiresInMinutes?: number;
}

const errorBody = (arn: string, code: string, message: string) => ({
  error: { ...(arn ? { Arn: arn } : {}), Code: code, Message: message },
});

/** Go's json.Decoder with DisallowUnknownFields into {ProtectionEnabled *bool; ExpiresInMinutes *int64}. */
export function decodeProtectionRequest(body: Buffer | undefined): ProtectionRequest | null {
  let doc: unknown;
  try {
    doc = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    return null;
  }
  if (doc === null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) return null;
  const out: ProtectionRequest = {};
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    const k = key.toLowerCase();
    if (k === 'protectionenabled') {
      if (value === null) continue;
      if (typeof value !== 'boolean') return null;
      out.protectionEnabled = value;
    } else if (k === 'expiresinminutes') {
      if (value === null) continue;
      if (typeof value !== 'number' || !Number.isInteger(value)) return null;
      out.expiresInMinutes = value;
    } else {
      return null;
    }
  }
  return out;
}

const protectionBody = (p: ProtectionState) => ({
  protection: {
    ExpirationDate: p.expirationDate !== undefined ? goTime(p.expirationDate) : null,
    ProtectionEnabled: p.protectionEnabled,
    TaskArn: p.taskArn,
  },
});

export function taskProtectionRoutes(ctx: RouteContext): Router {
  const router = Router();

  router.get(PATH, (req: Request<{ id: string }>, res: Response) => {
    const caller = containerCaller(ctx, req, req.params.id);
    if (!caller) return sendJson(res, 404, errorBody('', 'ResourceNotFoundException', 'Failed to find a task for the request'));
    const { task } = caller;
    if (!task.endpoints?.credentialsId) return noTaskRole(res, task.taskArn);
    const failure = protectionFailure(task);
    if (failure) return sendJson(res, 200, { failure: { Arn: failure.arn, Detail: null, Reason: failure.reason } });
    sendJson(res, 200, protectionBody(protectionState(task, ctx.clock.now())));
  });

  router.put(PATH, express.raw({ type: () => true, limit: '64kb' }), (req: Request<{ id: string }>, res: Response) => {
    const request = decodeProtectionRequest(req.body as Buffer | undefined);
    if (!request) return sendJson(res, 400, errorBody('', 'InvalidParameterException', 'UpdateTaskProtection: failed to decode request'));
    const caller = containerCaller(ctx, req, req.params.id);
    if (!caller) return sendJson(res, 404, errorBody('', 'ResourceNotFoundException', 'Failed to find a task for the request'));
    const { task, scope } = caller;
    if (request.protectionEnabled === undefined) {
      return sendJson(
        res,
        400,
        errorBody(task.taskArn, 'InvalidParameterException', "Invalid request: does not contain 'ProtectionEnabled' field"),
      );
    }
    if (!task.endpoints?.credentialsId) return noTaskRole(res, task.taskArn);
    const enabled = request.protectionEnabled;
    try {
      const minutes = protectionMinutes(enabled, request.expiresInMinutes);
      const now = ctx.clock.now();
      const answer = ctx.store.update(scope, (state) => {
        const t = state.tasks[task.taskId];
        if (!t) return { failure: { Arn: task.taskArn, Detail: null, Reason: 'MISSING' } };
        const failure = protectionFailure(t);
        if (failure) return { failure: { Arn: failure.arn, Detail: null, Reason: failure.reason } };
        return protectionBody(applyProtection(t, enabled, minutes, now));
      });
      sendJson(res, 200, answer);
    } catch (err) {
      if (!(err instanceof EcsError)) throw err;
      sendJson(res, err.status, { requestID: ctx.ids.uuid(), ...errorBody(task.taskArn, err.code, err.message) });
    }
  });

  router.all(PATH, (_req, res) => {
    res.status(405).end();
  });
  return router;
}

function noTaskRole(res: Response, taskArn: string) {
  sendJson(res, 403, errorBody(taskArn, 'AccessDeniedException', 'Invalid Request: no task IAM role credentials available for task'));
}
