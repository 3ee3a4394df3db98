import { describe, expect, it } from 'vitest';
import { catchEcsError } from '../../test/support/ecs-error.js';
import { listTaskDefinitionArns, listTaskDefinitionFamilies, taskDefinitionSortKey } from './task-definition-listing.js';
import type { TaskDefinitionRecord, TaskDefinitionState, TaskDefinitionStatus } from './task-definition.js';

const ARN = 'arn:aws:ecs:us-east-1:000000000000:task-definition';

function stateOf(...specs: Array<[string, number, TaskDefinitionStatus]>): TaskDefinitionState {
  const records: TaskDefinitionRecord[] = specs.map(([family, revision, status]) => ({
    taskDefinitionArn: `${ARN}/${family}:${revision}`,
    family,
    revision,
    status,
    containerDefinitions: [],
    registeredAt: 0,
  }));
  return { taskDefinitions: Object.fromEntries(records.map((r) => [`${r.family}:${r.revision}`, r])), taskDefinitionFamilies: {} };
}

const short = (arns: string[]) => arns.map((a) => a.slice(ARN.length + 1));

// Inserted out of order on purpose; "web-2" sorts before "web" would if families were compared with their revisions.
const STATE = stateOf(
  ['web', 10, 'ACTIVE'],
  ['web', 9, 'ACTIVE'],
  ['api', 2, 'ACTIVE'],
  ['web', 2, 'ACTIVE'],
  ['web-2', 1, 'ACTIVE'],
  ['Zeta', 1, 'ACTIVE'],
  ['api', 1, 'INACTIVE'],
  ['old', 1, 'INACTIVE'],
  ['gone', 1, 'DELETE_IN_PROGRESS'],
);

describe('taskDefinitionSortKey', () => {
  it('orders by family then by numeric revision, and DESC reverses both exactly', () => {
    const pairs: Array<[string, number]> = [
      ['a', 2],
      ['a', 10],
      ['a-b', 1],
      ['ab', 1],
      ['b', 1],
      ['A', 3],
    ];
    const asc = [...pairs].sort((x, y) => (taskDefinitionSortKey(...x) < taskDefinitionSortKey(...y) ? -1 : 1));
    expect(asc).toEqual([
      ['A', 3],
      ['a', 2],
      ['a', 10],
      ['a-b', 1],
      ['ab', 1],
      ['b', 1],
    ]);
    const desc = [...pairs].sort((x, y) => (taskDefinitionSortKey(...x, 'DESC') < taskDefinitionSortKey(...y, 'DESC') ? -1 : 1));
    expect(desc).toEqual([...asc].reverse());
  });
});

describe('listTaskDefinitionArns', () => {
  it('lists ACTIVE revisions by family, then revision number (ASC by default)', () => {
    expect(short(listTaskDefinitionArns(STATE, {}).items)).toEqual(['Zeta:1', 'api:2', 'web:2', 'web:9', 'web:10', 'web-2:1']);
  });

  it('reverses family and revision order with DESC', () => {
    expect(short(listTaskDefinitionArns(STATE, { sort: 'DESC' }).items)).toEqual([
      'web-2:1',
      'web:10',
      'web:9',
      'web:2',
      'api:2',
      'Zeta:1',
    ]);
  });

  it('filters by status', () => {
    expect(short(listTaskDefinitionArns(STATE, { status: 'INACTIVE' }).items)).toEqual(['api:1', 'old:1']);
    expect(short(listTaskDefinitionArns(STATE, { status: 'DELETE_IN_PROGRESS' }).items)).toEqual(['gone:1']);
  });

  it('matches familyPrefix against the whole family name', () => {
    expect(short(listTaskDefinitionArns(STATE, { familyPrefix: 'web' }).items)).toEqual(['web:2', 'web:9', 'web:10']);
    expect(listTaskDefinitionArns(STATE, { familyPrefix: 'we' }).items).toEqual([]);
  });

  it.each(['ASC', 'DESC'] as const)('pages through every revision exactly once (%s)', (sort) => {
    const all = listTaskDefinitionArns(STATE, { sort }).items;
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = listTaskDefinitionArns(STATE, { sort, maxResults: 4, nextToken });
      seen.push(...page.items);
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken);
    expect(seen).toEqual(all);
    expect(pages).toBe(2);
  });

  it.each([0, 101])('refuses maxResults %i', (maxResults) => {
    const err = catchEcsError(() => listTaskDefinitionArns(STATE, { maxResults }));
    expect(err.code).toBe('InvalidParameterException');
  });
});

describe('listTaskDefinitionFamilies', () => {
  it('lists every family with a revision by default (ALL)', () => {
    expect(listTaskDefinitionFamilies(STATE, {}).items).toEqual(['Zeta', 'api', 'gone', 'old', 'web', 'web-2']);
  });

  it('ACTIVE: families with an ACTIVE revision; INACTIVE: families without one', () => {
    expect(listTaskDefinitionFamilies(STATE, { status: 'ACTIVE' }).items).toEqual(['Zeta', 'api', 'web', 'web-2']);
    expect(listTaskDefinitionFamilies(STATE, { status: 'INACTIVE' }).items).toEqual(['gone', 'old']);
  });

  it('filters by a real prefix', () => {
    expect(listTaskDefinitionFamilies(STATE, { familyPrefix: 'we' }).items).toEqual(['web', 'web-2']);
    expect(listTaskDefinitionFamilies(STATE, { familyPrefix: 'web-', status: 'ACTIVE' }).items).toEqual(['web-2']);
  });

  it('pages', () => {
    const first = listTaskDefinitionFamilies(STATE, { maxResults: 4 });
    expect(first.items).toEqual(['Zeta', 'api', 'gone', 'old']);
    const second = listTaskDefinitionFamilies(STATE, { maxResults: 4, nextToken: first.nextToken });
    expect(second).toEqual({ items: ['web', 'web-2'], nextToken: undefined });
  });

  it('forgets families whose revisions are all gone', () => {
    expect(listTaskDefinitionFamilies(stateOf(), {}).items).toEqual([]);
  });
});
