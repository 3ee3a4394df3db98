import type { Action } from '../../actions/context.js';
import { body } from '../support/input.js';
import { matchesFilters, readFilters } from '../support/filters.js';
import { page } from '../support/paging.js';
import { readState } from '../support/state.js';
import { serviceSummary } from '../wire/service.js';

const FILTERS = { NAMESPACE_ID: ['EQ'], RESOURCE_OWNER: ['EQ'] } as const;

export const listServices: Action = (ctx, input) => {
  const b = body(input);
  const filters = readFilters(b, FILTERS);
  return readState(ctx, (s) => {
    const all = Object.values(s.cloudMapServices)
      .filter((svc) => matchesFilters(svc, filters, (x, name) => (name === 'NAMESPACE_ID' ? x.namespaceId : 'SELF')))
      .sort((x, y) => (x.id < y.id ? -1 : 1));
    const p = page(b, all, (svc) => svc.id);
    return { Services: p.items.map((svc) => serviceSummary(s, ctx.scope, svc)), NextToken: p.nextToken };
  });
};
