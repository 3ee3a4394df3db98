import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { toWireGatewayConnection } from '../domain/gateway-route.js';
import type { ActionContext } from './context.js';
import { expressManagedResources } from './support/express-service.js';
import { routesOfService, securityGroupArnIn } from './support/gateway-routes.js';
import { toWireServiceRevision } from './wire/service-deployment.js';

const MAX_ARNS = 20;

/** Up to 20 service revisions by ARN; ARNs not found are MISSING failures. */
export function describeServiceRevisions(
  ctx: ActionContext,
  input: Ecs.DescribeServiceRevisionsRequest,
): Ecs.DescribeServiceRevisionsResponse {
  const { scope, deps } = ctx;
  const arns = input.serviceRevisionArns ?? [];
  if (arns.length === 0) throw invalidParameter('serviceRevisionArns cannot be empty.');
  if (arns.length > MAX_ARNS) throw invalidParameter(`serviceRevisionArns can have at most ${MAX_ARNS} items.`);
  return deps.store.read(scope, (state) => {
    const serviceRevisions: Ecs.ServiceRevision[] = [];
    const failures: Ecs.Failure[] = [];
    for (const arn of arns) {
      const record = state.serviceRevisions?.[arn];
      if (!record) {
        failures.push({ arn, reason: 'MISSING' });
        continue;
      }
      const groupArn = securityGroupArnIn(scope);
      const connections = record.gatewayConnectors?.length
        ? routesOfService(state, record.serviceArn).map((r) => toWireGatewayConnection(r, state.gateways[r.gatewayName], groupArn))
        : [];
      const express = state.expressServices?.[record.serviceArn];
      serviceRevisions.push(
        toWireServiceRevision(record, {
          ...(express ? expressManagedResources(state, express, groupArn) : {}),
          ...(connections.length ? { gatewayConnections: connections } : {}),
        }),
      );
    }
    return { serviceRevisions, failures };
  });
}
