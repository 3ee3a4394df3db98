// PutLogEvents, GetLogEvents (tokens as AWS hands them out) and FilterLogEvents (patterns, streams, paging),
// through the SDK and the AWS CLI, `aws logs tail` included.
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  paginateFilterLogEvents,
  paginateGetLogEvents,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCliFor, findAwsCli, type AwsCli } from '../support/aws-cli.js';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { logsClient, logsFailure } from '../support/logs.js';

let emu: TestEmulator;
let logs: CloudWatchLogsClient;
let aws: AwsCli;
beforeAll(async () => {
  emu = await startTestEmulator();
  logs = logsClient(emu.endpoint);
  aws = await awsCliFor(emu.endpoint);
});
afterAll(async () => {
  aws.dispose();
  logs.destroy();
  await emu.close();
});

async function streamWith(messages: string[], t0 = Date.now() - 60_000) {
  const group = `/ecs/${uniqueName('ev')}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'app' }));
  if (messages.length > 0) {
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'app',
        logEvents: messages.map((message, i) => ({ timestamp: t0 + i, message })),
      }),
    );
  }
  return { group, t0 };
}

describe('PutLogEvents', () => {
  it('accepts a batch in order and answers with a sequence token', async () => {
    const { group } = await streamWith([]);
    const out = await logs.send(
      new PutLogEventsCommand({ logGroupName: group, logStreamName: 'app', logEvents: [{ timestamp: Date.now(), message: 'hello' }] }),
    );
    expect(out.nextSequenceToken).toMatch(/^\d+$/);
    expect(out.rejectedLogEventsInfo).toBeUndefined();
  });

  it('refuses events out of order, batches over 24 hours, and unknown streams', async () => {
    const { group } = await streamWith([]);
    const now = Date.now();
    const put = (logEvents: { timestamp: number; message: string }[], logStreamName = 'app') =>
      logsFailure(logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName, logEvents })));
    expect(
      await put([
        { timestamp: now, message: 'b' },
        { timestamp: now - 1, message: 'a' },
      ]),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
    });
    expect(
      (
        await put([
          { timestamp: now - 25 * 3_600_000, message: 'a' },
          { timestamp: now, message: 'b' },
        ])
      ).name,
    ).toBe('InvalidParameterException');
    expect(await put([{ timestamp: now, message: 'x' }], 'nope')).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    const empty = await put([]);
    expect(empty.message).toBe(
      "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('reports events too far in the future or past instead of storing them', async () => {
    const { group } = await streamWith([]);
    const now = Date.now();
    const out = await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'app',
        logEvents: [
          { timestamp: now - 14 * 86_400_000 - 3_600_000, message: 'too old' },
          { timestamp: now - 14 * 86_400_000 + 3_600_000, message: 'old but kept' },
        ],
      }),
    );
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0 });
    const future = await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'app',
        logEvents: [
          { timestamp: now + 3_600_000, message: 'soon' },
          { timestamp: now + 3 * 3_600_000, message: 'too new' },
        ],
      }),
    );
    expect(future.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    const { events } = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app' }));
    expect(events!.map((e) => e.message)).toEqual(['old but kept', 'soon']);
  });
});

describe('GetLogEvents', () => {
  const lines = Array.from({ length: 25 }, (_, i) => `line ${i}`);

  it('without a token returns the newest events; startFromHead the oldest', async () => {
    const { group } = await streamWith(lines);
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', limit: 5 }));
    expect(tail.events!.map((e) => e.message)).toEqual(lines.slice(20));
    const head = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', limit: 5, startFromHead: true }));
    expect(head.events!.map((e) => e.message)).toEqual(lines.slice(0, 5));
    expect(head.events![0]).toEqual({ timestamp: expect.any(Number), message: 'line 0', ingestionTime: expect.any(Number) });
  });

  it('forward tokens walk to the end, where the same token comes back; backward tokens walk to the start', async () => {
    const { group } = await streamWith(lines);
    let out = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', limit: 10, startFromHead: true }));
    const seen = out.events!.map((e) => e.message);
    for (;;) {
      const next = await logs.send(
        new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', limit: 10, nextToken: out.nextForwardToken }),
      );
      seen.push(...next.events!.map((e) => e.message));
      if (next.nextForwardToken === out.nextForwardToken) break;
      out = next;
    }
    expect(seen).toEqual(lines);
    await logs.send(
      new PutLogEventsCommand({ logGroupName: group, logStreamName: 'app', logEvents: [{ timestamp: Date.now(), message: 'later' }] }),
    );
    const more = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', nextToken: out.nextForwardToken }));
    expect(more.events!.map((e) => e.message)).toEqual(['later']);

    const last = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', limit: 10 }));
    const back = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', limit: 10, nextToken: last.nextBackwardToken }),
    );
    expect(back.events!.map((e) => e.message)).toEqual(lines.slice(6, 16));
  });

  it("the SDK's paginator stops on AWS's end-of-stream token", async () => {
    const { group } = await streamWith(lines);
    const seen: string[] = [];
    // The SDK stops a GetLogEvents paginator on a repeated token only when asked to (as on AWS).
    for await (const page of paginateGetLogEvents(
      { client: logs, pageSize: 7, stopOnSameToken: true },
      { logGroupName: group, logStreamName: 'app', startFromHead: true },
    )) {
      seen.push(...page.events!.map((e) => e.message!));
    }
    expect(seen).toEqual(lines);
  });

  it('filters by startTime (inclusive) and endTime (exclusive); bad tokens and unknown streams are refused', async () => {
    const { group, t0 } = await streamWith(lines);
    const out = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', startTime: t0 + 3, endTime: t0 + 6, startFromHead: true }),
    );
    expect(out.events!.map((e) => e.message)).toEqual(['line 3', 'line 4', 'line 5']);
    const bad = await logsFailure(logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'app', nextToken: 'zzz' })));
    expect(bad).toMatchObject({ name: 'InvalidParameterException', message: 'The specified nextToken is invalid.' });
    const noStream = await logsFailure(logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'nope' })));
    expect(noStream.message).toBe('The specified log stream does not exist.');
    const noGroup = await logsFailure(logs.send(new GetLogEventsCommand({ logGroupName: '/nope/x', logStreamName: 'app' })));
    expect(noGroup.message).toBe('The specified log group does not exist.');
  });
});

describe('FilterLogEvents', () => {
  async function twoStreams() {
    const group = `/ecs/${uniqueName('f')}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const t0 = Date.now() - 10_000;
    const put = async (stream: string, messages: [number, string][]) => {
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: messages.map(([dt, message]) => ({ timestamp: t0 + dt, message })),
        }),
      );
    };
    await put('web/a', [
      [0, 'GET /health 200'],
      [2, 'ERROR db timeout'],
      [4, '{"level":"error","latency":300}'],
    ]);
    await put('web/b', [
      [1, 'GET /orders 200'],
      [3, 'WARN slow "query" here'],
      [5, '{"level":"info","latency":20}'],
    ]);
    await put('worker/c', [[6, 'ERROR job failed']]);
    return { group, t0 };
  }
  const messages = (out: { events?: { message?: string }[] }) => out.events!.map((e) => e.message);

  it('interleaves all streams in time order with stream names and event ids', async () => {
    const { group } = await twoStreams();
    const out = await logs.send(new FilterLogEventsCommand({ logGroupName: group }));
    expect(messages(out)).toEqual([
      'GET /health 200',
      'GET /orders 200',
      'ERROR db timeout',
      'WARN slow "query" here',
      '{"level":"error","latency":300}',
      '{"level":"info","latency":20}',
      'ERROR job failed',
    ]);
    expect(out.events![1]).toMatchObject({
      logStreamName: 'web/b',
      eventId: expect.stringMatching(/^\d+$/),
      ingestionTime: expect.any(Number),
    });
  });

  it('applies filter patterns: terms, phrases, exclusions and JSON', async () => {
    const { group } = await twoStreams();
    const filter = async (filterPattern: string) =>
      messages(await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern })));
    expect(await filter('ERROR')).toEqual(['ERROR db timeout', 'ERROR job failed']);
    expect(await filter('ERROR -job')).toEqual(['ERROR db timeout']);
    expect(await filter('"slow \\"query\\""')).toEqual(['WARN slow "query" here']);
    expect(await filter('GET -health')).toEqual(['GET /orders 200']);
    expect(await filter('{ $.level = "error" }')).toEqual(['{"level":"error","latency":300}']);
    expect(await filter('{ $.latency < 100 }')).toEqual(['{"level":"info","latency":20}']);
    const bad = await logsFailure(logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '{ $.level = ' })));
    expect(bad.name).toBe('InvalidParameterException');
  });

  it('restricts to named streams, a prefix or a time range; names and prefix exclude each other', async () => {
    const { group, t0 } = await twoStreams();
    expect(messages(await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['worker/c'] })))).toEqual([
      'ERROR job failed',
    ]);
    expect(messages(await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNamePrefix: 'web/b' })))).toHaveLength(3);
    expect(messages(await logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: t0 + 4, endTime: t0 + 6 })))).toEqual([
      '{"level":"error","latency":300}',
      '{"level":"info","latency":20}',
    ]);
    const both = await logsFailure(
      logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNames: ['a'], logStreamNamePrefix: 'a' })),
    );
    expect(both.name).toBe('InvalidParameterException');
  });

  it("pages with nextToken (the SDK's paginator reads them all)", async () => {
    const { group } = await twoStreams();
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 3 }));
    expect(first.events).toHaveLength(3);
    expect(first.nextToken).toBeDefined();
    const all: string[] = [];
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 2 }, { logGroupName: group }))
      all.push(...messages(page).map(String));
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
  });
});

