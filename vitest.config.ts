import { defineConfig } from 'vitest/config';

// The AWS SDK warns once per process that it will need Node 22 from January 2027 (README: supported Node versions).
// The warning says nothing about the code under test, so it is kept out of the test output; the emulator processes
// the tests spawn inherit this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Three projects, all run by `npm test`:
//   unit   - pure logic, next to the code (src/**/*.test.ts); no Docker, no network.
//   api    - the HTTP server on a free port, driven by the real AWS SDK client (test/api).
//   docker - the real Docker engine (test/docker); files run one at a time, they share the engine.
export default defineConfig({
  test: {
    // A stray .only in a test must fail the run, not quietly skip the rest of the suite.
    allowOnly: false,
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          // A guard against hangs, not a speed target: a test that drives the AWS CLI a dozen times takes ~10 s on a
          // quiet machine and three times that on a loaded one.
          testTimeout: 60_000,
          // Builds dist/ once, for the tests that spawn the real command line.
          globalSetup: ['test/support/build-dist.ts'],
        },
      },
      {
        test: {
          name: 'docker',
          include: ['test/docker/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // dist/ too: the CLI tests spawn it, and the examples import fargate-local/client as users do.
          globalSetup: ['test/docker/global-setup.ts', 'test/support/build-dist.ts'],
        },
      },
    ],
  },
});
