import { iamPolicyArn } from '../../domain/arn.js';
import { checkName, checkPath, checkPolicyDocument, entityExists, iamUniqueId, mergeTags, type PolicyRecord } from '../../domain/iam.js';
import type { AwsQueryAction } from '../../protocol/aws-query.js';
import { checked, newHex, requiredStr, str, tagsParam, updateIam } from '../support/state.js';
import { policyXml } from '../wire/iam.js';

export const createPolicy: AwsQueryAction = (ctx) => {
  const name = requiredStr(ctx.params, 'PolicyName');
  const document = requiredStr(ctx.params, 'PolicyDocument');
  const path = str(ctx.params, 'Path') ?? '/';
  checked(() => {
    checkName('policyName', name);
    checkPath(path);
    checkPolicyDocument(document);
  });
  const arn = iamPolicyArn(ctx.scope, path, name);
  const policy = updateIam(ctx, (s) => {
    if (s.iamPolicies[arn]) throw entityExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    const now = ctx.deps.clock.now();
    const p: PolicyRecord = {
      policyName: name,
      policyId: iamUniqueId('ANPA', newHex(ctx)),
      arn,
      path,
      description: str(ctx.params, 'Description'),
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', document, createdAt: now }],
      nextVersion: 2,
      tags: mergeTags([], tagsParam(ctx.params)),
      createdAt: now,
      updatedAt: now,
    };
    s.iamPolicies[arn] = p;
    return p;
  });
  return { Policy: policyXml(policy, 0) };
};
