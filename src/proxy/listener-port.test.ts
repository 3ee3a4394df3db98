import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bindListener } from './listener-port.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function blocker(port = 0): Promise<number> {
  const s = net.createServer();
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
  return (s.address() as net.AddressInfo).port;
}

function server(): http.Server {
  const s = http.createServer();
  servers.push(s);
  return s;
}

describe('bindListener', () => {
  it("takes the listener's own port when free, another when it is taken", async () => {
    const taken = await blocker();
    const port = await bindListener(server(), taken, '127.0.0.1', false);
    expect(port).not.toBe(taken);
    expect(port).toBeGreaterThan(0);
  });

  it('maps a privileged port to another without the right to bind it', async () => {
    expect(await bindListener(server(), 80, '127.0.0.1', false)).not.toBe(80);
  });

  it('with a range, serves on its first free port, whatever the listener port, and says when none is left', async () => {
    // Two adjacent ports: the first held by someone else, the second free.
    let first = 0;
    for (;;) {
      first = await blocker();
      const probe = net.createServer();
      const free = await new Promise<boolean>((resolve) => {
        probe.once('error', () => resolve(false));
        probe.listen(first + 1, '127.0.0.1', () => probe.close(() => resolve(true)));
      });
      if (free && first < 65535) break;
    }
    const range = { from: first, to: first + 1 };
    expect(await bindListener(server(), 8080, '127.0.0.1', true, range)).toBe(first + 1);
    await expect(bindListener(server(), 8080, '127.0.0.1', true, range)).rejects.toThrow(
      `no free port left in ${first}-${first + 1} for a listener (--listener-port-range)`,
    );
  });
});
