// Docker objects left by test runs. Every instance id a test makes (newInstanceId) names the test run that owns it:
// `test-r<pid>-…`, where <pid> is the vitest process of the run (global-setup.ts publishes it to the workers). The
// emulator labels everything it creates with its instance id (fargate-local.instance), so the owner of any container,
// volume or network is known. Several runs (and users' own emulators) share the engine: an object is removed only
// when its owner is provably gone (the run's process no longer exists) or, at the end of a run, when it is the
// run's own. Objects of emulators that are not test runs never match.
import type Dockerode from 'dockerode';
import { LABEL_INSTANCE, LABEL_ROLE } from '../../../src/runtime/labels.js';

/** The variable through which global-setup.ts tells the test files which run they belong to. */
export const TEST_RUN_VARIABLE = 'FARGATE_LOCAL_TEST_RUN_PID';

/** The process id of the test run this process belongs to. */
export const testRunPid = (): number => Number(process.env[TEST_RUN_VARIABLE]) || process.pid;

/** The start of every instance id of a run's tests. */
export const testRunMarker = (pid = testRunPid()) => `test-r${pid}-`;

const OWNER = /^test-r(\d+)-/;

/** The run that owns an object with this instance label; null for anything that is not a test run's. */
export function ownerRunOf(instanceLabel: string | undefined): number | null {
  const m = instanceLabel ? OWNER.exec(instanceLabel) : null;
  return m ? Number(m[1]) : null;
}

/** Whether a process exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SweptObjects {
  containers: string[];
  volumes: string[];
  networks: string[];
}

/** Removes every test-run object whose owning run `select` picks (apps before pauses, then volumes, then networks). */
export async function sweepTestRuns(docker: Dockerode, select: (runPid: number) => boolean): Promise<SweptObjects> {
  const filters = { label: [LABEL_INSTANCE] };
  const picked = (labels: Record<string, string> | undefined | null) => {
    const owner = ownerRunOf(labels?.[LABEL_INSTANCE]);
    return owner !== null && select(owner);
  };
  const [containers, volumes, networks] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listVolumes({ filters }),
    docker.listNetworks({ filters }),
  ]);
  const ours = containers.filter((c) => picked(c.Labels));
  const remove = (id: string) =>
    docker
      .getContainer(id)
      .remove({ force: true, v: true })
      .catch(() => undefined);
  await Promise.all(ours.filter((c) => c.Labels[LABEL_ROLE] !== 'pause').map((c) => remove(c.Id)));
  await Promise.all(ours.filter((c) => c.Labels[LABEL_ROLE] === 'pause').map((c) => remove(c.Id)));
  const ourVolumes = (volumes.Volumes ?? []).filter((v) => picked(v.Labels));
  await Promise.all(
    ourVolumes.map((v) =>
      docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined),
    ),
  );
  const ourNetworks = networks.filter((n) => picked(n.Labels));
  await Promise.all(
    ourNetworks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
  return {
    containers: ours.map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id),
    volumes: ourVolumes.map((v) => v.Name),
    networks: ourNetworks.map((n) => n.Name),
  };
}

export const countOf = (s: SweptObjects) => s.containers.length + s.volumes.length + s.networks.length;
export const describeSwept = (s: SweptObjects) =>
  [
    s.containers.length ? `containers ${s.containers.join(', ')}` : '',
    s.volumes.length ? `volumes ${s.volumes.join(', ')}` : '',
    s.networks.length ? `networks ${s.networks.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
