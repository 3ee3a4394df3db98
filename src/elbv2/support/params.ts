// ELBv2's structured parameters: actions, conditions, tags, attributes and targets, read from the awsQuery form
// and checked as ELBv2 checks them (ValidationError with its wording).
import type { ActionRecord, ConditionRecord, RedirectConfig } from '../../domain/elbv2/records.js';
import { paginate } from '../../domain/pagination.js';
import type { Tag } from '../../domain/tags.js';
import { queryParams as q } from '../../protocol/aws-query.js';
import type { QueryParams } from '../../protocol/query-params.js';
import { duplicateTagKeys, tooManyTags, validationError } from '../errors.js';

const ACTION_TYPES = ['forward', 'fixed-response', 'redirect'] as const;
const CONDITION_FIELDS = ['path-pattern', 'host-header', 'http-header', 'query-string', 'http-request-method', 'source-ip'] as const;

function actionOf(p: QueryParams, index: number): ActionRecord {
  const type = q.str(p, 'Type');
  if (!type) throw validationError(`An action type must be specified for action ${index + 1}`);
  if (!(ACTION_TYPES as readonly string[]).includes(type))
    throw validationError(
      `1 validation error detected: Value '${type}' at 'actions.${index + 1}.member.type' failed to satisfy constraint: Member must satisfy enum value set: [forward, fixed-response, redirect]`,
    );
  const order = q.int(p, 'Order');
  if (order !== undefined && (order < 1 || order > 50000)) throw validationError('Action order must be between 1 and 50000');
  const action: ActionRecord = { type: type as ActionRecord['type'], ...(order !== undefined ? { order } : {}) };
  if (type === 'forward') {
    const single = q.str(p, 'TargetGroupArn');
    const config = q.struct(p, 'ForwardConfig');
    const groups = config
      ? q
          .structList(config, 'TargetGroups')
          .map((g) => ({ targetGroupArn: q.requiredStr(g, 'TargetGroupArn'), weight: q.int(g, 'Weight') ?? 1 }))
      : [];
    if (single && groups.length > 0 && !(groups.length === 1 && groups[0]!.targetGroupArn === single))
      throw validationError('You cannot specify both a target group ARN and a forward config with target groups that do not match');
    const targetGroups = groups.length > 0 ? groups : single ? [{ targetGroupArn: single, weight: 1 }] : [];
    if (targetGroups.length === 0) throw validationError('A target group ARN must be specified');
    if (targetGroups.length > 5) throw validationError('You can specify up to 5 target groups in a forward action');
    if (targetGroups.some((g) => g.weight < 0 || g.weight > 999)) throw validationError('Target group weight must be between 0 and 999');
    if (new Set(targetGroups.map((g) => g.targetGroupArn)).size !== targetGroups.length)
      throw validationError('A target group cannot be specified more than once in a forward action');
    const stickiness = config && q.struct(config, 'TargetGroupStickinessConfig');
    const duration = stickiness && q.int(stickiness, 'DurationSeconds');
    action.forward = {
      targetGroups,
      stickiness: {
        enabled: (stickiness && q.bool(stickiness, 'Enabled')) ?? false,
        ...(duration !== undefined ? { durationSeconds: duration } : {}),
      },
      single: groups.length === 0,
    };
  } else if (type === 'fixed-response') {
    const config = q.struct(p, 'FixedResponseConfig');
    if (!config) throw validationError('A fixed response config must be specified for a fixed-response action');
    const statusCode = q.requiredStr(config, 'StatusCode');
    if (!/^[2-5]\d\d$/.test(statusCode)) throw validationError(`Fixed response status code '${statusCode}' is not valid`);
    const contentType = q.str(config, 'ContentType');
    const messageBody = q.str(config, 'MessageBody');
    action.fixedResponse = { statusCode, ...(contentType ? { contentType } : {}), ...(messageBody !== undefined ? { messageBody } : {}) };
  } else {
    const config = q.struct(p, 'RedirectConfig');
    if (!config) throw validationError('A redirect config must be specified for a redirect action');
    const statusCode = q.requiredStr(config, 'StatusCode');
    if (statusCode !== 'HTTP_301' && statusCode !== 'HTTP_302')
      throw validationError(
        `1 validation error detected: Value '${statusCode}' at 'redirectConfig.statusCode' failed to satisfy constraint: Member must satisfy enum value set: [HTTP_301, HTTP_302]`,
      );
    const redirect: RedirectConfig = {
      protocol: q.str(config, 'Protocol') ?? '#{protocol}',
      port: q.str(config, 'Port') ?? '#{port}',
      host: q.str(config, 'Host') ?? '#{host}',
      path: q.str(config, 'Path') ?? '/#{path}',
      query: q.str(config, 'Query') ?? '#{query}',
      statusCode,
    };
    if (
      redirect.protocol === '#{protocol}' &&
      redirect.port === '#{port}' &&
      redirect.host === '#{host}' &&
      redirect.path === '/#{path}' &&
      redirect.query === '#{query}'
    )
      throw validationError('The redirect configuration is not valid: it would redirect to the same location');
    action.redirect = redirect;
  }
  return action;
}

