// Keeps every running task's security group rules in step with the state. A task's policy depends on its groups'
// rules and on who else carries the groups its rules name, so it changes when a rule is authorized or revoked, when
// a subnet's internet access changes, and when a task of the VPC gets or loses its ENI. After any such change the
// VPC's tasks are re-checked: a policy is recomputed from the store and re-applied only when it differs from the one
// in place. Work is serial per task (each run reads the state as it is when it starts, so a later run never applies
// older rules) and coalesced (at most one run waits behind the current one), with a few tasks at a time.
// The same path carries the redirects of Service Connect client aliases (domain/cloudmap/alias-redirects.ts): a
// server task behind such an alias coming or going re-checks the VPC's tasks too.
import pLimit, { type LimitFunction } from 'p-limit';
import { clientAliasRedirects, servesRedirectedAliases } from '../domain/cloudmap/alias-redirects.js';
import {
  firewallPolicyFor,
  type GroupMembers,
  groupMembersOf,
  membershipMatters,
  policyKey,
  type FirewallPolicy,
} from '../domain/network/firewall-policy.js';
import type { NetworkState } from '../domain/network/network-state.js';
import type { NetworkInterfaceRecord } from '../domain/network/eni.js';
import { scopeKey, type Scope } from '../domain/scope.js';
import type { TaskRecord } from '../domain/task.js';
import type { EngineContext } from './engine-context.js';
import { liveTasks } from '../store/queries.js';

const CONCURRENT_APPLIES = 2;

export class FirewallSync {
  private readonly applied = new Map<string, string>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly waiting = new Set<string>();
  private readonly limit: LimitFunction = pLimit(CONCURRENT_APPLIES);
  private readonly unenforced = new Set<string>();
  /** The group members of the VPC last asked for, at the store version they were computed at. */
  private members: { key: string; members: GroupMembers } | null = null;

  constructor(private readonly ctx: EngineContext) {}

  /**
   * The VPC's group members as the state is now, computed once per store version: a change re-checks every task of
   * the VPC, and each policy needs them; without this, each recomputed policy scanned every ENI again.
   */
  private membersIn(scope: Scope, state: NetworkState, vpcId: string): GroupMembers {
    const key = `${scopeKey(scope)}|${vpcId}|${this.ctx.store.version}`;
    if (this.members?.key !== key) this.members = { key, members: groupMembersOf(state, vpcId) };
    return this.members.members;
  }

  /** The policy for the task's ENI as the state is now; undefined when enforcement is off or there is no ENI. */
  policyOf(scope: Scope, task: TaskRecord): FirewallPolicy | undefined {
    if (!this.ctx.config.enforceSecurityGroups) return undefined;
    return this.ctx.store.read(scope, (s) => {
      const eni = s.networkInterfaces[task.attachment.networkInterfaceId];
      const policy =
        eni &&
        firewallPolicyFor(
          s,
          eni,
          {
            hostSubjectToGroups: this.ctx.config.securityGroupsApplyToHost,
            metadataAddress: this.ctx.config.taskAgent.metadataAddress,
          },
          this.membersIn(scope, s, eni.vpcId),
        );
      if (!policy) return undefined;
      const redirects = clientAliasRedirects(s.services, liveTasks(s), s.tasks[task.taskId] ?? task);
      return redirects.length > 0 ? { ...policy, redirects } : policy;
    });
  }

  /** The policy a spare sandbox of these groups starts with (the launch that claims it re-checks it). */
  policyForSpare(
    scope: Scope,
    eni: Pick<NetworkInterfaceRecord, 'vpcId' | 'subnetId' | 'groups' | 'groupSetMark' | 'publicIp'>,
  ): FirewallPolicy | undefined {
    if (!this.ctx.config.enforceSecurityGroups) return undefined;
    const options = {
      hostSubjectToGroups: this.ctx.config.securityGroupsApplyToHost,
      metadataAddress: this.ctx.config.taskAgent.metadataAddress,
    };
    return this.ctx.store.read(scope, (s) => firewallPolicyFor(s, eni as NetworkInterfaceRecord, options) ?? undefined);
  }

  /**
   * Whether the task's ENI joining the VPC can change the rules of its other tasks: security groups that name its
   * groups, or Service Connect client aliases on another port than its container port (their redirects).
   */
  membershipMatters(scope: Scope, task: TaskRecord): boolean {
    if (!this.ctx.config.enforceSecurityGroups) return false;
    return this.ctx.store.read(scope, (s) => {
      const eni = s.networkInterfaces[task.attachment.networkInterfaceId];
      return eni ? membershipMatters(s, eni) || servesRedirectedAliases(s.services, task) : true;
    });
  }

  /** Notes the policy a new sandbox started with. */
  started(taskId: string, policy: FirewallPolicy | undefined, enforced: boolean): void {
    if (!policy) return;
    if (enforced) this.applied.set(taskId, policyKey(policy));
    else this.unenforced.add(taskId);
  }

  forget(taskId: string): void {
    this.applied.delete(taskId);
    this.unenforced.delete(taskId);
  }

  /** Re-checks every running task of the VPC; resolves when done (callers need not wait). */
  vpcChanged(scope: Scope, vpcId: string): Promise<void> {
    if (!this.ctx.config.enforceSecurityGroups) return Promise.resolve();
    const taskIds = this.ctx.store.read(scope, (s) =>
      liveTasks(s)
        .filter((t) => t.sandbox && t.attachment.vpcId === vpcId)
        .map((t) => t.taskId),
    );
    return Promise.all(taskIds.map((id) => this.refresh(scope, id))).then(() => undefined);
  }

  /**
   * Brings one task's rules up to date with the state (serial per task, coalesced). `urgent` (a launch waiting for
   * it) skips the queue of background updates.
   */
  refresh(scope: Scope, taskId: string, urgent = false): Promise<void> {
    const key = `${scopeKey(scope)}|${taskId}`;
    const current = this.chains.get(key);
    if (current && this.waiting.has(key)) return current;
    this.waiting.add(key);
    const next = (current ?? Promise.resolve())
      .then(() => {
        this.waiting.delete(key);
        return urgent ? this.bringUpToDate(scope, taskId) : this.limit(() => this.bringUpToDate(scope, taskId));
      })
      .catch((err: unknown) => this.ctx.logger.warn({ err, taskId }, 'updating the security group rules failed'))
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    this.chains.set(key, next);
    return next;
  }

  /** Resolves when no rule update is running or waiting (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.allSettled([...this.chains.values()]);
  }

  private async bringUpToDate(scope: Scope, taskId: string): Promise<void> {
    if (this.unenforced.has(taskId)) return;
    const task = this.ctx.store.read(scope, (s) => s.tasks[taskId]);
    if (!task?.sandbox || task.lastStatus === 'STOPPED' || task.lastStatus === 'DEPROVISIONING') return;
    const policy = this.policyOf(scope, task);
    if (!policy) return;
    const key = policyKey(policy);
    if (this.applied.get(taskId) === key) return;
    const outcome = await this.ctx.runtime.applyFirewall(task.sandbox, policy);
    if (outcome === 'enforced') this.applied.set(taskId, key);
    else this.unenforced.add(taskId);
  }
}
