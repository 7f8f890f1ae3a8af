import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useSettingsStore } from '../../../renderer/src/stores/settings'

describe('settings store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('remembers theme and language between runs', async () => {
    const settings = useSettingsStore()
    settings.theme = 'dark'
    settings.locale = 'ru'
    await nextTick()
    setActivePinia(createPinia())
    const reopened = useSettingsStore()
    expect(reopened.theme).toBe('dark')
    expect(reopened.locale).toBe('ru')
  })

  it('ignores a stored value it does not know', () => {
    localStorage.setItem('lead-admin.locale', 'de')
    localStorage.setItem('lead-admin.theme', 'neon')
    const settings = useSettingsStore()
    expect(settings.locale).toBe('en')
    expect(settings.theme).toBe('light')
  })
})
