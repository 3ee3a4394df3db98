// CloudWatch Logs groups, streams, retention and tags through the SDK, read back as AWS answers them
// (Terraform's aws_cloudwatch_log_group reads exactly these).
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';
import { logsClient, logsFailure } from '../support/logs.js';

let emu: TestEmulator;
let logs: CloudWatchLogsClient;
beforeAll(async () => {
  emu = await startTestEmulator();
  logs = logsClient(emu.endpoint);
});
afterAll(async () => {
  logs.destroy();
  await emu.close();
});

const ARN = (name: string) => `arn:aws:logs:us-east-1:000000000000:log-group:${name}`;
const group = async (tags?: Record<string, string>) => {
  const name = `/ecs/${uniqueName('g')}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: name, ...(tags ? { tags } : {}) }));
  return name;
};

describe('log groups', () => {
  it('creates a group and describes it as AWS does', async () => {
    const before = Date.now();
    const name = await group();
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(logGroups).toEqual([
      {
        logGroupName: name,
        creationTime: expect.any(Number),
        metricFilterCount: 0,
        arn: `${ARN(name)}:*`,
        storedBytes: 0,
        logGroupClass: 'STANDARD',
        logGroupArn: ARN(name),
      },
    ]);
    expect(logGroups![0]!.creationTime).toBeGreaterThanOrEqual(before);
  });

  it('refuses a second group of the same name, and unknown groups on delete', async () => {
    const name = await group();
    const dup = await logsFailure(logs.send(new CreateLogGroupCommand({ logGroupName: name })));
    expect(dup.name).toBe('ResourceAlreadyExistsException');
    await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    const gone = await logsFailure(logs.send(new DeleteLogGroupCommand({ logGroupName: name })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  });

  it('checks names against the model', async () => {
    const bad = await logsFailure(logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' })));
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toBe(
      "1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );
    const empty = await logsFailure(logs.send(new CreateLogGroupCommand({ logGroupName: '' })));
    expect(empty.message).toContain('Member must have length greater than or equal to 1');
  });

  it('pages through groups by name with limit and nextToken; prefix and pattern exclude each other', async () => {
    const prefix = `/page/${uniqueName('p')}`;
    for (const n of ['c', 'a', 'b']) await logs.send(new CreateLogGroupCommand({ logGroupName: `${prefix}/${n}` }));
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 2 }));
    expect(first.logGroups!.map((g) => g.logGroupName)).toEqual([`${prefix}/a`, `${prefix}/b`]);
    const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, limit: 2, nextToken: first.nextToken }));
    expect(second.logGroups!.map((g) => g.logGroupName)).toEqual([`${prefix}/c`]);
    expect(second.nextToken).toBeUndefined();
    const byPattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: prefix.slice(6).toUpperCase() }));
    expect(byPattern.logGroups).toHaveLength(3);
    const both = await logsFailure(logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, logGroupNamePattern: 'x' })));
    expect(both.name).toBe('InvalidParameterException');
    const limit = await logsFailure(logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    expect(limit.message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });

  it('sets and removes a retention policy; refuses a value AWS does not offer', async () => {
    const name = await group();
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 7 }));
    let { logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(logGroups![0]!.retentionInDays).toBe(7);
    const bad = await logsFailure(logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 2 })));
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toMatch(
      /^1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: \[1, 3, 5, 7, 14, 30/,
    );
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: name }));
    ({ logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name })));
    expect(logGroups![0]!.retentionInDays).toBeUndefined();
    const missing = await logsFailure(logs.send(new PutRetentionPolicyCommand({ logGroupName: '/nope/x', retentionInDays: 1 })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('retention really drops expired events', async () => {
    const name = await group();
    await logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 's' }));
    const now = Date.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: name,
        logStreamName: 's',
        logEvents: [
          { timestamp: now - 4 * 86_400_000, message: 'four days old' },
          { timestamp: now - 4 * 86_400_000 + 1, message: 'also four days old' },
        ],
      }),
    );
    await logs.send(new PutLogEventsCommand({ logGroupName: name, logStreamName: 's', logEvents: [{ timestamp: now, message: 'fresh' }] }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 3 }));
    const { events } = await logs.send(new GetLogEventsCommand({ logGroupName: name, logStreamName: 's', startFromHead: true }));
    expect(events!.map((e) => e.message)).toEqual(['fresh']);
    const late = await logs.send(
      new PutLogEventsCommand({
        logGroupName: name,
        logStreamName: 's',
        logEvents: [{ timestamp: now - 5 * 86_400_000, message: 'expired' }],
      }),
    );
    expect(late.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 0 });
  });

  it('tags by ARN (TagResource & co.) and by name (TagLogGroup & co.) are the same tags', async () => {
    const name = await group({ team: 'a' });
    await logs.send(new TagResourceCommand({ resourceArn: ARN(name), tags: { env: 'dev' } }));
    await logs.send(new TagLogGroupCommand({ logGroupName: name, tags: { owner: 'me' } }));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: ARN(name) }))).tags).toEqual({
      team: 'a',
      env: 'dev',
      owner: 'me',
    });
    await logs.send(new UntagResourceCommand({ resourceArn: ARN(name), tagKeys: ['team'] }));
    await logs.send(new UntagLogGroupCommand({ logGroupName: name, tags: ['owner'] }));
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: name }))).tags).toEqual({ env: 'dev' });
    const missing = await logsFailure(logs.send(new ListTagsForResourceCommand({ resourceArn: ARN('/nope/none') })));
    expect(missing.name).toBe('ResourceNotFoundException');
    const missingByName = await logsFailure(logs.send(new ListTagsLogGroupCommand({ logGroupName: '/nope/none' })));
    expect(missingByName.message).toBe('The specified log group does not exist.');
  });
});

describe('log streams', () => {
  it('creates, describes and deletes streams with AWS errors', async () => {
    const name = await group();
    await logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 'web/app/1' }));
    const dup = await logsFailure(logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 'web/app/1' })));
    expect(dup.name).toBe('ResourceAlreadyExistsException');
    const noGroup = await logsFailure(logs.send(new CreateLogStreamCommand({ logGroupName: '/nope/g', logStreamName: 's' })));
    expect(noGroup.message).toBe('The specified log group does not exist.');
    const { logStreams } = await logs.send(new DescribeLogStreamsCommand({ logGroupName: name }));
    expect(logStreams).toEqual([
      {
        logStreamName: 'web/app/1',
        creationTime: expect.any(Number),
        arn: `${ARN(name)}:log-stream:web/app/1`,
        storedBytes: 0,
        uploadSequenceToken: expect.stringMatching(/^\d+$/),
      },
    ]);
    await logs.send(new DeleteLogStreamCommand({ logGroupName: name, logStreamName: 'web/app/1' }));
    const gone = await logsFailure(logs.send(new DeleteLogStreamCommand({ logGroupName: name, logStreamName: 'web/app/1' })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' });
  });

  it('orders by name or last event time, descending, with a prefix, by group ARN too', async () => {
    const name = await group();
    for (const s of ['b', 'a', 'c']) await logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: s }));
    const t = Date.now();
    for (const [s, dt] of [
      ['c', 0],
      ['a', 1],
      ['b', 2],
    ] as const) {
      await logs.send(new PutLogEventsCommand({ logGroupName: name, logStreamName: s, logEvents: [{ timestamp: t + dt, message: s }] }));
    }
    const names = async (input: Omit<ConstructorParameters<typeof DescribeLogStreamsCommand>[0], 'logGroupName'>) =>
      (await logs.send(new DescribeLogStreamsCommand({ logGroupName: name, ...input }))).logStreams!.map((s) => s.logStreamName);
    expect(await names({})).toEqual(['a', 'b', 'c']);
    expect(await names({ descending: true })).toEqual(['c', 'b', 'a']);
    expect(await names({ orderBy: 'LastEventTime' })).toEqual(['c', 'a', 'b']);
    expect(await names({ orderBy: 'LastEventTime', descending: true })).toEqual(['b', 'a', 'c']);
    expect(await names({ logStreamNamePrefix: 'b' })).toEqual(['b']);
    const page = await logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: ARN(name), descending: true, limit: 2 }));
    expect(page.logStreams!.map((s) => s.logStreamName)).toEqual(['c', 'b']);
    const rest = await logs.send(
      new DescribeLogStreamsCommand({ logGroupIdentifier: ARN(name), descending: true, limit: 2, nextToken: page.nextToken }),
    );
    expect(rest.logStreams!.map((s) => s.logStreamName)).toEqual(['a']);
    const bad = await logsFailure(
      logs.send(new DescribeLogStreamsCommand({ logGroupName: name, orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })),
    );
    expect(bad).toMatchObject({ name: 'InvalidParameterException', message: 'Cannot order by LastEventTime with a logStreamNamePrefix.' });
    const stream = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: name, logStreamNamePrefix: 'a' }))).logStreams![0]!;
    expect(stream).toMatchObject({ firstEventTimestamp: t + 1, lastEventTimestamp: t + 1, lastIngestionTime: expect.any(Number) });
    const both = await logsFailure(logs.send(new DescribeLogStreamsCommand({ logGroupName: name, logGroupIdentifier: ARN(name) })));
    expect(both.name).toBe('InvalidParameterException');
  });
});
