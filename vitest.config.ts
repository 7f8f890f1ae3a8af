import { defineConfig } from 'vitest/config'
import { rendererViteConfig } from './renderer/vite.shared'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          exclude: ['tests/unit/renderer/**']
        }
      },
      {
        ...rendererViteConfig,
        root: import.meta.dirname,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/unit/renderer/**/*.test.ts']
        }
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: ['tests/support/e2e-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false
        }
      }
    ]
  }
})
