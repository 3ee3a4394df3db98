// ELBv2's answer shapes, from the records (member lists as the SDK reads them).
import type {
  ActionRecord,
  ConditionRecord,
  ListenerRecord,
  LoadBalancerRecord,
  RuleRecord,
  TargetGroupRecord,
} from '../../domain/elbv2/records.js';
import type { Tag } from '../../domain/tags.js';
import { members } from '../../protocol/aws-query.js';
import { timestamp, type XmlObject } from '../../protocol/xml.js';

export function loadBalancerXml(lb: LoadBalancerRecord): XmlObject {
  return {
    LoadBalancerArn: lb.loadBalancerArn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.canonicalHostedZoneId,
    CreatedTime: timestamp(lb.createdAt),
    LoadBalancerName: lb.loadBalancerName,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: members(
      lb.availabilityZones.map((z) => ({ ZoneName: z.zoneName, SubnetId: z.subnetId, LoadBalancerAddresses: '' })),
    ),
    SecurityGroups: members(lb.securityGroups),
    IpAddressType: lb.ipAddressType,
  };
}

export function targetGroupXml(tg: TargetGroupRecord, loadBalancerArns: readonly string[]): XmlObject {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.targetGroupArn,
    TargetGroupName: tg.targetGroupName,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
    HealthCheckPath: hc.path,
    Matcher: { HttpCode: hc.matcher },
    LoadBalancerArns: members([...loadBalancerArns]),
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocolVersion,
    IpAddressType: tg.ipAddressType,
  };
}

export function actionXml(a: ActionRecord, index: number): XmlObject {
  const out: XmlObject = { Type: a.type };
  if (a.forward) {
    const groups = a.forward.targetGroups;
    if (groups.length === 1) out.TargetGroupArn = groups[0]!.targetGroupArn;
    const stickiness = a.forward.stickiness;
    out.ForwardConfig = {
      TargetGroups: members(groups.map((g) => ({ TargetGroupArn: g.targetGroupArn, Weight: g.weight }))),
      TargetGroupStickinessConfig: {
        Enabled: stickiness.enabled,
        ...(stickiness.durationSeconds !== undefined ? { DurationSeconds: stickiness.durationSeconds } : {}),
      },
    };
  }
  if (a.fixedResponse) {
    out.FixedResponseConfig = {
      MessageBody: a.fixedResponse.messageBody,
      StatusCode: a.fixedResponse.statusCode,
      ContentType: a.fixedResponse.contentType,
    };
  }
  if (a.redirect) {
    const r = a.redirect;
    out.RedirectConfig = { Protocol: r.protocol, Port: r.port, Host: r.host, Path: r.path, Query: r.query, StatusCode: r.statusCode };
  }
  out.Order = a.order ?? index + 1;
  return out;
}

export const actionsXml = (actions: readonly ActionRecord[]) => members(actions.map(actionXml));

export function listenerXml(l: ListenerRecord): XmlObject {
  return {
    ListenerArn: l.listenerArn,
    LoadBalancerArn: l.loadBalancerArn,
    Port: l.port,
    Protocol: l.protocol,
    DefaultActions: actionsXml(l.defaultActions),
  };
}

function conditionXml(c: ConditionRecord): XmlObject {
  const values = members(c.values);
  switch (c.field) {
    case 'path-pattern':
      return { Field: c.field, Values: values, PathPatternConfig: { Values: values } };
    case 'host-header':
      return { Field: c.field, Values: values, HostHeaderConfig: { Values: values } };
    case 'http-request-method':
      return { Field: c.field, HttpRequestMethodConfig: { Values: values } };
    case 'source-ip':
      return { Field: c.field, SourceIpConfig: { Values: values } };
    case 'http-header':
      return { Field: c.field, HttpHeaderConfig: { HttpHeaderName: c.headerName, Values: values } };
    case 'query-string':
      return {
        Field: c.field,
        QueryStringConfig: { Values: members((c.queryStrings ?? []).map((kv) => ({ Key: kv.key, Value: kv.value }))) },
      };
  }
}

export function ruleXml(r: RuleRecord): XmlObject {
  return {
    RuleArn: r.ruleArn,
    Priority: String(r.priority),
    Conditions: members(r.conditions.map(conditionXml)),
    Actions: actionsXml(r.actions),
    IsDefault: false,
  };
}

export function defaultRuleXml(l: ListenerRecord): XmlObject {
  return { RuleArn: l.defaultRuleArn, Priority: 'default', Conditions: '', Actions: actionsXml(l.defaultActions), IsDefault: true };
}

export const tagsXml = (tags: readonly Tag[]) => members(tags.map((t) => ({ Key: t.key, Value: t.value })));

export const attributesXml = (attrs: Readonly<Record<string, string>>) =>
  members(
    Object.keys(attrs)
      .sort()
      .map((key) => ({ Key: key, Value: attrs[key]! })),
  );
