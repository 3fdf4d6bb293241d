/**
 * Finding and launching the Chrome/Chromium that prints Galley's PDFs.
 * Launching is separate from rendering so watch mode can keep one browser warm.
 *
 * The browser is spawned here, not by Puppeteer: a build spawns it as it starts, before
 * Puppeteer (a tenth of a second or more of module loading) is loaded, and Puppeteer connects
 * over the browser's DevTools pipe once it is (see `spawnBrowser`, `connectBrowser`).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { accessSync, constants, existsSync, readdirSync, readFileSync, statfsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { ownedTempDir, release } from '../outputs/leftovers.ts'
import { homedir, tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import type { Browser, ConnectionTransport, Puppeteer } from 'puppeteer-core'

export type BrowserSource = 'explicit' | 'environment' | 'puppeteer-cache' | 'system'

export interface FoundBrowser {
  path: string
  source: BrowserSource
}

export interface BrowserOptions {
  /** Use this executable instead of searching. */
  executablePath?: string
}

export interface LaunchOptions extends BrowserOptions {
  /** Milliseconds to wait for the browser to start (default 30 s). */
  timeout?: number
}

const NOT_FOUND =
  'No Chrome or Chromium found for the PDF. Install one (Debian/Ubuntu: sudo apt-get install chromium; ' +
  'macOS: install Google Chrome), or set GALLEY_BROWSER=/path/to/chrome.'

/** Explicit option, then environment, then Puppeteer's download cache, then the system's browsers. */
export function findBrowser(options: BrowserOptions = {}): FoundBrowser {
  if (options.executablePath) return { path: mustExist(options.executablePath, 'executablePath'), source: 'explicit' }
  for (const name of ['GALLEY_BROWSER', 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = process.env[name]
    if (value) return { path: mustExist(value, name), source: 'environment' }
  }
  const cached = findInPuppeteerCache()
  if (cached) return { path: cached, source: 'puppeteer-cache' }
  const system = systemCandidates().find(isExecutable)
  if (system) return { path: system, source: 'system' }
  throw new Error(NOT_FOUND)
}

function mustExist(path: string, origin: string): string {
  if (!isExecutable(path)) throw new Error(`Browser for the PDF not found: ${origin} is "${path}", which is not an executable file.`)
  return path
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false
    // Windows has no execute bit; existence is all we can check there.
    if (process.platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

const require = createRequire(import.meta.url)

/** A browser that `npx puppeteer browsers install` put in Puppeteer's cache: chrome first, newest build first. */
function findInPuppeteerCache(): string | undefined {
  const cacheDir = process.env.PUPPETEER_CACHE_DIR || join(homedir(), '.cache', 'puppeteer')
  // No cache, nothing downloaded: @puppeteer/browsers (some 80 ms of loading) is not needed.
  if (!existsSync(cacheDir)) return undefined
  const { Browser: BrowserName, Cache, detectBrowserPlatform } = require('@puppeteer/browsers') as typeof import('@puppeteer/browsers')
  const platform = detectBrowserPlatform()
  const preference = [BrowserName.CHROME, BrowserName.CHROMEHEADLESSSHELL]
  let installed
  try {
    // Cache#getInstalledBrowsers is the synchronous core of @puppeteer/browsers' getInstalledBrowsers().
    installed = new Cache(cacheDir).getInstalledBrowsers()
  } catch {
    return undefined // unreadable cache: fall through to the system browser
  }
  const best = installed
    .filter((b) => preference.includes(b.browser) && b.platform === platform && isExecutable(b.executablePath))
    .sort((a, b) =>
      preference.indexOf(a.browser) - preference.indexOf(b.browser) || compareBuilds(b.buildId, a.buildId),
    )[0]
  return best?.executablePath
}

/** Numeric order of Chrome build ids like 131.0.6778.85 (Puppeteer's own comparator wants semver). */
function compareBuilds(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] || 0) - (pb[i] || 0)
    if (diff) return diff
  }
  return 0
}

