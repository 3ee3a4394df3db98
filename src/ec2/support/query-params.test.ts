import { describe, expect, it } from 'vitest';
import { applyFilters, filtersOf } from './filters.js';
import { creationKey, paginate } from './pagination.js';
import { bool, int, parseQueryParams, str, strList, structList } from './query-params.js';
import { tagsFromSpecifications } from './tag-specifications.js';
import { errorXml, set, successXml } from './xml.js';

const parse = (query: string) => parseQueryParams(new URLSearchParams(query));

describe('parseQueryParams', () => {
  it('nests dotted keys and turns 1-based indexes into lists, in index order', () => {
    const p = parse(
      'Action=DescribeVpcs&Version=2016-11-15&VpcId.2=vpc-b&VpcId.1=vpc-a&Filter.1.Name=tag%3AName&Filter.1.Value.1=web&Filter.1.Value.2=api&Filter.2.Name=state&Filter.2.Value.1=available',
    );
    expect(str(p, 'Action')).toBe('DescribeVpcs');
    expect(strList(p, 'VpcId')).toEqual(['vpc-a', 'vpc-b']);
    expect(filtersOf(p)).toEqual([
      { name: 'tag:Name', values: ['web', 'api'] },
      { name: 'state', values: ['available'] },
    ]);
  });

  it('reads deep structures', () => {
    const p = parse(
      'IpPermissions.1.IpProtocol=tcp&IpPermissions.1.FromPort=80&IpPermissions.1.IpRanges.1.CidrIp=0.0.0.0%2F0&IpPermissions.1.Groups.1.GroupId=sg-1',
    );
    const [perm] = structList(p, 'IpPermissions');
    expect(int(perm!, 'FromPort')).toBe(80);
    expect(structList(perm!, 'IpRanges')).toEqual([{ CidrIp: '0.0.0.0/0' }]);
    expect(structList(perm!, 'Groups')).toEqual([{ GroupId: 'sg-1' }]);
  });

  it('ignores malformed keys and refuses values of the wrong kind', () => {
    expect(parse('1.Foo=x&A..B=y&.C=z')).toEqual({});
    expect(() => int(parse('FromPort=eighty'), 'FromPort')).toThrow(/Invalid value 'eighty' for FromPort/);
    expect(bool(parse('DryRun=true'), 'DryRun')).toBe(true);
    expect(() => bool(parse('DryRun=yes'), 'DryRun')).toThrow(/Invalid value/);
  });
});

describe('filters', () => {
  const items = [
    { id: 'a', cidr: '10.0.0.0/16', tags: [{ key: 'Name', value: 'web-1' }] },
    { id: 'b', cidr: '10.1.0.0/16', tags: [{ key: 'Env', value: 'prod' }] },
  ];
  const fields = { 'vpc-id': (x: (typeof items)[number]) => x.id, cidr: (x: (typeof items)[number]) => x.cidr };
  const run = (filters: { name: string; values: string[] }[]) => applyFilters(items, filters, fields, (x) => x.tags).map((x) => x.id);

  it('ORs values, ANDs filters, and understands wildcards and tags', () => {
    expect(run([{ name: 'vpc-id', values: ['a', 'b'] }])).toEqual(['a', 'b']);
    expect(
      run([
        { name: 'vpc-id', values: ['a', 'b'] },
        { name: 'cidr', values: ['10.1.*'] },
      ]),
    ).toEqual(['b']);
    expect(run([{ name: 'tag:Name', values: ['web-?'] }])).toEqual(['a']);
    expect(run([{ name: 'tag-key', values: ['Env'] }])).toEqual(['b']);
    expect(run([{ name: 'tag-value', values: ['prod', 'web*'] }])).toEqual(['a', 'b']);
  });

  it('refuses a filter the operation does not have', () => {
    expect(() => run([{ name: 'colour', values: ['red'] }])).toThrow("The filter 'colour' is invalid");
  });
});

describe('paginate', () => {
  const key = (n: number) => creationKey(1000 + n, `x-${n}`);
  const bounds = { min: 5, max: 1000 };

  it('returns everything without MaxResults, else pages with a token, in key order', () => {
    const items = Array.from({ length: 12 }, (_, i) => 11 - i);
    expect(paginate(items, key, parse(''), bounds).items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const first = paginate(items, key, parse('MaxResults=5'), bounds);
    expect(first.items).toEqual([0, 1, 2, 3, 4]);
    const second = paginate(items, key, parse(`MaxResults=10&NextToken=${first.nextToken}`), bounds);
    expect(second).toEqual({ items: [5, 6, 7, 8, 9, 10, 11] });
    expect(() => paginate(items, key, parse('MaxResults=2'), bounds)).toThrow(/maxResults is invalid/);
    expect(() => paginate(items, key, parse('NextToken=garbage'), bounds)).toThrow("The token 'garbage' is invalid");
  });

  it('goes on after the last item returned while items are added and removed before it', () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7];
    const first = paginate(items, key, parse('MaxResults=5'), bounds);
    const changed = [2, 3, 5, 6, 7, 8];
    expect(paginate(changed, key, parse(`MaxResults=5&NextToken=${first.nextToken}`), bounds).items).toEqual([5, 6, 7, 8]);
  });
});

describe('tag specifications', () => {
  it('reads the tags for the resource type being created', () => {
    const p = parse(
      'TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=main&TagSpecification.1.Tag.2.Key=Empty',
    );
    expect(tagsFromSpecifications(p, 'vpc')).toEqual([
      { key: 'Name', value: 'main' },
      { key: 'Empty', value: '' },
    ]);
    expect(() => tagsFromSpecifications(p, 'subnet')).toThrow("'vpc' is not a valid taggable resource type for this operation.");
    expect(() => tagsFromSpecifications(parse('TagSpecification.1.ResourceType=vpc&TagSpecification.1.Tag.1.Key=aws:x'), 'vpc')).toThrow(
      /reserved/,
    );
  });
});

describe('xml', () => {
  it('writes EC2’s answer and error shapes, escaping text', () => {
    expect(
      successXml('DescribeVpcs', 'r-1', { vpcSet: set([{ vpcId: 'vpc-1', isDefault: true, note: 'a<b & "c"' }]), nextToken: undefined }),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><vpcSet><item><vpcId>vpc-1</vpcId><isDefault>true</isDefault><note>a&lt;b &amp; &quot;c&quot;</note></item></vpcSet></DescribeVpcsResponse>',
    );
    expect(errorXml('InvalidVpcID.NotFound', "The vpc ID 'vpc-<1>' does not exist", 'r-2')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID &apos;vpc-&lt;1&gt;&apos; does not exist</Message></Error></Errors><RequestID>r-2</RequestID></Response>',
    );
  });
});
