// CodeDeploy's ARNs: application:<name>, deploymentgroup:<application>/<group>, deploymentconfig:<name>.
import { arnIn, splitArn } from '../../domain/arn.js';
import type { Scope } from '../../domain/scope.js';

export const applicationArn = (scope: Scope, name: string) => arnIn(scope, 'codedeploy', `application:${name}`);
export const deploymentGroupArn = (scope: Scope, app: string, group: string) =>
  arnIn(scope, 'codedeploy', `deploymentgroup:${app}/${group}`);
export const deploymentConfigArn = (scope: Scope, name: string) => arnIn(scope, 'codedeploy', `deploymentconfig:${name}`);

export type CodeDeployResource =
  | { kind: 'application'; name: string }
  | { kind: 'deploymentgroup'; application: string; group: string }
  | { kind: 'deploymentconfig'; name: string };

/** The resource a CodeDeploy ARN names, or null when it is not a CodeDeploy ARN of this scope's form. */
export function parseCodeDeployArn(arn: string): (CodeDeployResource & { region: string; accountId: string }) | null {
  const parts = splitArn(arn);
  if (parts?.service !== 'codedeploy') return null;
  const colon = parts.resource.indexOf(':');
  if (colon < 0) return null;
  const kind = parts.resource.slice(0, colon);
  const rest = parts.resource.slice(colon + 1);
  const where = { region: parts.region, accountId: parts.accountId };
  if (kind === 'application' && rest) return { kind, name: rest, ...where };
  if (kind === 'deploymentconfig' && rest) return { kind, name: rest, ...where };
  if (kind === 'deploymentgroup') {
    const slash = rest.indexOf('/');
    if (slash > 0 && slash < rest.length - 1) return { kind, application: rest.slice(0, slash), group: rest.slice(slash + 1), ...where };
  }
  return null;
}
