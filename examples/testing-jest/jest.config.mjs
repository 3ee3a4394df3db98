// The example suite's own configuration: native ES modules (run node with --experimental-vm-modules), no transform,
// and time for tasks that start real containers.
export default { testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.mjs'], testTimeout: 180_000 };
