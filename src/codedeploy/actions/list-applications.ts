import type { CodeDeployAction } from '../context.js';
import { page } from '../support/paging.js';

export const listApplications: CodeDeployAction = (ctx, b) => {
  const names = ctx.deps.store.read(ctx.scope, (state) => Object.keys(state.codeDeployApplications)).sort();
  const { items, nextToken } = page(b, names, (n) => n);
  return { applications: items, ...(nextToken ? { nextToken } : {}) };
};
