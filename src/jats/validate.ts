/**
 * DTD validation of JATS in-process, with libxml2-wasm and the official DTDs
 * from npm `@jats4r/dtds`: no xmllint, no network. Other vocabularies with a
 * DTD (MECA's manifest) hand their local copies to `useLocalDtds` and are
 * validated the same way.
 *
 * Loading the Journal Publishing DTD (≈240 module files) costs tens of
 * milliseconds, and libxml2 reloads it on every DTDVALID parse. So each DTD
 * is loaded once per process and kept; documents whose DOCTYPE names a known
 * JATS DTD are parsed without it and validated against the kept one. Anything
 * else (no DOCTYPE, an internal subset, entities only the DTD defines) takes
 * the plain XML_PARSE_DTDVALID route, which is authoritative but slower.
 *
 * The build writes the DTD Galley's JATS names as one flattened file beside
 * the bundle (`flatDtd`, ./flat-dtd.ts); the kept DTD is loaded from it when
 * it is there for this version of the DTDs, else from the module files.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DtdValidator, type ErrorDetail, ParseOption, XmlDocument, xmlRegisterInputProvider } from 'libxml2-wasm'
import { fsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs'
import { flattenDtd } from './flat-dtd.ts'

export interface JatsProblem {
  line: number
  /** 1-based; 0 when libxml2 gives none (validity errors are reported per element). */
  column: number
  message: string
}

const SCHEMA_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@jats4r/dtds/package.json')),
  'schema',
)

