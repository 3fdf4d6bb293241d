/**
 * The zip's bytes depend on the files and the article's date only: not on
 * the order the files come in, nor on the machine's time zone (ZIP stores
 * wall-clock time), nor on the clock; and what goes in comes out.
 */
import { strToU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { zipEntries, type ZipEntry } from '../../src/meca/zip.ts'

const ENTRIES: ZipEntry[] = [
  { path: 'letter.xml', bytes: strToU8('<article/>\n') },
  { path: 'manifest.xml', bytes: strToU8('<manifest/>\n') },
  { path: 'b/fig.png', bytes: new Uint8Array([137, 80, 78, 71]) },
  { path: 'Z.pdf', bytes: strToU8('%PDF-1.7\n') },
]

/** Year, month, day, hours, minutes of each central directory record (signature PK\1\2; time at +12, date at +14). */
function stamps(zip: Uint8Array): number[][] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const found: number[][] = []
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue
    const time = view.getUint16(at + 12, true)
    const date = view.getUint16(at + 14, true)
    found.push([(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63])
  }
  return found
}

const zoneBefore = process.env.TZ
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ
  else process.env.TZ = zoneBefore
})

describe('zipEntries', () => {
  it('puts the first named entry first, then the rest by code unit, and gives them back intact', () => {
    const zip = zipEntries(ENTRIES, 'manifest.xml', { year: 2018, month: 10 })
    const unzipped = unzipSync(zip)
    expect(Object.keys(unzipped)).toEqual(['manifest.xml', 'Z.pdf', 'b/fig.png', 'letter.xml'])
    for (const entry of ENTRIES) expect(Buffer.from(unzipped[entry.path]).equals(Buffer.from(entry.bytes))).toBe(true)
  })

  it('gives the same bytes whatever the input order or time zone', () => {
    const reference = zipEntries(ENTRIES, 'manifest.xml', { year: 2018, month: 10, day: 3 })
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'America/Santiago', 'Asia/Kathmandu']) {
      process.env.TZ = zone
      expect(Buffer.from(zipEntries([...ENTRIES].reverse(), 'manifest.xml', { year: 2018, month: 10, day: 3 })).equals(Buffer.from(reference)), zone).toBe(true)
    }
    expect(stamps(reference)).toEqual(ENTRIES.map(() => [2018, 10, 3, 12, 0]))
  })

  it('dates an undated article 1980-01-01, and keeps a date ZIP cannot hold in its range', () => {
    expect(stamps(zipEntries(ENTRIES, 'manifest.xml', undefined))[0]).toEqual([1980, 1, 1, 12, 0])
    expect(stamps(zipEntries(ENTRIES, 'manifest.xml', { year: 1975, month: 6 }))[0]).toEqual([1980, 6, 1, 12, 0])
    expect(stamps(zipEntries(ENTRIES, 'manifest.xml', { year: 2150 }))[0]).toEqual([2099, 1, 1, 12, 0])
  })
})
