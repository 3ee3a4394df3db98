#!/usr/bin/env node
// The command line: parse flags into a Config, start the emulator, stop cleanly on SIGINT/SIGTERM.
import { CommanderError } from 'commander';
import { readConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startEmulator } from '../main.js';

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    throw err;
  }
  const logger = createLogger(config.logLevel);
  // A stray failure (a rejected promise nobody awaited, an 'error' event nobody listens to) is a bug to log,
  // not a reason to take every user's emulator down: requests already get their 500s from the HTTP edge.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception'));
  const emulator = await startEmulator(config, { logger });
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    emulator.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`fargate-local: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
