import { describe, expect, it } from 'vitest';
import { LineJoiner, awslogsStreamName, normalizeDockerTime, parseAwslogsOptions, parseSize, strftimeToRegex } from './awslogs-driver.js';

describe('awslogs options', () => {
  it('reads group, region, prefix, create-group and the mode with its buffer', () => {
    const r = parseAwslogsOptions(
      {
        'awslogs-group': '/ecs/web',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'web',
        'awslogs-create-group': 'true',
        mode: 'non-blocking',
        'max-buffer-size': '25m',
      },
      'us-east-1',
    );
    expect(r).toEqual({
      ok: true,
      options: {
        group: '/ecs/web',
        region: 'eu-west-1',
        streamPrefix: 'web',
        createGroup: true,
        mode: 'non-blocking',
        maxBufferSize: 25 * 1024 * 1024,
      },
    });
    expect(awslogsStreamName('web', 'app', 'abc123')).toBe('web/app/abc123');
  });

  it('refuses what the driver refuses', () => {
    expect(parseAwslogsOptions({ mode: 'sometimes' }, 'us-east-1')).toEqual({
      ok: false,
      error: 'logger: logging mode not supported: sometimes',
    });
    expect(parseAwslogsOptions({ 'max-buffer-size': 'lots' }, 'us-east-1').ok).toBe(false);
    expect(parseAwslogsOptions({ 'awslogs-create-group': 'yes' }, 'us-east-1').ok).toBe(false);
    expect(parseAwslogsOptions({ 'awslogs-multiline-pattern': '(' }, 'us-east-1').ok).toBe(false);
  });

  it('sizes in Docker units', () => {
    expect(parseSize('4k')).toBe(4096);
    expect(parseSize('1g')).toBe(1024 ** 3);
    expect(parseSize('100')).toBe(100);
    expect(parseSize('x')).toBeNull();
  });

  it('turns strftime formats into patterns', () => {
    const re = new RegExp(`^${strftimeToRegex('[%Y-%m-%d %H:%M:%S]')}`);
    expect(re.test('[2024-05-01 13:45:00] started')).toBe(true);
    expect(re.test('    at Foo.bar')).toBe(false);
    expect(new RegExp(`^${strftimeToRegex('%b %d, %Y')}`).test('Jan 02, 2024 x')).toBe(true);
  });

  it('normalizes Docker times so they sort', () => {
    expect(normalizeDockerTime('2024-01-01T00:00:00.1Z')).toBe('2024-01-01T00:00:00.100000000Z');
    expect(normalizeDockerTime('2024-01-01T00:00:00.123456789Z') > normalizeDockerTime('2024-01-01T00:00:00.12Z')).toBe(true);
  });
});

describe('joining lines into events', () => {
  const line = (text: string, t: number) => ({ text, timestamp: t, source: `s${t}` });

  it('one event per non-empty line without a pattern', () => {
    const j = new LineJoiner();
    expect(j.push(line('a', 1))).toEqual([{ timestamp: 1, message: 'a', source: 's1' }]);
    expect(j.push(line('', 2))).toEqual([]);
  });

  it('a start line begins an event; the lines after it join it until the next start line or a flush', () => {
    const options = parseAwslogsOptions({ 'awslogs-datetime-format': '%Y-%m-%d' }, 'us-east-1');
    if (!options.ok) throw new Error(options.error);
    const j = new LineJoiner(options.options.multiline);
    expect(j.push(line('2024-01-01 Exception', 1))).toEqual([]);
    expect(j.push(line('  at a()', 2))).toEqual([]);
    expect(j.push(line('  at b()', 3))).toEqual([]);
    expect(j.push(line('2024-01-01 next', 4))).toEqual([
      { timestamp: 1, message: '2024-01-01 Exception\n  at a()\n  at b()', source: 's3' },
    ]);
    expect(j.holding).toBe(true);
    expect(j.flush()).toEqual([{ timestamp: 4, message: '2024-01-01 next', source: 's4' }]);
    expect(j.flush()).toEqual([]);
  });

  it('lines before the first start line form their own event', () => {
    const j = new LineJoiner(/^START/);
    j.push(line('preamble', 1));
    expect(j.push(line('START x', 2))).toEqual([{ timestamp: 1, message: 'preamble', source: 's1' }]);
  });
});
