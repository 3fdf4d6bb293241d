/**
 * A DTD as libxml2 reads it, in one file: its declarations with the parameter
 * entities expanded, no comments, no module files. The JATS DTD is some sixty
 * module files, and libxml2 spent most of its load opening them through
 * JavaScript callbacks and expanding parameter entities in them; the same
 * declarations from one file load in about a third of the time.
 *
 * `flattenDtd` takes libxml2's own serialization of a document whose internal
 * subset pulled the DTD in (what `XmlDocument.toString()` prints: every
 * declaration libxml2 kept, content models written from the parsed models, and
 * only the first declaration of a name, the one that counts), and keeps:
 * element, attribute-list and general entity declarations in their order, the
 * notations sorted (libxml2 prints them from a hash table), and the parameter
 * entities a kept declaration still names (in an entity's value, which
 * libxml2 prints as written), first. Loading its result and flattening again
 * gives the same text (tests/jats/flat-dtd.test.ts checks the JATS DTD).
 */

/** The declarations of the internal subset in `serialized`, each as printed, comments dropped. */
function declarations(serialized: string): string[] {
  const start = serialized.indexOf('[', serialized.indexOf('<!DOCTYPE'))
  if (start < 0) throw new Error('no internal subset to flatten')
  const found: string[] = []
  let at = start + 1
  while (at < serialized.length) {
    if (serialized.startsWith('<!--', at)) {
      at = serialized.indexOf('-->', at) + 3
      if (at < 3) throw new Error('unterminated comment in the DTD')
    } else if (serialized.startsWith(']', at)) {
      return found
    } else if (serialized.startsWith('<!', at) || serialized.startsWith('<?', at)) {
      let end = at
      let quote = ''
      for (; end < serialized.length; end++) {
        const char = serialized[end]
        if (quote) {
          if (char === quote) quote = ''
        } else if (char === '"' || char === "'") quote = char
        else if (char === '>') break
      }
      found.push(serialized.slice(at, end + 1))
      at = end + 1
    } else at++
  }
  throw new Error('unterminated internal subset')
}

const PARAMETER_ENTITY = /^<!ENTITY\s+%\s+([^\s]+)/
const REFERENCE = /%([A-Za-z_:][\w.:-]*);/g

export function flattenDtd(serialized: string): string {
  const parameters = new Map<string, string>()
  const kept: string[] = []
  const notations: string[] = []
  for (const declaration of declarations(serialized)) {
    const parameter = PARAMETER_ENTITY.exec(declaration)
    if (parameter) {
      if (!parameters.has(parameter[1])) parameters.set(parameter[1], declaration)
    } else if (declaration.startsWith('<!NOTATION')) notations.push(declaration)
    else if (!declaration.startsWith('<?')) kept.push(declaration)
  }
  // The parameter entities still referred to, and those they refer to, in declaration order.
  const needed = new Set<string>()
  const need = (text: string) => {
    for (const [, name] of text.matchAll(REFERENCE)) {
      const declaration = parameters.get(name)
      if (!declaration) throw new Error(`parameter entity %${name}; is referred to but not declared`)
      if (!needed.has(name)) needed.add(name), need(declaration.slice(declaration.indexOf(name) + name.length))
    }
  }
  for (const declaration of kept) need(declaration)
  const head = [...parameters].filter(([name]) => needed.has(name)).map(([, declaration]) => declaration)
  return `${[...head, ...notations.sort(), ...kept].join('\n')}\n`
}
