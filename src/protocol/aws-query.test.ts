// The awsQuery shapes checked against what the AWS SDK itself reads: the ELBv2 client's XML deserializer parses
// our answers (lists, nested structures, empty lists, errors with code, type, message and status).
import { Readable } from 'node:stream';
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancerNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { AwsQueryError, awsQueryErrorXml, awsQueryResponseXml, entries, members, queryParams } from './aws-query.js';
import { parseQueryParams } from './query-params.js';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/** An ELBv2 client whose every request is answered by `answer` (status and body), recording the request body. */
function clientAnswering(answer: (body: string) => { status: number; body: string }) {
  const sent: string[] = [];
  const client = new ElasticLoadBalancingV2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    endpoint: 'http://127.0.0.1:1',
    maxAttempts: 1,
    requestHandler: {
      async handle(request: { body?: unknown }) {
        const body = String(request.body ?? '');
        sent.push(body);
        const { status, body: xml } = answer(body);
        return {
          response: {
            statusCode: status,
            headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'hdr' },
            body: Readable.from([Buffer.from(xml)]),
          },
        };
      },
    } as never,
  });
  return { client, sent };
}

describe('awsQuery request parameters', () => {
  const parse = (query: string) => parseQueryParams(new URLSearchParams(query), { awsQuery: true });

  it('reads `member` lists and structures as lists, and a bare `Name=` as an empty list', () => {
    const p = parse(
      'Action=AddTags&ResourceArns.member.1=arn-a&ResourceArns.member.2=arn-b&Tags.member.1.Key=env&Tags.member.1.Value=prod&Tags.member.2.Key=x&SecurityGroups=',
    );
    expect(queryParams.strList(p, 'ResourceArns')).toEqual(['arn-a', 'arn-b']);
    expect(queryParams.structList(p, 'Tags')).toEqual([{ Key: 'env', Value: 'prod' }, { Key: 'x' }]);
    expect(queryParams.strList(p, 'SecurityGroups')).toEqual([]);
    expect(queryParams.has(p, 'SecurityGroups')).toBe(true);
    expect(queryParams.has(p, 'Subnets')).toBe(false);
  });

  it('reads nested member lists in index order', () => {
    const p = parse(
      'Conditions.member.1.Field=path-pattern&Conditions.member.1.PathPatternConfig.Values.member.2=/b&Conditions.member.1.PathPatternConfig.Values.member.1=/a',
    );
    const [condition] = queryParams.structList(p, 'Conditions');
    expect(queryParams.strList(queryParams.struct(condition!, 'PathPatternConfig')!, 'Values')).toEqual(['/a', '/b']);
  });

  it('answers a missing or ill-typed member with ValidationError', () => {
    expect(() => queryParams.requiredStr(parse(''), 'LoadBalancerArn')).toThrow(
      "1 validation error detected: Value null at 'loadBalancerArn' failed to satisfy constraint: Member must not be null",
    );
    expect(() => queryParams.int(parse('Port=http'), 'Port')).toThrow(/Value 'http' at 'port'/);
    try {
      queryParams.bool(parse('Enabled=yes'), 'Enabled');
    } catch (err) {
      expect(err).toBeInstanceOf(AwsQueryError);
      expect((err as AwsQueryError).code).toBe('ValidationError');
    }
  });
});

describe('awsQuery answers as the SDK reads them', () => {
  it('writes <OpResponse><OpResult> with <member> lists the client parses, escaping text', async () => {
    const { client, sent } = clientAnswering(() => ({
      status: 200,
      body: awsQueryResponseXml('DescribeLoadBalancers', NS, 'req-1', {
        LoadBalancers: members([
          {
            LoadBalancerName: 'a<b',
            AvailabilityZones: members([{ ZoneName: 'us-east-1a', SubnetId: 'subnet-1' }]),
            SecurityGroups: members(['sg-1', 'sg-2']),
            CreatedTime: '2026-01-02T03:04:05.678Z',
          },
          { LoadBalancerName: 'empty', SecurityGroups: members([]) },
        ]),
      }),
    }));
    const out = await client.send(new DescribeLoadBalancersCommand({ Names: ['a<b', 'empty'] }));
    expect(sent[0]).toContain('Action=DescribeLoadBalancers&Version=2015-12-01');
    expect(sent[0]).toContain('Names.member.1=a%3Cb');
    expect(out.LoadBalancers).toEqual([
      {
        LoadBalancerName: 'a<b',
        AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-1' }],
        SecurityGroups: ['sg-1', 'sg-2'],
        CreatedTime: new Date('2026-01-02T03:04:05.678Z'),
      },
      { LoadBalancerName: 'empty', SecurityGroups: [] },
    ]);
  });

  it('writes an empty result the client reads as no members', async () => {
    const { client } = clientAnswering(() => ({ status: 200, body: awsQueryResponseXml('DescribeTags', NS, 'req-2', {}) }));
    const out = await client.send(new DescribeTagsCommand({ ResourceArns: ['arn'] }));
    expect(out.TagDescriptions).toBeUndefined();
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('writes <ErrorResponse> the client turns into the modelled exception with its code, type and message', async () => {
    const error = new AwsQueryError('LoadBalancerNotFound', "One or more load balancers not found: 'x'");
    const { client } = clientAnswering(() => ({ status: error.status, body: awsQueryErrorXml(error, NS, 'req-3') }));
    const failure = await client.send(new DescribeLoadBalancersCommand({ Names: ['x'] })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LoadBalancerNotFoundException);
    expect(failure).toMatchObject({
      name: 'LoadBalancerNotFoundException',
      message: "One or more load balancers not found: 'x'",
      Code: 'LoadBalancerNotFound',
      Type: 'Sender',
      $metadata: { httpStatusCode: 400, requestId: 'hdr' },
    });
  });

  it('writes errors the model does not list (ValidationError) with their code as the name', async () => {
    const { client } = clientAnswering(() => ({
      status: 400,
      body: awsQueryErrorXml(new AwsQueryError('ValidationError', 'bad'), NS, 'r'),
    }));
    const failure = await client.send(new DescribeLoadBalancersCommand({})).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'ValidationError', message: 'bad', $fault: 'client' });
  });

  it('writes the request id in ResponseMetadata, and an empty result as an empty element', () => {
    expect(awsQueryResponseXml('DeleteRule', NS, 'req-9', {})).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<DeleteRuleResponse xmlns="${NS}"><DeleteRuleResult></DeleteRuleResult><ResponseMetadata><RequestId>req-9</RequestId></ResponseMetadata></DeleteRuleResponse>`,
    );
  });

  it('writes maps as <entry><key><value>', () => {
    expect(entries({ a: '1' })).toEqual({ entry: [{ key: 'a', value: '1' }] });
    expect(entries({})).toBe('');
  });
});
