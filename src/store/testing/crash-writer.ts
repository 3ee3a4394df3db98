// A child process for the crash-consistency test: opens the store in argv[2] and updates it as fast as it can from
// several concurrent writers, printing `<id>` once an update that adds tag `arn:<id>` is on disk (flush resolved),
// until it is killed. A small compaction threshold makes snapshots happen during the burst.
import { Store } from '../store.js';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const dir = process.argv[2]!;
const run = process.argv[3] ?? '0';
const store = await Store.open(dir, { compactMinBytes: 32 * 1024 });
let next = 0;
const writer = async (w: number) => {
  for (;;) {
    const id = `${run}-${w}-${next++}`;
    store.update(scope, (s) => {
      s.tags[`arn:${id}`] = [{ key: 'k', value: id.padEnd(200, '.') }];
      // Rewrites one shared record too, so the journal holds several versions of it.
      s.tags['arn:last'] = [{ key: 'k', value: id }];
    });
    await store.flush();
    process.stdout.write(`${id}\n`);
  }
};
for (let w = 0; w < 8; w++) void writer(w);
