// The query protocols' parameters (EC2 query and awsQuery): flat, dotted keys with 1-based list indexes turned into
// nested objects and lists. EC2 writes lists as `Filter.1.Name=…`; awsQuery services (ELBv2, IAM, STS) write them
// as `Subnets.member.1=…` and maps as `Attributes.entry.1.key=…`, and an empty list as a bare `Subnets=`. With
// `awsQuery` the `member` step is folded away, so both read the same: `{ Subnets: ['subnet-1'] }`.
// Typed reads throw the calling service's own errors (paramReaders).

export type QueryNode = string | QueryNode[] | QueryParams;
export interface QueryParams {
  [key: string]: QueryNode;
}

export interface ParseOptions {
  /** awsQuery: `Name.member.N` is the list `Name`. */
  awsQuery?: boolean;
}

const isIndex = (segment: string) => /^[1-9]\d*$/.test(segment);

function compact(node: QueryNode): QueryNode {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.filter((n) => n !== undefined).map(compact);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, compact(v)]));
}

function segmentsOf(key: string, options: ParseOptions): string[] {
  const segments = key.split('.');
  if (!options.awsQuery) return segments;
  return segments.filter((s, i) => !(s === 'member' && i > 0 && i + 1 < segments.length && isIndex(segments[i + 1]!)));
}

/** Nests the flat parameters; Action and Version stay as plain members. Malformed keys are ignored. */
export function parseQueryParams(params: URLSearchParams, options: ParseOptions = {}): QueryParams {
  const root: QueryParams = {};
  for (const [key, value] of params) {
    const segments = segmentsOf(key, options);
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

/** How a service says a parameter is missing or of the wrong kind. */
export interface ParamErrors {
  missing(name: string): Error;
  invalid(name: string, value: string, kind: 'integer' | 'boolean'): Error;
}

export interface ParamReaders {
  str(p: QueryParams, name: string): string | undefined;
  requiredStr(p: QueryParams, name: string): string;
  int(p: QueryParams, name: string): number | undefined;
  bool(p: QueryParams, name: string): boolean | undefined;
  /** A list of strings (`VpcId.1`, `Subnets.member.1`, …); absent or empty is []. */
  strList(p: QueryParams, name: string): string[];
  /** A list of structures (`Filter.1.Name`, `Tags.member.1.Key`, …). */
  structList(p: QueryParams, name: string): QueryParams[];
  struct(p: QueryParams, name: string): QueryParams | undefined;
  /** Whether the parameter was sent at all (an empty list is sent as `Name=`). */
  has(p: QueryParams, name: string): boolean;
}

export function paramReaders(errors: ParamErrors): ParamReaders {
  const str = (p: QueryParams, name: string) => {
    const v = p[name];
    return typeof v === 'string' ? v : undefined;
  };
  return {
    str,
    requiredStr(p, name) {
      const v = str(p, name);
      if (v === undefined || v === '') throw errors.missing(name);
      return v;
    },
    int(p, name) {
      const v = str(p, name);
      if (v === undefined) return undefined;
      if (!/^-?\d+$/.test(v.trim())) throw errors.invalid(name, v, 'integer');
      return Number(v);
    },
    bool(p, name) {
      const v = str(p, name)?.toLowerCase();
      if (v === undefined) return undefined;
      if (v !== 'true' && v !== 'false') throw errors.invalid(name, v, 'boolean');
      return v === 'true';
    },
    strList(p, name) {
      const v = p[name];
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    },
    structList(p, name) {
      const v = p[name];
      return Array.isArray(v) ? v.filter((x): x is QueryParams => typeof x === 'object' && !Array.isArray(x)) : [];
    },
    struct(p, name) {
      const v = p[name];
      return typeof v === 'object' && !Array.isArray(v) ? v : undefined;
    },
    has: (p, name) => p[name] !== undefined,
  };
}
