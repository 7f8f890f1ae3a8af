import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import NeedsPortal from '../../../renderer/src/components/NeedsPortal.vue'
import { createAppI18n, type Locale } from '../../../renderer/src/i18n'
import { usePortalsStore } from '../../../renderer/src/stores/portals'
import { acmePortal } from './fake-api'

function mountScreen(options: { connected: boolean; planned?: boolean; locale?: Locale }) {
  const pinia = createPinia()
  setActivePinia(pinia)
  usePortalsStore().portals = options.connected ? [acmePortal()] : []
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any*', component: {} }] })
  return mount(NeedsPortal, {
    props: { area: 'userfields', planned: options.planned },
    global: { plugins: [pinia, router, createAppI18n(options.locale ?? 'en')] }
  })
}

describe('NeedsPortal: an area that cannot be shown says why, truthfully', () => {
  it('asks for a portal while none is connected', () => {
    const wrapper = mountScreen({ connected: false, planned: true })
    expect(wrapper.get('h2').text()).toBe('Userfields')
    expect(wrapper.text()).toContain('Connect a portal to work with its Userfields.')
    expect(wrapper.find('button').text()).toBe('Go to Portals')
  })

  it('with a portal connected, says the screen is not in this version, and never asks to connect one', () => {
    const wrapper = mountScreen({ connected: true, planned: true })
    expect(wrapper.text()).toContain('The Userfields screen is not available in this version yet.')
    expect(wrapper.text()).not.toMatch(/connect/i)
    expect(wrapper.find('button').exists()).toBe(false)
    const russian = mountScreen({ connected: true, planned: true, locale: 'ru' })
    expect(russian.text()).toContain('Раздел «Пользовательские поля» в этой версии пока недоступен.')
  })
})
