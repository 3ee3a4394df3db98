import { elbTargetGroupArn } from '../../domain/arn.js';
import { DEFAULT_HEALTH_CHECK, TARGET_GROUP_ATTRIBUTE_DEFAULTS } from '../../domain/elbv2/defaults.js';
import type { TargetGroupRecord } from '../../domain/elbv2/records.js';
import { type AwsQueryAction, members, queryParams as q } from '../../protocol/aws-query.js';
import { duplicateTargetGroupName, unsupportedProtocol, validationError } from '../errors.js';
import { healthCheckOf } from '../support/health-check-params.js';
import { tagsOf } from '../support/params.js';
import { elbId, updateElb } from '../support/state.js';
import { targetGroupXml } from '../wire/xml.js';

const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

export const createTargetGroup: AwsQueryAction = (ctx) => {
  const p = ctx.params;
  const name = q.requiredStr(p, 'Name');
  if (name.length > 32) throw validationError(`Target group name '${name}' cannot be longer than '32' characters`);
  if (!NAME.test(name))
    throw validationError(`Target group name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  const targetType = q.str(p, 'TargetType') ?? 'instance';
  if (targetType !== 'ip')
    throw validationError(`Target type '${targetType}' is not supported here; use target type 'ip' (the type Fargate tasks need)`);
  const protocol = q.str(p, 'Protocol');
  if (!protocol) throw validationError("A protocol must be specified for target groups of type 'ip'");
  if (protocol !== 'HTTP' && protocol !== 'HTTPS') throw unsupportedProtocol(protocol);
  const port = q.int(p, 'Port');
  if (port === undefined) throw validationError("A port must be specified for target groups of type 'ip'");
  if (port < 1 || port > 65535) throw validationError('Port must be between 1 and 65535');
  const vpcId = q.str(p, 'VpcId');
  if (!vpcId) throw validationError("A VPC ID must be specified for target groups of type 'ip'");
  // An empty value is the default (the Terraform provider sends `ProtocolVersion=` when none is configured).
  const protocolVersion = q.str(p, 'ProtocolVersion') || 'HTTP1';
  if (!['HTTP1', 'HTTP2', 'GRPC'].includes(protocolVersion))
    throw validationError(`Protocol version '${protocolVersion}' is not supported`);
  const ipAddressType = q.str(p, 'IpAddressType') ?? 'ipv4';
  if (ipAddressType !== 'ipv4') throw validationError(`IP address type '${ipAddressType}' is not supported here`);
  const healthCheck = healthCheckOf(p, { ...DEFAULT_HEALTH_CHECK, protocol: protocol === 'HTTPS' ? 'HTTPS' : 'HTTP' });
  const tags = tagsOf(p);

  const tg = updateElb(ctx, (s) => {
    if (!s.vpcs[vpcId]) throw validationError(`The VPC ID '${vpcId}' is not found`);
    const existing = Object.values(s.targetGroups).find((t) => t.targetGroupName === name);
    if (existing) {
      const same =
        existing.protocol === protocol &&
        existing.port === port &&
        existing.vpcId === vpcId &&
        JSON.stringify(existing.healthCheck) === JSON.stringify(healthCheck);
      if (!same) throw duplicateTargetGroupName(name);
      return existing;
    }
    const arn = elbTargetGroupArn(ctx.scope, name, elbId(ctx));
    const record: TargetGroupRecord = {
      targetGroupArn: arn,
      targetGroupName: name,
      protocol,
      protocolVersion: protocolVersion as TargetGroupRecord['protocolVersion'],
      port,
      vpcId,
      targetType: 'ip',
      ipAddressType: 'ipv4',
      healthCheck,
      attributes: { ...TARGET_GROUP_ATTRIBUTE_DEFAULTS },
      createdAt: ctx.deps.clock.now(),
      targets: [],
    };
    s.targetGroups[arn] = record;
    if (tags.length) s.tags[arn] = tags;
    return record;
  });
  return { TargetGroups: members([targetGroupXml(tg, [])]) };
};
