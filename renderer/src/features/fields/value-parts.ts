import { h, type FunctionalComponent, type VNode } from 'vue'
import type { ValuePart } from './display-parts'
import { entityUrl } from './entity-links'
import { textColorOn } from './readable-contrast'
import './value-parts.css'

export interface ValuePartsProps {
  parts: ValuePart[]
  /** false: links stay out of the Tab order (inside a grid, whose cells the arrows reach). */
  linksFocusable?: boolean
  /** The active portal's domain: bound records link to their pages there. */
  domain?: string
}

/**
 * A value's parts as the user reads them: stage chips in their colour, links, bound records,
 * text. A functional component (no instance of its own), so a grid can draw thousands of cells.
 */
export const ValueParts: FunctionalComponent<ValuePartsProps> = (props) =>
  h(
    'span',
    { class: 'field-value' },
    props.parts.flatMap((part, index) => [
      ...(index > 0 ? [h('span', { class: 'field-value__separator' }, ', ')] : []),
      partNode(part, props)
    ])
  )
ValueParts.props = ['parts', 'linksFocusable', 'domain']

function link(href: string, text: string, props: ValuePartsProps): VNode {
  return h(
    'a',
    {
      href,
      tabindex: props.linksFocusable === false ? -1 : undefined,
      target: '_blank',
      rel: 'noopener',
      onClick: (event: Event) => event.stopPropagation()
    },
    text
  )
}

function partNode(part: ValuePart, props: ValuePartsProps): VNode {
  switch (part.kind) {
    case 'stage':
      return h(
        'span',
        {
          class: ['field-value__stage', `field-value__stage--${part.semantics ?? 'process'}`],
          style: part.color ? { background: part.color, color: textColorOn(part.color) } : undefined
        },
        part.text
      )
    case 'link':
      return link(part.href, part.text, props)
    case 'record':
      return props.domain
        ? link(entityUrl(props.domain, part.entityType, part.id), part.text, props)
        : h('span', part.text)
    case 'text':
      return h('span', { class: { 'field-value__muted': part.muted } }, part.text)
  }
}
