import v8 from 'node:v8'

/**
 * libxml2 runs once or twice in a check or a build, and V8's TurboFan recompiling its hot
 * WebAssembly functions as the DTD loads (dynamic tier-up, on background threads: the other
 * core) cost more than it saved: about half of the DTD load's CPU. A tiering budget some fifty
 * times V8's default keeps those functions in Liftoff's baseline code for a check; a process
 * validating far more (a very large document) still tiers up. The flag is process-wide and must
 * be set before libxml2's module compiles. The CLI sets it as it starts, whatever the command:
 * V8 refuses a code cache made under other flags (src/cache/compiled-code.ts), so the flags must
 * be the same in every run by the time the bundle's compiled part loads.
 */
export function keepWasmInBaselineTier(): void {
  v8.setFlagsFromString('--wasm-tiering-budget=100000000')
}
