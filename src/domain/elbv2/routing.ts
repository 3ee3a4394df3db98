// How a listener picks what to do with a request, as an ALB does: rules in priority order (lowest number first),
// the first whose conditions all match wins, else the default actions. Within a condition any value may match.
// Path patterns are case-sensitive, host names, header values and query strings are not; `*` matches any run of
// characters and `?` one. Pure: the proxy hands in the request's parts.
import { cidrHasIp, parseCidr } from '../network/cidr.js';
import type { ActionRecord, ConditionRecord } from './records.js';

export interface RoutedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** Host header without its port. */
  host: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Decoded query parameters in order. */
  query: readonly [string, string][];
  sourceIp: string;
}

export interface RoutingRule {
  priority: number;
  conditions: readonly ConditionRecord[];
  actions: readonly ActionRecord[];
}

const patternCache = new Map<string, RegExp>();

/** `*` and `?` wildcards over the whole text. */
export function wildcardMatch(pattern: string, text: string, caseInsensitive: boolean): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = patternCache.get(key);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(key, re);
  }
  return re.test(text);
}

function headerValues(headers: RoutedRequest['headers'], name: string): string[] {
  const v = headers[name.toLowerCase()];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function conditionMatches(c: ConditionRecord, req: RoutedRequest): boolean {
  switch (c.field) {
    case 'path-pattern':
      return c.values.some((p) => wildcardMatch(p, req.path, false));
    case 'host-header':
      return c.values.some((p) => wildcardMatch(p, req.host, true));
    case 'http-request-method':
      return c.values.includes(req.method);
    case 'http-header': {
      const values = headerValues(req.headers, c.headerName ?? '');
      return values.some((v) => c.values.some((p) => wildcardMatch(p, v, true)));
    }
    case 'query-string':
      return (c.queryStrings ?? []).some((q) =>
        req.query.some(([k, v]) => (q.key === undefined || wildcardMatch(q.key, k, true)) && wildcardMatch(q.value, v, true)),
      );
    case 'source-ip':
      return c.values.some((cidr) => {
        const parsed = parseCidr(cidr);
        return parsed !== null && cidrHasIp(parsed, req.sourceIp);
      });
  }
}

/** The actions for the request: the first matching rule's (by priority), else the default actions. */
export function route(rules: readonly RoutingRule[], defaultActions: readonly ActionRecord[], req: RoutedRequest): readonly ActionRecord[] {
  for (const rule of rules) {
    if (rule.conditions.every((c) => conditionMatches(c, req))) return rule.actions;
  }
  return defaultActions;
}

/** The action that answers: the one with the lowest order (ALB runs authenticate actions first; none here). */
export function terminalAction(actions: readonly ActionRecord[]): ActionRecord | undefined {
  return [...actions].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).at(-1);
}

/** An HTTP status code a matcher allows: `200`, `200,202`, `200-299`. */
export function matcherAllows(matcher: string, status: number): boolean {
  return matcher.split(',').some((part) => {
    const [lo, hi] = part.trim().split('-').map(Number);
    return hi === undefined ? status === lo : status >= lo! && status <= hi;
  });
}

/** The redirect location, filling `#{protocol}`, `#{host}`, `#{port}`, `#{path}` and `#{query}` from the request. */
export function redirectLocation(
  r: { protocol: string; port: string; host: string; path: string; query: string },
  req: { protocol: string; host: string; port: number; path: string; query: string },
): string {
  const fill = (template: string) =>
    template
      .replace(/#\{protocol\}/g, req.protocol.toUpperCase())
      .replace(/#\{host\}/g, req.host)
      .replace(/#\{port\}/g, String(req.port))
      .replace(/#\{path\}/g, req.path.replace(/^\//, ''))
      .replace(/#\{query\}/g, req.query);
  const protocol = fill(r.protocol).toLowerCase();
  const port = fill(r.port);
  const defaultPort = (protocol === 'https' && port === '443') || (protocol === 'http' && port === '80');
  const path = fill(r.path);
  const query = fill(r.query);
  return `${protocol}://${fill(r.host)}${defaultPort ? '' : `:${port}`}${path.startsWith('/') ? path : `/${path}`}${query ? `?${query}` : ''}`;
}
