// ELBv2 as CodeDeploy uses it, called in-process through ELBv2's own actions (the ones its HTTP API runs), with
// the data plane told after a change, as the HTTP API does. Nothing here touches ELBv2's records directly.
import type { ActionContext } from '../../actions/context.js';
import { ELBV2_ACTIONS } from '../../elbv2/index.js';
import { AwsQueryError } from '../../protocol/aws-query.js';
import { parseQueryParams } from '../../protocol/query-params.js';
import type { XmlObject } from '../../protocol/xml.js';

async function call(ctx: ActionContext, action: string, params: Record<string, string>): Promise<XmlObject> {
  const handler = ELBV2_ACTIONS[action]!;
  const parsed = parseQueryParams(new URLSearchParams({ Action: action, ...params }), { awsQuery: true });
  return handler({ scope: ctx.scope, requestId: ctx.requestId, deps: ctx.deps, params: parsed });
}

const membersOf = (value: unknown): XmlObject[] => {
  const list = (value as { member?: XmlObject[] } | undefined)?.member;
  return Array.isArray(list) ? list : [];
};

/** Target group ARNs by name; a name ELBv2 does not know maps to undefined. */
export async function targetGroupArns(ctx: ActionContext, names: readonly string[]): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>(names.map((n) => [n, undefined]));
  for (const n of names) {
    try {
      const result = await call(ctx, 'DescribeTargetGroups', { 'Names.member.1': n });
      const tg = membersOf(result.TargetGroups)[0];
      if (tg) found.set(n, String(tg.TargetGroupArn));
    } catch (err) {
      if (!(err instanceof AwsQueryError)) throw err;
    }
  }
  return found;
}

export async function listenerExists(ctx: ActionContext, arn: string): Promise<boolean> {
  try {
    const result = await call(ctx, 'DescribeListeners', { 'ListenerArns.member.1': arn });
    return membersOf(result.Listeners).length > 0;
  } catch (err) {
    if (err instanceof AwsQueryError) return false;
    throw err;
  }
}

/** Sets the listener's default action to forward to the target groups with these weights (ModifyListener). */
export async function forwardListener(
  ctx: ActionContext,
  listenerArn: string,
  groups: readonly { arn: string; weight: number }[],
): Promise<void> {
  const params: Record<string, string> = { ListenerArn: listenerArn, 'DefaultActions.member.1.Type': 'forward' };
  groups.forEach((g, i) => {
    params[`DefaultActions.member.1.ForwardConfig.TargetGroups.member.${i + 1}.TargetGroupArn`] = g.arn;
    params[`DefaultActions.member.1.ForwardConfig.TargetGroups.member.${i + 1}.Weight`] = String(g.weight);
  });
  await call(ctx, 'ModifyListener', params);
  await ctx.deps.loadBalancing?.changed(ctx.scope);
}
