import type { PortalSummary } from '../../../electron/contract'
import { flushPromises, mount } from '@vue/test-utils'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { setApi } from '../../../renderer/src/api/client'
import PortalList from '../../../renderer/src/features/portals/PortalList.vue'
import { createAppI18n, type Locale } from '../../../renderer/src/i18n'
import { usePortalsStore } from '../../../renderer/src/stores/portals'
import { acmePortal, idleStatus, makeFakeApi, type FakeApi } from './fake-api'

const portal = acmePortal()
const move = { origin: 'https://acme-new.bitrix24.com', domain: 'acme-new.bitrix24.com', since: '2026-01-15T09:30:00Z' }

let api: FakeApi
beforeEach(() => {
  localStorage.clear()
  document.body.innerHTML = ''
  api = makeFakeApi()
  setApi(api)
})

/** The list with the providers the app gives it (messages, dialogs). */
async function mountList(portals: PortalSummary[], locale: Locale = 'en') {
  const pinia = createPinia()
  setActivePinia(pinia)
  usePortalsStore().portals = portals
  const Shell = defineComponent({
    render: () => h(NMessageProvider, () => h(NDialogProvider, () => h(PortalList)))
  })
  const wrapper = mount(Shell, { global: { plugins: [pinia, createAppI18n(locale)] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const button = (name: string, within: ParentNode = document.body) => {
  const found = [...within.querySelectorAll('button')].find(
    (element) => element.getAttribute('aria-label') === name || element.textContent?.trim() === name
  )
  if (!found) throw new Error(`No button "${name}"`)
  return found
}

describe('a portal that moved, on the Portals screen', () => {
  it('shows the new address and asks; nothing is asked of a portal that did not move', async () => {
    const wrapper = await mountList([
      { ...portal, pendingMove: move },
      { ...portal, id: 'p2', name: 'Beta' }
    ])
    const alerts = wrapper.findAll('[role="alert"]')
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.text()).toContain('Portal Acme answers from another address')
    expect(alerts[0]!.text()).toContain('acme-new.bitrix24.com')
    expect(alerts[0]!.text()).toContain('keeps using acme.bitrix24.com')
    expect(button('Use acme-new.bitrix24.com as the address of portal Acme').textContent?.trim()).toBe(
      'Use the new address'
    )
    expect(button('Keep acme.bitrix24.com as the address of portal Acme').textContent?.trim()).toBe(
      'Keep acme.bitrix24.com'
    )
    wrapper.unmount()
  })

  it('Confirm sends the move as it was shown, and the card shows the new address', async () => {
    const moved = { ...portal, domain: move.domain }
    vi.mocked(api.portals.confirmMove).mockResolvedValue({ ok: true, value: moved })
    const wrapper = await mountList([{ ...portal, pendingMove: move }])
    button('Use acme-new.bitrix24.com as the address of portal Acme').click()
    await flushPromises()
    expect(api.portals.confirmMove).toHaveBeenCalledWith({ id: 'p1', origin: move.origin })
    expect(api.portals.dismissMove).not.toHaveBeenCalled()
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('acme-new.bitrix24.com')
    expect(usePortalsStore().portals).toEqual([moved])
    wrapper.unmount()
  })

  it('Keep forgets the move, and the portal keeps its address', async () => {
    vi.mocked(api.portals.dismissMove).mockResolvedValue({ ok: true, value: portal })
    const wrapper = await mountList([{ ...portal, pendingMove: move }])
    button('Keep acme.bitrix24.com as the address of portal Acme').click()
    await flushPromises()
    expect(api.portals.dismissMove).toHaveBeenCalledWith({ id: 'p1' })
    expect(api.portals.confirmMove).not.toHaveBeenCalled()
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(usePortalsStore().portals[0]!.domain).toBe('acme.bitrix24.com')
    wrapper.unmount()
  })

  it('a refused confirmation keeps the question on screen', async () => {
    vi.mocked(api.portals.confirmMove).mockResolvedValue({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'This portal has no such move to confirm.' }
    })
    const wrapper = await mountList([{ ...portal, pendingMove: move }], 'ru')
    button('Сделать acme-new.bitrix24.com адресом портала Acme').click()
    await flushPromises()
    expect(wrapper.find('[role="alert"]').text()).toContain('Портал Acme отвечает с другого адреса')
    wrapper.unmount()
  })
})

describe('removing a portal', () => {
  const dialog = () => {
    // The one opened last (one closed just before may still be leaving).
    const found = [...document.body.querySelectorAll('[role="dialog"]')].at(-1)
    if (!found) throw new Error('No dialog is open')
    return found
  }
  const dialogText = () => dialog().querySelector('.n-dialog__content')?.textContent ?? ''

  it('warns that the local copy goes, with the unsent changes counted', async () => {
    vi.mocked(api.sync.status).mockResolvedValue({
      ok: true,
      value: { ...idleStatus('p1'), pending: 2, needsAttention: 1, conflicts: 1 }
    })
    const wrapper = await mountList([portal])
    button('Remove portal Acme').click()
    await flushPromises()
    expect(api.sync.status).toHaveBeenCalledWith({ portalId: 'p1' })
    expect(dialogText()).toBe(
      'Remove portal Acme? Its saved sign-in is deleted from the keychain, and the local copy of its leads is ' +
        'deleted from this computer. 4 changes not yet sent to the portal will be lost.'
    )
    button('Remove', dialog()).click()
    await flushPromises()
    expect(api.portals.remove).toHaveBeenCalledWith({ id: 'p1' })
    wrapper.unmount()
  })

  it('in Russian, with the plural form of the count', async () => {
    vi.mocked(api.sync.status).mockResolvedValue({ ok: true, value: { ...idleStatus('p1'), pending: 3 } })
    const wrapper = await mountList([portal], 'ru')
    button('Удалить портал Acme').click()
    await flushPromises()
    expect(dialogText()).toContain('3 изменения, ещё не отправленные на портал, будут потеряны.')
    wrapper.unmount()
  })

  it('says what goes in general when nothing is unsent, or the count cannot be had', async () => {
    const wrapper = await mountList([portal])
    button('Remove portal Acme').click()
    await flushPromises()
    const general =
      'Remove portal Acme? Its saved sign-in is deleted from the keychain, and the local copy of its leads is ' +
      'deleted from this computer, with any changes not yet sent to the portal.'
    expect(dialogText()).toBe(general)
    button('Cancel', dialog()).click()
    await flushPromises()
    expect(api.portals.remove).not.toHaveBeenCalled()

    vi.mocked(api.sync.status).mockResolvedValue({ ok: false, error: { code: 'SIGN_IN_REQUIRED', message: 'x' } })
    button('Remove portal Acme').click()
    await flushPromises()
    expect(api.sync.status).toHaveBeenCalledTimes(2)
    expect(document.body.querySelectorAll('[role="dialog"]').length).toBeGreaterThan(0)
    expect(dialogText()).toBe(general)
    wrapper.unmount()
  })
})
