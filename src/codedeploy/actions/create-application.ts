import { applicationAlreadyExists, invalidComputePlatform } from '../../domain/codedeploy/errors.js';
import type { ComputePlatform } from '../../domain/codedeploy/records.js';
import type { CodeDeployAction } from '../context.js';
import { optString } from '../support/input.js';
import { applicationNameOf } from '../support/lookup.js';
import { tagsOf } from '../support/tags.js';

const PLATFORMS: readonly ComputePlatform[] = ['Server', 'Lambda', 'ECS'];

export const createApplication: CodeDeployAction = (ctx, b) => {
  const name = applicationNameOf(b);
  const platform = optString(b, 'computePlatform') ?? 'Server';
  if (!(PLATFORMS as readonly string[]).includes(platform)) throw invalidComputePlatform(platform);
  const tags = tagsOf(b) ?? [];
  const { deps, scope } = ctx;
  return deps.store.update(scope, (state) => {
    if (state.codeDeployApplications[name]) throw applicationAlreadyExists(name);
    const applicationId = deps.ids.uuid();
    state.codeDeployApplications[name] = {
      applicationId,
      applicationName: name,
      computePlatform: platform as ComputePlatform,
      createTime: deps.clock.now(),
      tags,
    };
    return { applicationId };
  });
};
