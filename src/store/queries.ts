// Indexed look-ups over one region's state, for actions and the engine. Each works on the state `store.read`
// passes (answered from the store's indexes), on the draft `store.update` passes (the indexes, plus the records
// the update has touched, each checked again), and on a plain RegionState built by hand (a scan), with the
// same results. Records come back in id order.
import type { ServiceRecord } from '../domain/ecs-service.js';
import type { TaskDefinitionRecord } from '../domain/task-definition.js';
import type { TaskRecord } from '../domain/task.js';
import type { RegionIndexes } from './indexes.js';
import type { RegionState } from './schema.js';

/** The indexes of a region (on the committed state) and, inside an update, the ids the update touched. */
export interface IndexView {
  indexes: RegionIndexes;
  touched?: (collection: string) => Iterable<string>;
}

export const INDEX_VIEW = Symbol('fargate-local.indexes');

export const indexViewOf = (state: Readonly<RegionState>): IndexView | undefined =>
  (state as unknown as { [INDEX_VIEW]?: IndexView })[INDEX_VIEW];

/** Records of `collection` filed under `key` in `index`; `accept` must hold exactly for those (it re-checks). */
function select<T>(
  state: Readonly<RegionState>,
  collection: keyof RegionState & string,
  index: string,
  key: string,
  accept: (record: T) => boolean,
): T[] {
  const records = (state[collection] ?? {}) as Readonly<Record<string, T>>;
  const view = indexViewOf(state);
  let ids: readonly string[];
  if (!view) ids = Object.keys(records).sort();
  else {
    ids = view.indexes.ids(collection, index, key);
    const touched = view.touched ? [...view.touched(collection)] : [];
    if (touched.length) ids = [...new Set([...ids, ...touched])].sort();
  }
  const out: T[] = [];
  for (const id of ids) {
    const record = records[id];
    if (record !== undefined && accept(record)) out.push(record);
  }
  return out;
}

/** Sorted ids of the committed state's index (a scan of `accept` when the state has no indexes). */
function committedIds<T>(
  state: Readonly<RegionState>,
  collection: keyof RegionState & string,
  index: string,
  key: string,
  accept: (record: T) => boolean,
): readonly string[] {
  const view = indexViewOf(state);
  if (view && !view.touched) return view.indexes.ids(collection, index, key);
  const records = (state[collection] ?? {}) as Readonly<Record<string, T>>;
  return Object.keys(records)
    .filter((id) => accept(records[id]!))
    .sort();
}

// ---- Tasks ------------------------------------------------------------------------------------------------------

/** Ids (sorted, so in ARN order) of the cluster's tasks of one desired status. Read-only state. */
export const taskIdsByDesiredStatus = (state: Readonly<RegionState>, clusterArn: string, desired: string) =>
  committedIds<TaskRecord>(
    state,
    'tasks',
    'desired',
    `${clusterArn} ${desired}`,
    (t) => t.clusterArn === clusterArn && t.desiredStatus === desired,
  );

/** The cluster's tasks of one group (`service:<name>` for a service's tasks), whatever their status. */
export const tasksOfGroup = (state: Readonly<RegionState>, clusterArn: string, group: string) =>
  select<TaskRecord>(state, 'tasks', 'group', `${clusterArn} ${group}`, (t) => t.clusterArn === clusterArn && t.group === group);

/** The cluster's tasks whose lastStatus is not STOPPED. */
export const liveTasksInCluster = (state: Readonly<RegionState>, clusterArn: string) =>
  select<TaskRecord>(state, 'tasks', 'liveInCluster', clusterArn, (t) => t.clusterArn === clusterArn && t.lastStatus !== 'STOPPED');

/** Every task of the region whose lastStatus is not STOPPED. */
export const liveTasks = (state: Readonly<RegionState>) =>
  select<TaskRecord>(state, 'tasks', 'live', 'live', (t) => t.lastStatus !== 'STOPPED');

/** Every STOPPED task of the region. */
export const stoppedTasks = (state: Readonly<RegionState>) =>
  select<TaskRecord>(state, 'tasks', 'stopped', 'stopped', (t) => t.lastStatus === 'STOPPED');

export const taskByArn = (state: Readonly<RegionState>, arn: string): TaskRecord | undefined =>
  select<TaskRecord>(state, 'tasks', 'arn', arn, (t) => t.taskArn === arn)[0];

// ---- Services ---------------------------------------------------------------------------------------------------

export const servicesInCluster = (state: Readonly<RegionState>, clusterArn: string) =>
  select<ServiceRecord>(state, 'services', 'cluster', clusterArn, (s) => s.clusterArn === clusterArn);

export const serviceByArn = (state: Readonly<RegionState>, arn: string): ServiceRecord | undefined =>
  select<ServiceRecord>(state, 'services', 'arn', arn, (s) => s.serviceArn === arn)[0];

// ---- Task definitions -------------------------------------------------------------------------------------------

export const revisionsOfFamily = (state: Readonly<RegionState>, family: string) =>
  select<TaskDefinitionRecord>(state, 'taskDefinitions', 'family', family, (d) => d.family === family);

/** Every family that holds a revision, and whether one of them is ACTIVE. */
export function familiesOf(state: Readonly<RegionState>): Map<string, boolean> {
  const view = indexViewOf(state);
  const families = new Map<string, boolean>();
  if (view && !view.touched) {
    for (const family of view.indexes.keys('taskDefinitions', 'family')) families.set(family, false);
    for (const family of view.indexes.keys('taskDefinitions', 'activeFamily')) families.set(family, true);
    return families;
  }
  for (const d of Object.values(state.taskDefinitions)) families.set(d.family, (families.get(d.family) ?? false) || d.status === 'ACTIVE');
  return families;
}
