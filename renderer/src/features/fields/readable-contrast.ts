/** Black or white text, whichever reads better on a background colour (#rrggbb), by WCAG contrast. */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const channels = [1, 3, 5].map((start) => parseInt(background.slice(start, start + 2), 16) / 255)
  const [r, g, b] = channels.map((channel) =>
    channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  ) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): the larger one wins.
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff'
}
