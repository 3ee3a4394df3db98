// The example suite's own configuration: tasks start real containers, so allow them time.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['*.test.mjs'], testTimeout: 180_000, hookTimeout: 60_000 } });