/** The `Actions`/`DefaultActions` list: at least one, exactly one answering (forward, fixed-response or redirect). */
export function actionsOf(p: QueryParams, name: 'Actions' | 'DefaultActions'): ActionRecord[] {
  const list = q.structList(p, name);
  if (list.length === 0) {
    q.requiredStr(p, name); // absent or sent empty: Coral's "must not be null"
    throw validationError(`${name} cannot be empty`);
  }
  const actions = list.map(actionOf);
  if (actions.length > 1)
    throw validationError('You can specify only one action that answers the request (forward, fixed-response or redirect)');
  return actions;
}

function valuesOf(p: QueryParams, config: string): string[] {
  const c = q.struct(p, config);
  return c ? q.strList(c, 'Values') : [];
}

function conditionOf(p: QueryParams): ConditionRecord {
  const field = q.requiredStr(p, 'Field');
  if (!(CONDITION_FIELDS as readonly string[]).includes(field)) throw validationError(`Condition field '${field}' is not supported`);
  const legacy = q.strList(p, 'Values');
  const f = field as ConditionRecord['field'];
  switch (f) {
    case 'http-header': {
      const c = q.struct(p, 'HttpHeaderConfig');
      if (!c) throw validationError("A 'HttpHeaderConfig' must be specified with 'http-header'");
      const values = q.strList(c, 'Values');
      if (values.length === 0) throw validationError("A 'HttpHeaderConfig' must have at least one value");
      return { field: f, headerName: q.requiredStr(c, 'HttpHeaderName'), values };
    }
    case 'query-string': {
      const c = q.struct(p, 'QueryStringConfig');
      const pairs = c ? q.structList(c, 'Values') : [];
      if (pairs.length === 0) throw validationError("A 'QueryStringConfig' must have at least one value");
      return {
        field: f,
        values: [],
        queryStrings: pairs.map((v) => {
          const key = q.str(v, 'Key');
          return { ...(key !== undefined ? { key } : {}), value: q.requiredStr(v, 'Value') };
        }),
      };
    }
    default: {
      const configName = {
        'path-pattern': 'PathPatternConfig',
        'host-header': 'HostHeaderConfig',
        'http-request-method': 'HttpRequestMethodConfig',
        'source-ip': 'SourceIpConfig',
      }[f];
      const configured = valuesOf(p, configName);
      if (legacy.length > 0 && configured.length > 0)
        throw validationError(`You cannot use both 'Values' and '${configName}' in a condition`);
      const values = configured.length > 0 ? configured : legacy;
      if (values.length === 0) throw validationError(`A condition value must be specified for field '${field}'`);
      if (f === 'path-pattern' && values.some((v) => v.length > 128))
        throw validationError('A path pattern cannot be longer than 128 characters');
      return { field: f, values, ...(legacy.length > 0 ? { legacyValues: true } : {}) };
    }
  }
}

