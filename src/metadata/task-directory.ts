// Finds the task an endpoint id or credentials id belongs to, across every account and region in the store. An
// index is kept and rebuilt from the store when an id is not in it (new tasks, or after a restart).
import type { Scope } from '../domain/scope.js';
import type { TaskRecord } from '../domain/task.js';
import type { Store } from '../store/store.js';
import { liveTasks } from '../store/queries.js';

export interface FoundTask {
  scope: Scope;
  task: TaskRecord;
  /** The container an endpoint id names; null for a credentials id. */
  containerName: string | null;
}

interface IndexEntry {
  scope: Scope;
  taskId: string;
  containerName: string | null;
}

export class TaskDirectory {
  private index = new Map<string, IndexEntry>();

  constructor(private readonly store: Store) {}

  byEndpointId(id: string): FoundTask | undefined {
    return this.find(`e:${id}`);
  }

  byCredentialsId(id: string): FoundTask | undefined {
    return this.find(`c:${id}`);
  }

  private find(key: string): FoundTask | undefined {
    let entry = this.index.get(key);
    if (!entry) {
      this.rebuild();
      entry = this.index.get(key);
    }
    if (!entry) return undefined;
    const task = this.store.read(entry.scope, (s) => s.tasks[entry.taskId]);
    return task ? { scope: entry.scope, task, containerName: entry.containerName } : undefined;
  }

  private rebuild(): void {
    const index = new Map<string, IndexEntry>();
    for (const scope of this.store.scopes()) {
      this.store.read(scope, (s) => {
        // Stopped tasks have no containers left to ask.
        for (const task of liveTasks(s)) {
          if (!task.endpoints) continue;
          for (const [containerName, id] of Object.entries(task.endpoints.containers)) {
            index.set(`e:${id}`, { scope, taskId: task.taskId, containerName });
          }
          if (task.endpoints.credentialsId)
            index.set(`c:${task.endpoints.credentialsId}`, { scope, taskId: task.taskId, containerName: null });
        }
      });
    }
    this.index = index;
  }
}
