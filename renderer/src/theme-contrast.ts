import type { GlobalThemeOverrides } from 'naive-ui'

/**
 * naive-ui's light theme writes green, blue and orange text (active links, tags, hints) and its
 * grey secondary text below the 4.5:1 contrast that small text needs on a light background: the
 * same hues, darker. In both themes an empty state's text is the disabled colour: it is real text.
 */
const lightContrast: GlobalThemeOverrides = {
  common: {
    primaryColor: '#0c7a43',
    primaryColorHover: '#0f8a4c',
    primaryColorPressed: '#0a6437',
    primaryColorSuppl: '#0f8a4c',
    successColor: '#0c7a43',
    successColorHover: '#0f8a4c',
    successColorPressed: '#0a6437',
    successColorSuppl: '#0f8a4c',
    infoColor: '#1763c6',
    infoColorHover: '#2070d8',
    infoColorPressed: '#1252a6',
    infoColorSuppl: '#2070d8',
    warningColor: '#9a5b00',
    warningColorHover: '#ad6700',
    warningColorPressed: '#7f4b00',
    warningColorSuppl: '#ad6700',
    textColor3: '#5c5f66'
  },
  Empty: { textColor: '#5c5f66' }
}

const darkContrast: GlobalThemeOverrides = {
  Empty: { textColor: 'rgba(255, 255, 255, 0.62)' }
}

export const contrastOverrides = (theme: 'light' | 'dark') => (theme === 'dark' ? darkContrast : lightContrast)
