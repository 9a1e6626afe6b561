import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { builtins } from '../builtins.js';
import { DEFAULT_MAX_BYTES, type SourceCandidate } from '../discovery.js';
import type { Diagnostic, ParsedFile } from '../model/types.js';
import { chartDirs, underChartTemplates } from '../parsers/index.js';
import { initHcl } from '../parsers/hcl.js';
import { languageOf } from '../language.js';
import type { ParseCache } from './cache.js';
import { loadOne, statOf, type LoadJob, type LoadOutcome } from './parse-one.js';
import { lazyFile } from '../model/pack.js';

/** Set by the bundler to the bundled worker's file name; undeclared (so undefined) otherwise. */
declare const INFRALINT_WORKER: string | undefined;

/**
 * Below this many files to parse, a worker's start-up (a V8 isolate, the parsers' code and WASM,
 * cold JIT) costs more than it saves. Measured with `pnpm bench` on 2 vCPUs: at 1,204 files one
 * thread took 1.05 s and two 1.28 s; at 12,004 files two threads saved about 0.4 s of 4.8 s.
 * An explicit thread count (INFRALINT_THREADS, or `threads`) is used from two batches up.
 */
const PARALLEL_THRESHOLD = 3000;
/** Files per message to a worker: small enough to balance, large enough to amortise messaging. */
const BATCH = 64;
/** Upper bound on parser threads, whatever the core count. */
const MAX_THREADS = 8;
/** The main thread takes smaller batches, so that it reads worker answers often. */
const MAIN_BATCH = 16;

/** Options of {@link loadSources}. */
export interface LoadOptions {
  /** Files to load (from listSources). */
  candidates: readonly SourceCandidate[];
  /** Size limit per file. */
  maxBytes?: number;
  /**
   * Parser threads, the main thread included; default: the available cores (`INFRALINT_THREADS`
   * overrides), used only from PARALLEL_THRESHOLD files up. A count given here or in the environment
   * is used from two batches of files up.
   */
  threads?: number;
  /** Parse cache, for `--cache`. */
  cache?: ParseCache;
}

/** What loading produced. */
export interface LoadResult {
  /** Parsed files, sorted by path. */
  parsed: ParsedFile[];
  /** file-error diagnostics (unreadable, binary, too large, not UTF-8). */
  diagnostics: Diagnostic[];
  /** Files left out on purpose (special files behind a source name), for --debug. */
  skipped: { path: string; reason: string }[];
  /** Counters for --debug and tests. */
  stats: { files: number; parsed: number; fromCache: number; threads: number };
}

/** The thread count INFRALINT_THREADS asks for, if it is set to a positive whole number. */
function threadsFromEnv(): number | undefined {
  const env = Number(process.env.INFRALINT_THREADS);
  return Number.isInteger(env) && env > 0 ? env : undefined;
}

function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Read and parse every candidate, in parallel across the cores when there are many: the main
 * thread parses batches itself while worker threads parse others. With a cache, files whose size
 * and modification time are unchanged reuse their cached parse without being read; other files are
 * read and hashed, and re-parsed only when their content changed.
 */
