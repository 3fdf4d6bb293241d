/**
 * Reference-style images (`![alt][ref]` with `[ref]: figures/x.png "Title"`)
 * become plain images, so that figures, the copies beside the outputs and the
 * URL policy treat them as they treat `![alt](figures/x.png)`: the emitters
 * never see one, and the JATS and the HTML cannot name the file differently.
 */
import type { Image, Root } from 'mdast'
import { definitions } from 'mdast-util-definitions'
import { visit } from 'unist-util-visit'

export function resolveImageReferences(tree: Root): void {
  const definitionOf = definitions(tree)
  visit(tree, 'imageReference', (node, index, parent) => {
    const definition = definitionOf(node.identifier)
    // The parser makes a reference only where its definition exists.
    if (!definition || !parent || index === undefined) return
    const image: Image = { type: 'image', url: definition.url, title: definition.title, alt: node.alt, position: node.position }
    if (node.data) image.data = node.data
    parent.children[index] = image
  })
}
