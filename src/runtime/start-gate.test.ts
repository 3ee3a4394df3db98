import { describe, expect, it } from 'vitest';
import { StartGate } from './start-gate.js';

describe('StartGate', () => {
  it('holds an event of a container being started until the start succeeds, then admits it', async () => {
    const gate = new StartGate();
    const pending = gate.open('fl-i-t-app');
    let admitted: boolean | null = null;
    const check = gate.admits('/fl-i-t-app', 'id1').then((ok) => (admitted = ok));
    await Promise.resolve();
    expect(admitted).toBeNull();
    pending.settle(true);
    await check;
    expect(admitted).toBe(true);
  });

  it('drops events of a container whose start failed, also when they arrive afterwards', async () => {
    const gate = new StartGate();
    const pending = gate.open('fl-i-t-bad');
    const during = gate.admits('fl-i-t-bad', 'id2');
    pending.settle(false, 'id2');
    expect(await during).toBe(false);
    expect(await gate.admits('fl-i-t-bad', 'id2')).toBe(false);
    expect(await gate.admits('fl-i-t-other', 'id3')).toBe(true);
  });

  it('admits a retry under the same name with a new container id', async () => {
    const gate = new StartGate();
    gate.open('fl-i-t-app').settle(false, 'old');
    const retry = gate.open('fl-i-t-app');
    retry.settle(true);
    expect(await gate.admits('fl-i-t-app', 'new')).toBe(true);
    expect(await gate.admits('fl-i-t-app', 'old')).toBe(false);
  });
});
