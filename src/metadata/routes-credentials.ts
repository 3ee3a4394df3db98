// Task role credentials: GET /v2/credentials/<id> (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) and the legacy
// GET /v1/credentials?id=<id>. Bodies and errors as the agent's (ecs-agent tmds/handlers/v1/credentials_handler.go):
//   200 {"RoleArn","AccessKeyId","SecretAccessKey","Token","Expiration"}
//   400 {"code":"NoIdInRequest","message":"CredentialsV2Request: No Credential ID in the request","HTTPErrorCode":400}
//   400 {"code":"InvalidIdInRequest","message":"CredentialsV2Request: Credentials not found","HTTPErrorCode":400}
//   503 {"code":"CredentialsUninitialized","message":"CredentialsV2Request: Credentials uninitialized for ID","HTTPErrorCode":503}
// An id is only honoured from its own task's address, and only while its task runs.
import { Router, type Request, type Response } from 'express';
import { mayReceiveCredentials, peerAddress } from './caller.js';
import { sendJson, type RouteContext } from './route-context.js';

const V2_PREFIX = '/v2/credentials/';

function error(res: Response, prefix: string, code: string, message: string, status: number) {
  sendJson(res, status, { code, message: `${prefix}${message}`, HTTPErrorCode: status });
}

/** STS's Expiration format: RFC 3339 in whole seconds. */
const expirationText = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function credentialsRoutes(ctx: RouteContext): Router {
  const router = Router();

  const answer = async (req: Request, res: Response, id: string, prefix: string) => {
    if (id === '') return error(res, prefix, 'NoIdInRequest', 'No Credential ID in the request', 400);
    const found = ctx.directory.byCredentialsId(id);
    if (!found || !mayReceiveCredentials(found.task, req.socket.remoteAddress)) {
      if (found) ctx.logger.warn({ taskId: found.task.taskId, from: peerAddress(req.socket.remoteAddress) }, 'credentials request refused');
      return error(res, prefix, 'InvalidIdInRequest', 'Credentials not found', 400);
    }
    const { task, scope } = found;
    let credentials;
    try {
      credentials = await ctx.vault.credentials({
        credentialsId: id,
        roleArn: task.taskRoleArn!,
        taskId: task.taskId,
        region: scope.region,
      });
    } catch (err) {
      ctx.logger.warn({ err, taskId: task.taskId }, 'task role credentials could not be issued');
      return error(res, prefix, 'CredentialsUninitialized', 'Credentials uninitialized for ID', 503);
    }
    sendJson(res, 200, {
      RoleArn: task.taskRoleArn,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: expirationText(credentials.expiration),
    });
  };

  router.use((req, res, next) => {
    if (req.path.startsWith(V2_PREFIX)) {
      let id: string;
      try {
        id = decodeURIComponent(req.path.slice(V2_PREFIX.length));
      } catch {
        id = req.path.slice(V2_PREFIX.length);
      }
      void answer(req, res, id, 'CredentialsV2Request: ').catch(next);
      return;
    }
    if (req.path === '/v1/credentials') {
      const id = typeof req.query.id === 'string' ? req.query.id : '';
      void answer(req, res, id, 'CredentialsV1Request: ').catch(next);
      return;
    }
    next();
  });
  return router;
}
