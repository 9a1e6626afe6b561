// `pnpm bench`: generates lumie-infra-like repos of 100 and 1,000 apps and times, alternately,
// the floor (bench/floor.mjs: read + parse on one thread) and infralint (all rules, --format compact),
// after a warm-up, reporting medians, peak memory and the ratios the performance issue asks for.
//   node bench/run.mjs [--runs N] [--apps 100,1000] [--quick]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from '../tools/generate-repo.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'packages/cli/bin/infralint.js');
const RSS = path.join(ROOT, 'bench/rss.cjs');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const RUNS = Number(opt('--runs', args.includes('--quick') ? '3' : '5'));
const APPS = opt('--apps', args.includes('--quick') ? '20,100' : '100,1000').split(',').map(Number);
const WORK = path.join(os.tmpdir(), 'infralint-bench');

/** Run a node script; returns wall time (s) and the child's peak RSS (MB). */
function time(argv, cwd, env = {}) {
  const rssFile = path.join(WORK, `rss-${process.pid}.txt`);
  fs.rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', RSS, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, ...env, INFRALINT_RSS_FILE: rssFile }, maxBuffer: 1 << 30 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const mb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { secs, mb, stdout: r.stdout };
}

/** Two floor runs started together: the wall time until both finish (what two busy cores give here). */
function floorPair(repo) {
  const t0 = process.hrtime.bigint();
  const one = () =>
    new Promise((resolve, reject) => {
      const c = spawn(process.execPath, [path.join(ROOT, 'bench/floor.mjs'), repo], { cwd: repo, stdio: 'ignore' });
      c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`floor exited ${code}`))));
    });
  return Promise.all([one(), one()]).then(() => Number(process.hrtime.bigint() - t0) / 1e9);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => x.toFixed(3);

fs.mkdirSync(WORK, { recursive: true });
const results = {};
for (const apps of APPS) {
  const repo = path.join(WORK, `repo-${apps}`);
  fs.rmSync(repo, { recursive: true, force: true });
  const files = generateRepo(apps, repo, { violations: true });
  const floor = [];
  const lint = [];
  const lint1 = [];
  const pair = [];
  const cached = [];
  const mem = [];
  const cacheFile = path.join(WORK, `cache-${apps}`);
  // Warm-up (file system cache, V8 code cache).
  time([path.join(ROOT, 'bench/floor.mjs'), repo], repo);
  time([CLI, '--format', 'compact'], repo);
  for (let i = 0; i < RUNS; i++) {
    floor.push(time([path.join(ROOT, 'bench/floor.mjs'), repo], repo).secs);
    const l = time([CLI, '--format', 'compact'], repo);
    lint.push(l.secs);
    if (apps === Math.max(...APPS)) {
      // What the second core is worth: infralint on one thread, and two floors at once.
      lint1.push(time([CLI, '--format', 'compact'], repo, { INFRALINT_THREADS: '1' }).secs);
      pair.push(await floorPair(repo));
    }
    mem.push(l.mb);
    // Cache: a primed cache, then one file changed, then the timed run.
    fs.rmSync(cacheFile, { force: true, recursive: true });
    time([CLI, '--format', 'compact', '--cache', '--cache-location', cacheFile], repo);
    const changed = path.join(repo, 'applications/lumie/app-0001/service.yaml');
    fs.appendFileSync(changed, `# touched ${i}\n`);
    cached.push(time([CLI, '--format', 'compact', '--cache', '--cache-location', cacheFile], repo).secs);
  }
  results[apps] = { files, floor: median(floor), lint: median(lint), cached: median(cached), mb: Math.max(...mem) };
  if (lint1.length > 0) Object.assign(results[apps], { lint1: median(lint1), pair: median(pair) });
}

const nodeE0 = [];
const sample = [];
const sampleDir = path.join(ROOT, 'fixtures/lumie-infra');
time(['-e', '0'], ROOT);
time([CLI], sampleDir);
// A start takes a few tenths of a second and this VM's speed drifts: more pairs than the big runs.
const SAMPLE_RUNS = Math.max(RUNS, 21);
for (let i = 0; i < SAMPLE_RUNS; i++) {
  nodeE0.push(time(['-e', '0'], ROOT).secs);
  sample.push(time([CLI], sampleDir).secs);
}

const cpus = os.cpus();
console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${RUNS} runs each, medians`);
console.log('');
console.log('| apps | files | floor (s) | infralint cold (s) | cold / floor | --cache, 1 file changed (s) | cached / floor | peak RSS (MB) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [apps, r] of Object.entries(results)) {
  console.log(`| ${apps} | ${r.files} | ${fmt(r.floor)} | ${fmt(r.lint)} | ${(r.lint / r.floor).toFixed(2)}× | ${fmt(r.cached)} | ${(r.cached / r.floor).toFixed(2)}× | ${r.mb.toFixed(0)} |`);
}
const [small, large] = APPS.map((a) => results[a]);
if (small && large) {
  const growth = large.lint / small.lint;
  const fileGrowth = large.files / small.files;
  console.log('');
  console.log(`scaling ${APPS[0]} → ${APPS[1]} apps: files ×${fileGrowth.toFixed(1)}, infralint time ×${growth.toFixed(1)} (${growth <= fileGrowth ? 'no faster than' : 'FASTER than'} the file count)`);
}
for (const [apps, r] of Object.entries(results)) {
  if (r.lint1 === undefined) continue;
  console.log(
    `threads at ${apps} apps: infralint on one thread ${fmt(r.lint1)} s (${(r.lint1 / r.floor).toFixed(2)}× the floor), on all cores ${fmt(r.lint)} s; ` +
      `two floors at once ${fmt(r.pair)} s against ${fmt(r.floor)} s for one, so two busy cores do ${((2 * r.floor) / r.pair).toFixed(2)}× the work of one`,
  );
}
console.log(`fixtures/lumie-infra whole run: ${fmt(median(sample))} s; node -e 0: ${fmt(median(nodeE0))} s; ratio ${(median(sample) / median(nodeE0)).toFixed(2)}× (${SAMPLE_RUNS} alternating runs each)`);