export async function loadSources(opts: LoadOptions): Promise<LoadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const charts = chartDirs(opts.candidates.map((c) => c.path));
  const cache = opts.cache;
  const parsed: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const jobs: LoadJob[] = [];
  let fromCache = 0;
  const reparse = cache ? reparser(opts.candidates, charts, maxBytes, cache) : undefined;
  for (const c of opts.candidates) {
    const stamp = cache?.stamp(c.path);
    if (cache && stamp && stamp.inChart === underChartTemplates(c.path, charts)) {
      const st = statOf(c.abs);
      const reused = st && st.isFile() && st.size === stamp.size && st.mtimeMs === stamp.mtimeMs ? cache.parsed(c.path, reparse) : undefined;
      if (reused) {
        parsed.push(withFacts(lazyFile(reused), cache.facts(c.path)));
        cache.keep(c.path);
        fromCache++;
        continue;
      }
      // Changed metadata: read and hash it; the cached parse is taken only if the content is the same.
      jobs.push(cache.stamp(c.path) ? { path: c.path, abs: c.abs, cachedHash: stamp.hash } : { path: c.path, abs: c.abs });
    } else jobs.push({ path: c.path, abs: c.abs });
  }

  // More threads than this stop paying off (each loads the parsers' code and WASM) and cost memory.
  const asked = opts.threads ?? threadsFromEnv();
  const threads = Math.min(MAX_THREADS, Math.max(1, asked ?? cores()));
  const enough = asked !== undefined ? 2 * BATCH : PARALLEL_THRESHOLD;
  const workers = jobs.length >= enough ? Math.min(threads - 1, Math.ceil(jobs.length / BATCH) - 1) : 0;
  // The cache stores packed trees, so with a cache every file is parsed into its packed form.
  const how = { pack: cache !== undefined, hash: cache !== undefined };
  const outcomes = workers > 0 ? await parallel(jobs, charts, maxBytes, workers, how) : await serial(jobs, charts, maxBytes, how);

  let parsedCount = 0;
  for (let i = 0; i < jobs.length; i++) {
    const o = outcomes[i]!;
    const job = jobs[i]!;
    if (o.kind === 'error') {
      diagnostics.push(o.diagnostic);
      continue;
    }
    if (o.kind === 'skipped') {
      skipped.push({ path: o.path, reason: o.reason });
      continue;
    }
    if (o.kind === 'unchanged') {
      const cached = cache!.parsed(job.path, reparse);
      if (cached) {
        // Same content under a new mtime: the stored bytes go back to disk as they are.
        parsed.push(withFacts(lazyFile(cached), cache!.facts(job.path)));
        cache!.keep(job.path, o.stat);
        fromCache++;
        continue;
      }
      // The stored bytes turned out unreadable: parse the file after all.
      const again = loadOne({ path: job.path, abs: job.abs }, charts, maxBytes, how);
      if (again.kind !== 'parsed') continue;
      outcomes[i] = again;
    }
    const p = outcomes[i]!;
    if (p.kind !== 'parsed') continue;
    const file = p.parsed;
    parsedCount++;
    parsed.push(lazyFile(file));
    if (cache && p.hash !== undefined && p.stat) {
      cache.set(job.path, { hash: p.hash, size: p.stat.size, mtimeMs: p.stat.mtimeMs, inChart: underChartTemplates(job.path, charts), parsed: file });
    }
  }
  parsed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { parsed, diagnostics, skipped, stats: { files: opts.candidates.length, parsed: parsedCount, fromCache, threads: workers + 1 } };
}


type How = { pack: boolean; hash: boolean };

/** A file from the cache with the facts stored beside its parse (model/facts.ts). */
function withFacts(file: ParsedFile, facts: string | undefined): ParsedFile {
  if (facts !== undefined) file.facts = facts;
  return file;
}

/**
 * Parse a file again from its text, by path: for a cached tree that turns out unreadable when a rule
 * reads it. The entry is then left out of the cache file, so the next run parses and stores it
 * afresh. One function serves every cached file of a run (a closure per file was 24,000 objects that
 * a cached run at 1,000 apps kept to the end), and parses each file at most once.
 */
function reparser(candidates: readonly SourceCandidate[], charts: ReadonlySet<string>, maxBytes: number, cache: ParseCache): (path: string) => ParsedFile | undefined {
  let byPath: Map<string, SourceCandidate> | undefined;
  const done = new Map<string, ParsedFile | undefined>();
  return (path) => {
    if (done.has(path)) return done.get(path);
    byPath ??= new Map(candidates.map((c) => [c.path, c]));
    const c = byPath.get(path);
    let parsed: ParsedFile | undefined;
    if (c) {
      cache.drop(path);
      const o = loadOne({ path: c.path, abs: c.abs }, charts, maxBytes, { pack: false, hash: false });
      if (o.kind === 'parsed') parsed = o.parsed;
    }
    done.set(path, parsed);
    return parsed;
  };
}

/**
 * Start the HCL parser's set-up (web-tree-sitter's WASM instance and the grammar, a few turns of the
 * event loop) and report when it is ready, so that YAML files are parsed meanwhile instead of
 * waiting for it.
 */
function hclStarter(): { ready: () => boolean; wait: Promise<void> } {
  let done = false;
  const wait = initHcl().then(() => {
    done = true;
  });
  // Handled where it is awaited; until then (or if it never is) a failure must not be an unhandled rejection.
  wait.catch(() => undefined);
  return { ready: () => done, wait };
}

