// The awsQuery protocol (ELBv2, IAM, STS, ...): a form-encoded `Action=…&Version=…` request in, XML out.
//   success: <OpResponse xmlns="…"><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></OpResponse>
//   error:   <ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>
// Lists are `<Name><member>…</member></Name>` (members()), maps `<Name><entry><key/><value/></entry></Name>`
// (entries()): what the SDKs' XmlShapeDeserializer reads. Each service is a table of actions; anything a request
// does becomes that service's answer, never a throw (unexpected failures: 500 InternalFailure, logged).
import type { AppDeps } from '../app-deps.js';
import type { Scope } from '../domain/scope.js';
import type { QueryAnswer, QueryRequest, QueryService } from './query.js';
import { paramReaders, parseQueryParams, type QueryParams } from './query-params.js';
import { XML_CONTENT_TYPE, type XmlObject, xmlDocument } from './xml.js';

export class AwsQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    /** Sender for the caller's faults, Receiver for the service's own. */
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/** The member name as Coral's validation messages spell it: `LoadBalancerArn` → `loadBalancerArn`. */
const memberName = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export const validationError = (message: string) => new AwsQueryError('ValidationError', message);

/** Typed reads of awsQuery parameters, with the ValidationError Coral sends for a missing or ill-typed member. */
export const queryParams = paramReaders({
  missing: (name) =>
    validationError(
      `1 validation error detected: Value null at '${memberName(name)}' failed to satisfy constraint: Member must not be null`,
    ),
  invalid: (name, value, kind) =>
    validationError(
      `1 validation error detected: Value '${value}' at '${memberName(name)}' failed to satisfy constraint: Member must be ${kind === 'integer' ? 'an integer' : 'a boolean'}`,
    ),
});

export interface AwsQueryContext {
  scope: Scope;
  requestId: string;
  deps: AppDeps;
  params: QueryParams;
}

/** One action: the members of its `<OpResult>`. Throws AwsQueryError for the caller's faults. */
export type AwsQueryAction = (ctx: AwsQueryContext) => XmlObject | Promise<XmlObject>;

export interface AwsQueryServiceSpec {
  /** The API version it answers, e.g. ELBv2's `2015-12-01`. */
  version: string;
  /** The XML namespace of its answers, e.g. `http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/`. */
  xmlNamespace: string;
  actions: Readonly<Record<string, AwsQueryAction>>;
  /** For the logs, e.g. `elbv2`. */
  name: string;
}

/** An awsQuery list: `<member>` elements; an empty list is an empty element. */
export function members(items: readonly (XmlObject | string)[]): XmlObject | string {
  return items.length ? { member: [...items] as XmlObject[] } : '';
}

/** An awsQuery map: `<entry><key>…</key><value>…</value></entry>` elements. */
export function entries(map: Readonly<Record<string, string>>): XmlObject | string {
  const list = Object.entries(map).map(([key, value]) => ({ key, value }));
  return list.length ? { entry: list } : '';
}

export function awsQueryResponseXml(action: string, xmlNamespace: string, requestId: string, result: XmlObject): string {
  return xmlDocument({
    [`${action}Response`]: {
      '@_xmlns': xmlNamespace,
      [`${action}Result`]: Object.keys(result).length ? result : '',
      ResponseMetadata: { RequestId: requestId },
    },
  });
}

export function awsQueryErrorXml(error: AwsQueryError, xmlNamespace: string, requestId: string): string {
  return xmlDocument({
    ErrorResponse: {
      '@_xmlns': xmlNamespace,
      Error: { Type: error.type, Code: error.code, Message: error.message },
      RequestId: requestId,
    },
  });
}

export const missingAction = () => new AwsQueryError('MissingAction', 'The request must contain the parameter Action');
export const invalidAction = (action: string, version: string) =>
  new AwsQueryError('InvalidAction', `Could not find operation ${action} for version ${version}`);
export const internalFailure = () => new AwsQueryError('InternalFailure', 'An internal error has occurred', 500);

export function createAwsQueryService({ version, xmlNamespace, actions, name }: AwsQueryServiceSpec): QueryService {
  return {
    version,
    async handle(req: QueryRequest): Promise<QueryAnswer> {
      const { action, requestId, deps } = req;
      try {
        if (!action) throw missingAction();
        const handler = Object.hasOwn(actions, action) ? actions[action] : undefined;
        if (!handler) throw invalidAction(action, version);
        const params = parseQueryParams(req.params, { awsQuery: true });
        const result = await handler({ scope: req.scope, requestId, deps, params });
        await deps.store.flush();
        deps.logger.debug({ requestId, action, service: name }, 'query request');
        return { status: 200, contentType: XML_CONTENT_TYPE, body: awsQueryResponseXml(action, xmlNamespace, requestId, result) };
      } catch (err) {
        const known = err instanceof AwsQueryError ? err : internalFailure();
        if (known !== err) deps.logger.error({ err, requestId, action, service: name }, 'unexpected failure');
        else deps.logger.debug({ requestId, action, service: name, code: known.code }, known.message);
        return { status: known.status, contentType: XML_CONTENT_TYPE, body: awsQueryErrorXml(known, xmlNamespace, requestId) };
      }
    },
  };
}
