/**
 * Country names as authors write them → ISO 3166-1 alpha-2 (JATS
 * `country/@country`), from the region names Node's ICU knows, in the
 * languages authors most often write affiliations in.
 */
import { cachedOnDisk } from '../cache/disk.ts'

const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it']
// Codes ICU names that are no current ISO 3166-1 country: unions, reserved and
// private-use codes, and withdrawn ones (East Germany's DD is "Deutschland" in German).
const NOT_COUNTRIES = new Set([
  'AC', 'CP', 'CQ', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'XK', 'ZZ',
  'AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'NT', 'QU', 'RH', 'SU', 'TP', 'VD', 'YD', 'YU', 'ZR',
])
const ALIASES: Record<string, string> = {
  usa: 'US', 'u.s.a.': 'US', 'united states of america': 'US', uk: 'GB', 'great britain': 'GB',
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', 'south korea': 'KR',
  korea: 'KR', 'republic of korea': 'KR', russia: 'RU', 'the netherlands': 'NL', holland: 'NL',
  'czech republic': 'CZ', burma: 'MM', turkey: 'TR', 'hong kong': 'HK', taiwan: 'TW', vietnam: 'VN', iran: 'IR',
}

/**
 * Name → code per language, each built on first need: all six cost a cold start tens of ms,
 * and most names are found in the first. Even one (676 `DisplayNames.of`, ≈10 ms) is kept on
 * disk between runs, by the ICU and CLDR versions whose names it holds.
 */
const tables = new Map<string, Map<string, string>>()

function table(language: string): Map<string, string> {
  let codes = tables.get(language)
  if (codes) return codes
  // ICU's names only (what the cache holds depends on nothing else); normalized here.
  const named = cachedOnDisk('country-names', JSON.stringify([language, process.versions.icu, process.versions.cldr]), () => {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' })
    const all: Array<[code: string, name: string]> = []
    for (let first = 65; first <= 90; first++) {
      for (let second = 65; second <= 90; second++) {
        const code = String.fromCharCode(first, second)
        const name = names.of(code)
        if (name) all.push([code, name])
      }
    }
    return all
  })
  codes = new Map()
  for (const [code, name] of named) {
    if (!NOT_COUNTRIES.has(code) && !codes.has(normalize(name))) codes.set(normalize(name), code)
  }
  tables.set(language, codes)
  return codes
}

function normalize(name: string): string {
  return name.trim().toLowerCase().normalize('NFC')
}

/** An alias, else the first language (in LANGUAGES' order) that has the name decides. */
export function countryCode(country: string): string | undefined {
  const name = normalize(country)
  if (Object.hasOwn(ALIASES, name)) return ALIASES[name]
  for (const language of LANGUAGES) {
    const code = table(language).get(name)
    if (code) return code
  }
  return undefined
}
