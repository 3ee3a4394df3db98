import type { Action } from '../../actions/context.js';
import { operationStatus, operationUpdatedAt } from '../../domain/cloudmap/operations.js';
import { body } from '../support/input.js';
import { matchesFilters, readFilters } from '../support/filters.js';
import { page } from '../support/paging.js';
import { readState } from '../support/state.js';

const FILTERS = {
  NAMESPACE_ID: ['EQ'],
  SERVICE_ID: ['EQ'],
  STATUS: ['EQ', 'IN'],
  TYPE: ['EQ', 'IN'],
  UPDATE_DATE: ['BETWEEN'],
} as const;

export const listOperations: Action = (ctx, input) => {
  const b = body(input);
  const filters = readFilters(b, FILTERS);
  const now = ctx.deps.clock.now();
  return readState(ctx, (s) => {
    const all = Object.values(s.cloudMapOperations)
      .filter((op) =>
        matchesFilters(op, filters, (o, name) => {
          switch (name) {
            case 'NAMESPACE_ID':
              return o.targets.NAMESPACE ?? '';
            case 'SERVICE_ID':
              return o.targets.SERVICE ?? '';
            case 'STATUS':
              return operationStatus(o, now);
            case 'TYPE':
              return o.type;
            default:
              return String(operationUpdatedAt(o, now) / 1000);
          }
        }),
      )
      .sort((x, y) => (x.id < y.id ? -1 : 1));
    const p = page(b, all, (op) => op.id);
    return { Operations: p.items.map((op) => ({ Id: op.id, Status: operationStatus(op, now) })), NextToken: p.nextToken };
  });
};
