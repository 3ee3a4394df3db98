#!/usr/bin/env node
// The command line: parse flags into a Config, start the emulator, stop cleanly on SIGINT/SIGTERM.
// Bad flags or environment values: commander prints the reason and the process exits non-zero.
import { CommanderError } from 'commander';
import { readConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { startEmulator } from '../main.js';
import { installCrashGuards } from './crash-guards.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    throw err;
  }
  const logger = createLogger(config.logLevel);
  installCrashGuards(process, logger);
  // Signal handlers go in before startup: a SIGTERM that arrives while the server is starting (the moment it
  // logs "listening", say) must still stop it cleanly, not kill it with Node's default action.
  const started = startEmulator(config, { logger });
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    started
      .then((emulator) => emulator.close())
      .then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, 'stopping failed');
          process.exit(1);
        },
      );
  };
  // A second signal while stopping ends the process at once (the handlers are gone by then).
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  await started;
}

main().catch((err) => {
  console.error(`fargate-local: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
