// Namespaces: HTTP (API discovery only), private DNS (names answered inside one VPC) and public DNS.
// Names are unique per account and region; a retry with the same CreatorRequestId gets the same operation back.
import { cloudMapNamespaceArn } from '../arn.js';
import type { Scope } from '../scope.js';
import { duplicateRequest, invalidInput, namespaceAlreadyExists, namespaceNotFound, resourceInUse } from './errors.js';
import { operationByRequest, recordOperation } from './operations.js';
import type { CloudMapState, CloudMapTag, NamespaceRecord, NamespaceType } from './records.js';
import { checkTags } from './tags.js';

/** SOA TTL of a DNS namespace created without Properties (seconds). */
export const DEFAULT_SOA_TTL = 15;

export interface NewNamespace {
  name: string;
  type: NamespaceType;
  description?: string;
  vpc?: string;
  soaTtl?: number;
  creatorRequestId?: string;
  tags?: CloudMapTag[];
}

export interface NewIds {
  namespaceId: string;
  operationId: string;
  hostedZoneId: string;
}

const DNS_NAME = /^(?=.{1,253}\.?$)((?!-)[A-Za-z0-9_-]{1,63}(?<!-)\.)*(?!-)[A-Za-z0-9_-]{1,63}(?<!-)\.?$/;
const HTTP_NAME = /^[!-~]{1,1024}$/;

/** Creates the namespace and returns the id of the CREATE_NAMESPACE operation. */
export function createNamespace(
  state: CloudMapState & { vpcs: Record<string, unknown> },
  scope: Scope,
  input: NewNamespace,
  ids: NewIds,
  now: number,
): string {
  const earlier = operationByRequest(state, 'CREATE_NAMESPACE', input.creatorRequestId);
  if (earlier) {
    const ns = state.cloudMapNamespaces[earlier.targets.NAMESPACE ?? ''];
    if (ns && ns.name === namespaceName(input.name) && ns.type === input.type) return earlier.id;
    throw duplicateRequest(earlier.id);
  }
  const dns = input.type !== 'HTTP';
  const name = namespaceName(input.name);
  if (!(dns ? DNS_NAME : HTTP_NAME).test(input.name)) throw invalidInput(`Namespace name is not valid: ${input.name}`);
  if (input.description !== undefined && input.description.length > 1024) {
    throw invalidInput('Description must be at most 1024 characters long');
  }
  if (input.type === 'DNS_PRIVATE') {
    if (!input.vpc) throw invalidInput('Vpc is required for a private DNS namespace');
    if (!Object.hasOwn(state.vpcs, input.vpc)) throw invalidInput(`VPC ${input.vpc} does not exist`);
  }
  if (input.soaTtl !== undefined) checkSoaTtl(input.soaTtl);
  const taken = Object.values(state.cloudMapNamespaces).find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (taken) throw namespaceAlreadyExists(name, taken.id, taken.creatorRequestId);
  const arn = cloudMapNamespaceArn(scope, ids.namespaceId);
  const record: NamespaceRecord = {
    id: ids.namespaceId,
    arn,
    name,
    type: input.type,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.type === 'DNS_PRIVATE' ? { vpc: input.vpc! } : {}),
    ...(dns ? { hostedZoneId: ids.hostedZoneId, soaTtl: input.soaTtl ?? DEFAULT_SOA_TTL } : {}),
    createdAt: now,
    ...(input.creatorRequestId !== undefined ? { creatorRequestId: input.creatorRequestId } : {}),
    tags: checkTags(input.tags, arn),
  };
  state.cloudMapNamespaces[record.id] = record;
  return recordOperation(
    state,
    { id: ids.operationId, type: 'CREATE_NAMESPACE', targets: { NAMESPACE: record.id }, requestId: input.creatorRequestId },
    now,
  );
}

/** A DNS name is kept without its trailing dot. */
const namespaceName = (name: string) => (name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name);

function checkSoaTtl(ttl: number): void {
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 2147483647) throw invalidInput('SOA TTL must be between 0 and 2147483647');
}

export function namespaceById(state: Readonly<CloudMapState>, id: string): NamespaceRecord {
  const ns = Object.hasOwn(state.cloudMapNamespaces, id) ? state.cloudMapNamespaces[id] : undefined;
  if (!ns) throw namespaceNotFound(id);
  return ns;
}

/** The namespace a DiscoverInstances call names (its HTTP name, which is its name). */
export function namespaceByName(state: Readonly<CloudMapState>, name: string): NamespaceRecord | undefined {
  const wanted = namespaceName(name).toLowerCase();
  return Object.values(state.cloudMapNamespaces).find((n) => n.name.toLowerCase() === wanted);
}

export function deleteNamespace(state: CloudMapState, id: string, operationId: string, now: number): string {
  namespaceById(state, id);
  if (Object.values(state.cloudMapServices).some((s) => s.namespaceId === id)) {
    throw resourceInUse(`Namespace ${id} has associated services and cannot be deleted`);
  }
  delete state.cloudMapNamespaces[id];
  return recordOperation(state, { id: operationId, type: 'DELETE_NAMESPACE', targets: { NAMESPACE: id } }, now);
}

export interface NamespaceChange {
  description?: string;
  soaTtl?: number;
  updaterRequestId?: string;
}

export function updateNamespace(
  state: CloudMapState,
  id: string,
  expected: NamespaceType,
  change: NamespaceChange,
  operationId: string,
  now: number,
): string {
  const ns = namespaceById(state, id);
  if (ns.type !== expected) throw invalidInput(`Namespace ${id} is not a ${expected} namespace`);
  const earlier = operationByRequest(state, 'UPDATE_NAMESPACE', change.updaterRequestId);
  if (earlier) {
    if (earlier.targets.NAMESPACE === id) return earlier.id;
    throw duplicateRequest(earlier.id);
  }
  if (change.soaTtl !== undefined) checkSoaTtl(change.soaTtl);
  const record = state.cloudMapNamespaces[id]!;
  if (change.description !== undefined) record.description = change.description;
  if (change.soaTtl !== undefined && ns.type !== 'HTTP') record.soaTtl = change.soaTtl;
  return recordOperation(
    state,
    { id: operationId, type: 'UPDATE_NAMESPACE', targets: { NAMESPACE: id }, requestId: change.updaterRequestId },
    now,
  );
}

export const serviceCountOf = (state: Readonly<CloudMapState>, namespaceId: string) =>
  Object.values(state.cloudMapServices).filter((s) => s.namespaceId === namespaceId).length;
