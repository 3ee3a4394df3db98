import { PREDEFINED_CONFIGS } from '../../domain/codedeploy/deployment-configs.js';
import type { CodeDeployAction } from '../context.js';
import { page } from '../support/paging.js';

export const listDeploymentConfigs: CodeDeployAction = (ctx, b) => {
  const custom = ctx.deps.store.read(ctx.scope, (state) => Object.keys(state.codeDeployDeploymentConfigs));
  const names = [...PREDEFINED_CONFIGS.map((c) => c.deploymentConfigName), ...custom].sort();
  const { items, nextToken } = page(b, names, (n) => n);
  return { deploymentConfigsList: items, ...(nextToken ? { nextToken } : {}) };
};
