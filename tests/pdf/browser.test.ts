import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import puppeteer, { type Browser } from 'puppeteer-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BROWSER_ARGS, findBrowser, launchArguments, launchBrowser, profileParent } from '../../src/pdf/browser.ts'

const ENV = ['GALLEY_BROWSER', 'PUPPETEER_EXECUTABLE_PATH', 'PUPPETEER_CACHE_DIR'] as const
const savedEnv = Object.fromEntries(ENV.map((name) => [name, process.env[name]]))
const scratch = mkdtempSync(join(tmpdir(), 'galley-browser-test-'))

function restoreEnv() {
  for (const name of ENV) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
}

/** Search as if nothing were configured and Puppeteer had downloaded nothing. */
function clearEnv() {
  delete process.env.GALLEY_BROWSER
  delete process.env.PUPPETEER_EXECUTABLE_PATH
  process.env.PUPPETEER_CACHE_DIR = join(scratch, 'empty-cache')
}

function fakeExecutable(path: string): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, '#!/bin/sh\n')
  chmodSync(path, 0o755)
  return path
}

afterEach(restoreEnv)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('findBrowser', () => {
  it('honours an explicit path before the environment', () => {
    process.env.GALLEY_BROWSER = '/nowhere/chrome'
    expect(findBrowser({ executablePath: process.execPath })).toEqual({ path: process.execPath, source: 'explicit' })
  })

  it('names a missing explicit or environment path', () => {
    expect(() => findBrowser({ executablePath: '/nowhere/chrome' })).toThrow(/executablePath is "\/nowhere\/chrome"/)
    process.env.GALLEY_BROWSER = '/nowhere/galley-chrome'
    expect(() => findBrowser()).toThrow(/GALLEY_BROWSER is "\/nowhere\/galley-chrome"/)
  })

  it('reads GALLEY_BROWSER, then PUPPETEER_EXECUTABLE_PATH', () => {
    clearEnv()
    process.env.PUPPETEER_EXECUTABLE_PATH = process.execPath
    expect(findBrowser()).toEqual({ path: process.execPath, source: 'environment' })
  })

  it.runIf(process.platform === 'linux')("prefers Puppeteer's newest downloaded chrome over headless shell", () => {
    clearEnv()
    const cache = join(scratch, 'cache')
    process.env.PUPPETEER_CACHE_DIR = cache
    fakeExecutable(join(cache, 'chrome', 'linux-120.0.6099.109', 'chrome-linux64', 'chrome'))
    const newest = fakeExecutable(join(cache, 'chrome', 'linux-131.0.6778.85', 'chrome-linux64', 'chrome'))
    fakeExecutable(join(cache, 'chrome-headless-shell', 'linux-140.0.7339.80', 'chrome-headless-shell-linux64', 'chrome-headless-shell'))
    expect(findBrowser()).toEqual({ path: newest, source: 'puppeteer-cache' })
  })

  // The test machines have Debian's chromium (scripts/system-deps.sh), whose /usr/bin/chromium
  // is a shell script in front of the browser.
  it('finds the system browser itself, not the launcher script in front of it', () => {
    clearEnv()
    const found = findBrowser()
    expect(found.source).toBe('system')
    const head = Buffer.alloc(4)
    const fd = openSync(found.path, 'r')
    readSync(fd, head, 0, 4, 0)
    closeSync(fd)
    expect(head.toString('latin1')).toBe('\x7fELF')
    if (existsSync('/usr/lib/chromium/chromium')) expect(found.path).toBe('/usr/lib/chromium/chromium')
  })
})

describe('profileParent', () => {
  const saved = process.env.XDG_RUNTIME_DIR
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_RUNTIME_DIR
    else process.env.XDG_RUNTIME_DIR = saved
  })
  // What Linux's /dev/shm gives here: a container's may be too small to take a profile.
  const shm = () => {
    try {
      const { bavail, bsize } = statfsSync('/dev/shm')
      return bavail * bsize >= 256 * 2 ** 20 ? '/dev/shm' : undefined
    } catch {
      return undefined
    }
  }

  it("is the user's runtime folder when there is one", () => {
    process.env.XDG_RUNTIME_DIR = scratch
    expect(profileParent()).toBe(scratch)
  })

  it('is /dev/shm on Linux when it has room, else the temporary folder', () => {
    process.env.XDG_RUNTIME_DIR = join(scratch, 'no-such-folder')
    expect(profileParent()).toBe((process.platform === 'linux' ? shm() : undefined) ?? tmpdir())
    delete process.env.XDG_RUNTIME_DIR
    expect(profileParent()).toBe((process.platform === 'linux' ? shm() : undefined) ?? tmpdir())
  })
})

describe('launchArguments', () => {
  // Galley spawns the browser itself, before Puppeteer loads, with what Puppeteer's launch passed.
  it.each([true, 'shell'] as const)("are what Puppeteer's launch would pass (headless: %s)", (headless) => {
    // A copy: Puppeteer takes the features out of the arguments it is given, to merge them with its own.
    const args = puppeteer.defaultArgs({ headless, userDataDir: '/tmp/profile', args: [...BROWSER_ARGS] })
    expect(launchArguments('/tmp/profile', headless)).toEqual([...args, '--remote-debugging-pipe'])
  })
})

describe('launchBrowser', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  it('keeps its profile where profileParent says, while it runs', () => {
    const profile = /--user-data-dir=([^\0]+)/.exec(readFileSync(`/proc/${browser.process()!.pid}/cmdline`, 'latin1'))![1]
    expect(dirname(profile)).toBe(profileParent())
    expect(existsSync(join(profile, 'Default'))).toBe(true)
  })

  it('starts a headless browser that can open a page', async () => {
    const page = await browser.newPage()
    await page.goto('data:text/html,<p>hi</p>')
    expect(await page.$eval('p', (p) => p.textContent)).toBe('hi')
    await page.close()
  })

  it("opens none of Chrome's own pages beside those it prints on", async () => {
    // The omnibox popup's pages (chrome://omnibox-popup.top-chrome/) are preloaded as the browser starts.
    const page = await browser.newPage()
    await page.goto('data:text/html,<p>hi</p>')
    const session = await browser.target().createCDPSession()
    const { targetInfos } = await session.send('Target.getTargets')
    await session.detach()
    await page.close()
    expect(targetInfos.map((target) => target.url).filter((url) => url.startsWith('chrome:'))).toEqual([])
  })

  it.runIf(process.platform === 'linux')('closes idempotently, removes its profile and leaves no process', async () => {
    const profile = browser.process()!.spawnargs.find((a) => a.startsWith('--user-data-dir='))!.split('=')[1]
    expect(existsSync(profile)).toBe(true)
    await Promise.all([browser.close(), browser.close()])
    await browser.close()
    expect(existsSync(profile)).toBe(false)
    expect(browser.process()!.exitCode ?? browser.process()!.signalCode).not.toBeNull()
    // Chromium's helpers (zygotes) outlive the main process by a moment and are reaped by init;
    // none may be left running.
    await expect.poll(() => liveProcessesUsing(profile), { timeout: 3000 }).toEqual([])
  })

  it('reports a browser that will not start', async () => {
    await expect(launchBrowser({ executablePath: '/bin/false', timeout: 10_000 })).rejects.toThrow(
      /Could not start the browser for the PDF \(\/bin\/false\)/,
    )
  })
})

/** PIDs of running (not zombie) processes whose command line mentions `text`. */
function liveProcessesUsing(text: string): number[] {
  return readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      return state !== 'Z' && cmdline.includes(text) ? [Number(pid)] : []
    } catch {
      return [] // exited while we looked
    }
  })
}