describe('the AWS CLI', () => {
  it('creates groups and reads events with get-log-events and filter-log-events', async () => {
    const group = `/cli/${uniqueName('g')}`;
    expect((await aws.run(['logs', 'create-log-group', '--log-group-name', group])).code).toBe(0);
    expect((await aws.run(['logs', 'create-log-stream', '--log-group-name', group, '--log-stream-name', 's'])).code).toBe(0);
    const now = Date.now();
    const put = await aws.run([
      'logs',
      'put-log-events',
      '--log-group-name',
      group,
      '--log-stream-name',
      's',
      '--log-events',
      `timestamp=${now},message=first`,
      `timestamp=${now + 1},message=second`,
    ]);
    expect(put.code).toBe(0);
    const got = await aws.run(['logs', 'get-log-events', '--log-group-name', group, '--log-stream-name', 's', '--start-from-head']);
    expect(got.json.events.map((e: { message: string }) => e.message)).toEqual(['first', 'second']);
    const filtered = await aws.run(['logs', 'filter-log-events', '--log-group-name', group, '--filter-pattern', 'second']);
    expect(filtered.json.events.map((e: { message: string }) => e.message)).toEqual(['second']);
    const missing = await aws.run(['logs', 'describe-log-streams', '--log-group-name', '/nope/none']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('ResourceNotFoundException');
    expect(missing.stderr).toContain('The specified log group does not exist.');
  }, 120_000);

  it('`aws logs tail` prints the group and `--follow` picks up new events', async () => {
    const { group } = await streamWith(['before follow']);
    const once = await aws.run(['logs', 'tail', group, '--since', '1h', '--format', 'short']);
    expect(once.code).toBe(0);
    expect(once.stdout).toContain('before follow');

    const child = spawn(findAwsCli(), ['--endpoint-url', emu.endpoint, 'logs', 'tail', group, '--follow', '--since', '1h'], {
      // Piped, the CLI's stdout is block-buffered and tail never flushes: unbuffered, lines arrive as printed.
      env: { ...awsEnv(), PATH: process.env.PATH, PYTHONUNBUFFERED: '1' },
    });
    try {
      let out = '';
      const seen = (text: string) =>
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (out.includes(text)) resolve();
          };
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            check();
          });
          child.once('exit', (code) => reject(new Error(`aws logs tail exited (${code}): ${out}`)));
          check();
        });
      await seen('before follow');
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: 'app',
          logEvents: [{ timestamp: Date.now(), message: 'after follow' }],
        }),
      );
      await seen('after follow');
      expect(out.match(/before follow/g)).toHaveLength(1);
      expect(out).toContain(`app after follow`);
    } finally {
      child.kill('SIGINT');
    }
  }, 120_000);
});

function awsEnv(): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}
