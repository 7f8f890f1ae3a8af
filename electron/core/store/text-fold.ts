/**
 * Case folding for substring filters, text sorting and full-text search. SQLite's own lower()
 * and LIKE fold ASCII only, so the store keeps folded copies made here (Cyrillic included).
 * `ё` becomes `е`, because Russian text uses the two letters interchangeably.
 */
export function foldText(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е')
}

/** Words of a text as the search index sees them: runs of letters and digits. */
export function searchWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []
}
