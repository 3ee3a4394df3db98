// EC2's query protocol on the emulator's port, over raw HTTP: routing by protocol (form-encoded Action vs
// X-Amz-Target JSON), EC2's XML answer and error shapes, and the errors for requests EC2 would not take.
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { ec2Client } from '../support/ec2.js';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

async function query(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${emu.endpoint}/`, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text, // biome-ignore lint/suspicious/noExplicitAny: the tests walk whatever XML came back
    xml: parser.parse(text) as Record<string, any>,
  };
}

function expectEc2Error(answer: Awaited<ReturnType<typeof query>>, status: number, code: string, message: string) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toContain('text/xml');
  expect(answer.xml.Response.Errors.Error).toEqual({ Code: code, Message: message });
  expect(answer.xml.Response.RequestID).toMatch(/^[0-9a-f-]{36}$/);
}

describe('EC2 query protocol', () => {
  it('answers in EC2’s XML shape and namespace, with a request id', async () => {
    const answer = await query('Action=DescribeAvailabilityZones&Version=2016-11-15');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain('text/xml');
    expect(answer.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const root = answer.xml.DescribeAvailabilityZonesResponse;
    expect(root['@_xmlns']).toBe('http://ec2.amazonaws.com/doc/2016-11-15/');
    expect(root.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(root.availabilityZoneInfo.item[0]).toMatchObject({
      zoneName: 'us-east-1a',
      zoneId: 'use1-az1',
      zoneState: 'available',
      regionName: 'us-east-1',
    });
  });

  it('answers errors in EC2’s <Response><Errors> shape with HTTP 400', async () => {
    expectEc2Error(
      await query('Action=DescribeVpcs&Version=2016-11-15&VpcId.1=vpc-0123456789abcdef0'),
      400,
      'InvalidVpcID.NotFound',
      "The vpc ID 'vpc-0123456789abcdef0' does not exist",
    );
    expectEc2Error(
      await query('Action=DescribeVpcs&Version=2016-11-15&VpcId.1=nope'),
      400,
      'InvalidVpcID.Malformed',
      'Invalid id: "nope" (expecting "vpc-...")',
    );
  });

  it('refuses an action EC2 does not have, a missing action and another version', async () => {
    expectEc2Error(
      await query('Action=LaunchRocket&Version=2016-11-15'),
      400,
      'InvalidAction',
      'The action LaunchRocket is not valid for this web service.',
    );
    expectEc2Error(await query('Version=2016-11-15'), 400, 'MissingParameter', 'The request must contain the parameter Action');
    expectEc2Error(
      await query('Action=DescribeVpcs&Version=2099-01-01'),
      400,
      'NoSuchVersion',
      'The requested version (2099-01-01) of service AmazonEC2 does not exist',
    );
  });

  it('answers DryRun with DryRunOperation (412) and changes nothing', async () => {
    expectEc2Error(
      await query('Action=CreateVpc&Version=2016-11-15&CidrBlock=10.99.0.0%2F16&DryRun=true'),
      412,
      'DryRunOperation',
      'Request would have succeeded, but DryRun flag is set.',
    );
    const vpcs = await query('Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=cidr&Filter.1.Value.1=10.99.0.0%2F16');
    expect(vpcs.xml.DescribeVpcsResponse.vpcSet).toBe('');
  });

  it('refuses an unknown filter and a value of the wrong type', async () => {
    expectEc2Error(
      await query('Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=colour&Filter.1.Value.1=red'),
      400,
      'InvalidParameterValue',
      "The filter 'colour' is invalid",
    );
    const answer = await query('Action=DescribeVpcs&Version=2016-11-15&MaxResults=many');
    expect(answer.xml.Response.Errors.Error.Code).toBe('InvalidParameterValue');
  });

  it('serves ECS (JSON, X-Amz-Target) and EC2 (form-encoded Action) on the same port', async () => {
    const ec2 = ec2Client(emu.endpoint);
    const [vpcs, clusters] = await Promise.all([ec2.send(new DescribeVpcsCommand({})), emu.ecs.send(new ListClustersCommand({}))]);
    expect(vpcs.Vpcs?.some((v) => v.IsDefault)).toBe(true);
    expect(clusters.$metadata.httpStatusCode).toBe(200);
    ec2.destroy();
  });

  it('sends a form-encoded body that names an X-Amz-Target to the JSON side', async () => {
    const answer = await query('Action=DescribeVpcs&Version=2016-11-15', {
      'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ __type: 'SerializationException' });
  });

  it('keeps accounts and regions apart: each starts with a default VPC of its own', async () => {
    const a = ec2Client(emu.endpoint, { accountId: '111111111111', region: 'eu-west-1' });
    const b = ec2Client(emu.endpoint, { accountId: '222222222222', region: 'eu-west-1' });
    const [va, vb] = await Promise.all([a.send(new DescribeVpcsCommand({})), b.send(new DescribeVpcsCommand({}))]);
    expect(va.Vpcs).toHaveLength(1);
    expect(va.Vpcs![0]).toMatchObject({ OwnerId: '111111111111', CidrBlock: '172.31.0.0/16', IsDefault: true });
    expect(vb.Vpcs![0]!.OwnerId).toBe('222222222222');
    expect(va.Vpcs![0]!.VpcId).not.toBe(vb.Vpcs![0]!.VpcId);
    a.destroy();
    b.destroy();
  });
});
