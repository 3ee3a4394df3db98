// Last-resort handlers for the long-running server. A failure inside one request (a rejected promise nobody
// awaited, an exception thrown from a callback) is logged with its stack and the emulator keeps serving the
// others: losing every cluster, task and open connection over one bad request would be worse. Failures
// during startup do not come here: the CLI awaits startup and exits non-zero on any error.
import type { EventEmitter } from 'node:events';
import type { Logger } from '../logger.js';

export function installCrashGuards(proc: EventEmitter, logger: Logger): void {
  proc.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection; the emulator keeps running');
  });
  proc.on('uncaughtException', (err: Error, origin: string) => {
    logger.error({ err, origin }, 'uncaught exception; the emulator keeps running');
  });
}
