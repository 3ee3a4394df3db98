// Container stats as the metadata endpoint serves them: Docker's stats JSON for the container, with
//   - precpu_stats/preread from this endpoint's previous sample of the same container (a one-shot sample from Docker
//     has none, and CPU percentages are computed from the pair, as the agent's own sampling provides);
//   - networks of the task's ENI (eth0 of the task's network namespace, read from its pause container; the
//     agent-network interface is left out);
//   - v4 only: network_rate_stats, bytes per second since the previous sample (zero on the first).
// Identity as the metadata shows it: `id` is the container's DockerId there (Fargate's runtime id), `name` its name.

type Json = Record<string, unknown>;

export interface NetworkCounters {
  rx_bytes?: number;
  tx_bytes?: number;
  [key: string]: unknown;
}

interface Sample {
  read: unknown;
  cpu_stats: unknown;
  at: number;
  rx: number;
  tx: number;
}

/** The interface of the task's ENI inside its network namespace. */
export const ENI_INTERFACE = 'eth0';

function totals(networks: Record<string, NetworkCounters> | undefined): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(networks ?? {})) {
    rx += Number(n.rx_bytes ?? 0);
    tx += Number(n.tx_bytes ?? 0);
  }
  return { rx, tx };
}

const hasCpuSample = (cpu: unknown) => Number((cpu as { system_cpu_usage?: number } | undefined)?.system_cpu_usage ?? 0) > 0;

export class StatsSampler {
  private readonly previous = new Map<string, Sample>();

  /**
   * Shapes one raw sample. `key` identifies the container across requests (its Docker id); `eniNetworks` are the
   * counters of the task's ENI when the raw sample has none of its own.
   */
  shape(
    key: string,
    raw: Json,
    identity: { id: string; name: string },
    eniNetworks: Record<string, NetworkCounters> | undefined,
    options: { v4: boolean; now: number },
  ): Json {
    const out: Json = { ...raw, id: identity.id, name: identity.name };
    const networks = eniNetworks ?? (raw.networks as Record<string, NetworkCounters> | undefined);
    if (networks) out.networks = networks;
    const before = this.previous.get(key);
    if (before && !hasCpuSample(raw.precpu_stats)) {
      out.precpu_stats = before.cpu_stats;
      out.preread = before.read;
    }
    const { rx, tx } = totals(networks);
    if (options.v4) {
      const seconds = before ? (options.now - before.at) / 1000 : 0;
      out.network_rate_stats =
        before && seconds > 0
          ? { rx_bytes_per_sec: Math.max(0, (rx - before.rx) / seconds), tx_bytes_per_sec: Math.max(0, (tx - before.tx) / seconds) }
          : { rx_bytes_per_sec: 0, tx_bytes_per_sec: 0 };
    }
    this.previous.set(key, { read: raw.read, cpu_stats: raw.cpu_stats, at: options.now, rx, tx });
    return out;
  }

  forget(keys: Iterable<string>): void {
    for (const key of keys) this.previous.delete(key);
  }
}

/** The ENI's counters out of the pause container's stats (null when it has none). */
export function eniNetworksOf(pauseStats: Json | null): Record<string, NetworkCounters> | undefined {
  const networks = pauseStats?.networks as Record<string, NetworkCounters> | undefined;
  const eni = networks?.[ENI_INTERFACE];
  return eni ? { [ENI_INTERFACE]: eni } : undefined;
}
