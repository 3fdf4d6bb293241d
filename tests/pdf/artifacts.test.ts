import { describe, expect, it } from 'vitest'
import { wrapUntagged } from '../../src/pdf/artifacts.ts'

describe('wrapUntagged', () => {
  it('wraps an untagged path with the operators that build it, and leaves clips and tagged content alone', () => {
    const content = ['q', '0 0 10 10 re', 'W* n', '1 0 0 rg', '0 0 681 47 re', 'f', '/P <</MCID 0 >>BDC', '0 85 681 1 re', 'f', 'EMC', 'Q'].join('\n')
    expect(wrapUntagged(content).split('\n')).toEqual([
      'q', '0 0 10 10 re', 'W* n', '1 0 0 rg', '/Artifact BMC', '0 0 681 47 re', 'f', 'EMC',
      '/P <</MCID 0 >>BDC', '0 85 681 1 re', 'f', 'EMC', 'Q',
    ])
  })

  it('wraps a run of untagged text inside its text object, and images', () => {
    const content = ['BT', '/F4 10 Tf', '1 0 0 -1 388 1085 Tm', '<0095> Tj', '5.05 0 Td <0094> Tj', 'ET', '/X13 Do'].join('\n')
    expect(wrapUntagged(content).split('\n')).toEqual([
      'BT', '/F4 10 Tf', '1 0 0 -1 388 1085 Tm', '/Artifact BMC', '<0095> Tj', '5.05 0 Td <0094> Tj', 'EMC', 'ET',
      '/Artifact BMC', '/X13 Do', 'EMC',
    ])
  })
})
