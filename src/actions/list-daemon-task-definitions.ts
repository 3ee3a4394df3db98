import type * as Ecs from '@aws-sdk/client-ecs';
import { invalidParameter } from '../domain/errors.js';
import { paginate } from '../domain/pagination.js';
import type { ActionContext } from './context.js';

/** Summaries by family and revision (ASC by default); ACTIVE ones unless `status` says otherwise. */
export function listDaemonTaskDefinitions(
  ctx: ActionContext,
  input: Ecs.ListDaemonTaskDefinitionsRequest,
): Ecs.ListDaemonTaskDefinitionsResponse {
  const { scope, deps } = ctx;
  if (input.family !== undefined && input.familyPrefix !== undefined) throw invalidParameter('Specify family or familyPrefix, not both.');
  const status = input.status ?? 'ACTIVE';
  const desc = input.sort === 'DESC';
  return deps.store.read(scope, (state) => {
    let all = Object.values(state.daemonTaskDefinitions).filter(
      (td) =>
        (status === 'ALL' || td.status === status) &&
        (input.family === undefined || td.family === input.family) &&
        (input.familyPrefix === undefined || td.family.startsWith(input.familyPrefix)),
    );
    if (input.revision === 'LAST_REGISTERED') {
      const last = new Map<string, number>();
      for (const td of all) last.set(td.family, Math.max(last.get(td.family) ?? 0, td.revision));
      all = all.filter((td) => last.get(td.family) === td.revision);
    }
    const keyOf = (td: (typeof all)[number]) => {
      const rev = String(td.revision).padStart(10, '0');
      return desc ? `${invert(td.family)}\u0000${invert(rev)}` : `${td.family}\u0000${rev}`;
    };
    const sorted = all.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    const page = paginate(sorted, keyOf, input, { defaultSize: 100, max: 100 });
    return {
      daemonTaskDefinitions: page.items.map((td) => ({
        arn: td.daemonTaskDefinitionArn,
        registeredAt: new Date(td.registeredAt),
        registeredBy: td.registeredBy,
        status: td.status,
        ...(td.deleteRequestedAt !== undefined ? { deleteRequestedAt: new Date(td.deleteRequestedAt) } : {}),
      })),
      nextToken: page.nextToken,
    };
  });
}

/** A key that sorts in the reverse order of `text` (for DESC paging over ascending keys). */
function invert(text: string): string {
  return [...text].map((ch) => String.fromCharCode(0xffff - ch.charCodeAt(0))).join('');
}
