/**
 * Everything Chromium paints outside the structure tree becomes an artifact.
 *
 * Chromium tags what the page's accessibility tree holds and leaves the rest unmarked: the
 * running heads and page numbers of the CSS margin boxes, and backgrounds such as the header
 * band. PDF/UA wants every mark either tagged or an `/Artifact`, so each untagged painting
 * operation is wrapped in `/Artifact BMC … EMC`: a path with the operators that build it, a run
 * of text operators within one text object, an image or a shading.
 */

const PATH_CONSTRUCTION = /(?:^|\s)(?:m|l|c|v|y|h|re)$/
const PATH_PAINT = /^(?:f\*?|F|B\*?|b\*?|S|s)$/
const CLIP_END = /^(?:W\*? )?n$/
const SHOWS = /(?:Tj|TJ|'|"|Do|sh)$/
/** Operators that end an artifact run: object, state-stack and marked-content boundaries. */
const BOUNDARY = /^(?:BT|ET|q|Q|EMC)$|B[DM]C$/

/**
 * One content stream's operators with its untagged ones wrapped (render.ts runs it on each page's
 * streams). Chromium writes one operation (or a move and a show) per line; lines are the unit here.
 */
export function wrapUntagged(content: string): string {
  const out: string[] = []
  let depth = 0
  let path: string[] = []
  let open = false
  const close = () => {
    if (open) out.push('EMC')
    open = false
  }
  for (const line of content.split('\n')) {
    const op = line.trim()
    if (depth > 0 || op === '') {
      if (/B[DM]C$/.test(op)) depth++
      else if (op === 'EMC') depth--
      out.push(line)
      continue
    }
    if (PATH_CONSTRUCTION.test(op)) {
      close()
      path.push(line)
    } else if (CLIP_END.test(op)) {
      out.push(...path, line)
      path = []
    } else if (PATH_PAINT.test(op)) {
      close()
      out.push('/Artifact BMC', ...path, line, 'EMC')
      path = []
    } else if (BOUNDARY.test(op)) {
      close()
      if (/B[DM]C$/.test(op)) depth++
      out.push(line)
    } else if (SHOWS.test(op)) {
      if (!open) out.push('/Artifact BMC')
      open = true
      out.push(line)
    } else {
      out.push(line)
    }
  }
  close()
  return out.join('\n')
}