export function conditionsOf(p: QueryParams): ConditionRecord[] {
  const list = q.structList(p, 'Conditions').map(conditionOf);
  if (list.length === 0) throw validationError('A rule must have at least one condition');
  const fields = list.map((c) => c.field).filter((f) => f !== 'http-header' && f !== 'query-string');
  const dup = fields.find((f, i) => fields.indexOf(f) !== i);
  if (dup) throw validationError(`A rule can only have one '${dup}' condition`);
  const values = list.reduce((n, c) => n + c.values.length + (c.queryStrings?.length ?? 0), 0);
  if (values > 5) throw validationError('A rule can only have 5 condition values');
  return list;
}

export function tagsOf(p: QueryParams, name = 'Tags'): Tag[] {
  const tags = q.structList(p, name).map((t) => ({ key: q.requiredStr(t, 'Key'), value: q.str(t, 'Value') ?? '' }));
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.key)) throw duplicateTagKeys(t.key);
    seen.add(t.key);
    if (t.key.toLowerCase().startsWith('aws:')) throw validationError(`Tag key '${t.key}' cannot start with 'aws:'`);
    if (t.key.length > 128) throw validationError(`Tag key '${t.key}' cannot be longer than 128 characters`);
    if (t.value.length > 256) throw validationError(`Tag value for key '${t.key}' cannot be longer than 256 characters`);
  }
  if (tags.length > 50) throw tooManyTags();
  return tags;
}

/** Merges tags into a resource's, refusing more than 50 in all. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) byKey.set(t.key, t.value);
  if (byKey.size > 50) throw tooManyTags();
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** `Attributes.member.N.Key/Value` as a map, each key known to `defaults`. */
export function attributesOf(p: QueryParams, defaults: Readonly<Record<string, string>>, what: string): Record<string, string> {
  const list = q.structList(p, 'Attributes');
  if (list.length === 0) throw validationError('Attributes cannot be empty');
  const out: Record<string, string> = {};
  for (const a of list) {
    const key = q.requiredStr(a, 'Key');
    if (!Object.hasOwn(defaults, key)) throw validationError(`${what} attribute key '${key}' is not recognized`);
    out[key] = q.str(a, 'Value') ?? '';
  }
  return out;
}

/** Whole numbers in a range, for attribute values. */
export function checkIntAttribute(attrs: Record<string, string>, key: string, min: number, max: number, also: number[] = []): void {
  const v = attrs[key];
  if (v === undefined) return;
  const n = Number(v);
  if (!/^\d+$/.test(v) || ((n < min || n > max) && !also.includes(n)))
    throw validationError(`'${key}' must be ${also.length ? `${also.join(' or ')} or ` : ''}between ${min} and ${max}`);
}

export function checkBoolAttribute(attrs: Record<string, string>, key: string): void {
  const v = attrs[key];
  if (v !== undefined && v !== 'true' && v !== 'false') throw validationError(`'${key}' must be 'true' or 'false'`);
}

/**
 * A page of a list sorted by `keyOf` (unique), on the shared scheme (domain/pagination.ts): `PageSize` 1..400,
 * without it everything after `Marker`; the marker names the last key returned, so it survives changes to the list.
 */
export function page<T>(p: QueryParams, items: readonly T[], keyOf: (item: T) => string): { items: T[]; nextMarker?: string } {
  const request = { maxResults: q.int(p, 'PageSize'), nextToken: q.str(p, 'Marker') };
  const { items: chosen, nextToken } = paginate(
    items,
    keyOf,
    request,
    { defaultSize: Infinity, max: 400 },
    {
      badToken: (marker) => validationError(`Invalid marker '${marker}'`),
      badSize: (size) =>
        validationError(
          `1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400`,
        ),
    },
  );
  return { items: chosen, ...(nextToken ? { nextMarker: nextToken } : {}) };
}
