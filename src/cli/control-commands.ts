// Commands that drive a running emulator through its control API:
//   fargate-local spot interrupt --cluster c (--task t | --service s [--percent 50] | --all)
//   fargate-local fault set <kind> [--error ServiceUnavailable|ServerException]
//   fargate-local fault list | fault clear [<id>] [--kind k]
//   fargate-local task crash --cluster c --task t [--container name] [--signal SIGKILL]
//   fargate-local events [--since n]          (prints each ECS event as one JSON line until interrupted)
//   fargate-local load-balancers               (every listener and where it is served on this host)
//   fargate-local reset [--account-id a] [--region r]   (clears all state, or one account/region)
//   fargate-local health                       (the readiness check; exits 1 when the API does not answer)
// Every command takes --endpoint (default: FARGATE_LOCAL_ENDPOINT, or http://127.0.0.1:<PORT or 4599>).
import { Command, InvalidArgumentError, Option } from 'commander';
import { FargateLocalControl, type SpotTarget } from '../client/control-client.js';
import { FAULT_KINDS, type FaultKind, type OutageError } from '../domain/faults.js';
import { addLoadBalancerCommands } from './load-balancer-commands.js';

export const CONTROL_COMMANDS = ['spot', 'fault', 'task', 'events', 'load-balancers', 'reset', 'health'];

export interface ControlIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Ends `events` (SIGINT in the real CLI). */
  signal?: AbortSignal;
}

function percent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 100) throw new InvalidArgumentError('a percentage from 1 to 100.');
  return n;
}

export function controlProgram(defaultEndpoint: string, io: ControlIo): Command {
  const program = new Command('fargate-local')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const withTarget = (cmd: Command) =>
    cmd
      .addOption(new Option('--endpoint <url>', 'the emulator to talk to').default(defaultEndpoint))
      .addOption(new Option('--account-id <id>', 'account of the resources'))
      .addOption(new Option('--region <region>', 'region of the resources'));
  const client = (o: { endpoint: string; accountId?: string; region?: string }) =>
    new FargateLocalControl(o.endpoint, { accountId: o.accountId, region: o.region });
  const print = (value: unknown) => io.out(JSON.stringify(value, null, 2));

  withTarget(program.command('reset').description('clear all state (or one account/region): tasks, their containers and networks')).action(
    async (o) => print(await client(o).reset({ accountId: o.accountId, region: o.region })),
  );
  withTarget(program.command('health').description('whether the emulator answers, and whether its Docker engine does')).action(async (o) =>
    print(await client(o).health()),
  );

  const spot = program.command('spot').description('Fargate Spot interruptions');
  withTarget(spot.command('interrupt').description('interrupt Spot tasks: SIGTERM now, SIGKILL after the grace period'))
    .option('--cluster <cluster>', 'cluster name or ARN', 'default')
    .option('--task <task>', 'one task (id or ARN)')
    .option('--service <service>', "a share of a service's Spot tasks")
    .option('--percent <n>', "the share of the service's Spot tasks", percent, 100)
    .option('--all', 'every running Spot task (of the cluster when --cluster is given)')
    .action(async (o) => {
      const picked = [o.task, o.service, o.all].filter(Boolean).length;
      if (picked !== 1) throw new Error('give exactly one of --task, --service or --all.');
      const target: SpotTarget = o.task
        ? { cluster: o.cluster, task: o.task }
        : o.service
          ? { cluster: o.cluster, service: o.service, percent: o.percent }
          : { cluster: o.cluster, all: true };
      print({ interrupted: await client(o).interruptSpot(target) });
    });

  const fault = program.command('fault').description('capacity and control-plane faults');
  withTarget(fault.command('set').argument('<kind>', FAULT_KINDS.join(' | ')).description('switch a fault on'))
    .addOption(new Option('--error <code>', 'how the API answers during an outage').choices(['ServiceUnavailable', 'ServerException']))
    .action(async (kind: string, o) => {
      if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}.`);
      print(await client(o).setFault(kind as FaultKind, o.error ? { error: o.error as OutageError } : {}));
    });
  withTarget(fault.command('list').description('the faults that are on')).action(async (o) => print(await client(o).listFaults()));
  withTarget(fault.command('clear').argument('[id]', 'one fault').description('switch faults off (all unless an id or --kind is given)'))
    .addOption(new Option('--kind <kind>', 'every fault of this kind').choices([...FAULT_KINDS]))
    .action(async (id: string | undefined, o) => {
      if (id) {
        await client(o).clearFault(id);
        print({ cleared: 1 });
      } else print({ cleared: await client(o).clearFaults(o.kind as FaultKind | undefined) });
    });

  const task = program.command('task').description('task faults');
  withTarget(task.command('crash').description("kill a task's container as a crash would"))
    .option('--cluster <cluster>', 'cluster name or ARN', 'default')
    .requiredOption('--task <task>', 'task id or ARN')
    .option('--container <name>', 'container (default: the first essential one)')
    .option('--signal <signal>', 'signal to send', 'SIGKILL')
    .action(async (o) =>
      print(await client(o).crashContainer({ cluster: o.cluster, task: o.task, container: o.container, signal: o.signal })),
    );

  withTarget(program.command('events').description('stream ECS events (one JSON object a line)'))
    .option('--since <n>', 'replay the events after this id first', (v) => Number(v))
    .action(async (o) => {
      for await (const { event } of client(o).events({ since: o.since, signal: io.signal })) io.out(JSON.stringify(event));
    });
  addLoadBalancerCommands(program, withTarget, client, io);
  return program;
}

/** Runs a control command; resolves with the exit code. */
export async function runControlCommand(argv: string[], defaultEndpoint: string, io: ControlIo): Promise<number> {
  try {
    await controlProgram(defaultEndpoint, io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const e = err as { exitCode?: number; code?: string; message?: string };
    if (typeof e.exitCode === 'number' && e.code?.startsWith('commander.')) return e.exitCode;
    io.err(`fargate-local: ${e.message ?? String(err)}`);
    return 1;
  }
}
