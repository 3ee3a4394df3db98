import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { HostCredentialsProvider } from './host-credentials.js';
import { CredentialsIssueError, type CredentialsProvider, type RoleCredentials } from './role-credentials.js';
import { StaticCredentialsProvider } from './static-credentials.js';
import { StsCredentialsProvider } from './sts-credentials.js';
import { CredentialsReleasedError, TaskCredentialsVault } from './task-credentials-vault.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const request = {
  roleArn: 'arn:aws:iam::123456789012:role/app',
  sessionName: '0123456789abcdef0123456789abcdef',
  region: 'eu-west-1',
  durationSeconds: 3600,
};

function fakeClock(start = T0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('static credentials', () => {
  it('look like STS session credentials and are unique per issue', async () => {
    const p = new StaticCredentialsProvider(fakeClock());
    const a = await p.issue(request);
    const b = await p.issue(request);
    expect(a.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(a.secretAccessKey).toHaveLength(40);
    expect(a.sessionToken.length).toBeGreaterThan(200);
    expect(a.expiration).toBe(T0 + 3600_000);
    expect(b.accessKeyId).not.toBe(a.accessKeyId);
    expect(b.secretAccessKey).not.toBe(a.secretAccessKey);
  });
});

describe('host credentials', () => {
  it('pass the host’s keys through; long-term keys get the lifetime and an empty token', async () => {
    const p = new HostCredentialsProvider(fakeClock(), async () => ({ accessKeyId: 'AKIAHOST', secretAccessKey: 'hostsecret' }));
    expect(await p.issue(request)).toEqual({
      accessKeyId: 'AKIAHOST',
      secretAccessKey: 'hostsecret',
      sessionToken: '',
      expiration: T0 + 3600_000,
    });
  });

  it('keep the host session’s own, earlier expiry', async () => {
    const own = new Date(T0 + 600_000);
    const p = new HostCredentialsProvider(fakeClock(), async () => ({
      accessKeyId: 'ASIAHOST',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: own,
    }));
    expect((await p.issue(request)).expiration).toBe(own.getTime());
  });

  it('fail with CredentialsIssueError when the host has none', async () => {
    const p = new HostCredentialsProvider(fakeClock(), async () => {
      throw new Error('Could not load credentials from any providers');
    });
    await expect(p.issue(request)).rejects.toThrow(CredentialsIssueError);
  });
});

describe('STS AssumeRole credentials', () => {
  const sts = mockClient(STSClient);
  afterEach(() => sts.reset());

  it('assume the task role with the task id as session name, at the configured endpoint', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIASTS', SecretAccessKey: 'stssecret', SessionToken: 'ststoken', Expiration: new Date(T0 + 900_000) },
    });
    const p = new StsCredentialsProvider({ endpoint: 'http://localhost:4566' });
    expect(await p.issue({ ...request, durationSeconds: 60 })).toEqual({
      accessKeyId: 'ASIASTS',
      secretAccessKey: 'stssecret',
      sessionToken: 'ststoken',
      expiration: T0 + 900_000,
    });
    const call = sts.commandCalls(AssumeRoleCommand)[0]!;
    // 60 s is below AssumeRole's minimum: 900 is asked for.
    expect(call.args[0].input).toEqual({ RoleArn: request.roleArn, RoleSessionName: request.sessionName, DurationSeconds: 900 });
    expect(await call.thisValue.config.region()).toBe('eu-west-1');
    const endpoint = await call.thisValue.config.endpoint?.();
    expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe('http://localhost:4566');
    p.close();
  });

  it('turn an STS refusal into CredentialsIssueError naming it', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' }));
    const p = new StsCredentialsProvider({ endpoint: null });
    await expect(p.issue(request)).rejects.toThrow(
      new CredentialsIssueError('AccessDenied: User is not authorized to perform: sts:AssumeRole'),
    );
    p.close();
  });
});

describe('the task credentials vault', () => {
  function counting(clock: { now(): number }): CredentialsProvider & { issued: number; fail: boolean } {
    const p = {
      issued: 0,
      fail: false,
      async issue(r: typeof request): Promise<RoleCredentials> {
        if (p.fail) throw new CredentialsIssueError('STS is down');
        p.issued += 1;
        return {
          accessKeyId: `ASIA${p.issued}`,
          secretAccessKey: 's',
          sessionToken: 't',
          expiration: clock.now() + r.durationSeconds * 1000,
        };
      },
    };
    return p;
  }
  const grant = { credentialsId: 'c1', roleArn: request.roleArn, taskId: request.sessionName, region: 'eu-west-1' };

  it('hands out the same credentials until half their lifetime has passed, then new ones', async () => {
    const clock = fakeClock();
    const provider = counting(clock);
    const vault = new TaskCredentialsVault(provider, clock, 3600);
    const first = await vault.credentials(grant);
    clock.advance(1799_000);
    expect((await vault.credentials(grant)).accessKeyId).toBe(first.accessKeyId);
    clock.advance(1_000);
    const second = await vault.credentials(grant);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    // What a task receives always has at least half its lifetime left.
    expect(second.expiration - clock.now()).toBe(3600_000);
    expect(provider.issued).toBe(2);
  });

  it('issues once for concurrent requests', async () => {
    const clock = fakeClock();
    const provider = counting(clock);
    const vault = new TaskCredentialsVault(provider, clock, 3600);
    const all = await Promise.all([vault.credentials(grant), vault.credentials(grant), vault.credentials(grant)]);
    expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);
    expect(provider.issued).toBe(1);
  });

  it('keeps serving still-valid credentials when a replacement fails, and fails once they have expired', async () => {
    const clock = fakeClock();
    const provider = counting(clock);
    const vault = new TaskCredentialsVault(provider, clock, 3600);
    const first = await vault.credentials(grant);
    provider.fail = true;
    clock.advance(3000_000);
    expect((await vault.credentials(grant)).accessKeyId).toBe(first.accessKeyId);
    clock.advance(600_000);
    await expect(vault.credentials(grant)).rejects.toThrow(CredentialsIssueError);
  });

  it('forgets a released id for good', async () => {
    const clock = fakeClock();
    const vault = new TaskCredentialsVault(counting(clock), clock, 3600);
    await vault.credentials(grant);
    expect(vault.holds('c1')).toBe(true);
    vault.release('c1');
    expect(vault.holds('c1')).toBe(false);
    await expect(vault.credentials(grant)).rejects.toThrow(CredentialsReleasedError);
  });
});
