/** The benchmark's measurement: the CPU time of what a command left running counts too. */
import os from 'node:os'
import { expect, it } from 'vitest'
import { canCountOrphans } from '../../bench/cpu-group.ts'
import { run } from '../../bench/measure.ts'

// A process that burns 300 ms of CPU, started in the background of a shell that exits at once:
// orphaned, as Chromium's renderers are when Galley kills the browser.
const burn = `const start = process.cpuUsage(); while (process.cpuUsage(start).user < 300_000);`

it("counts the CPU time of the processes a command orphaned, or says it is a lower bound", async () => {
  const sample = await run('sh', ['-c', `("${process.execPath}" -e '${burn}' &); exit 0`], { cwd: os.tmpdir() })
  if (canCountOrphans()) {
    expect(sample.cpuAtLeast).toBeUndefined()
    expect(sample.cpuMs).toBeGreaterThanOrEqual(300)
  } else {
    expect(sample.cpuAtLeast).toBe(true)
  }
}, 30_000)
