// Commands that look into a running emulator through its AWS APIs (and Docker, for exec):
//   fargate-local ps [--all] [--json]                          tasks of every cluster, as a table
//   fargate-local logs <task> [--container n] [--follow] [--since 10m]
//                                                              a task's awslogs output, from CloudWatch Logs
//   fargate-local exec <task> [--container n] -- <command...>  a command in a task's container (interactive on a TTY)
// Every command takes --endpoint (default: FARGATE_LOCAL_ENDPOINT, or http://127.0.0.1:<PORT or 4599>),
// --account-id and --region.
import { Command, Option } from 'commander';
import Dockerode from 'dockerode';
import { LABEL_CONTAINER_NAME, LABEL_TASK_ID } from '../runtime/labels.js';
import { awsJsonClient, ecsCall, logsCall, type AwsJsonCall } from './aws-json.js';
import { parseDuration, renderTable, taskRow, type WireTask } from './task-table.js';

export const INSPECT_COMMANDS = ['ps', 'logs', 'exec'];

export interface InspectIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Ends `logs --follow` (SIGINT in the real CLI). */
  signal?: AbortSignal;
  /** Terminal width and colour for `ps` (a TTY's; none when piped). */
  columns?: number;
  colour?: boolean;
  /** Where `exec` talks to Docker (default: DOCKER_HOST or the local socket). */
  docker?: Dockerode;
  /** stdin/stdout of `exec` (the process's own by default). */
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

interface Target {
  endpoint: string;
  accountId?: string;
  region?: string;
}

const FOLLOW_POLL_MS = 1000;

