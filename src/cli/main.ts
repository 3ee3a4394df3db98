#!/usr/bin/env node
// The command line: parse flags into a Config, start the emulator, stop cleanly on SIGINT/SIGTERM.
import { CommanderError } from 'commander';
import { controlEndpointFrom, readConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startEmulator } from '../main.js';
import { CONTROL_COMMANDS, runControlCommand } from './control-commands.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (CONTROL_COMMANDS.includes(args[0] ?? '')) {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const code = await runControlCommand(args, controlEndpointFrom(process.env), {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      signal: abort.signal,
    });
    process.exit(code);
  }
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    throw err;
  }
  const logger = createLogger(config.logLevel);
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
