/**
 * A loopback HTTP server that replays the exchanges in fixtures/: a request
 * for /<host>/<path> is answered as https://<host>/<path> was. Tests can
 * script a sequence of answers for a URL (a 429, then a 200) or a delay.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Answer {
  status: number
  headers?: Record<string, string>
  body: unknown
  /** Milliseconds before answering (for time-outs). */
  delayMs?: number
}

export interface Exchange {
  request: { method: string; url: string; accept?: string }
  response: Answer
}

export interface ReplayServer {
  /** The settings that point Galley at this server. */
  env: { GALLEY_DOI_URL: string; GALLEY_PUBMED_URL: string }
  roots: { doi: string; pubmed: string }
  /** Every URL asked for, as the real service's URL, in order. */
  requests: string[]
  /** The most requests each host had in flight at once. */
  mostAtOnce: Map<string, number>
  /** Answers for `url`, one per request; the last one repeats. */
  script(url: string, answers: Answer[]): void
  close(): Promise<void>
}

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')

export function loadExchanges(): Exchange[] {
  return fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.json')).sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Exchange)
}

export async function startReplayServer(exchanges: Exchange[] = loadExchanges()): Promise<ReplayServer> {
  const recorded = new Map(exchanges.map((exchange) => [exchange.request.url, exchange]))
  const scripts = new Map<string, Answer[]>()
  const requests: string[] = []
  const inFlight = new Map<string, number>()
  const mostAtOnce = new Map<string, number>()
  const server = http.createServer((request, response) => {
    const [, host, ...rest] = decodeURI(request.url ?? '/').split('/')
    const url = `https://${host}/${rest.join('/')}`
    requests.push(url)
    inFlight.set(host, (inFlight.get(host) ?? 0) + 1)
    mostAtOnce.set(host, Math.max(mostAtOnce.get(host) ?? 0, inFlight.get(host)!))
    response.on('close', () => inFlight.set(host, inFlight.get(host)! - 1))
    const scripted = scripts.get(url)
    const exchange = recorded.get(url)
    let answer: Answer
    if (scripted?.length) answer = scripted.length > 1 ? scripted.shift()! : scripted[0]
    else if (!exchange) answer = { status: 404, headers: { 'content-type': 'text/plain' }, body: `No recorded answer for ${url}\n` }
    else if (exchange.request.accept && request.headers.accept !== exchange.request.accept) {
      answer = { status: 406, headers: { 'content-type': 'text/plain' }, body: `Recorded with Accept: ${exchange.request.accept}, asked with ${request.headers.accept}\n` }
    } else answer = exchange.response
    const send = () => {
      if (response.destroyed) return
      response.writeHead(answer.status, answer.headers ?? {})
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body))
    }
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref()
    else send()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const roots = { doi: `${base}/doi.org`, pubmed: `${base}/api.ncbi.nlm.nih.gov/lit/ctxp/v1` }
  return {
    env: { GALLEY_DOI_URL: roots.doi, GALLEY_PUBMED_URL: roots.pubmed },
    roots,
    requests,
    mostAtOnce,
    script: (url, answers) => { scripts.set(url, [...answers]) },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

// `node --import tsx tests/references/server.ts [delay ms]`: serve the fixtures by hand until interrupted.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const delayMs = Number(process.argv[2] ?? 0)
  const replay = await startReplayServer(loadExchanges().map((exchange) => ({ ...exchange, response: { ...exchange.response, delayMs } })))
  console.log(Object.entries(replay.env).map(([name, value]) => `export ${name}=${value}`).join('\n'))
}
