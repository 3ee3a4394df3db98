import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { duplicateListener } from '../errors.js';
import { checkForwardTargets, listener } from '../support/lookup.js';
import { actionsOf } from '../support/params.js';
import { updateElb } from '../support/state.js';
import { listenerXml } from '../wire/xml.js';
import { checkListenerPort, checkListenerProtocol } from './create-listener.js';

export const modifyListener: AwsQueryAction = (ctx) => {
  const p = ctx.params;
  const arn = q.requiredStr(p, 'ListenerArn');
  const port = q.has(p, 'Port') ? checkListenerPort(q.int(p, 'Port')) : undefined;
  const protocol = q.has(p, 'Protocol') ? checkListenerProtocol(q.str(p, 'Protocol')) : undefined;
  const actions = q.structList(p, 'DefaultActions').length ? actionsOf(p, 'DefaultActions') : undefined;
  const record = updateElb(ctx, (s) => {
    const l = listener(s, arn);
    if (
      port !== undefined &&
      port !== l.port &&
      Object.values(s.listeners).some((o) => o.loadBalancerArn === l.loadBalancerArn && o.port === port)
    )
      throw duplicateListener(l.loadBalancerArn);
    if (actions) {
      checkForwardTargets(s, actions, l.loadBalancerArn);
      l.defaultActions = actions;
    }
    if (port !== undefined) l.port = port;
    if (protocol !== undefined) l.protocol = protocol;
    return l;
  });
  return { Listeners: members([listenerXml(record)]) };
};
