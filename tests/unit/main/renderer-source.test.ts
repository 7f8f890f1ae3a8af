import { describe, expect, it } from 'vitest'
import { chooseRendererSource } from '../../../electron/main/renderer-source'

const bundled = { url: 'app://lead-admin/index.html', trustedOrigins: ['app://lead-admin'] }

describe('chooseRendererSource', () => {
  it('loads the bundled renderer on the app scheme when no dev server is named', () => {
    expect(chooseRendererSource({ isPackaged: true, devServerUrl: undefined })).toEqual(bundled)
    expect(chooseRendererSource({ isPackaged: false, devServerUrl: undefined })).toEqual(bundled)
    expect(chooseRendererSource({ isPackaged: false, devServerUrl: '' })).toEqual(bundled)
  })

  it('loads and trusts the dev server in development', () => {
    expect(chooseRendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      url: 'http://localhost:5173',
      trustedOrigins: ['app://lead-admin', 'http://localhost:5173']
    })
    expect(chooseRendererSource({ isPackaged: false, devServerUrl: 'https://127.0.0.1:5173/' }).trustedOrigins).toEqual(
      ['app://lead-admin', 'https://127.0.0.1:5173']
    )
  })

  it('never loads nor trusts ELECTRON_RENDERER_URL in the packaged app', () => {
    for (const devServerUrl of ['http://localhost:5173', 'https://evil.example/']) {
      expect(chooseRendererSource({ isPackaged: true, devServerUrl })).toEqual({
        ...bundled,
        ignoredDevServerUrl: devServerUrl
      })
    }
  })

  it('ignores a dev server that is not an http server on this machine', () => {
    for (const devServerUrl of [
      'https://evil.example/',
      'http://192.168.1.20:5173/',
      'file:///tmp/index.html',
      'javascript:alert(1)',
      'http://user:pass@localhost:5173/',
      'not a url'
    ]) {
      expect(chooseRendererSource({ isPackaged: false, devServerUrl }), devServerUrl).toEqual({
        ...bundled,
        ignoredDevServerUrl: devServerUrl
      })
    }
  })
})
