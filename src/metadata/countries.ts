/** Country names as authors write them → ISO 3166-1 alpha-2 (JATS `country/@country`). */
const CODES: Record<string, string> = {
  argentina: 'AR', australia: 'AU', austria: 'AT', belgium: 'BE', brazil: 'BR', canada: 'CA',
  chile: 'CL', china: 'CN', colombia: 'CO', denmark: 'DK', finland: 'FI', france: 'FR',
  germany: 'DE', greece: 'GR', india: 'IN', ireland: 'IE', israel: 'IL', italy: 'IT',
  japan: 'JP', mexico: 'MX', méxico: 'MX', netherlands: 'NL', 'new zealand': 'NZ', norway: 'NO',
  peru: 'PE', perú: 'PE', poland: 'PL', portugal: 'PT', 'south korea': 'KR', spain: 'ES',
  españa: 'ES', sweden: 'SE', switzerland: 'CH', turkey: 'TR', 'united kingdom': 'GB', uk: 'GB',
  'united states': 'US', usa: 'US', uruguay: 'UY', venezuela: 'VE',
}

export function countryCode(country: string): string | undefined {
  return CODES[country.trim().toLowerCase()]
}
