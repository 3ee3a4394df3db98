import type { CodeDeployAction } from '../context.js';
import { application, applicationNameOf } from '../support/lookup.js';
import { toWireApplication } from '../wire/application.js';

export const getApplication: CodeDeployAction = (ctx, b) => {
  const name = applicationNameOf(b);
  return ctx.deps.store.read(ctx.scope, (state) => ({ application: toWireApplication(application(state, name)) }));
};
