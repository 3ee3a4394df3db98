// IAM is global: an account's roles and policies live in one place whatever region a request is signed for (the
// SDKs sign IAM calls for us-east-1). They are kept in the account's us-east-1 state.
import { type IamState, IamError } from '../../domain/iam.js';
import type { Scope } from '../../domain/scope.js';
import type { Tag } from '../../domain/tags.js';
import { AwsQueryError, type AwsQueryContext, queryParams } from '../../protocol/aws-query.js';
import type { QueryParams } from '../../protocol/query-params.js';

export const IAM_HOME_REGION = 'us-east-1';
const home = (scope: Scope): Scope => ({ accountId: scope.accountId, region: IAM_HOME_REGION });

/** Domain errors become IAM's answers. */
function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof IamError) throw new AwsQueryError(err.code, err.message, err.status);
    throw err;
  }
}

export const readIam = <T>(ctx: AwsQueryContext, fn: (s: Readonly<IamState>) => T): T =>
  translate(() => ctx.deps.store.read(home(ctx.scope), (s) => fn(s)));

export const updateIam = <T>(ctx: AwsQueryContext, fn: (s: IamState) => T): T =>
  translate(() => ctx.deps.store.update(home(ctx.scope), (s) => fn(s)));

/** Runs domain checks that throw IamError. */
export const checked = translate;

export const { str, requiredStr, int, bool, strList, structList } = queryParams;

/** `Tags.member.N.Key/Value`. */
export const tagsParam = (p: QueryParams, name = 'Tags'): Tag[] =>
  structList(p, name).map((t) => ({ key: str(t, 'Key') ?? '', value: str(t, 'Value') ?? '' }));

/** IAM's unique ids from the injected id source. */
export const newHex = (ctx: AwsQueryContext) => ctx.deps.ids.hex32();
