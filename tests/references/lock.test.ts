import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { newLockEntry, readLock, serializeLock, writeLock } from '../../src/references/lock.ts'
import { fixture } from '../helpers.ts'

const record = { id: 'doi:10.5555/a', type: 'article-journal', title: 'A work', author: [{ family: 'Alpha', given: 'A.' }], issued: { 'date-parts': [[2020, 5]] } }
const entry = newLockEntry(record, 'https://doi.org/10.5555/a', new Date('2026-12-01T20:00:00.123Z'))

describe('references.lock.json', () => {
  it('round-trips, with the same bytes for the same records whatever their order', () => {
    const dir = fixture({})
    const file = path.join(dir, 'references.lock.json')
    const other = newLockEntry({ ...record, id: 'pmid:1', title: 'B' }, 'https://x/1', new Date('2026-01-01T00:00:00Z'))
    expect(writeLock(file, new Map([['pmid:1', other], ['doi:10.5555/a', entry]]))).toBe(true)
    const bytes = fs.readFileSync(file, 'utf8')
    expect(serializeLock(new Map([['doi:10.5555/a', entry], ['pmid:1', other]]))).toBe(bytes)
    expect(writeLock(file, new Map([['doi:10.5555/a', entry], ['pmid:1', other]]))).toBe(false)
    const lock = readLock(file, dir)
    expect(lock.file.messages).toEqual([])
    expect(lock.entries.get('doi:10.5555/a')).toEqual(entry)
    expect(entry.retrieved).toBe('2026-12-01T20:00:00Z')
    expect(lock.places.get('pmid:1')).toEqual({ line: bytes.split('\n').findIndex((line) => line.includes('"pmid:1": {')) + 1, column: 5 })
  })

  it('a record edited by hand no longer matches its hash: an error at its entry', () => {
    const dir = fixture({ 'references.lock.json': serializeLock(new Map([['doi:10.5555/a', entry]])).replace('"A work"', '"Another work"') })
    const lock = readLock(path.join(dir, 'references.lock.json'), dir)
    expect(lock.entries.size).toBe(0)
    expect(lock.file.messages.map((message) => [message.ruleId, message.line, message.reason])).toEqual([
      ['reference-lock', 3, expect.stringMatching(/does not match its sha256 .*galley refs --update/)],
    ])
  })

  it('a lock that does not parse is an error, and reads as empty', () => {
    const dir = fixture({ 'references.lock.json': '{"version": 1, "references": {' })
    const lock = readLock(path.join(dir, 'references.lock.json'), dir)
    expect(lock.entries.size).toBe(0)
    expect(lock.file.messages[0].ruleId).toBe('reference-lock')
    expect(lock.file.messages[0].reason).toMatch(/does not parse/)
  })

  it('no lock file is an empty lock', () => {
    const dir = fixture({})
    const lock = readLock(path.join(dir, 'references.lock.json'), dir)
    expect([lock.entries.size, lock.file.messages.length]).toEqual([0, 0])
  })
})
