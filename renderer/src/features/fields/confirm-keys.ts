/**
 * The keys every field editor shares: Enter confirms, Escape cancels. They go no further, so a
 * grid or form around the editor does not act on them too.
 */
export function confirmKeys(commit: () => void, cancel: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== 'Escape') return
    event.preventDefault()
    event.stopPropagation()
    if (event.key === 'Enter') commit()
    else cancel()
  }
}
