/** A private copy of manuscript/ and the letter's template for each watch test, and small waiting helpers. */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface Workspace {
  dir: string
  manuscript: string
  template: string
  outDir: string
  read(relative: string): string
  /** The text of an output with soft hyphens (the HTML hyphenates long words) taken out. */
  text(relative: string): string
  edit(relative: string, from: string | RegExp, to: string): void
  /** Every output file's bytes, by name, to check a failed build left them alone. */
  outputs(): Map<string, Buffer>
  remove(): void
}

export function workspace(): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-watch-'))
  fs.cpSync(path.join(ROOT, 'manuscript'), path.join(dir, 'manuscript'), { recursive: true, preserveTimestamps: true })
  // A copy, so editing its CSS touches nothing shared.
  fs.cpSync(path.join(ROOT, 'templates/actas-dermo-sifiliograficas'), path.join(dir, 'template'), { recursive: true, preserveTimestamps: true })
  const at = (relative: string) => path.join(dir, relative)
  return {
    dir,
    manuscript: at('manuscript/letter.md'),
    template: at('template'),
    outDir: at('output'),
    read: (relative) => fs.readFileSync(at(relative), 'utf8'),
    text: (relative) => fs.readFileSync(at(relative), 'utf8').replace(/\u00ad|&shy;|&#xad;|&#173;/gi, ''),
    edit(relative, from, to) {
      const text = fs.readFileSync(at(relative), 'utf8')
      const next = text.replace(from, to)
      if (next === text) throw new Error(`${relative}: nothing matches ${from}`)
      fs.writeFileSync(at(relative), next)
    },
    outputs() {
      const files = fs.readdirSync(at('output'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
      return new Map(files.map((entry) => {
        const file = path.join(entry.parentPath, entry.name)
        return [path.relative(at('output'), file), fs.readFileSync(file)]
      }))
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** Plain HTTP, so paths like /../x reach the server unnormalised. */
export function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const request = http.request({ host: target.hostname, port: target.port, path: url.slice(target.origin.length), headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, type: String(response.headers['content-type']), body: Buffer.concat(chunks) }))
    })
    request.on('error', reject)
    request.end()
  })
}

/** A Server-Sent Events client: `next('reload')` waits for the next event of that name (a failure while waiting throws). */
export function sse(url: string) {
  const events: Array<{ event: string; data: string }> = []
  const waiting: Array<() => void> = []
  let buffer = ''
  const request = http.get(url, (response) => {
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      buffer += chunk
      let end
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2)
        if (field('event')) events.push({ event: field('event')!, data: field('data') ?? '' })
        waiting.splice(0).forEach((wake) => wake())
      }
    })
  })
  request.on('error', () => {})
  const connected = new Promise<void>((resolve) => request.on('response', () => resolve()))
  return {
    connected,
    events,
    async next(event: string, timeoutMs = 60_000): Promise<string> {
      const deadline = Date.now() + timeoutMs
      for (let seen = 0; ; ) {
        const found = events.slice(seen).find((item) => item.event === event || item.event === 'failure')
        if (found?.event === 'failure' && event !== 'failure') throw new Error(`build failed:\n${JSON.parse(found.data).text}`)
        if (found) {
          events.splice(events.indexOf(found), 1)
          return found.data
        }
        seen = events.length
        if (Date.now() > deadline) throw new Error(`no "${event}" event within ${timeoutMs} ms`)
        await new Promise<void>((resolve) => {
          waiting.push(resolve)
          setTimeout(resolve, 200)
        })
      }
    },
    close: () => request.destroy(),
  }
}

/** Polls until `check` returns something truthy. */
export async function until<T>(check: () => T, timeoutMs = 60_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
