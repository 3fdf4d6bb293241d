import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Browser-driven tests are heavy on a 2-core machine.
    maxWorkers: 2,
  },
})
