import { elbListenerArn, elbListenerRuleArn } from '../../domain/arn.js';
import type { ListenerRecord } from '../../domain/elbv2/records.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { duplicateListener, unsupportedProtocol, validationError } from '../errors.js';
import { checkForwardTargets, loadBalancer } from '../support/lookup.js';
import { actionsOf, tagsOf } from '../support/params.js';
import { elbId, updateElb } from '../support/state.js';
import { listenerXml } from '../wire/xml.js';

export function checkListenerPort(port: number | undefined): number {
  if (port === undefined)
    throw validationError("1 validation error detected: Value null at 'port' failed to satisfy constraint: Member must not be null");
  if (port < 1 || port > 65535)
    throw validationError(
      `1 validation error detected: Value '${port}' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535`,
    );
  return port;
}

export function checkListenerProtocol(protocol: string | undefined): 'HTTP' {
  if (protocol === undefined || protocol === 'HTTP') return 'HTTP';
  if (protocol === 'HTTPS') throw validationError('HTTPS listeners are not emulated here (they need a certificate); use HTTP');
  throw unsupportedProtocol(protocol);
}

export const createListener: AwsQueryAction = (ctx) => {
  const p = ctx.params;
  const lbArn = q.requiredStr(p, 'LoadBalancerArn');
  const port = checkListenerPort(q.int(p, 'Port'));
  const protocol = checkListenerProtocol(q.str(p, 'Protocol'));
  const defaultActions = actionsOf(p, 'DefaultActions');
  const tags = tagsOf(p);
  const listener = updateElb(ctx, (s) => {
    loadBalancer(s, lbArn);
    const existing = Object.values(s.listeners).find((l) => l.loadBalancerArn === lbArn && l.port === port);
    if (existing) {
      if (existing.protocol === protocol && JSON.stringify(existing.defaultActions) === JSON.stringify(defaultActions)) return existing;
      throw duplicateListener(lbArn);
    }
    checkForwardTargets(s, defaultActions, lbArn);
    const arn = elbListenerArn(lbArn, elbId(ctx));
    const record: ListenerRecord = {
      listenerArn: arn,
      loadBalancerArn: lbArn,
      port,
      protocol,
      defaultActions,
      defaultRuleArn: elbListenerRuleArn(arn, elbId(ctx)),
      createdAt: ctx.deps.clock.now(),
    };
    s.listeners[arn] = record;
    if (tags.length) s.tags[arn] = tags;
    return record;
  });
  return { Listeners: members([listenerXml(listener)]) };
};
