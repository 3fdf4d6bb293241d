/**
 * What the preview server adds to the page as it serves it (never to the
 * file on disk, which stays script-free): a PDF link, a live-reload script
 * listening on Server-Sent Events that patches the page in place, and an
 * overlay for a failed build.
 */
export const EVENTS_PATH = '/__galley/events'

const STYLE = `<style id="galley-live-style" data-galley-live>
#galley-pdf{position:fixed;top:.75rem;right:.75rem;z-index:2147483647;padding:.3rem .7rem;border-radius:.3rem;background:#1d4ed8;color:#fff;font:600 13px/1.4 system-ui,sans-serif;text-decoration:none;box-shadow:0 1px 4px #0004}
#galley-failure{position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1rem;z-index:2147483647;background:#3b0d0d;color:#fde8e8;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;border-top:3px solid #dc2626}
@media print{#galley-pdf,#galley-failure{display:none}}
</style>`

// The page is patched in place as soon as its HTML is made: the body is swapped for the new one,
// figures already shown are moved across (not fetched again, so nothing jumps), the scroll position
// is kept. "built" follows once every output is written: it updates the PDF link, or reloads a page
// that missed the patch (opened meanwhile, or a figure changed). A new stylesheet needs a reload too.
const SCRIPT = `<script id="galley-live" data-galley-live>(() => {
  const key = 'galley-scroll:' + location.pathname
  const saved = sessionStorage.getItem(key)
  if (saved !== null) { sessionStorage.removeItem(key); addEventListener('load', () => scrollTo(0, Number(saved))) }
  const reload = () => { sessionStorage.setItem(key, String(scrollY)); location.reload() }
  const headOf = (doc) => [...doc.head.children].filter((node) => node.localName !== 'title').map((node) => node.outerHTML).join('')
  const head = headOf(document)
  const copyAttributes = (from, to) => {
    for (const name of to.getAttributeNames()) if (!from.hasAttribute(name)) to.removeAttribute(name)
    for (const { name, value } of from.attributes) if (to.getAttribute(name) !== value) to.setAttribute(name, value)
  }
  let shown = -1
  const patch = ({ seq, html }) => {
    const next = new DOMParser().parseFromString(html, 'text/html')
    if (headOf(next) !== head) return reload()
    const images = new Map([...document.images].map((image) => [image.getAttribute('src'), image]))
    for (const image of [...next.images]) {
      const old = images.get(image.getAttribute('src'))
      if (!old) continue
      images.delete(image.getAttribute('src'))
      copyAttributes(image, old)
      image.replaceWith(old)
    }
    const live = [...document.querySelectorAll('[data-galley-live]')].filter((node) => node.id !== 'galley-failure')
    const [x, y] = [scrollX, scrollY]
    document.title = next.title
    copyAttributes(next.documentElement, document.documentElement)
    copyAttributes(next.body, document.body)
    document.body.replaceChildren(...next.body.childNodes, ...live)
    scrollTo(x, y)
    shown = seq
    dispatchEvent(new CustomEvent('galley:patched', { detail: seq }))
  }
  const built = ({ seq, pdf }) => {
    if (seq !== shown) return reload()
    document.getElementById('galley-failure')?.remove()
    let link = document.getElementById('galley-pdf')
    if (pdf && !link) {
      link = Object.assign(document.createElement('a'), { id: 'galley-pdf', target: '_blank', rel: 'noopener', textContent: 'PDF' })
      link.dataset.galleyLive = ''
      document.body.prepend(link)
    }
    if (pdf) link.href = pdf
    // Figures new in this build were not published yet when the patch asked for them.
    for (const image of document.images) if (image.complete && image.naturalWidth === 0) image.src = image.src
    dispatchEvent(new CustomEvent('galley:built', { detail: seq }))
  }
  const events = new EventSource('${EVENTS_PATH}')
  events.addEventListener('page', (event) => patch(JSON.parse(event.data)))
  events.addEventListener('built', (event) => built(JSON.parse(event.data)))
  events.addEventListener('failure', (event) => {
    let box = document.getElementById('galley-failure')
    if (!box) { box = document.createElement('pre'); box.id = 'galley-failure'; box.dataset.galleyLive = ''; document.body.append(box) }
    box.textContent = JSON.parse(event.data).text
  })
})()</script>`

export function liveSnippet(pdfHref?: string): string {
  const link = pdfHref ? `<a id="galley-pdf" data-galley-live href="${escapeAttribute(pdfHref)}" target="_blank" rel="noopener">PDF</a>` : ''
  return `${STYLE}${link}${SCRIPT}`
}

/** Before `</body>`, or at the end of a page without one. */
export function injectLive(html: string, snippet: string): string {
  const at = html.lastIndexOf('</body>')
  return at === -1 ? html + snippet : html.slice(0, at) + snippet + html.slice(at)
}

/** Shown at `/` until a build has written the page (or when HTML is not among the formats). */
export function placeholderPage(page: string, outputs: readonly string[]): string {
  const links = outputs.map((name) => `<li><a href="/${encodeURIComponent(name)}">${escapeText(name)}</a></li>`).join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Galley preview</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem"><p>No ${escapeText(page)} yet: this page reloads after the next successful build.</p>${links ? `<ul>${links}</ul>` : ''}</body></html>`
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;')
}
