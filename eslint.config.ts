import type { Linter } from 'eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Imports that would break the process boundaries (docs/architecture.md §3). */
const electronPaths = [{ name: 'electron', message: 'Core code runs in plain Node: never import electron here.' }]
const electronPatterns = [
  { group: ['electron/*'], message: 'Core code runs in plain Node: never import electron here.' },
  { group: ['**/main/*', '**/preload/*'], message: 'Core must not depend on the Electron glue.' }
]
const noElectronInCore: Linter.RulesRecord = {
  '@typescript-eslint/no-restricted-imports': ['error', { paths: electronPaths, patterns: electronPatterns }]
}

/**
 * The core's layers, lowest first: a folder imports from its own layer and the ones below it,
 * never from a layer above (docs/architecture.md §3). The shared modules at the core's root
 * (errors, log, events, redact) are open to every layer.
 */
const CORE_LAYERS: readonly string[][] = [
  ['portal'],
  ['auth'],
  ['domain'],
  ['metadata'],
  ['store'],
  ['jobs', 'files'],
  ['sync'],
  ['portals'],
  ['workspaces'],
  ['leads', 'userfields', 'layouts'],
  ['api']
]

function coreLayerRules(): Linter.Config[] {
  return CORE_LAYERS.flatMap((layer, index) => {
    const above = CORE_LAYERS.slice(index + 1).flat()
    if (above.length === 0) return []
    const rule: Linter.RulesRecord = {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: electronPaths,
          patterns: [
            ...electronPatterns,
            {
              // A file in the folder, or the folder's index (`../api`, from one or two levels down).
              group: above.flatMap((folder) => [`**/${folder}/*`, `../${folder}`, `../../${folder}`]),
              message: `electron/core/${layer.join(', ')} must not import from a layer above it (${above.join(', ')}).`
            }
          ]
        }
      ]
    }
    return [{ files: layer.map((folder) => `electron/core/${folder}/**`), rules: rule }]
  })
}

const rendererBoundary: Linter.RulesRecord = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'The renderer has no Electron access; use window.api.' }],
      patterns: [
        {
          group: ['**/electron/**', '!**/electron/api-shape', '@contract'],
          allowTypeImports: true,
          message: 'The renderer may import only types from electron/ (and the dependency-free api-shape).'
        },
        { group: ['node:*'], message: 'The renderer runs in a browser sandbox: no Node modules.' }
      ]
    }
  ]
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'coverage/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      // Layout of markup is Prettier's job.
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off'
    }
  },
  {
    // The recording stand-in for `electron` must be CommonJS, like the real module.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: [
      'electron/core/**',
      'electron/emulator/**',
      'electron/bridge/**',
      'electron/contract/**',
      'electron/api-shape.ts'
    ],
    rules: noElectronInCore
  },
  ...coreLayerRules(),
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...rendererBoundary,
      // All UI text goes through vue-i18n.
      'vue/no-bare-strings-in-template': ['error', { allowlist: ['—', '·', 'v', ':', '(', ')', ',', '.', '/', '-'] }]
    }
  }
)
