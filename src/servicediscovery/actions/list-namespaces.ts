import type { Action } from '../../actions/context.js';
import { body } from '../support/input.js';
import { matchesFilters, readFilters } from '../support/filters.js';
import { page } from '../support/paging.js';
import { readState } from '../support/state.js';
import { namespaceSummary } from '../wire/namespace.js';

const FILTERS = {
  TYPE: ['EQ', 'IN'],
  NAME: ['EQ', 'BEGINS_WITH'],
  HTTP_NAME: ['EQ', 'BEGINS_WITH'],
  RESOURCE_OWNER: ['EQ'],
} as const;

export const listNamespaces: Action = (ctx, input) => {
  const b = body(input);
  const filters = readFilters(b, FILTERS);
  return readState(ctx, (s) => {
    const all = Object.values(s.cloudMapNamespaces)
      .filter((ns) => matchesFilters(ns, filters, (n, name) => (name === 'TYPE' ? n.type : name === 'RESOURCE_OWNER' ? 'SELF' : n.name)))
      .sort((x, y) => (x.id < y.id ? -1 : 1));
    const p = page(b, all, (ns) => ns.id);
    return { Namespaces: p.items.map((ns) => namespaceSummary(s, ctx.scope, ns)), NextToken: p.nextToken };
  });
};
