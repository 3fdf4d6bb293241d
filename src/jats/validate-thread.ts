/**
 * JATS validation off the critical path, for commands that run once (`galley
 * check`, `galley build` of one manuscript or many): compiling libxml2 and loading the JATS
 * DTD (≈60 module files) costs more than emitting the JATS, so a worker
 * thread starts on it at once, on the other core, while this thread loads
 * modules and prepares the manuscript; the serialized JATS is then validated
 * there. The worker runs the same `validateJats` (./validate-worker.ts), so
 * the problems, and the findings made from them here, are the same.
 *
 * Watch, a long-lived process, never starts the thread: it
 * validates in-process against the DTD kept there across builds. If the
 * thread cannot start or dies, validation falls back to in-process too.
 */
import { Worker } from 'node:worker_threads'
import type { JatsProblem } from './validate.ts'
import type { ValidateRequest } from './validate-worker.ts'

interface Thread {
  worker: Worker
  /** Requests sent and not answered, by id; told undefined when the thread fails. */
  pending: Map<number, (problems: JatsProblem[] | undefined) => void>
  next: number
  failed: boolean
}

let thread: Thread | undefined

/** Starts the validator thread (once); it keeps no process alive while nothing waits for it. */
export function startValidatorThread(): void {
  if (thread && !thread.failed) return
  let worker: Worker
  try {
    // From the sources (tests, a checkout without a build), an entry that registers tsx first.
    worker = new Worker(new URL(import.meta.url.endsWith('.ts') ? './validate-worker-sources.mjs' : './validate-worker.js', import.meta.url))
  } catch {
    return
  }
  const started: Thread = { worker, pending: new Map(), next: 0, failed: false }
  const fail = () => {
    started.failed = true
    for (const done of started.pending.values()) done(undefined)
    started.pending.clear()
  }
  worker.on('message', ({ id, problems }: { id: number; problems: JatsProblem[] }) => {
    started.pending.get(id)?.(problems)
    started.pending.delete(id)
    if (started.pending.size === 0) worker.unref()
  })
  worker.on('error', fail)
  worker.on('exit', fail)
  worker.unref()
  thread = started
}

/** Whether validation goes to the thread (for tests). */
export function validatorThreadRunning(): boolean {
  return Boolean(thread && !thread.failed)
}

/** Ends the thread, if any; later validation is in-process until it is started again. */
export async function stopValidatorThread(): Promise<void> {
  const running = thread
  thread = undefined
  if (running && !running.failed) await running.worker.terminate()
}

/** The DTD problems of `xml` (see `validateJats`), from the thread when it runs, else in-process. */
export async function jatsProblems(xml: string, url: string): Promise<JatsProblem[]> {
  const running = thread && !thread.failed ? thread : undefined
  if (running) {
    const problems = await new Promise<JatsProblem[] | undefined>((resolve) => {
      const request: ValidateRequest = { id: running.next++, xml, url }
      running.pending.set(request.id, resolve)
      running.worker.ref()
      running.worker.postMessage(request)
    })
    if (problems) return problems
  }
  return (await import('./validate.ts')).validateJats(xml, url)
}
