import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Node built-ins that only some runs need, loaded on first use. Loading a built-in compiles its
 * JavaScript and that of the built-ins it needs: node:crypto, node:child_process (with node:net),
 * node:worker_threads and node:v8 together cost about 13 ms of start-up, and a plain run over a
 * small repo needs none of them (hashes are for the parse cache, git only when .gitignore dropped
 * a file, workers only for large repos, v8's serializer only for the cache; the CLI's launcher
 * loads node:v8 anyway, to set a V8 flag).
 */
export const builtins = {
  crypto: (): typeof import('node:crypto') => require('node:crypto') as typeof import('node:crypto'),
  childProcess: (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process'),
  workerThreads: (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads'),
  v8: (): typeof import('node:v8') => require('node:v8') as typeof import('node:v8'),
};
