import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setApi } from '../../../renderer/src/api/client'
import WebhookForm from '../../../renderer/src/features/portals/WebhookForm.vue'
import { createAppI18n } from '../../../renderer/src/i18n'
import en from '../../../renderer/src/i18n/en'
import { makeFakeApi } from './fake-api'

function mountForm() {
  return mount(WebhookForm, { global: { plugins: [createPinia(), createAppI18n('en')] }, attachTo: document.body })
}

describe('WebhookForm', () => {
  let api: ReturnType<typeof makeFakeApi>
  beforeEach(() => {
    api = makeFakeApi()
    setApi(api)
  })

  it("shows the core's verdict on a bad URL and keeps what the user typed", async () => {
    vi.mocked(api.portals.connectWebhook).mockResolvedValue({
      ok: false,
      error: { code: 'INVALID_WEBHOOK_URL', message: 'bad', details: { problem: 'notWebhookPath' } }
    })
    const wrapper = mountForm()
    const input = wrapper.get('input#webhook-url')
    await input.setValue('https://acme.bitrix24.com/crm/')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.portals.connectWebhook).toHaveBeenCalledWith({ url: 'https://acme.bitrix24.com/crm/' })
    expect(wrapper.get('[role="alert"]').text()).toBe(en.errors.webhook.notWebhookPath)
    expect((input.element as HTMLInputElement).value).toBe('https://acme.bitrix24.com/crm/')
    wrapper.unmount()
  })

  it('clears the field and the error after a successful connection', async () => {
    const portal = {
      id: 'p1',
      name: 'Acme',
      domain: 'acme.bitrix24.com',
      authKind: 'webhook' as const,
      color: '#000',
      isProduction: false,
      addedAt: '',
      scopes: ['crm'],
      status: 'connected' as const
    }
    vi.mocked(api.portals.connectWebhook).mockResolvedValue({ ok: true, value: portal })
    const wrapper = mountForm()
    await wrapper.get('input#webhook-url').setValue('https://acme.bitrix24.com/rest/1/abcd1234/')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect((wrapper.get('input#webhook-url').element as HTMLInputElement).value).toBe('')
    wrapper.unmount()
  })

  it('disables Connect while the field is empty', async () => {
    const wrapper = mountForm()
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('input#webhook-url').setValue('x')
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })
})
