/**
 * Identifiers → lock entries, one request each, in parallel within each
 * service's limits. A fault is a value naming its rule, never a throw, so
 * the caller can report it where the identifier was written.
 */
import PQueue from 'p-queue'
import type { ErrorRule } from '../diagnostics/rules.ts'
import { DEFAULT_HTTP, get, type HttpSettings } from './http.ts'
import type { Identifier } from './identifier.ts'
import { newLockEntry, type LockEntry } from './lock.ts'
import { readAnswer, SERVICES, serviceRoots, type Service, type ServiceRoots } from './services.ts'

export interface ResolveOptions {
  roots?: ServiceRoots
  http?: Partial<HttpSettings>
  /** Called as each identifier is done, for a progress line. */
  onDone?: (done: number, total: number, identifier: Identifier) => void
  now?: () => Date
}

export interface Fault {
  rule: Extract<ErrorRule, 'reference-not-found' | 'reference-service' | 'reference-invalid-response'>
  message: string
}

export type Resolution = { entry: LockEntry } | { fault: Fault }

export async function resolveIdentifiers(identifiers: readonly Identifier[], options: ResolveOptions = {}): Promise<Map<string, Resolution>> {
  const roots = options.roots ?? serviceRoots()
  const timeout = Number(process.env.GALLEY_REFS_TIMEOUT)
  const http = { ...DEFAULT_HTTP, ...(timeout > 0 ? { timeoutMs: timeout } : {}), ...options.http }
  const now = options.now ?? (() => new Date())
  const queues = new Map<Service, PQueue>()
  const queueOf = (service: Service) => {
    if (!queues.has(service)) queues.set(service, new PQueue({ concurrency: service.concurrency, intervalCap: service.perSecond, interval: 1000 }))
    return queues.get(service)!
  }
  const unique = [...new Map(identifiers.map((identifier) => [identifier.id, identifier])).values()]
  const results = new Map<string, Resolution>()
  let done = 0
  await Promise.all(unique.map((identifier) => {
    const service = SERVICES[identifier.kind]
    return queueOf(service).add(async () => {
      results.set(identifier.id, await resolveOne(identifier, service, roots, http, now))
      options.onDone?.(++done, unique.length, identifier)
    })
  }))
  return results
}

async function resolveOne(identifier: Identifier, service: Service, roots: ServiceRoots, http: HttpSettings, now: () => Date): Promise<Resolution> {
  const { url, headers } = service.request(identifier, roots)
  const answer = await get(url, headers, http)
  if (!answer.ok) {
    if (answer.status === 404) {
      return { fault: { rule: 'reference-not-found', message: `${service.name} knows no work ${identifier.id} (${url} answered 404): check the identifier` } }
    }
    return { fault: { rule: 'reference-service', message: `Cannot resolve ${identifier.id}: ${service.name} (${url}) failed: ${answer.reason}. Try again later; the lock file is unchanged` } }
  }
  const reading = readAnswer(identifier, answer.contentType, answer.body)
  if ('problem' in reading) {
    return { fault: { rule: 'reference-invalid-response', message: `Cannot resolve ${identifier.id}: ${reading.problem} (${url})` } }
  }
  return { entry: newLockEntry(reading.csl, url, now()) }
}
