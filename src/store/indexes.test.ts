// The store's indexes agree with a full scan after any sequence of changes, on the committed state and inside
// an update (where the draft's own changes must show), and after a reload from disk (which restores the same state).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../domain/task.js';
import {
  familiesOf,
  liveTasks,
  liveTasksInCluster,
  revisionsOfFamily,
  serviceByArn,
  servicesInCluster,
  stoppedTasks,
  taskByArn,
  taskIdsByDesiredStatus,
  tasksOfGroup,
} from './queries.js';
import type { RegionState } from './schema.js';
import { Store } from './store.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const CLUSTERS = ['arn:c/a', 'arn:c/b'];
const STATUSES = ['PROVISIONING', 'RUNNING', 'STOPPED'] as const;
const GROUPS = ['service:web', 'service:api', 'family:x'];
const FAMILIES = ['f1', 'f2', 'f3'];

type Op =
  | { kind: 'putTask'; id: number; cluster: number; status: number; desired: boolean; group: number }
  | { kind: 'setStatus'; id: number; status: number }
  | { kind: 'setStoppedAt'; id: number; at: number | undefined }
  | { kind: 'deleteTask'; id: number }
  | { kind: 'putService'; id: number; cluster: number }
  | { kind: 'deleteService'; id: number }
  | { kind: 'putRevision'; id: number; family: number; active: boolean }
  | { kind: 'deleteRevision'; id: number }
  | { kind: 'failedUpdate'; id: number };

const small = fc.nat({ max: 5 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('putTask' as const),
    id: small,
    cluster: fc.nat({ max: 1 }),
    status: fc.nat({ max: 2 }),
    desired: fc.boolean(),
    group: fc.nat({ max: 2 }),
  }),
  fc.record({ kind: fc.constant('setStatus' as const), id: small, status: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('deleteTask' as const), id: small }),
  fc.record({ kind: fc.constant('setStoppedAt' as const), id: small, at: fc.option(fc.nat(), { nil: undefined }) }),
  fc.record({ kind: fc.constant('putService' as const), id: small, cluster: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant('deleteService' as const), id: small }),
  fc.record({ kind: fc.constant('putRevision' as const), id: small, family: fc.nat({ max: 2 }), active: fc.boolean() }),
  fc.record({ kind: fc.constant('deleteRevision' as const), id: small }),
  fc.record({ kind: fc.constant('failedUpdate' as const), id: small }),
);

const taskId = (n: number) => n.toString(16).padStart(32, '0');

function apply(s: RegionState, o: Op): void {
  switch (o.kind) {
    case 'putTask': {
      const id = taskId(o.id);
      s.tasks[id] = {
        taskId: id,
        taskArn: `arn:task/${id}`,
        clusterArn: CLUSTERS[o.cluster]!,
        lastStatus: STATUSES[o.status]!,
        desiredStatus: o.desired ? 'RUNNING' : 'STOPPED',
        group: GROUPS[o.group]!,
        ...(o.status === 2 ? { stoppedAt: 1 } : {}),
      } as TaskRecord;
      return;
    }
    case 'setStatus': {
      const t = s.tasks[taskId(o.id)];
      if (t) t.lastStatus = STATUSES[o.status]!;
      return;
    }
    case 'setStoppedAt': {
      const t = s.tasks[taskId(o.id)];
      if (t) t.stoppedAt = o.at;
      return;
    }
    case 'deleteTask':
      delete s.tasks[taskId(o.id)];
      return;
    case 'putService':
      s.services[`svc${o.id}`] = { serviceArn: `arn:svc/${o.id}`, clusterArn: CLUSTERS[o.cluster]! } as RegionState['services'][string];
      return;
    case 'deleteService':
      delete s.services[`svc${o.id}`];
      return;
    case 'putRevision':
      s.taskDefinitions[`td:${o.id}`] = {
        family: FAMILIES[o.family]!,
        status: o.active ? 'ACTIVE' : 'INACTIVE',
      } as RegionState['taskDefinitions'][string];
      return;
    case 'deleteRevision':
      delete s.taskDefinitions[`td:${o.id}`];
      return;
    case 'failedUpdate':
      apply(s, { kind: 'putTask', id: o.id, cluster: 0, status: 1, desired: true, group: 0 });
      throw new Error('rejected');
  }
}

/** Every query, as plain data (ids), so indexed and scanned answers compare. */
function answers(s: Readonly<RegionState>) {
  const ids = (records: { taskId?: string; serviceArn?: string }[]) => records.map((r) => r.taskId ?? r.serviceArn);
  const out: Record<string, unknown> = {
    live: ids(liveTasks(s)),
    stopped: ids(stoppedTasks(s)),
    families: [...familiesOf(s)].sort(),
  };
  for (const c of CLUSTERS) {
    out[`live ${c}`] = ids(liveTasksInCluster(s, c));
    out[`services ${c}`] = ids(servicesInCluster(s, c));
    for (const g of GROUPS) out[`group ${c} ${g}`] = ids(tasksOfGroup(s, c, g));
    // Read-only queries answer from the committed state only.
    if (!isDraftLike(s)) for (const d of ['RUNNING', 'STOPPED']) out[`desired ${c} ${d}`] = [...taskIdsByDesiredStatus(s, c, d)];
  }
  for (const f of FAMILIES) out[`family ${f}`] = revisionsOfFamily(s, f).map((d) => d.status);
  for (let i = 0; i < 12; i++) {
    out[`task ${i}`] = taskByArn(s, `arn:task/${taskId(i)}`)?.lastStatus;
    out[`service ${i}`] = serviceByArn(s, `arn:svc/${i}`)?.clusterArn;
  }
  return out;
}

let inDraft = false;
const isDraftLike = (_s: Readonly<RegionState>) => inDraft;

/** The same state as plain data: no indexes, so every query scans. */
const plain = (s: Readonly<RegionState>) => JSON.parse(JSON.stringify(s)) as RegionState;

describe('indexes', () => {
  it('agree with a full scan after random changes, inside updates and after a reload', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fargate-local-indexes-'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 30 }), async (batches) => {
          await fs.rm(dir, { recursive: true, force: true });
          const store = await Store.open(dir);
          for (const batch of batches) {
            try {
              store.update(scope, (s) => {
                for (const o of batch) apply(s, o);
                // Inside the update, the draft's own changes count.
                inDraft = true;
                try {
                  expect(answers(s)).toEqual(answers(plain(s)));
                } finally {
                  inDraft = false;
                }
              });
            } catch (err) {
              if ((err as Error).message !== 'rejected') throw err;
            }
            store.read(scope, (s) => expect(answers(s)).toEqual(answers(plain(s))));
          }
          const before = store.read(scope, (s) => answers(s));
          const stateBefore = store.read(scope, (s) => plain(s));
          await store.close();
          // The journal (whole records and changed fields) brings back exactly the same state.
          const reopened = await Store.open(dir);
          reopened.read(scope, (s) => expect(answers(s)).toEqual(before));
          reopened.read(scope, (s) => expect(plain(s)).toEqual(stateBefore));
          await reopened.close();
        }),
        { numRuns: 80 },
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
