/**
 * Milliseconds from an arbitrary start, for timings. `process.hrtime` rather than the `performance`
 * global, whose first use loads Node's perf_hooks (about 1.7 ms of a start).
 */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
