// The three Create*Namespace calls share their shape: name, optional description, tags and SOA TTL.
import type { ActionContext } from '../../actions/context.js';
import { createNamespace as create } from '../../domain/cloudmap/namespaces.js';
import type { NamespaceType } from '../../domain/cloudmap/records.js';
import { newHostedZoneId, newNamespaceId, newOperationId } from '../../domain/cloudmap/ids.js';
import { body, optInt, optObject, optString, optTags, reqObject, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export function createNamespaceOfType(ctx: ActionContext, input: unknown, type: NamespaceType) {
  const b = body(input);
  const name = reqString(b, 'Name', 1024);
  const vpc = type === 'DNS_PRIVATE' ? reqString(b, 'Vpc', 64) : undefined;
  const dnsProperties = type === 'HTTP' ? undefined : optObject(optObject(b, 'Properties') ?? {}, 'DnsProperties');
  const soaTtl = dnsProperties ? optInt(reqObject(dnsProperties, 'SOA'), 'TTL', 0, 2147483647) : undefined;
  const ids = {
    namespaceId: newNamespaceId(ctx.deps.ids),
    operationId: newOperationId(ctx.deps.ids),
    hostedZoneId: newHostedZoneId(ctx.deps.ids),
  };
  const operationId = updateState(ctx, (s) =>
    create(
      s,
      ctx.scope,
      {
        name,
        type,
        description: optString(b, 'Description', 1024),
        vpc,
        soaTtl,
        creatorRequestId: optString(b, 'CreatorRequestId', 64),
        tags: optTags(b),
      },
      ids,
      ctx.deps.clock.now(),
    ),
  );
  return { OperationId: operationId };
}
