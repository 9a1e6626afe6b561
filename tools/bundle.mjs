// The start-up build step (`pnpm build` runs it after tsc): bundles the CLI and the parser worker
// into one script each, so a run loads two files instead of ~60 modules, copies the two WASM files
// they need beside them, and records V8's code cache for the CLI bundle by running it once on the
// sample repo (the launcher, packages/cli/bin/infralint.js, hands the cache to V8 on every start).
//   node tools/bundle.mjs
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The files whose bytes make the build id (packages/cli/test/cache.test.ts checks the same list). */
const BUILD_FILES = ['infralint.cjs', 'parse-worker.cjs', 'tree-sitter.wasm', 'tree-sitter-terraform.wasm'];
const OUT = path.join(ROOT, 'packages/cli/dist');
const fromCore = createRequire(path.join(ROOT, 'packages/core/package.json'));

// web-tree-sitter's ES build imports `module` dynamically, which a script cannot; its CommonJS build
// is the same code without that.
const treeSitterCjs = fromCore.resolve('web-tree-sitter').replace(/tree-sitter\.js$/, 'tree-sitter.cjs');

await esbuild.build({
  entryPoints: {
    infralint: path.join(ROOT, 'packages/cli/dist/cli.js'),
    'parse-worker': path.join(ROOT, 'packages/core/dist/load/parse-worker.js'),
  },
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Lazy imports of bundled modules become plain calls; plugins are imported by the launcher.
  supported: { 'dynamic-import': false },
  // import.meta.url is the bundle's own URL; injected rather than put in a banner, which would come
  // before esbuild's "use strict" and leave the whole bundle in sloppy mode.
  define: { 'import.meta.url': '__infralintModuleUrl', INFRALINT_WORKER: '"./parse-worker.cjs"' },
  inject: [path.join(ROOT, 'tools/bundle-module-url.js')],
  plugins: [
    {
      name: 'web-tree-sitter-cjs',
      setup(build) {
        build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: treeSitterCjs }));
      },
    },
  ],
  logLevel: 'warning',
});

fs.copyFileSync(path.join(path.dirname(treeSitterCjs), 'tree-sitter.wasm'), path.join(OUT, 'tree-sitter.wasm'));
fs.copyFileSync(fromCore.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'), path.join(OUT, 'tree-sitter-terraform.wasm'));

// The parse cache's key names this build: a hash of all the code a parse and a rule's facts come
// from (the bundles hold yaml and web-tree-sitter; the WASM files are the parser and the grammar),
// so that a cache written by other code is never trusted, version bump or not.
const hash = createHash('sha256');
for (const f of BUILD_FILES) hash.update(fs.readFileSync(path.join(OUT, f)));
fs.writeFileSync(path.join(OUT, 'build-id'), `${hash.digest('hex').slice(0, 16)}\n`);

// A run on the sample repo compiles what a typical run compiles; the launcher then saves V8's code
// cache (INFRALINT_CODE_CACHE=write), which later starts reuse instead of compiling again.
const cacheFile = path.join(OUT, 'infralint.cjs.cache');
fs.rmSync(cacheFile, { force: true });
const r = spawnSync(process.execPath, [path.join(ROOT, 'packages/cli/bin/infralint.js'), '--format', 'compact'], {
  cwd: path.join(ROOT, 'fixtures/lumie-infra'),
  env: { ...process.env, INFRALINT_CODE_CACHE: 'write' },
  encoding: 'utf8',
});
// Exit 1 (findings) is a complete run too; 2 is not.
if ((r.status !== 0 && r.status !== 1) || !fs.existsSync(cacheFile)) {
  process.stderr.write(`bundle: the sample run failed (exit ${r.status}), so no code cache was written\n${r.stdout}${r.stderr}`);
  process.exit(1);
}
process.stdout.write(`bundled packages/cli/dist/infralint.cjs and parse-worker.cjs; code cache ${fs.statSync(cacheFile).size} bytes\n`);
