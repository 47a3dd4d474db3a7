import { defineConfig } from "vitest/config";

// Unit and parity tests run in Node on the virtual clock; site and e2e tests need a built
// site (dist/) and are started by scripts/test-all.ts after `astro build`.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: process.env.VITEST_SERIAL ? false : true,
  },
});