function systemCandidates(): string[] {
  const onPath = (names: string[]) =>
    (process.env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => names.map((n) => join(dir, n)))
  if (process.platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
      ...onPath(['chromium', 'google-chrome']),
    ]
  }
  if (process.platform === 'win32') {
    const roots = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA]
    return [
      ...roots.filter((r): r is string => !!r).flatMap((r) => [
        join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(r, 'Chromium', 'Application', 'chrome.exe'),
      ]),
      ...onPath(['chrome.exe', 'chromium.exe']),
    ]
  }
  // The browsers themselves before the shell scripts that distributions put on the PATH in front
  // of them: Debian's /usr/bin/chromium reads /etc/chromium.d, greps /proc/cpuinfo and runs findmnt
  // before it execs /usr/lib/chromium/chromium (about 50 ms of every cold build, while Chromium's
  // start is what the build waits for), and adds only flags a headless print overrides or ignores
  // (the same bytes come out). Puppeteer, too, runs Google Chrome's binary, not its script.
  return [
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/opt/google/chrome/chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    ...onPath(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']),
  ]
}

/**
 * Chrome's features Galley turns off, beside Puppeteer's. The omnibox popup's WebUI pages
 * (chrome://omnibox-popup.top-chrome/, two of them) are preloaded as the browser starts, even
 * headless, in a renderer of their own: about half a second of CPU, most of what Chromium's
 * renderers spent on a cold build, on a machine whose other core is loading Galley.
 */
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']

/** Galley's arguments for the browser, as they would be given to Puppeteer's `launch`. */
export const BROWSER_ARGS: readonly string[] = [
  '--no-sandbox', // root in containers/CI; we only ever load local files with JS off
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none', // glyph positions must not depend on the host's hinting settings
  '--disable-quic',
  '--disable-extensions',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
]

/**
 * What Puppeteer's `launch` passed the browser with BROWSER_ARGS (puppeteer-core 24's
 * ChromeLauncher.defaultArgs, headless, a profile of its own, the DevTools pipe), in its order,
 * Galley's features merged into its list of features: the same arguments print the same bytes.
 * tests/pdf/browser.test.ts compares them with what the installed Puppeteer would pass.
 */
export function launchArguments(userDataDir: string, headless: 'shell' | true): string[] {
  return [
    '--allow-pre-commit-input',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-crash-reporter',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-hang-monitor',
    '--disable-infobars',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    '--enable-automation',
    '--export-tagged-pdf',
    '--force-color-profile=srgb',
    '--generate-pdf-document-outline',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    `--disable-features=${['Translate', 'AcceptCHFrame', 'MediaRouter', 'OptimizationHints', 'WebUIReloadButton', 'ProcessPerSiteUpToMainFrameThreshold', 'IsolateSandboxedIframes', ...DISABLED_FEATURES].join(',')}`,
    '--enable-features=PdfOopif',
    `--user-data-dir=${userDataDir}`,
    headless === 'shell' ? '--headless' : '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...BROWSER_ARGS.filter((arg) => !arg.startsWith('--disable-features=')),
    '--remote-debugging-pipe',
  ]
}

/** Free space a folder in memory must have to hold a profile: Chromium's is about 2 MB. */
const PROFILE_ROOM = 256 * 2 ** 20

/**
 * Where the browsers' throw-away profiles go: a folder in memory where the system has one (the
 * user's `XDG_RUNTIME_DIR`, else Linux's `/dev/shm`) with room to spare, else the temporary
 * folder. Chromium writes some 200 files into its profile as it starts, databases it syncs among
 * them, and a cold build waits for that start: on the 2-core machine Galley is measured on, whose
 * /tmp is on a shared virtual disk, a profile in memory printed the letter about 0.2 s sooner
 * (medians of 9, load 8) and was removed in 8 ms instead of 90.
 */
export function profileParent(): string {
  const inMemory = [process.env.XDG_RUNTIME_DIR, process.platform === 'linux' ? '/dev/shm' : undefined]
  return inMemory.find((dir) => dir !== undefined && dir !== '' && roomyFolder(dir)) ?? tmpdir()
}