async function serial(jobs: readonly LoadJob[], charts: ReadonlySet<string>, maxBytes: number, how: How): Promise<LoadOutcome[]> {
  if (!jobs.some((j) => languageOf(j.path) === 'hcl')) return jobs.map((j) => loadOne(j, charts, maxBytes, how));
  const hcl = hclStarter();
  const out: LoadOutcome[] = new Array(jobs.length);
  const later: number[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    if (!hcl.ready() && languageOf(job.path) === 'hcl') {
      later.push(i);
      continue;
    }
    out[i] = loadOne(job, charts, maxBytes, how);
    // The HCL parser's set-up takes a few turns of the event loop; give it them now and then.
    if (!hcl.ready() && i % 4 === 3) await new Promise<void>((r) => setImmediate(r));
  }
  await hcl.wait;
  for (const i of later) out[i] = loadOne(jobs[i]!, charts, maxBytes, how);
  return out;
}

/** Hand batches out to workers and to the main thread, from both ends of one queue (see below). */
async function parallel(
  jobs: readonly LoadJob[],
  charts: ReadonlySet<string>,
  maxBytes: number,
  workerCount: number,
  how: How,
): Promise<LoadOutcome[]> {
  const out: LoadOutcome[] = new Array(jobs.length);
  // One queue, taken from both ends. This thread takes YAML from the front and keeps its trees as
  // parsed; workers take from the back, HCL first (its results travel as they are) and then YAML
  // (whose trees travel packed and are rebuilt when rules read them). So this thread does not wait
  // for the HCL parser, and as few trees as possible travel packed.
  const isHcl = (i: number) => languageOf(jobs[i]!.path) === 'hcl';
  const order = [...jobs.keys()].sort((a, b) => Number(isHcl(a)) - Number(isHcl(b)) || a - b);
  let front = 0;
  let back = order.length;
  const takeFront = (size: number): number[] | undefined => {
    if (front >= back) return undefined;
    const batch = order.slice(front, Math.min(back, front + size));
    front += batch.length;
    return batch;
  };
  const takeBack = (size: number): number[] | undefined => {
    if (front >= back) return undefined;
    const from = Math.max(front, back - size);
    const batch = order.slice(from, back);
    back = from;
    return batch;
  };
  // The bundled CLI (tools/bundle.mjs) defines INFRALINT_WORKER as its own worker file.
  const url = new URL(typeof INFRALINT_WORKER === 'string' ? INFRALINT_WORKER : './parse-worker.js', import.meta.url);
  const pool: Worker[] = [];
  let failed = false;
  try {
    for (let i = 0; i < workerCount; i++) pool.push(new (builtins.workerThreads().Worker)(url, { workerData: { charts: [...charts], maxBytes, hash: how.hash } }));
    // Each worker keeps two batches in flight, so it never waits for the main thread (which only
    // reads worker answers between its own batches) to hand out the next one.
    const runWorker = (w: Worker) =>
      new Promise<void>((resolve, reject) => {
        const pending: number[][] = [];
        const send = () => {
          const batch = takeBack(BATCH);
          if (!batch) return false;
          pending.push(batch);
          w.postMessage(batch.map((i) => jobs[i]!));
          return true;
        };
        w.on('message', (res: LoadOutcome[]) => {
          const batch = pending.shift()!;
          for (let i = 0; i < res.length; i++) out[batch[i]!] = res[i]!;
          send();
          if (pending.length === 0) resolve();
        });
        w.on('error', (e) => {
          failed = true;
          reject(e);
        });
        w.on('exit', (code) => {
          if (pending.length > 0) failed = true;
          if (pending.length > 0) reject(new Error(`parser worker exited with code ${code}`));
        });
        if (!send()) resolve();
        else send();
      });
    const main = async () => {
      for (let batch = takeFront(MAIN_BATCH); batch && !failed; batch = takeFront(MAIN_BATCH)) {
        // Only when the workers left HCL files to this thread does it need the HCL parser.
        if (batch.some(isHcl)) await initHcl();
        for (const i of batch) out[i] = loadOne(jobs[i]!, charts, maxBytes, how);
        // Let worker results in between batches.
        await new Promise<void>((r) => setImmediate(r));
      }
    };
    await Promise.all([main(), ...pool.map(runWorker)]);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return out;
}