const DTDS_VERSION = (JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version

/** Where the build puts flattened DTDs: beside the bundle's code (dist/bundle/dtd/); nothing there when running the sources. */
const FLAT_DIR = fileURLToPath(new URL('./dtd/', import.meta.url))

const JATS_URL = /^https?:\/\/jats\.nlm\.nih\.gov\/(?:publishing|archiving)\/(1\.\d+(?:d\d+)?)\/(.+)$/

/** The local copy of a DTD's official URL, or undefined for a URL it does not know. */
export type DtdResolver = (url: string) => string | undefined

function jatsDtdFile(url: string): string | undefined {
  if (url.startsWith('file:')) {
    const file = fileURLToPath(url)
    return file.startsWith(FLAT_DIR) && fs.existsSync(file) ? file : undefined
  }
  const match = JATS_URL.exec(url)
  if (!match) return undefined
  const file = path.join(SCHEMA_DIR, match[1], ...match[2].split('/'))
  return file.startsWith(SCHEMA_DIR + path.sep) && fs.existsSync(file) ? file : undefined
}

/** The flattened file's name under the build's folder for a JATS DTD's URL, named by the DTDs' version (a stale one is never read), or undefined. */
export function flatDtdName(url: string): string | undefined {
  const match = JATS_URL.exec(url)
  return match && jatsDtdFile(url) ? path.join(`jats4r-dtds-${DTDS_VERSION}`, match[1], ...match[2].split('/')) : undefined
}

function localDtdFile(url: string): string | undefined {
  for (const resolve of session().resolvers.values()) {
    const file = resolve(url)
    if (file) return file
  }
  return undefined
}

/** Documents whose DOCTYPE names a URL `resolve` knows are validated against its file. `name` keeps one resolver per vocabulary. */
export function useLocalDtds(name: string, resolve: DtdResolver): void {
  session().resolvers.set(name, resolve)
}

const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_BIG_LINES

interface Session {
  /** Validators by local DTD file; each keeps alive the document that carries its DTD. */
  /** The carrier document owns the DTD: freeing it would free the DTD under the validator. */
  validators: Map<string, { validator: DtdValidator; carrier: XmlDocument }>
  resolvers: Map<string, DtdResolver>
  /** DTD module files read so far: the measure of whether kept DTDs are reused. */
  opened: number
}

/**
 * One session per libxml2 instance, kept on globalThis: test runners may
 * evaluate this module again in one process, and libxml2 has room for only a
 * few input providers.
 */
function session(): Session {
  const key = Symbol.for('galley.jats.libxml2')
  const sessions: WeakMap<object, Session> = ((globalThis as Record<symbol, unknown>)[key] ??= new WeakMap()) as WeakMap<object, Session>
  let current = sessions.get(XmlDocument)
  if (!current) {
    xmlRegisterInputProvider({
      match: (url) => localDtdFile(url) !== undefined,
      open: (url) => {
        current!.opened++
        return fsInputProviders.open(localDtdFile(url)!)
      },
      read: (fd, buffer) => fsInputProviders.read(fd, buffer),
      close: (fd) => fsInputProviders.close(fd),
    })
    current = { validators: new Map(), resolvers: new Map([['jats', jatsDtdFile]]), opened: 0 }
    sessions.set(XmlDocument, current)
  }
  return current
}

/** How many DTD module files this process has read (for tests: a kept DTD is read once). */
export function dtdFilesRead(): number {
  return session().opened
}

/**
 * libxml2 loads external parameter entities only while parsing a document, so
 * a tiny document whose internal subset pulls in the whole DTD is the way to
 * get a reusable DTD object.
 */
function carrierOf(systemId: string): XmlDocument {
  session()
  return XmlDocument.fromString(
    `<!DOCTYPE article [<!ENTITY % jats SYSTEM "${systemId}"> %jats;]><article/>`,
    { option: PARSE_OPTIONS | ParseOption.XML_PARSE_DTDLOAD, url: 'galley-jats-dtd.xml' },
  )
}

function validatorFor(systemId: string): DtdValidator {
  const { validators } = session()
  const file = localDtdFile(systemId)!
  let kept = validators.get(file)
  if (!kept) {
    const flatName = flatDtdName(systemId)
    const flat = flatName && path.join(FLAT_DIR, flatName)
    const carrier = carrierOf(flat && fs.existsSync(flat) ? pathToFileURL(flat).href : systemId)
    kept = { validator: new DtdValidator(carrier.dtd!), carrier }
    validators.set(file, kept)
  }
  return kept.validator
}

/** The DTD `systemId` names, read from its module files, as one file's text (./flat-dtd.ts); scripts/bundle.mjs writes it under `flatDtdName`. */
export function flatDtd(systemId: string): string {
  const carrier = carrierOf(systemId)
  try {
    return flattenDtd(carrier.toString())
  } finally {
    carrier.dispose()
  }
}

/** Loads and keeps the DTD a DOCTYPE's system id names, ahead of the first document (the validator thread does this while the manuscript is prepared); false for an id it does not know. */
export function loadDtd(systemId: string): boolean {
  if (!localDtdFile(systemId)) return false
  validatorFor(systemId)
  return true
}

/** `<!DOCTYPE name PUBLIC "…" "…">` with no internal subset, after only the XML declaration, comments and PIs. */
const PLAIN_DOCTYPE =
  /^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE\s+([^\s[>]+)\s+PUBLIC\s+(?:"[^"]*"|'[^']*')\s+(?:"([^"]*)"|'([^']*)')\s*>/

/** DTD problems of a JATS document, or of one whose DTD `useLocalDtds` knows; an empty list means valid. Never throws. */
export function validateWithDtd(xml: string, url: string): JatsProblem[] {
  try {
    return fastValidate(xml, url) ?? dtdValidParse(xml, url)
  } catch (error) {
    return [{ line: 0, column: 0, message: error instanceof Error ? error.message : String(error) }]
  }
}

export const validateJats = validateWithDtd

/** Validation against a kept DTD, or undefined when only a full DTDVALID parse can tell. */
function fastValidate(xml: string, url: string): JatsProblem[] | undefined {
  const doctype = PLAIN_DOCTYPE.exec(xml)
  const systemId = doctype?.[2] ?? doctype?.[3]
  if (!doctype || !systemId || !localDtdFile(systemId)) return undefined
  const validator = validatorFor(systemId)
  let document: XmlDocument
  try {
    document = XmlDocument.fromString(xml, { option: PARSE_OPTIONS, url })
  } catch {
    return undefined
  }
  try {
    // Warnings here are entities left undeclared without the DTD; the
    // root must also be the element the DOCTYPE names.
    if (document.warnings.length > 0 || document.root.name !== doctype[1]) return undefined
    validator.validate(document)
    return []
  } catch (error) {
    return problemsFrom(error)
  } finally {
    document.dispose()
  }
}

function dtdValidParse(xml: string, url: string): JatsProblem[] {
  session()
  try {
    XmlDocument.fromString(xml, { option: PARSE_OPTIONS | ParseOption.XML_PARSE_DTDVALID, url }).dispose()
    return []
  } catch (error) {
    return problemsFrom(error)
  }
}

function problemsFrom(error: unknown): JatsProblem[] {
  const details = (error as { details?: ErrorDetail[] }).details
  if (!details || details.length === 0) throw error
  return details.map((detail) => ({ line: detail.line, column: detail.col, message: detail.message.trim() }))
}
