import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    // PGlite start-up (initdb in WebAssembly) takes seconds; give hooks room.
    hookTimeout: 60_000,
    testTimeout: 60_000,
    pool: 'forks',
  },
});
