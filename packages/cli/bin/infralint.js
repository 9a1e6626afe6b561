#!/usr/bin/env node
'use strict';
// A CommonJS script (bin/package.json says so): Node starts one without its ES module loader, which
// is about 9 ms of a 0.3 s run over a small repo. The CLI itself is the bundle below, or ES modules.
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { pathToFileURL } = require('node:url');

// A reader that stops early (`infralint --list-rules | head -1`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// The HCL parser is WASM. V8 compiles it with its baseline compiler (Liftoff) and, by default, also
// optimizes hot functions with TurboFan on background threads; in a run of a few seconds at most,
// on a machine with two cores, that work takes more CPU from the parse than it saves (measured:
// the sample repo ~30 ms faster of ~0.45 s, a 12,000-file repo no slower). Set before anything is
// compiled, so that V8's code cache below is recorded and checked under the same flags.
v8.setFlagsFromString('--liftoff-only');

// `pnpm build` bundles the CLI into dist/infralint.cjs (tools/bundle.mjs). It is compiled with V8's
// code cache from dist/infralint.cjs.cache, so a start neither resolves ~60 modules nor compiles
// their code again. Without a bundle (a plain `tsc` build), the modules are imported as they are.
const bundle = path.join(__dirname, '../dist/infralint.cjs');
const cacheFile = `${bundle}.cache`;

/** Compile and run the bundle as a CommonJS module, with the code cache when there is a valid one. */
function loadBundle() {
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no cache yet: compile from source, and save one after the run
  }
  const source = fs.readFileSync(bundle, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require('node:module').createRequire(bundle), module, bundle, path.dirname(bundle));
  // The bundle is a script, which cannot import ES modules (plugins); it borrows this script's import.
  globalThis[Symbol.for('infralint.import')] = (url) => import(url);
  const used = cachedData !== undefined && !script.cachedDataRejected;
  return { run: module.exports.run, script, used, startup: `bundle, code cache ${used ? 'used' : cachedData ? 'rejected (another Node version?)' : 'missing'}` };
}

/** Save V8's code cache beside the bundle (atomically; a read-only install just keeps compiling). */
function saveCodeCache(script) {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
  } catch {
    // not writable: every start compiles, which is only slower
  }
}

/**
 * Whether the bundle is older than a later `tsc` build of the packages (in this repo's layout, each
 * package's dist/.tsbuildinfo is rewritten when that package is rebuilt): then it would run old code.
 */
function bundleIsStale() {
  const built = fs.statSync(bundle).mtimeMs;
  for (const pkg of ['cli', 'core', 'rules']) {
    try {
      if (fs.statSync(path.join(__dirname, `../../${pkg}/dist/.tsbuildinfo`)).mtimeMs > built) return true;
    } catch {
      // not this repo's layout (an installed package): the bundle is all there is
    }
  }
  return false;
}

/** The compiled ES modules of the CLI (a plain `tsc` build). */
async function loadModules(why) {
  return { ...(await import(pathToFileURL(path.join(__dirname, '../dist/cli.js')).href)), startup: `modules (${why})` };
}

(async () => {
  const loaded = !fs.existsSync(bundle)
    ? await loadModules('no bundle: run `pnpm build`')
    : bundleIsStale()
      ? await loadModules('the bundle is older than the last tsc build: run `pnpm build`')
      : loadBundle();
  const code = await loaded.run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, startup: loaded.startup });
  // After the run the cache holds every function the run compiled, not only the top level.
  if (loaded.script && (process.env.INFRALINT_CODE_CACHE === 'write' || !loaded.used)) saveCodeCache(loaded.script);
  process.exitCode = code;
})();
