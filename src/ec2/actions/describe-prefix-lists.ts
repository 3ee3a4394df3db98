import { Ec2Error } from '../../domain/network/ec2-errors.js';
import { stableId } from '../../domain/network/vpc.js';
import type { Ec2Action } from '../context.js';
import { describeItems } from '../support/describe.js';
import { set } from '../support/xml.js';

interface PrefixList {
  prefixListId: string;
  prefixListName: string;
  cidrs: string[];
}

/**
 * The AWS-managed prefix lists of the gateway endpoints (S3, DynamoDB), with stable ids per region. Their CIDRs are
 * documentation ranges: nothing here routes to them.
 */
export const describePrefixLists: Ec2Action = (ctx) => {
  const { region } = ctx.scope;
  const lists: PrefixList[] = [
    { prefixListId: stableId('pl', region, 's3').slice(0, 11), prefixListName: `com.amazonaws.${region}.s3`, cidrs: ['192.0.2.0/25'] },
    {
      prefixListId: stableId('pl', region, 'dynamodb').slice(0, 11),
      prefixListName: `com.amazonaws.${region}.dynamodb`,
      cidrs: ['192.0.2.128/25'],
    },
  ];
  const page = describeItems<PrefixList>(ctx, lists, {
    idParam: 'PrefixListId',
    prefix: 'pl',
    malformed: 'InvalidPrefixListId.Malformed',
    idOf: (p) => p.prefixListId,
    notFound: (id) => new Ec2Error('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`),
    fields: { 'prefix-list-id': (p) => p.prefixListId, 'prefix-list-name': (p) => p.prefixListName },
    tags: () => [],
    bounds: { min: 5, max: 1000 },
  });
  return {
    prefixListSet: set(
      page.items.map((p) => ({ prefixListId: p.prefixListId, prefixListName: p.prefixListName, cidrSet: { item: p.cidrs } })),
    ),
    nextToken: page.nextToken,
  };
};
