// What the metadata routes share, and how they answer: JSON bodies with Content-Type application/json (error
// messages are JSON strings, as the agent writes them), and gorilla/mux's plain 404 for unknown paths.
import type { Request, Response } from 'express';
import type { TaskCredentialsVault } from '../credentials/task-credentials-vault.js';
import type { Clock, Ids } from '../domain/ports.js';
import type { TaskRuntime } from '../domain/task-runtime.js';
import type { ContainerRecord } from '../domain/task.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { isTaskCaller, peerAddress } from './caller.js';
import type { StatsSampler } from './stats.js';
import type { FoundTask, TaskDirectory } from './task-directory.js';
import type { TaskViews } from './task-view.js';

export interface RouteContext {
  store: Store;
  runtime: TaskRuntime;
  directory: TaskDirectory;
  views: TaskViews;
  vault: TaskCredentialsVault;
  sampler: StatsSampler;
  clock: Clock;
  ids: Ids;
  logger: Logger;
}

export interface ContainerCaller extends FoundTask {
  container: ContainerRecord;
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(JSON.stringify(body));
}

export function notFoundPage(res: Response): void {
  res.status(404).type('text/plain').send('404 page not found\n');
}

/**
 * The container an endpoint id names, if the request comes from that container's task. Anything else (unknown id,
 * another task's id, the host) is answered as an unknown id.
 */
export function containerCaller(ctx: RouteContext, req: Request, endpointId: string): ContainerCaller | undefined {
  const found = ctx.directory.byEndpointId(endpointId);
  const container = found?.containerName ? found.task.containers.find((c) => c.name === found.containerName) : undefined;
  if (!found || !container) return undefined;
  if (!isTaskCaller(found.task, req.socket.remoteAddress)) {
    ctx.logger.warn(
      { taskId: found.task.taskId, from: peerAddress(req.socket.remoteAddress) },
      'metadata request with a task’s id from elsewhere: refused',
    );
    return undefined;
  }
  return { ...found, container };
}
