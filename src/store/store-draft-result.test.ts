import { expect, it } from 'vitest';
import { Store } from './store.js';

const scope = { accountId: '111122223333', region: 'us-east-1' };

it('hands back a record returned from update() as a usable plain copy, not a revoked draft', async () => {
  const store = await Store.open(null);
  store.update(scope, (state) => {
    state.tags.x = [{ key: 'a', value: '1' }];
  });
  const tags = store.update(scope, (state) => state.tags.x!);
  expect(tags).toEqual([{ key: 'a', value: '1' }]);
  await store.close();
});