function roomyFolder(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false
    accessSync(dir, constants.W_OK | constants.X_OK)
    const { bavail, bsize } = statfsSync(dir)
    return bavail * bsize >= PROFILE_ROOM
  } catch {
    return false
  }
}

/** A browser process started, not yet connected to. */
export interface SpawnedBrowser {
  path: string
  child: ChildProcess
  userDataDir: string
  /** Settles when the process has exited (or could not start), with what it said last. */
  exited: Promise<string>
}

/**
 * Starts a headless browser with a throw-away profile, at once: no Puppeteer is loaded. Its
 * profile is removed on close, on any exit or signal; a profile left by a killed run is removed
 * by the next launch. `connectBrowser` makes it a Puppeteer browser.
 */
export function spawnBrowser(options: BrowserOptions = {}): SpawnedBrowser {
  const { path } = findBrowser(options)
  let child: ChildProcess | null = null
  // On an exit by signal the profile goes after the browser.
  const userDataDir = ownedTempDir(profileParent(), 'galley-chromium-', { stop: () => killProcessGroup(child), stopStale: killBrowsersOf })
  try {
    // As Puppeteer starts it: the leader of its own process group (see killProcessGroup), the
    // DevTools protocol on file descriptors 3 and 4 (no port on localhost).
    child = spawn(path, launchArguments(userDataDir, path.includes('chrome-headless-shell') ? 'shell' : true), {
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    })
  } catch (cause) {
    release(userDataDir)
    throw cause
  }
  const started = child
  // What the browser said last, for the error when it does not start; read, so it never blocks on a full pipe.
  let said = ''
  started.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (said = (said + chunk).slice(-4000)))
  const exited = new Promise<string>((resolve) => {
    started.once('error', (error) => resolve(error.message))
    started.once('exit', (code, signal) => resolve(`exited with ${signal ?? `code ${code}`}${said ? `: ${said.trim().split('\n').slice(-3).join(' ')}` : ''}`))
  })
  return { path, child: started, userDataDir, exited }
}

/**
 * Puppeteer's browser over the spawned browser's pipe, its first tab open. `browser.close()` is
 * idempotent, kills the process if a graceful close fails, and removes the profile; a crashed
 * browser cleans up too. A browser that does not come up is killed and its profile removed.
 */
