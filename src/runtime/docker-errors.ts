// Reading dockerode's errors: it rejects with an Error carrying `statusCode` and the daemon's JSON body in `json`.

interface DockerodeError {
  statusCode?: number;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

export function statusCodeOf(err: unknown): number | undefined {
  return (err as DockerodeError | null)?.statusCode;
}

/** 404: no such container / image / network / volume. */
export function isNotFound(err: unknown): boolean {
  return statusCodeOf(err) === 404;
}

/** The daemon's own message, as the docker CLI prints it after "Error response from daemon: ". */
export function daemonMessage(err: unknown): string {
  const e = err as DockerodeError | null;
  const message = e?.json?.message ?? e?.message ?? String(err);
  // Without a parsed body (streaming calls) dockerode's message is "(HTTP code 500) server error - <daemon's>".
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/** Whether the engine itself could not be reached (no socket, nothing listening), as opposed to an error it sent. */
export function isEngineUnreachable(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'ECONNRESET';
}

/** How the ECS agent words a Docker failure in a container's `reason`. */
export function daemonErrorDetail(err: unknown): string {
  if (isEngineUnreachable(err)) {
    return `Cannot connect to the Docker engine (${daemonMessage(err)}). Is a Docker engine running? (Debian: scripts/docker-engine.sh)`;
  }
  return statusCodeOf(err) === undefined ? daemonMessage(err) : `Error response from daemon: ${daemonMessage(err)}`;
}

/** Runs a removal that may find nothing to remove. */
export async function ignoreNotFound(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
