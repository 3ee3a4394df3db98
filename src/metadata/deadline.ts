// Docker calls behind a metadata answer get a deadline: a busy or stuck engine must not hold a task's request (and
// its SDK) forever. What did not arrive in time counts as unknown.

export const DOCKER_DEADLINE_MS = 5_000;

export function withDeadline<T>(work: Promise<T>, fallback: T, ms = DOCKER_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}
