/** Resolution against the loopback server that replays the services' answers: the happy path and every fault. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readIdentifierKey, type Identifier } from '../../src/references/identifier.ts'
import type { HttpSettings } from '../../src/references/http.ts'
import { resolveIdentifiers, type Resolution } from '../../src/references/resolve.ts'
import { serviceRoots } from '../../src/references/services.ts'
import { loadExchanges, startReplayServer, type ReplayServer } from './server.ts'

let server: ReplayServer
beforeAll(async () => { server = await startReplayServer() })
afterAll(async () => { await server.close() })

const id = (key: string): Identifier => (readIdentifierKey(key) as { identifier: Identifier }).identifier
const fast: Partial<HttpSettings> = { backoffMs: 20, timeoutMs: 1_000 }
async function resolve(key: string, http = fast): Promise<Resolution> {
  return (await resolveIdentifiers([id(key)], { roots: server.roots, http })).get(id(key).id)!
}

describe('resolving identifiers', () => {
  it('a DOI by content negotiation, as citation-js reads it: CSL variables only', async () => {
    const resolution = await resolve('doi:10.1001/archdermatol.2011.2052')
    if (!('entry' in resolution)) throw new Error(resolution.fault.message)
    const { csl, source, sha256 } = resolution.entry
    expect(csl).toMatchObject({
      id: 'doi:10.1001/archdermatol.2011.2052', type: 'article-journal', DOI: '10.1001/archdermatol.2011.2052',
      'container-title': 'Archives of Dermatology', volume: '148', issue: '4', page: '455-462', issued: { 'date-parts': [[2012]] },
    })
    expect(csl.author?.[0]).toEqual({ family: 'Balin', given: 'S. J.' })
    // Crossref's own fields and the DOI's link are not CSL-JSON the lock needs.
    expect(Object.keys(csl)).not.toContain('short-container-title')
    expect(Object.keys(csl)).not.toContain('journal-issue')
    expect(csl.URL).toBeUndefined()
    expect(source).toBe(`${server.roots.doi}/10.1001/archdermatol.2011.2052`)
    expect(sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('a PMID and a PMCID through the Literature Citation Exporter, without the day of access', async () => {
    const [pmid, pmcid] = await Promise.all([resolve('pmid:28936472'), resolve('pmcid:PMC5597880')])
    for (const [resolution, expected] of [[pmid, 'pmid:28936472'], [pmcid, 'pmcid:PMC5597880']] as const) {
      if (!('entry' in resolution)) throw new Error(resolution.fault.message)
      expect(resolution.entry.csl).toMatchObject({ id: expected, PMID: '28936472', PMCID: 'PMC5597880', DOI: '10.1016/j.jdcr.2017.06.018', volume: '3' })
      expect(resolution.entry.csl.accessed).toBeUndefined()
    }
  })

  it('one request per identifier, however often it is asked for', async () => {
    const before = server.requests.length
    await resolveIdentifiers([id('doi:10.4103/2229-5178.171040'), id('doi:10.4103/2229-5178.171040'), id('doi:10.1016/j.reumae.2015.11.007')], { roots: server.roots, http: fast })
    expect(server.requests.length - before).toBe(2)
  })

  it('within the services\' limits: NCBI one request at a time and three a second, DOIs a few at once', async () => {
    const delayed = (url: string, delayMs: number) => {
      const { response } = loadExchanges().find((exchange) => exchange.request.url === url)!
      server.script(url, [{ ...response, delayMs }])
    }
    const pubmed = 'https://api.ncbi.nlm.nih.gov/lit/ctxp/v1'
    delayed(`${pubmed}/pubmed/?format=csl&id=28936472`, 100)
    delayed(`${pubmed}/pmc/?format=csl&id=5597880`, 100)
    const dois = ['10.1001/archdermatol.2011.2052', '10.1016/j.jdcr.2017.06.018', '10.1016/j.reumae.2015.11.007', '10.4103/2229-5178.171040']
    for (const doi of dois) delayed(`https://doi.org/${doi}`, 150)
    server.mostAtOnce.clear()
    const progress: string[] = []
    const started = Date.now()
    const results = await resolveIdentifiers(
      [id('pmid:28936472'), id('pmcid:PMC5597880'), ...dois.map((doi) => id(`doi:${doi}`))],
      { roots: server.roots, http: fast, onDone: (done, total, identifier) => progress.push(`${done}/${total} ${identifier.id}`) },
    )
    expect([...results.values()].every((resolution) => 'entry' in resolution)).toBe(true)
    expect(server.mostAtOnce.get('api.ncbi.nlm.nih.gov')).toBe(1)
    expect(server.mostAtOnce.get('doi.org')).toBe(3)
    expect(progress).toHaveLength(6)
    expect(progress.at(-1)).toMatch(/^6\/6 /)
    // Four DOIs three at a time take two rounds of 150 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('a DOI the service does not know: not found, not retried', async () => {
    const before = server.requests.length
    const resolution = await resolve('doi:10.1001/archdermatol.2099.0000')
    expect(resolution).toEqual({ fault: { rule: 'reference-not-found', message: expect.stringMatching(/knows no work doi:10.1001\/archdermatol.2099.0000 .*404.*check the identifier/) } })
    expect(server.requests.length - before).toBe(1)
  })

  it('an answer that is not CSL-JSON', async () => {
    expect(await resolve('doi:10.5555/no-csl-json')).toEqual({ fault: { rule: 'reference-invalid-response', message: expect.stringMatching(/answered text\/html, not CSL-JSON/) } })
    server.script('https://doi.org/10.5555/json-but-not-csl', [{ status: 200, headers: { 'content-type': 'application/vnd.citationstyles.csl+json' }, body: { message: 'hello' } }])
    expect(await resolve('doi:10.5555/json-but-not-csl')).toEqual({ fault: { rule: 'reference-invalid-response', message: expect.stringMatching(/not a CSL-JSON record/) } })
    server.script('https://doi.org/10.5555/broken-json', [{ status: 200, headers: { 'content-type': 'application/vnd.citationstyles.csl+json' }, body: '{"type": "article-jou' }])
    expect(await resolve('doi:10.5555/broken-json')).toEqual({ fault: { rule: 'reference-invalid-response', message: expect.stringMatching(/does not parse/) } })
  })

  it('429 with Retry-After: waits as long as asked, then succeeds', async () => {
    const url = 'https://doi.org/10.1016/j.jdcr.2017.06.018'
    const recorded = loadExchanges().find((exchange) => exchange.request.url === url)!
    server.script(url, [{ status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }, recorded.response])
    const started = Date.now()
    const resolution = await resolve('doi:10.1016/j.jdcr.2017.06.018')
    expect('entry' in resolution).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('5xx every time: retried with backoff, then a service fault', async () => {
    const url = 'https://doi.org/10.5555/always-503'
    server.script(url, [{ status: 503, body: 'unavailable' }])
    const before = server.requests.length
    const resolution = await resolve('doi:10.5555/always-503', { ...fast, attempts: 3 })
    expect(resolution).toEqual({ fault: { rule: 'reference-service', message: expect.stringMatching(/answered 503 Service Unavailable \(3 attempts\)\. Try again later; the lock file is unchanged/) } })
    expect(server.requests.length - before).toBe(3)
  })

  it('a Retry-After too long to wait for is a fault that says so', async () => {
    server.script('https://doi.org/10.5555/come-back-tomorrow', [{ status: 429, headers: { 'retry-after': '86400' }, body: '' }])
    expect(await resolve('doi:10.5555/come-back-tomorrow')).toEqual({ fault: { rule: 'reference-service', message: expect.stringMatching(/429 Too Many Requests, and it asks to wait 86400 s/) } })
  })

  it('no answer in time: a time-out fault', async () => {
    server.script('https://doi.org/10.5555/never', [{ status: 200, body: '{}', delayMs: 5_000 }])
    const resolution = await resolve('doi:10.5555/never', { backoffMs: 10, timeoutMs: 200, attempts: 2 })
    expect(resolution).toEqual({ fault: { rule: 'reference-service', message: expect.stringMatching(/no answer within 0.2 s \(2 attempts\)/) } })
  })

  it('nothing listening: a connection fault, never a throw', async () => {
    const closed = await startReplayServer([])
    await closed.close()
    const resolution = (await resolveIdentifiers([id('pmid:1')], { roots: closed.roots, http: { ...fast, attempts: 1 } })).get('pmid:1')!
    expect(resolution).toEqual({ fault: { rule: 'reference-service', message: expect.stringMatching(/cannot connect \(ECONNREFUSED\)/) } })
  })

  it('the service roots are settings', () => {
    expect(serviceRoots({})).toEqual({ doi: 'https://doi.org', pubmed: 'https://api.ncbi.nlm.nih.gov/lit/ctxp/v1' })
    expect(serviceRoots({ GALLEY_DOI_URL: 'http://127.0.0.1:1/doi.org/', GALLEY_PUBMED_URL: 'http://127.0.0.1:1/ncbi' })).toEqual({ doi: 'http://127.0.0.1:1/doi.org', pubmed: 'http://127.0.0.1:1/ncbi' })
  })
})