export async function connectBrowser(spawned: SpawnedBrowser, options: Pick<LaunchOptions, 'timeout'> = {}): Promise<Browser> {
  const { child, path, userDataDir, exited } = spawned
  const removeProfile = () => release(userDataDir)
  const timeout = options.timeout ?? 30_000
  let timer: NodeJS.Timeout | undefined
  let browser: Browser
  const connecting = (async () => {
    const puppeteer = await loadPuppeteer()
    const connected = await puppeteer.connect({ transport: pipeTransport(child), defaultViewport: { width: 800, height: 600 } })
    // As Puppeteer's launch does: the browser's first tab is there (the print page takes it).
    await connected.waitForTarget((target) => target.type() === 'page', { timeout })
    return connected
  })()
  try {
    browser = await Promise.race([
      connecting,
      exited.then((why) => Promise.reject(new Error(why))),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms while waiting for the browser to start`)), timeout))),
    ])
  } catch (error) {
    // Connected too late: let go of the dead browser.
    connecting.then((late) => late.disconnect(), () => {})
    killProcessGroup(child)
    await settleWithin(exited, GRACEFUL_CLOSE_MS)
    removeProfile()
    throw new Error(`Could not start the browser for the PDF (${path}): ${(error as Error).message}`, { cause: error })
  } finally {
    clearTimeout(timer)
  }

  const gracefulClose = browser.close.bind(browser)
  let closing: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      try {
        // A hung browser never answers Browser.close (Puppeteer would wait its 180 s protocol timeout).
        await Promise.race([gracefulClose().then(() => exited), delay(GRACEFUL_CLOSE_MS).then(() => { throw new Error('no answer') })])
      } catch {
        // Killed below.
      } finally {
        // Always, and the whole group: Chromium's other processes normally follow a dead
        // parent, and this makes sure; the profile goes once nothing writes into it.
        killProcessGroup(child)
        await settleWithin(exited, GRACEFUL_CLOSE_MS)
        removeProfile()
      }
    })())
  browser.close = close
  // Puppeteer knows no process of a browser it connected to.
  browser.process = () => child
  // A crash or a killed process disconnects without close(); reap and clean up all the same.
  browser.once('disconnected', () => void close())
  return browser
}

/**
 * The part of Puppeteer `connectBrowser` uses: its entry without the Node launcher, made for
 * connecting to a running browser over a transport of one's own. The package's main entry also
 * loads the launcher and @puppeteer/browsers' download code (about 0.2 s of a cold build's main
 * thread, from node_modules); this one is bundled (scripts/bundle.mjs) and loads in a few
 * hundredths. Galley gives Puppeteer no file paths, so the file system it leaves unset here
 * (the main entry's `environment`) is never asked for.
 */
export async function loadPuppeteer(): Promise<Pick<Puppeteer, 'connect'>> {
  const { default: puppeteer } = await import('puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js')
  // The same classes as the main entry's, but declared in other .d.ts files, which TypeScript tells apart.
  return puppeteer as unknown as Pick<Puppeteer, 'connect'>
}

/** Starts a headless browser (`spawnBrowser`) and connects to it (`connectBrowser`). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return connectBrowser(spawnBrowser(options), options)
}

/**
 * The DevTools protocol over the browser's pipe: messages as JSON, each ended by a NUL, written
 * to its file descriptor 3 and read from its 4 (what Puppeteer's own PipeTransport does).
 */
function pipeTransport(child: ChildProcess): ConnectionTransport {
  const toBrowser = child.stdio[3] as Writable
  const fromBrowser = child.stdio[4] as Readable
  let pending: Buffer[] = []
  let closed = false
  const transport: ConnectionTransport = {
    send(message) {
      if (closed) return
      toBrowser.write(`${message}\0`)
    },
    close() {
      closed = true
      fromBrowser.removeAllListeners('data')
    },
  }
  fromBrowser.on('data', (chunk: Buffer) => {
    let end = chunk.indexOf(0)
    if (end < 0) return void pending.push(chunk)
    let buffer = pending.length ? Buffer.concat([...pending, chunk]) : chunk
    end += buffer.length - chunk.length
    while (end >= 0) {
      transport.onmessage?.(buffer.toString('utf8', 0, end))
      buffer = buffer.subarray(end + 1)
      end = buffer.indexOf(0)
    }
    pending = buffer.length ? [buffer] : []
  })
  fromBrowser.once('close', () => transport.onclose?.())
  // A browser gone mid-write: the read side's close reports it.
  toBrowser.on('error', () => {})
  fromBrowser.on('error', () => {})
  return transport
}

function settleWithin(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([promise, delay(ms)])
}

const GRACEFUL_CLOSE_MS = 5000

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/** Kills a browser at once, every process it started included, and cleans up after it. */
export async function killBrowser(browser: Browser): Promise<void> {
  killProcessGroup(browser.process())
  await browser.close()
}

/**
 * The browser a killed run left writing into its profile: it outlives its parent a moment (it
 * ends when its end of the pipe closes), and the next run, which starts its own browser at
 * once, would find the profile still being written. Found by its command line (Linux's /proc;
 * elsewhere the next run after that removes the profile).
 */
function killBrowsersOf(profile: string): void {
  if (process.platform !== 'linux') return
  const flag = `--user-data-dir=${profile}\0`
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(flag)) process.kill(Number(pid), 'SIGKILL')
    } catch {
      // Gone, or not ours to read.
    }
  }
}

/**
 * Puppeteer starts the browser as the leader of its own process group
 * (`detached`), so the group's id is its pid and one signal reaches every
 * process it forked. Where there are no groups, the main process only.
 */
function killProcessGroup(child: ChildProcess | null): void {
  if (!child?.pid) return
  try {
    if (process.platform === 'win32') child.kill('SIGKILL')
    else process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
