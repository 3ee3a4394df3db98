// EC2's query parameters: flat, dotted keys with 1-based list indexes (`Filter.1.Name=vpc-id`,
// `Filter.1.Value.1=vpc-…`, `IpPermissions.1.IpRanges.1.CidrIp=…`) turned into nested objects and lists, and
// typed reads with EC2's errors for values of the wrong kind.
import { invalidParameterValue, missingParameter } from '../../domain/network/ec2-errors.js';

export type QueryNode = string | QueryNode[] | QueryParams;
export interface QueryParams {
  [key: string]: QueryNode;
}

const isIndex = (segment: string) => /^[1-9]\d*$/.test(segment);

function compact(node: QueryNode): QueryNode {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.filter((n) => n !== undefined).map(compact);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, compact(v)]));
}

/** Nests the flat parameters; Action and Version stay as plain members. Malformed keys are ignored. */
export function parseQueryParams(params: URLSearchParams): QueryParams {
  const root: QueryParams = {};
  for (const [key, value] of params) {
    const segments = key.split('.');
    if (segments.some((s) => s === '') || isIndex(segments[0]!)) continue;
    let node: QueryParams | QueryNode[] = root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const last = i === segments.length - 1;
      const slot: string | number = Array.isArray(node) ? Number(segment) - 1 : segment;
      if (Array.isArray(node) !== isIndex(segment)) break;
      const holder = node as Record<string | number, QueryNode>;
      if (last) {
        if (holder[slot] === undefined) holder[slot] = value;
        break;
      }
      const wantList = isIndex(segments[i + 1]!);
      let child = holder[slot];
      if (child === undefined || typeof child === 'string' || Array.isArray(child) !== wantList) {
        child = wantList ? [] : {};
        holder[slot] = child;
      }
      node = child as QueryParams | QueryNode[];
    }
  }
  return compact(root) as QueryParams;
}

export function str(p: QueryParams, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredStr(p: QueryParams, name: string): string {
  const v = str(p, name);
  if (v === undefined || v === '') throw missingParameter(name);
  return v;
}

export function int(p: QueryParams, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v.trim())) throw invalidParameterValue(`Invalid value '${v}' for ${name}. It should be an integer.`);
  return Number(v);
}

export function bool(p: QueryParams, name: string): boolean | undefined {
  const v = str(p, name)?.toLowerCase();
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalidParameterValue(`Invalid value '${v}' for ${name}. It should be a boolean.`);
  return v === 'true';
}

/** A list of strings (`VpcId.1`, `VpcId.2`, …). */
export function strList(p: QueryParams, name: string): string[] {
  const v = p[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A list of structures (`Filter.1.Name`, …). */
export function structList(p: QueryParams, name: string): QueryParams[] {
  const v = p[name];
  return Array.isArray(v) ? v.filter((x): x is QueryParams => typeof x === 'object' && !Array.isArray(x)) : [];
}

export function struct(p: QueryParams, name: string): QueryParams | undefined {
  const v = p[name];
  return typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
