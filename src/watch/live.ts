/**
 * What the preview server adds to the page as it serves it (never to the
 * file on disk, which stays script-free): a PDF link, a live-reload script
 * listening on Server-Sent Events, and an overlay for a failed build.
 */
export const EVENTS_PATH = '/__galley/events'

const STYLE = `<style id="galley-live-style">
#galley-pdf{position:fixed;top:.75rem;right:.75rem;z-index:2147483647;padding:.3rem .7rem;border-radius:.3rem;background:#1d4ed8;color:#fff;font:600 13px/1.4 system-ui,sans-serif;text-decoration:none;box-shadow:0 1px 4px #0004}
#galley-failure{position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1rem;z-index:2147483647;background:#3b0d0d;color:#fde8e8;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;border-top:3px solid #dc2626}
@media print{#galley-pdf,#galley-failure{display:none}}
</style>`

// Keeps the reader's place across reloads; shows findings until the next good build reloads the page.
const SCRIPT = `<script id="galley-live">(() => {
  const key = 'galley-scroll:' + location.pathname
  const saved = sessionStorage.getItem(key)
  if (saved !== null) { sessionStorage.removeItem(key); addEventListener('load', () => scrollTo(0, Number(saved))) }
  const events = new EventSource('${EVENTS_PATH}')
  events.addEventListener('reload', () => { sessionStorage.setItem(key, String(scrollY)); location.reload() })
  events.addEventListener('failure', (event) => {
    let box = document.getElementById('galley-failure')
    if (!box) { box = document.createElement('pre'); box.id = 'galley-failure'; document.body.append(box) }
    box.textContent = JSON.parse(event.data).text
  })
})()</script>`

export function liveSnippet(pdfHref?: string): string {
  const link = pdfHref ? `<a id="galley-pdf" href="${escapeAttribute(pdfHref)}" target="_blank" rel="noopener">PDF</a>` : ''
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
