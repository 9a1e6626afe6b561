import { parentPort, workerData } from 'node:worker_threads';
import { initHcl } from '../parsers/hcl.js';
import { loadOne, type LoadJob } from './parse-one.js';

/** What each worker is started with. */
export interface WorkerSetup {
  /** Folders holding a Chart.yaml (their templates/ are skipped). */
  charts: string[];
  /** Size limit per file. */
  maxBytes: number;
  /** Hash contents (only when a cache is in use). */
  hash: boolean;
}

const setup = workerData as WorkerSetup;
const charts = new Set(setup.charts);
const ready = initHcl();

// Each message is a batch of jobs; the answer is their outcomes in the same order.
parentPort!.on('message', async (jobs: LoadJob[]) => {
  await ready;
  // Trees travel packed: a JSON string per document clones far faster than the node objects.
  parentPort!.postMessage(jobs.map((j) => loadOne(j, charts, setup.maxBytes, { pack: true, hash: setup.hash })));
});
