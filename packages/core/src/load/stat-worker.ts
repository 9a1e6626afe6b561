import { builtins } from '../builtins.js';
import type { SourceCandidate } from '../discovery.js';

/**
 * The worker's code: stat each path it is sent (a `\0`-joined list) and answer with
 * [size, mtimeMs] per path, size NaN for anything but a regular file (or a file that is gone).
 * Kept to a few lines of plain script so that the worker starts in the time the main thread's walk
 * takes, without loading a bundle.
 */
const STAT_WORKER = `
const { parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
parentPort.once('message', (joined) => {
  const paths = joined === '' ? [] : joined.split('\\0');
  const out = new Float64Array(2 * paths.length);
  for (let i = 0; i < paths.length; i++) {
    let st;
    try { st = statSync(paths[i], { throwIfNoEntry: false }); } catch { st = undefined; }
    if (st && st.isFile()) { out[2 * i] = st.size; out[2 * i + 1] = st.mtimeMs; } else out[2 * i] = NaN;
  }
  parentPort.postMessage(out, [out.buffer]);
});
`;

/** A worker thread that stats files, started ahead of the list it will get. */
export interface StatWorker {
  /**
   * Each candidate's size and mtimeMs at [2i] and [2i + 1] (size NaN when it is not a regular file
   * or is gone), taken on the worker; undefined when the worker failed (then the caller stats).
   */
  stat(candidates: readonly SourceCandidate[]): Promise<Float64Array | undefined>;
}

/**
 * Start a worker that will stat the repo's files. For a large repo run with `--cache` whose files
 * are mostly unchanged, the 12,000 stats of a 1,000-app repo are a tenth of the run; on the worker
 * they overlap the decoding of the cache on this thread. The worker starts while this thread walks
 * the repo, so its start-up is not waited for.
 */
export function startStatWorker(): StatWorker {
  let worker: import('node:worker_threads').Worker | undefined;
  try {
    worker = new (builtins.workerThreads().Worker)(STAT_WORKER, { eval: true });
    // Until it is given work, it does not keep the process alive (a run that stops early, on a bad
    // path say, exits as it would without it).
    worker.unref();
  } catch {
    worker = undefined;
  }
  return {
    stat(candidates) {
      const w = worker;
      if (!w) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        w.once('message', (stamps: Float64Array) => resolve(stamps.length === 2 * candidates.length ? stamps : undefined));
        w.once('error', () => resolve(undefined));
        w.once('exit', () => resolve(undefined));
        w.ref();
        w.postMessage(candidates.map((c) => c.abs).join('\0'));
      });
    },
  };
}
