import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { installCrashGuards } from './crash-guards.js';

describe('installCrashGuards', () => {
  it('logs unhandled rejections and uncaught exceptions with their error instead of letting them end the process', () => {
    const proc = new EventEmitter();
    const logger = createLogger('error');
    const logged: Array<{ obj: unknown; msg: string }> = [];
    logger.error = ((obj: unknown, msg: string) => void logged.push({ obj, msg })) as unknown as typeof logger.error;
    installCrashGuards(proc, logger);

    const rejected = new Error('lost promise');
    const thrown = new Error('bad callback');
    expect(proc.emit('unhandledRejection', rejected, Promise.resolve())).toBe(true);
    expect(proc.emit('uncaughtException', thrown, 'uncaughtException')).toBe(true);

    expect(logged).toEqual([
      { obj: { err: rejected }, msg: expect.stringContaining('unhandled promise rejection') },
      { obj: { err: thrown, origin: 'uncaughtException' }, msg: expect.stringContaining('uncaught exception') },
    ]);
  });
});
