// ListTaskDefinitions and ListTaskDefinitionFamilies: filters, order and pages.
import { paginate, type Page, type PageRequest } from './pagination.js';
import type { TaskDefinitionState, TaskDefinitionStatus } from './task-definition.js';

/** Both operations return up to 100 results a page, and accept maxResults from 1 to 100. */
export const TASK_DEFINITION_PAGE_LIMITS = { defaultSize: 100, max: 100 } as const;

export interface ListTaskDefinitionsQuery extends PageRequest {
  /** The full family name (despite its name, not a prefix: AWS matches the family exactly). */
  familyPrefix?: string;
  status?: TaskDefinitionStatus;
  sort?: 'ASC' | 'DESC';
}

/**
 * A key that sorts by family (code-unit order) and then numerically by revision. Family names never hold
 * U+0001, so no key is a prefix of another, and flipping every code unit reverses the order exactly (DESC).
 */
export function taskDefinitionSortKey(family: string, revision: number, sort: 'ASC' | 'DESC' = 'ASC'): string {
  const ascending = `${family}\u0001${String(revision).padStart(10, '0')}`;
  if (sort === 'ASC') return ascending;
  return Array.from(ascending, (ch) => String.fromCharCode(0xffff - ch.charCodeAt(0))).join('');
}

/** ARNs of one status (ACTIVE by default), by family then revision; DESC lists the newest revisions first. */
export function listTaskDefinitionArns(state: Readonly<TaskDefinitionState>, query: ListTaskDefinitionsQuery): Page<string> {
  const status = query.status ?? 'ACTIVE';
  const sort = query.sort ?? 'ASC';
  const rows = Object.values(state.taskDefinitions)
    .filter((r) => r.status === status && (!query.familyPrefix || r.family === query.familyPrefix))
    .map((r) => ({ arn: r.taskDefinitionArn, key: taskDefinitionSortKey(r.family, r.revision, sort) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = paginate(rows, (row) => row.key, query, TASK_DEFINITION_PAGE_LIMITS);
  return { items: page.items.map((row) => row.arn), nextToken: page.nextToken };
}

export type FamilyStatusFilter = 'ACTIVE' | 'INACTIVE' | 'ALL';

export interface ListFamiliesQuery extends PageRequest {
  /** A real prefix here: families whose name begins with it. */
  familyPrefix?: string;
  /** ALL by default. ACTIVE: families with an ACTIVE revision; INACTIVE: families with none. */
  status?: FamilyStatusFilter;
}

/** Family names that still hold at least one revision, alphabetically. */
export function listTaskDefinitionFamilies(state: Readonly<TaskDefinitionState>, query: ListFamiliesQuery): Page<string> {
  const active = new Map<string, boolean>();
  for (const record of Object.values(state.taskDefinitions)) {
    active.set(record.family, (active.get(record.family) ?? false) || record.status === 'ACTIVE');
  }
  return listFamilies(active, query);
}

/** The same, from each family that holds a revision and whether one of them is ACTIVE. */
export function listFamilies(active: ReadonlyMap<string, boolean>, query: ListFamiliesQuery): Page<string> {
  const status = query.status ?? 'ALL';
  const families = [...active.entries()]
    .filter(([family, hasActive]) => {
      if (query.familyPrefix && !family.startsWith(query.familyPrefix)) return false;
      return status === 'ALL' || (status === 'ACTIVE') === hasActive;
    })
    .map(([family]) => family)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return paginate(families, (family) => family, query, TASK_DEFINITION_PAGE_LIMITS);
}
