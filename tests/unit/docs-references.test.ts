import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../support/built-app'

/**
 * Comments point into the repository's own documentation as `docs/<file>.md §N.N`. Every cited
 * file must exist and every cited section must be a numbered heading of it; and nothing may point
 * to design notes that are not in the repository.
 */

/** Folders whose source files are scanned, and the files at the top level that are scanned too. */
const SOURCE_FOLDERS = ['electron', 'renderer', 'tests']
const SOURCE_EXTENSIONS = new Set(['.ts', '.mts', '.vue', '.mjs', '.cjs'])
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', 'coverage'])
/** This file: its examples name wrong references on purpose. */
const THIS_FILE = relative(projectRoot, import.meta.filename)

/** `docs/<file>.md`, then any run of section numbers: `§8.10`, `§8.1–8.6, §6.3`, `§8.7/8.8`. */
const REFERENCE = /docs\/([\w.-]+\.md)((?:[ \t]*,?[ \t]*§\d+(?:\.\d+)*(?:[–/-]\d+(?:\.\d+)*)?)*)/g
const SECTION_NUMBER = /\d+(?:\.\d+)*/g
/** A numbered heading: `## 5 Offline-first model`, `### 8.10 User fields`. */
const NUMBERED_HEADING = /^#{1,6}[ \t]+(\d+(?:\.\d+)*)\.?[ \t]/gm
/** Design notes kept outside the repository, as comments used to cite them. */
const OUTSIDE_NOTES = [/bitrix24-rest\.md/, /(?<![\w/])architecture(?:\.md)?[ \t]*(?:§|section[ \t]+\d)/i]

interface Reference {
  file: string
  sections: string[]
  /** 1-based line of the reference in the scanned text. */
  line: number
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length
}

function referencesIn(text: string): Reference[] {
  return [...text.matchAll(REFERENCE)].map((match) => ({
    file: match[1]!,
    sections: match[2]!.match(SECTION_NUMBER) ?? [],
    line: lineAt(text, match.index)
  }))
}

function sectionNumbers(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(NUMBERED_HEADING)].map((match) => match[1]!))
}

/** Lines that cite a note outside the repository. */
function outsideNoteLines(text: string): number[] {
  return text
    .split('\n')
    .flatMap((line, index) => (OUTSIDE_NOTES.some((pattern) => pattern.test(line)) ? [index + 1] : []))
}

/** What is wrong with each reference, given the documents that exist (file name → markdown). */
function referenceProblems(references: readonly Reference[], docs: ReadonlyMap<string, string>): string[] {
  return references.flatMap((reference) => {
    const markdown = docs.get(reference.file)
    if (markdown === undefined) return [`line ${reference.line}: docs/${reference.file} does not exist`]
    const headings = sectionNumbers(markdown)
    return reference.sections
      .filter((section) => !headings.has(section))
      .map((section) => `line ${reference.line}: docs/${reference.file} has no section §${section}`)
  })
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) {
      return entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(path)
    }
    return entry.isFile() && SOURCE_EXTENSIONS.has(extname(entry.name)) ? [path] : []
  })
}

function scannedFiles(): string[] {
  const topLevel = readdirSync(projectRoot, { withFileTypes: true })
    .filter((entry) => entry.isFile() && (SOURCE_EXTENSIONS.has(extname(entry.name)) || entry.name === 'README.md'))
    .map((entry) => join(projectRoot, entry.name))
  const nested = SOURCE_FOLDERS.map((folder) => join(projectRoot, folder))
    .filter((folder) => existsSync(folder))
    .flatMap(sourceFiles)
  return [...topLevel, ...nested].filter((file) => relative(projectRoot, file) !== THIS_FILE)
}

function repositoryDocs(): Map<string, string> {
  const folder = join(projectRoot, 'docs')
  const docs = new Map<string, string>()
  if (!existsSync(folder)) return docs
  for (const name of readdirSync(folder)) {
    if (name.endsWith('.md')) docs.set(name, readFileSync(join(folder, name), 'utf8'))
  }
  return docs
}

describe('reading documentation references', () => {
  it('finds the file and every section number of a reference, ranges and lists included', () => {
    const text = [
      '/** The batch (docs/bitrix24-protocol.md §9) and',
      ' * docs/bitrix24-protocol.md §8.1–8.6, §6.3; docs/architecture.md §5. */',
      '// rows: docs/bitrix24-protocol.md §8.7/8.8, step 2; see docs/README.md'
    ].join('\n')
    expect(referencesIn(text)).toEqual([
      { file: 'bitrix24-protocol.md', sections: ['9'], line: 1 },
      { file: 'bitrix24-protocol.md', sections: ['8.1', '8.6', '6.3'], line: 2 },
      { file: 'architecture.md', sections: ['5'], line: 2 },
      { file: 'bitrix24-protocol.md', sections: ['8.7', '8.8'], line: 3 },
      { file: 'README.md', sections: [], line: 3 }
    ])
  })

  it('takes section numbers from numbered headings only', () => {
    const markdown = '# Title\n\n## 1 Transport\n\n### 1.1 URLs\n\nSee 2.2 below.\n\n#### 8.10. User fields\n## Notes\n'
    expect([...sectionNumbers(markdown)]).toEqual(['1', '1.1', '8.10'])
  })

  it('reports a missing file and a missing section, and accepts what exists', () => {
    const docs = new Map([['architecture.md', '## 5 Offline-first\n### 5.1 Store\n']])
    const references = referencesIn('docs/architecture.md §5.1\ndocs/architecture.md §5.2, §5\ndocs/nowhere.md §1')
    expect(referenceProblems(references, docs)).toEqual([
      'line 2: docs/architecture.md has no section §5.2',
      'line 3: docs/nowhere.md does not exist'
    ])
  })

  it('recognises citations of design notes kept outside the repository', () => {
    const text = [
      '// bitrix24-rest.md §4.1',
      '// (architecture §5)',
      '// see architecture section 3',
      '// docs/architecture.md §5',
      '// the process boundaries of the architecture'
    ].join('\n')
    expect(outsideNoteLines(text)).toEqual([1, 2, 3])
  })
})

describe("the repository's documentation references", () => {
  const docs = repositoryDocs()
  const files = scannedFiles()

  it('scans the sources', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(docs.size).toBeGreaterThan(0)
  })

  it('cites only documents and sections that exist', () => {
    const problems = files.flatMap((file) =>
      referenceProblems(referencesIn(readFileSync(file, 'utf8')), docs).map(
        (problem) => `${relative(projectRoot, file)} ${problem}`
      )
    )
    expect(problems).toEqual([])
  })

  it('cites no design notes outside the repository', () => {
    const citations = files.flatMap((file) =>
      outsideNoteLines(readFileSync(file, 'utf8')).map((line) => `${relative(projectRoot, file)}:${line}`)
    )
    expect(citations).toEqual([])
  })
})
