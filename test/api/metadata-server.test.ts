// The metadata server's lifecycle, on loopback addresses: a failed bind is a warning, never a crash, and is retried;
// close() releases the address for the next emulator.
import net from 'node:net';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MetadataServer } from '../../src/metadata/metadata-server.js';

function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s) as { level: number; msg: string }) });
  return { logger, lines };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const app = (_req: unknown, res: { end(s: string): void }) => res.end('ok');
let now = 0;
const clock = { now: () => now };

describe('MetadataServer', () => {
  it('serves, refuses a second server on the same address with a warning, and hands the address over on close()', async () => {
    const port = await freePort();
    const first = recordingLogger();
    const a = new MetadataServer(app, '127.0.0.1', port, first.logger, clock);
    expect(await a.ensureListening()).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');

    const second = recordingLogger();
    const b = new MetadataServer(app, '127.0.0.1', port, second.logger, clock);
    expect(await b.ensureListening()).toBe(false);
    expect(second.lines.find((l) => l.level === 40)?.msg).toMatch(
      /^task metadata endpoint unavailable: another process \(another fargate-local\?\) serves 127\.0\.0\.1:\d+/,
    );

    await a.close();
    // Not retried at once...
    expect(await b.ensureListening()).toBe(false);
    // ...but after a pause, and then it takes over.
    now += 10_000;
    expect(await b.ensureListening()).toBe(true);
    expect(b.listening).toBe(true);
    await b.close();
    expect(b.listening).toBe(false);
  });

  it('an address the host does not have: a warning naming the cause, or only a debug line at start-up', async () => {
    const log = recordingLogger();
    // 192.0.2.1 (TEST-NET-1) is on no interface of this machine.
    const s = new MetadataServer(app, '192.0.2.1', 80, log.logger, clock);
    expect(await s.ensureListening({ quiet: true })).toBe(false);
    expect(log.lines.filter((l) => l.level >= 40)).toEqual([]);
    now += 10_000;
    expect(await s.ensureListening()).toBe(false);
    expect(log.lines.find((l) => l.level === 40)?.msg).toContain('192.0.2.1 is not an address of this host');
    await s.close();
    expect(await s.ensureListening()).toBe(false);
  });
});
