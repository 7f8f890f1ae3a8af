import { computed } from 'vue'

/**
 * Stands in for @tanstack/vue-virtual in grid tests: jsdom has no layout, so the real windowing
 * would render no rows; this one shows the first two.
 */
export const useVirtualizer = () =>
  computed(() => ({
    getVirtualItems: () => [
      { index: 0, start: 0 },
      { index: 1, start: 36 }
    ],
    getTotalSize: () => 72,
    scrollToIndex: () => {}
  }))
