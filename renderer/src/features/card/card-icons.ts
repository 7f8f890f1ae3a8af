/** Symbols the card's icon buttons show (their accessible names come from the translations). */
export const CARD_ICONS = {
  back: '←',
  edit: '✎',
  remove: '✕',
  up: '↑',
  down: '↓',
  drag: '⋮⋮'
} as const
