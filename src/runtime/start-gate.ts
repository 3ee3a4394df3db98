// Keeps container events in step with the calls that start containers: an event of a container whose
// create/start call is still running waits for the call to finish, and events of a container whose start failed
// (and that was removed again) are dropped, so the engine never hears of containers it was told failed.

interface Pending {
  done: Promise<void>;
  settle(ok: boolean, dockerId?: string | null): void;
}

const FORGET_FAILED_AFTER_MS = 10 * 60_000;

export class StartGate {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly failed = new Map<string, number>();

  /** Marks a container (by Docker name) as being started. */
  open(name: string): Pending {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.pending.set(name, done);
    return {
      done,
      settle: (ok, dockerId) => {
        if (!ok && dockerId) this.failed.set(dockerId, Date.now());
        if (this.pending.get(name) === done) this.pending.delete(name);
        resolve();
      },
    };
  }

  /** Waits while the container's start is running; false when its start failed. */
  async admits(name: string, dockerId: string): Promise<boolean> {
    // Docker event attributes name containers without the leading '/'.
    const running = this.pending.get(name.replace(/^\//, ''));
    if (running) await running;
    this.forgetOld();
    return !this.failed.has(dockerId);
  }

  private forgetOld(): void {
    const limit = Date.now() - FORGET_FAILED_AFTER_MS;
    for (const [id, at] of this.failed) if (at < limit) this.failed.delete(id);
  }
}
