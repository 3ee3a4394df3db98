#!/usr/bin/env node
// The command line: parse flags into a Config, start the emulator, stop cleanly on SIGINT/SIGTERM.
// Bad flags or environment values: commander prints the reason and the process exits non-zero.
import { CommanderError } from 'commander';
import { controlEndpointFrom, readConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { startEmulator } from '../main.js';
import { CONTROL_COMMANDS, runControlCommand } from './control-commands.js';
import { installCrashGuards } from './crash-guards.js';
import { INSPECT_COMMANDS, runInspectCommand } from './inspect-commands.js';

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
  if (INSPECT_COMMANDS.includes(args[0] ?? '')) {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const code = await runInspectCommand(args, controlEndpointFrom(process.env), {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      signal: abort.signal,
      columns: process.stdout.isTTY ? process.stdout.columns : undefined,
      colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    });
    process.exit(code);
  }
  let config: Config;
  try {
    config = readConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    throw err;
  }
  const logger = createLogger(config.logLevel, config.logFormat);
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
