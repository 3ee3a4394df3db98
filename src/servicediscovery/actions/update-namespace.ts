// UpdateHttpNamespace, UpdatePrivateDnsNamespace and UpdatePublicDnsNamespace: the description, and the SOA TTL
// of DNS namespaces.
import type { ActionContext } from '../../actions/context.js';
import { updateNamespace } from '../../domain/cloudmap/namespaces.js';
import type { NamespaceType } from '../../domain/cloudmap/records.js';
import { newOperationId } from '../../domain/cloudmap/ids.js';
import { body, optInt, optObject, optString, reqObject, reqString } from '../support/input.js';
import { updateState } from '../support/state.js';

export function updateNamespaceOfType(ctx: ActionContext, input: unknown, type: NamespaceType) {
  const b = body(input);
  const id = reqString(b, 'Id', 64);
  const change = reqObject(b, 'Namespace');
  const description = type === 'HTTP' ? reqString(change, 'Description', 1024) : optString(change, 'Description', 1024);
  const dns = type === 'HTTP' ? undefined : optObject(optObject(change, 'Properties') ?? {}, 'DnsProperties');
  const soaTtl = dns ? optInt(reqObject(dns, 'SOA'), 'TTL', 0, 2147483647) : undefined;
  const operationId = newOperationId(ctx.deps.ids);
  const updaterRequestId = optString(b, 'UpdaterRequestId', 64);
  return {
    OperationId: updateState(ctx, (s) =>
      updateNamespace(s, id, type, { description, soaTtl, updaterRequestId }, operationId, ctx.deps.clock.now()),
    ),
  };
}
