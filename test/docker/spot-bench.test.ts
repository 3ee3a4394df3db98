// The Spot replacement benchmark (bench/spot.ts) runs, cleans up, and measures something plausible.
import { expect, it } from 'vitest';
import { benchSpotReplacement } from '../../bench/spot.js';
import { waitForDefaultVpcRange } from './support/docker-emulator.js';
import { newInstanceId, ownedObjects } from './support/docker-harness.js';

it('times interruption → replacement RUNNING on real containers, and leaves nothing behind', async () => {
  await waitForDefaultVpcRange();
  const instanceId = newInstanceId('bench');
  const result = await benchSpotReplacement({ samples: 3, instanceId });
  console.log(
    `Spot replacement, 3 samples (ms): ${result.samples.map((s) => `${Math.round(s.stoppedMs)}/${Math.round(s.replacementRunningMs)}`).join(', ')}`,
  );
  expect(result.samples).toHaveLength(3);
  for (const s of result.samples) {
    expect(s.stoppedMs).toBeGreaterThan(0);
    expect(s.replacementRunningMs).toBeGreaterThan(0);
    expect(s.replacementRunningMs).toBeLessThan(30_000);
  }
  expect(result.p50ReplacementRunningMs).toBe([...result.samples.map((s) => s.replacementRunningMs)].sort((a, b) => a - b)[1]);
  const left = await ownedObjects(instanceId);
  expect([left.containers, left.networks]).toEqual([[], []]);
});
