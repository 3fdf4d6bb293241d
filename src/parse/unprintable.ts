/**
 * Characters no output can carry: C0 controls other than tab, line feed and
 * carriage return, DEL, C1 controls, and Unicode's noncharacters (U+FFFE,
 * U+FDD0…). XML 1.0 forbids most of them, and every one is a parse error in
 * HTML. Files a manuscript names are read through `readableText`, which makes
 * each a space (so positions stay) and says where the first was; the
 * serializers drop any that a YAML escape or a generated string still brings.
 */
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { warn } from '../diagnostics/messages.ts'

export const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/g

export function withoutUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, '')
}

/** The text with each unprintable character made a space, and one warning in `file` at the first. */
export function readableText(text: string, file: VFile): string {
  let count = 0
  let first: { offset: number; char: string } | undefined
  const cleaned = text.replace(UNPRINTABLE, (char, offset: number) => {
    count++
    first ??= { offset, char }
    // A space per UTF-16 unit keeps every later column where the author sees it.
    return ' '.repeat(char.length)
  })
  if (first) {
    const code = first.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    const more = count > 1 ? ` (and ${count - 1} more)` : ''
    warn(file, `This file holds the control character or noncharacter U+${code} here${more}, which no output can carry: each reads as a space; remove them`,
      location(text).toPoint(first.offset), 'manuscript-encoding')
  }
  return cleaned
}
