// The namespace or service a tagging call's ResourceARN names, in the region's state.
import { resourceNotFound } from '../../domain/cloudmap/errors.js';
import type { CloudMapState, NamespaceRecord, ServiceRecord } from '../../domain/cloudmap/records.js';

export function taggedResource(state: Readonly<CloudMapState>, arn: string): NamespaceRecord | ServiceRecord {
  const found =
    Object.values(state.cloudMapNamespaces).find((n) => n.arn === arn) ?? Object.values(state.cloudMapServices).find((s) => s.arn === arn);
  if (!found) throw resourceNotFound(arn);
  return found;
}

/** The draft record to change (namespaces and services live in different collections). */
export function taggedDraft(state: CloudMapState, arn: string): NamespaceRecord | ServiceRecord {
  const found = taggedResource(state, arn);
  return 'namespaceId' in found ? state.cloudMapServices[found.id]! : state.cloudMapNamespaces[found.id]!;
}
