/**
 * The local preview for `galley watch --serve`: the output folder over HTTP
 * on 127.0.0.1 only, the page at `/` with its live script, and Server-Sent
 * Events handing open pages each new page, then telling them the build is done.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { FORMATS, formatOfOutput, OUTPUTS } from '../outputs/registry.ts'
import { EVENTS_PATH, injectLive, liveSnippet, placeholderPage } from './live.ts'
import { isInside } from './sources.ts'

export interface PreviewOptions {
  outDir: string
  /** The page shown at `/`, e.g. letter.html. */
  page: string
  /** The PDF the page's banner links to, e.g. letter.pdf, when one is built. */
  pdf?: string
  /** First port to try (default 4173; 0 for any free port). */
  port?: number
  /** Ports tried, counting up from `port`, while they are taken (default 10). */
  tries?: number
}

export interface PreviewServer {
  url: string
  /** Open pages patch themselves in place to show `html`, the page build `seq` is writing. */
  showPage(page: { seq: number; html: string }): void
  /**
   * A build ended: after a good one open pages update their PDF link (or reload, when they
   * were not shown its page); after a failed one they show the findings.
   */
  announce(build: { seq: number; ok: boolean; text?: string }): void
  close(): Promise<void>
}

/** By the longest ending the name has, so `letter.meca.zip` is its format's, not any `.zip`. */
function typeOf(file: string): string {
  const name = path.basename(file).toLowerCase()
  const ending = Object.keys(TYPES).filter((suffix) => name.endsWith(suffix)).sort((a, b) => b.length - a.length)[0]
  return ending ? TYPES[ending] : 'application/octet-stream'
}

const TYPES: Record<string, string> = {
  ...Object.fromEntries(FORMATS.map((format) => [`.${OUTPUTS[format].extension}`, OUTPUTS[format].mediaType])),
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.zip': 'application/zip',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
}

const HOST = '127.0.0.1'
// Names a browser may use for this machine; anything else is another site (DNS rebinding) reaching in.
const LOCAL_NAMES = new Set([HOST, 'localhost', '[::1]'])

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const outDir = path.resolve(options.outDir)
  const clients = new Set<http.ServerResponse>()
  let failure: string | undefined

  const sendEvent = (client: http.ServerResponse, event: string, data: unknown) =>
    client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)

  const subscribe = (request: http.IncomingMessage, response: http.ServerResponse) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    response.write('retry: 1000\n\n')
    if (failure !== undefined) sendEvent(response, 'failure', { text: failure })
    clients.add(response)
    request.on('close', () => clients.delete(response))
  }

  // The PDF's address changes with every build, so a browser never shows an old one.
  const pdfHref = () => {
    const pdf = options.pdf && fs.statSync(path.join(outDir, options.pdf), { throwIfNoEntry: false })
    return pdf ? `/${encodeURIComponent(options.pdf!)}?v=${Math.round(pdf.mtimeMs)}` : undefined
  }

  const servePage = (response: http.ServerResponse, file: string, head: boolean) => {
    const snippet = liveSnippet(pdfHref())
    const html = fs.existsSync(file)
      ? injectLive(fs.readFileSync(file, 'utf8'), snippet)
      : injectLive(placeholderPage(options.page, outputsIn(outDir)), snippet)
    send(response, 200, html, TYPES['.html'], head)
  }

  const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const host = (request.headers.host ?? HOST).replace(/:\d+$/, '').toLowerCase()
    if (!LOCAL_NAMES.has(host)) return send(response, 403, 'Forbidden host\n')
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed\n')
    const head = request.method === 'HEAD'
    let pathname: string
    try {
      pathname = decodeURIComponent((request.url ?? '/').split('?')[0])
    } catch {
      return send(response, 400, 'Bad request\n')
    }
    if (pathname === EVENTS_PATH) return subscribe(request, response)
    const segments = pathname.split(/[\\/]/)
    if (segments.includes('..') || pathname.includes('\0')) return send(response, 403, 'Forbidden\n')
    // Dot names are the build's staging folders and other litter, never outputs.
    if (segments.some((segment) => segment.startsWith('.'))) return send(response, 404, 'Not found\n', undefined, head)
    const file = path.join(outDir, pathname === '/' ? options.page : pathname)
    if (!isInside(file, outDir)) return send(response, 403, 'Forbidden\n')
    if (pathname === '/' || file === path.join(outDir, options.page)) return servePage(response, file, head)
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (!stat?.isFile()) return send(response, 404, 'Not found\n', undefined, head)
    const extension = path.extname(file).toLowerCase()
    if (extension === '.html') return servePage(response, file, head)
    response.writeHead(200, { 'Content-Type': typeOf(file), 'Content-Length': stat.size, 'Cache-Control': 'no-store' })
    if (head) return response.end()
    fs.createReadStream(file).on('error', () => response.destroy()).pipe(response)
  }

  const server = http.createServer(handle)
  const port = await listen(server, options.port ?? 4173, options.tries ?? 10)
  // Proxies and idle browsers drop quiet connections; a comment line keeps them open.
  const keepAlive = setInterval(() => clients.forEach((client) => client.write(': keep-alive\n\n')), 15_000).unref()

  return {
    url: `http://${HOST}:${port}/`,
    showPage({ seq, html }) {
      for (const client of clients) sendEvent(client, 'page', { seq, html })
    },
    announce(build) {
      failure = build.ok ? undefined : (build.text ?? 'The build failed.')
      const built = build.ok && { seq: build.seq, pdf: pdfHref() }
      for (const client of clients) built ? sendEvent(client, 'built', built) : sendEvent(client, 'failure', { text: failure })
    },
    async close() {
      clearInterval(keepAlive)
      for (const client of clients) client.end()
      clients.clear()
      const closed = new Promise((resolve) => server.close(resolve))
      server.closeAllConnections()
      await closed
    },
  }
}

function send(response: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', head = false): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
  response.end(head ? undefined : body)
}

function outputsIn(outDir: string): string[] {
  const names = fs.existsSync(outDir) ? fs.readdirSync(outDir) : []
  return names.filter((name) => formatOfOutput(name) !== undefined).sort()
}

async function listen(server: http.Server, first: number, tries: number): Promise<number> {
  for (let port = first; port < first + Math.max(1, tries); port++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, HOST, () => {
          server.off('error', reject)
          resolve()
        })
      })
      return (server.address() as AddressInfo).port
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EADDRINUSE' || first === 0) throw cause
    }
  }
  throw new Error(`Ports ${first}–${first + tries - 1} on ${HOST} are all taken: choose another with --port N`)
}
