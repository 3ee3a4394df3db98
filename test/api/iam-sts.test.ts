// IAM and STS on the emulator's port, through @aws-sdk/client-iam and @aws-sdk/client-sts: roles with trust
// policies, inline and managed policies, attachments and tags, stored and answered as IAM does (never enforced).
// The SDK names IAM's error codes (NoSuchEntity, DeleteConflict, ...) with an Exception suffix; the wire carries IAM's codes.
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, uniqueName, type TestEmulator } from '../support/emulator.js';

let emu: TestEmulator;
let iam: IAMClient;
let sts: STSClient;
const credentials = { accessKeyId: '123456789012', secretAccessKey: 'test' };
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const policy = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await call;
  } catch (err) {
    return err as never;
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  emu = await startTestEmulator();
  iam = new IAMClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  sts = new STSClient({ endpoint: emu.endpoint, region: 'eu-west-1', credentials, maxAttempts: 1 });
});
afterAll(async () => {
  iam.destroy();
  sts.destroy();
  await emu.close();
});

describe('STS', () => {
  it('GetCallerIdentity names the account the access key resolves to', async () => {
    const id = await sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
  });

  it('AssumeRole hands out session credentials for the role, and refuses a malformed ARN', async () => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/app', RoleSessionName: 's1' }));
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/app/s1');
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials!.Expiration!.getTime()).toBeGreaterThan(Date.now());
    const err = await failure(sts.send(new AssumeRoleCommand({ RoleArn: 'nope', RoleSessionName: 's1' })));
    expect(err.name).toBe('ValidationError');
  });
});

describe('IAM roles', () => {
  it('creates a role and reads back its trust policy (URL-encoded on the wire, decoded by the SDK user)', async () => {
    const name = uniqueName('role');
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust, Tags: [{ Key: 'team', Value: 'a' }] }),
    );
    expect(Role).toMatchObject({ RoleName: name, Path: '/', Arn: `arn:aws:iam::123456789012:role/${name}`, MaxSessionDuration: 3600 });
    expect(Role!.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    const got = await iam.send(new GetRoleCommand({ RoleName: name }));
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trust));
    expect(got.Role!.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    const dup = await failure(iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust })));
    expect([dup.name, dup.$metadata.httpStatusCode]).toEqual(['EntityAlreadyExistsException', 409]);
  });

  it('keeps inline policies and attachments, and refuses to delete a role that still has them', async () => {
    const name = uniqueName('role');
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: policy('s3:GetObject') }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: EXECUTION_POLICY }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames).toEqual(['inline']);
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: 'inline' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toEqual(JSON.parse(policy('s3:GetObject')));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AmazonECSTaskExecutionRolePolicy', PolicyArn: EXECUTION_POLICY }]);
    const conflict = await failure(iam.send(new DeleteRoleCommand({ RoleName: name })));
    expect([conflict.name, conflict.$metadata.httpStatusCode]).toEqual(['DeleteConflictException', 409]);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: 'inline' }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: EXECUTION_POLICY }));
    await iam.send(new DeleteRoleCommand({ RoleName: name }));
    const gone = await failure(iam.send(new GetRoleCommand({ RoleName: name })));
    expect([gone.name, gone.message, gone.$metadata.httpStatusCode]).toEqual([
      'NoSuchEntityException',
      `The role with name ${name} cannot be found.`,
      404,
    ]);
  });

  it('tags and untags roles', async () => {
    const name = uniqueName('role');
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    await iam.send(
      new TagRoleCommand({
        RoleName: name,
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['a'] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('refuses a trust policy that is not JSON', async () => {
    const err = await failure(iam.send(new CreateRoleCommand({ RoleName: uniqueName('role'), AssumeRolePolicyDocument: '{nope' })));
    expect(err.name).toBe('MalformedPolicyDocumentException');
  });
});

describe('IAM managed policies', () => {
  it('versions a policy, attaches it, and deletes it only once detached and down to its default version', async () => {
    const name = uniqueName('pol');
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: policy('logs:*') }));
    expect(Policy).toMatchObject({ Arn: `arn:aws:iam::123456789012:policy/${name}`, DefaultVersionId: 'v1', AttachmentCount: 0 });
    const v2 = await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: Policy!.Arn, PolicyDocument: policy('ecr:*'), SetAsDefault: true }),
    );
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    const doc = await iam.send(new GetPolicyVersionCommand({ PolicyArn: Policy!.Arn, VersionId: 'v2' }));
    expect(JSON.parse(decodeURIComponent(doc.PolicyVersion!.Document!))).toEqual(JSON.parse(policy('ecr:*')));
    const role = uniqueName('role');
    await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: Policy!.Arn }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }))).Policy!.AttachmentCount).toBe(1);
    expect((await failure(iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn })))).name).toBe('DeleteConflictException');
    await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: Policy!.Arn }));
    expect((await failure(iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn })))).name).toBe('DeleteConflictException');
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: Policy!.Arn }));
    expect(versions.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v2', true],
      ['v1', false],
    ]);
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: Policy!.Arn, VersionId: 'v1' }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn }));
    const gone = await failure(iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn })));
    expect(gone.name).toBe('NoSuchEntityException');
  });

  it('refuses to attach a policy that does not exist', async () => {
    const role = uniqueName('role');
    await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust }));
    const arn = 'arn:aws:iam::123456789012:policy/none';
    const err = await failure(iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn })));
    expect([err.name, err.message]).toEqual(['NoSuchEntityException', `Policy ${arn} does not exist or is not attachable.`]);
  });

  it('answers an unknown action in IAM’s own error shape', async () => {
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListUsersNope&Version=2010-05-08',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>InvalidAction</Code>');
  });
});
