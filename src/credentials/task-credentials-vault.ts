// The task role credentials the metadata endpoint hands out, by credentials id. Kept in memory only (never written
// to the state file): after a restart they are issued again on first use. Each issue is replaced once half of its
// lifetime has passed, so a task never receives credentials close to expiry and SDKs refresh them in time; a failed
// replacement keeps serving the current credentials while they are still valid. Credentials die with their task.
import type { Clock } from '../domain/ports.js';
import type { CredentialsProvider, RoleCredentials } from './role-credentials.js';

/** Which role a credentials id stands for. */
export interface TaskRoleGrant {
  credentialsId: string;
  roleArn: string;
  taskId: string;
  region: string;
}

interface Entry {
  grant: TaskRoleGrant;
  current?: RoleCredentials & { issuedAt: number };
  pending?: Promise<RoleCredentials>;
}

/** The id belongs to a task that has stopped. */
export class CredentialsReleasedError extends Error {}

export class TaskCredentialsVault {
  private readonly entries = new Map<string, Entry>();
  private readonly released = new Set<string>();

  constructor(
    private readonly provider: CredentialsProvider,
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
  ) {}

  /** The grant's credentials: the current ones until half their lifetime has passed, then new ones. */
  async credentials(grant: TaskRoleGrant): Promise<RoleCredentials> {
    if (this.released.has(grant.credentialsId)) throw new CredentialsReleasedError(grant.credentialsId);
    let entry = this.entries.get(grant.credentialsId);
    if (!entry || entry.grant.roleArn !== grant.roleArn) {
      entry = { grant };
      this.entries.set(grant.credentialsId, entry);
    }
    const now = this.clock.now();
    const current = entry.current;
    if (current && !this.due(current, now)) return current;
    entry.pending ??= this.issue(entry).finally(() => {
      entry.pending = undefined;
    });
    try {
      return await entry.pending;
    } catch (err) {
      // Keep serving what is still valid rather than fail the caller; the next request tries again.
      if (current && current.expiration > this.clock.now()) return current;
      throw err;
    }
  }

  /** Whether credentials for this id have been issued and are held now. */
  holds(credentialsId: string): boolean {
    return this.entries.get(credentialsId)?.current !== undefined;
  }

  /** The task stopped: its credentials are forgotten and the id is refused from now on. */
  release(credentialsId: string): void {
    this.entries.delete(credentialsId);
    this.released.add(credentialsId);
  }

  private due(c: RoleCredentials & { issuedAt: number }, now: number): boolean {
    return now >= c.issuedAt + (c.expiration - c.issuedAt) / 2;
  }

  private async issue(entry: Entry): Promise<RoleCredentials> {
    const issuedAt = this.clock.now();
    const { roleArn, taskId, region } = entry.grant;
    const issued = await this.provider.issue({ roleArn, sessionName: taskId, region, durationSeconds: this.lifetimeSeconds });
    if (!this.released.has(entry.grant.credentialsId) && this.entries.get(entry.grant.credentialsId) === entry) {
      entry.current = { ...issued, issuedAt };
    }
    return issued;
  }
}