export async function runInspectCommand(argv: string[], defaultEndpoint: string, io: InspectIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('fargate-local')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const withTarget = (cmd: Command) =>
    cmd
      .addOption(new Option('--endpoint <url>', 'the emulator to talk to').default(defaultEndpoint))
      .addOption(new Option('--account-id <id>', 'account of the tasks'))
      .addOption(new Option('--region <region>', 'region of the tasks'));
  const api = (o: Target) => awsJsonClient(o.endpoint, { accountId: o.accountId, region: o.region });

  withTarget(program.command('ps').description('list tasks of every cluster'))
    .option('--all', 'stopped tasks too, with their stop code and reason')
    .option('--json', 'one JSON array, for scripts')
    .action(async (o: Target & { all?: boolean; json?: boolean }) => {
      const tasks = await listTasks(api(o), Boolean(o.all));
      const now = Date.now();
      const rows = tasks.map((t) => taskRow(t, now)).sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
      if (o.json) return io.out(JSON.stringify(rows, null, 2));
      for (const line of renderTable(rows, { all: Boolean(o.all), width: io.columns ?? 200, colour: io.colour ?? false })) io.out(line);
    });

  withTarget(program.command('logs').description("a task's output, as its awslogs driver sent it to CloudWatch Logs"))
    .argument('<task>', 'task id or ARN')
    .option('--container <name>', 'only this container')
    .option('-f, --follow', 'keep printing new lines (until the task has stopped)')
    .option('--since <duration>', 'only lines newer than this, e.g. 30s, 10m, 2h')
    .action(async (ref: string, o: Target & { container?: string; follow?: boolean; since?: string }) => {
      const call = api(o);
      const since = o.since === undefined ? undefined : parseDuration(o.since);
      if (since === null) throw new Error(`--since takes a duration such as 30s, 10m or 2h, not '${o.since}'.`);
      const task = await findTask(call, ref);
      const streams = await logStreamsOf(call, task, o.container);
      await printLogs(
        call,
        task,
        streams,
        { follow: Boolean(o.follow), startTime: since === undefined ? undefined : Date.now() - since },
        io,
      );
    });

  withTarget(program.command('exec').description("run a command in a task's container (interactive on a terminal)"))
    .argument('<task>', 'task id or ARN')
    .argument('<command...>', 'the command (after --)')
    .option('--container <name>', 'the container (needed when the task has several)')
    .action(async (ref: string, command: string[], o: Target & { container?: string }) => {
      const task = await findTask(api(o), ref);
      exitCode = await execIn(task, o.container, command, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    const e = err as { exitCode?: number; code?: string; message?: string };
    if (typeof e.exitCode === 'number' && e.code?.startsWith('commander.')) return e.exitCode;
    io.err(`fargate-local: ${e.message ?? String(err)}`);
    return 1;
  }
}

async function pages(fetchPage: (token?: string) => Promise<{ items: string[]; next?: string }>): Promise<string[]> {
  const all: string[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

async function listTasks(call: AwsJsonCall, all: boolean): Promise<WireTask[]> {
  const clusters = await pages(async (nextToken) => {
    const r = await ecsCall(call, 'ListClusters', nextToken ? { nextToken } : {});
    return { items: r.clusterArns as string[], next: r.nextToken as string | undefined };
  });
  const tasks: WireTask[] = [];
  for (const cluster of clusters) {
    const arns: string[] = [];
    for (const desiredStatus of all ? ['RUNNING', 'STOPPED'] : ['RUNNING']) {
      arns.push(
        ...(await pages(async (nextToken) => {
          const r = await ecsCall(call, 'ListTasks', { cluster, desiredStatus, ...(nextToken ? { nextToken } : {}) });
          return { items: r.taskArns as string[], next: r.nextToken as string | undefined };
        })),
      );
    }
    for (let i = 0; i < arns.length; i += 100) {
      const r = await ecsCall(call, 'DescribeTasks', { cluster, tasks: arns.slice(i, i + 100) });
      tasks.push(...(r.tasks as WireTask[]));
    }
  }
  return tasks;
}

/** A task by ARN, or by id in whichever cluster has it. */
async function findTask(call: AwsJsonCall, ref: string): Promise<WireTask> {
  const clusters = ref.startsWith('arn:')
    ? [ref.split('/').at(-2) ?? 'default']
    : await pages(async (nextToken) => {
        const r = await ecsCall(call, 'ListClusters', nextToken ? { nextToken } : {});
        return { items: r.clusterArns as string[], next: r.nextToken as string | undefined };
      });
  for (const cluster of clusters) {
    const r = await ecsCall(call, 'DescribeTasks', { cluster, tasks: [ref] });
    const found = (r.tasks as WireTask[])[0];
    if (found) return found;
  }
  throw new Error(`no task ${ref} in any cluster.`);
}

interface LogStreamRef {
  container: string;
  region: string;
  group: string;
  stream: string;
}

async function logStreamsOf(call: AwsJsonCall, task: WireTask, only?: string): Promise<LogStreamRef[]> {
  const { taskDefinition } = (await ecsCall(call, 'DescribeTaskDefinition', { taskDefinition: task.taskDefinitionArn })) as {
    taskDefinition: {
      containerDefinitions: { name: string; logConfiguration?: { logDriver: string; options?: Record<string, string> } }[];
    };
  };
  const defs = taskDefinition.containerDefinitions.filter((d) => only === undefined || d.name === only);
  if (only !== undefined && defs.length === 0) throw new Error(`the task has no container named ${only}.`);
  const taskId = task.taskArn.split('/').at(-1)!;
  const streams = defs.flatMap((d) => {
    const options = d.logConfiguration?.logDriver === 'awslogs' ? (d.logConfiguration.options ?? {}) : null;
    if (!options?.['awslogs-group'] || !options['awslogs-stream-prefix']) return [];
    return [
      {
        container: d.name,
        region: options['awslogs-region'] ?? task.taskArn.split(':')[3]!,
        group: options['awslogs-group'],
        stream: `${options['awslogs-stream-prefix']}/${d.name}/${taskId}`,
      },
    ];
  });
  if (streams.length === 0) {
    const which = only ?? defs.map((d) => d.name).join(', ');
    throw new Error(`${which}: no awslogs log configuration, so nothing reaches CloudWatch Logs (as on AWS); docker logs has the output.`);
  }
  return streams;
}

async function printLogs(
  call: AwsJsonCall,
  task: WireTask,
  streams: LogStreamRef[],
  options: { follow: boolean; startTime?: number },
  io: InspectIo,
): Promise<void> {
  const tokens = new Map<string, string | undefined>();
  const label = streams.length > 1;
  const readNew = async () => {
    for (const s of streams) {
      for (;;) {
        const token = tokens.get(s.container);
        let page: Record<string, unknown>;
        try {
          page = await logsCall(call, 'GetLogEvents', {
            logGroupName: s.group,
            logStreamName: s.stream,
            ...(token ? { nextToken: token } : { startFromHead: true }),
            ...(options.startTime !== undefined ? { startTime: options.startTime } : {}),
          });
        } catch (err) {
          if ((err as { code?: string }).code === 'ResourceNotFoundException') break; // not created yet
          throw err;
        }
        for (const e of page.events as { timestamp: number; message: string }[]) {
          const when = new Date(e.timestamp).toISOString();
          const stamp = io.colour ? `\u001b[90m${when}\u001b[0m` : when;
          io.out(`${stamp} ${label ? `${s.container} | ` : ''}${e.message}`);
        }
        const next = page.nextForwardToken as string;
        if (next === token) break;
        tokens.set(s.container, next);
      }
    }
  };
  await readNew();
  if (!options.follow) return;
  const cluster = task.clusterArn;
  for (;;) {
    if (io.signal?.aborted) return;
    const r = await ecsCall(call, 'DescribeTasks', { cluster, tasks: [task.taskArn] });
    const stopped = (r.tasks as WireTask[])[0]?.lastStatus === 'STOPPED';
    await readNew();
    // A STOPPED task's output is complete (the driver ships it before the task stops): nothing more will come.
    if (stopped) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FOLLOW_POLL_MS);
      io.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

async function execIn(task: WireTask, containerName: string | undefined, command: string[], io: InspectIo): Promise<number> {
  const names = (task.containers ?? []).map((c) => c.name);
  if (containerName === undefined && names.length > 1) {
    throw new Error(`the task has several containers (${names.join(', ')}): choose one with --container.`);
  }
  const name = containerName ?? names[0];
  if (!name || !names.includes(name)) throw new Error(`the task has no container named ${containerName}.`);
  const docker = io.docker ?? new Dockerode();
  const taskId = task.taskArn.split('/').at(-1)!;
  const [found] = await docker.listContainers({ filters: { label: [`${LABEL_TASK_ID}=${taskId}`, `${LABEL_CONTAINER_NAME}=${name}`] } });
  if (!found) throw new Error(`container ${name} of task ${taskId} is not running.`);
  const stdin = io.stdin ?? process.stdin;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const tty = Boolean(stdin.isTTY && stdout.isTTY);
  const exec = await docker.getContainer(found.Id).exec({
    Cmd: command,
    AttachStdin: tty,
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
  });
  const stream = await exec.start({ hijack: true, stdin: tty, Tty: tty });
  if (tty) {
    stdin.setRawMode?.(true);
    stdin.pipe(stream);
    stream.pipe(stdout);
    const resize = () => void exec.resize({ h: stdout.rows, w: stdout.columns }).catch(() => {});
    resize();
    stdout.on('resize', resize);
    await new Promise<void>((resolve) => stream.on('end', resolve));
    stdout.off('resize', resize);
    stdin.unpipe(stream);
    stdin.setRawMode?.(false);
    stdin.pause();
  } else {
    docker.modem.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve) => stream.on('end', resolve));
  }
  const { ExitCode } = await exec.inspect();
  return ExitCode ?? 0;
}
