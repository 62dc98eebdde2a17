import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests spawn dist/cli.js: build it once so they test what ships.
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-full-parser.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
