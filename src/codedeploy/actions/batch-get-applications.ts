import { applicationNameRequired, batchLimitExceeded } from '../../domain/codedeploy/errors.js';
import type { CodeDeployAction } from '../context.js';
import { optStringList } from '../support/input.js';
import { application } from '../support/lookup.js';
import { toWireApplication } from '../wire/application.js';

export const batchGetApplications: CodeDeployAction = (ctx, b) => {
  const names = optStringList(b, 'applicationNames');
  if (!names) throw applicationNameRequired();
  if (names.length > 100) throw batchLimitExceeded();
  return ctx.deps.store.read(ctx.scope, (state) => ({
    applicationsInfo: names.map((n) => toWireApplication(application(state, n))),
  }));
};
