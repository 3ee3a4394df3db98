// The common shape of EC2's Describe* actions: optional ids (each must exist), then filters, then pages.
import type { Ec2Error } from '../../domain/network/ec2-errors.js';
import type { Tag } from '../../domain/tags.js';
import type { Ec2Context } from '../context.js';
import { applyFilters, filtersOf, type FilterFields } from './filters.js';
import { paginate } from './pagination.js';
import { strList } from './query-params.js';
import { checkIdFormat } from './region.js';

export interface DescribeSpec<T> {
  /** The list parameter of ids (`RouteTableId`), their prefix (`rtb`) and the Malformed code. */
  idParam: string;
  prefix: string;
  malformed: string;
  idOf: (item: T) => string;
  notFound: (id: string) => Ec2Error;
  fields: FilterFields<T>;
  tags: (item: T) => readonly Tag[];
  /** MaxResults bounds; absent when the action takes none. */
  bounds?: { min: number; max: number };
  /** The unique key pages follow (and the order of the answer when paged); the id when absent. */
  keyOf?: (item: T) => string;
}

export function describeItems<T>(ctx: Ec2Context, all: readonly T[], spec: DescribeSpec<T>): { items: T[]; nextToken?: string } {
  const ids = strList(ctx.params, spec.idParam);
  checkIdFormat(ids, spec.prefix, spec.malformed);
  const missing = ids.find((id) => !all.some((x) => spec.idOf(x) === id));
  if (missing !== undefined) throw spec.notFound(missing);
  const chosen = ids.length ? all.filter((x) => ids.includes(spec.idOf(x))) : all;
  const filtered = applyFilters(chosen, filtersOf(ctx.params), spec.fields, spec.tags);
  return spec.bounds ? paginate(filtered, spec.keyOf ?? spec.idOf, ctx.params, spec.bounds) : { items: filtered };
}
