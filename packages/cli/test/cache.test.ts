import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain-JS tool without declarations
import { generateRepo } from '../../../tools/generate-repo.mjs';
import { FIXTURES, ROOT } from '../../core/test/paths.js';
import { buildId, cacheKey, PARSER_PACKAGES } from '../src/cache-key.js';

const BIN = path.join(ROOT, 'packages/cli/bin/infralint.js');

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  const stats = /parsed (\d+) files, (\d+) from cache, on (\d+) thread/.exec(r.stderr);
  const facts = /facts: (\d+) derived from trees, (\d+) read from the cache/.exec(r.stderr);
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    parsed: stats ? Number(stats[1]) : NaN,
    fromCache: stats ? Number(stats[2]) : NaN,
    threads: stats ? Number(stats[3]) : NaN,
    factsDerived: facts ? Number(facts[1]) : NaN,
    factsStored: facts ? Number(facts[2]) : NaN,
  };
}

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

describe('parse cache (--cache)', () => {
  let repo = '';
  let cacheFile = '';
  beforeAll(() => {
    repo = tmp('infralint-cache-');
    fs.cpSync(path.join(FIXTURES, 'cli/findings'), repo, { recursive: true });
    cacheFile = path.join(tmp('infralint-cachedir-'), 'cache.bin');
  });
  const run = () => cli(['-f', 'json', '--debug', '--cache', '--cache-location', cacheFile], repo);

  it('first run parses everything and writes the cache; a second run parses nothing', () => {
    const cold = cli(['-f', 'json', '--debug'], repo);
    const first = run();
    expect(first.parsed).toBeGreaterThan(5);
    expect(first.fromCache).toBe(0);
    expect(fs.existsSync(cacheFile)).toBe(true);
    const second = run();
    expect(second.parsed).toBe(0);
    expect(second.fromCache).toBe(first.parsed);
    // What rules read of unchanged documents comes from the cache too: no tree is rebuilt for it.
    expect(first.factsDerived).toBeGreaterThan(5);
    expect(first.factsStored).toBe(0);
    expect(second.factsDerived).toBe(0);
    expect(second.factsStored).toBe(first.factsDerived);
    // Diagnostics are never cached: same findings, cross-file ones included, as a cold run.
    expect(second.stdout).toBe(cold.stdout);
    expect(first.stdout).toBe(cold.stdout);
    expect(second.code).toBe(1);
  });

  it('a changed file is re-parsed, and cross-file findings follow the change', () => {
    const svc = path.join(repo, 'applications/teleport/service.yaml');
    fs.writeFileSync(svc, fs.readFileSync(svc, 'utf8').replace('nodePort: 30444', 'nodePort: 30443'));
    const r = run();
    expect(r.parsed).toBe(1);
    expect(r.stdout).not.toContain('teleport-nodeport');
    expect(r.stdout).toBe(cli(['-f', 'json'], repo).stdout);
    // An Ingress changed: its facts are derived again from its new tree; every other one is read.
    const ing = path.join(repo, 'applications/lumie/web/ingress.yaml');
    fs.writeFileSync(ing, `${fs.readFileSync(ing, 'utf8')}\n`);
    const after = run();
    expect(after.parsed).toBe(1);
    expect(after.factsDerived).toBeGreaterThan(0);
    expect(after.factsDerived + after.factsStored).toBe(r.factsDerived + r.factsStored);
    expect(after.stdout).toBe(cli(['-f', 'json'], repo).stdout);
    expect(run().factsDerived).toBe(0);
  });

  it('a changed .tf file is parsed (the HCL parser set up only then) and its findings follow', () => {
    const tf = path.join(repo, 'provision/terraform/nlb_teleport_0213.tf');
    const before = fs.readFileSync(tf, 'utf8');
    const first = run();
    expect(first.parsed).toBe(0);
    fs.writeFileSync(tf, `${before}\nresource "oci_core_public_ip" "extra" {\n  display_name = "x"\n}\n`);
    const r = run();
    expect(r.parsed).toBe(1);
    expect(r.stdout).toBe(cli(['-f', 'json'], repo).stdout);
    fs.writeFileSync(tf, before);
    const back = run();
    expect(back.parsed).toBe(1);
    expect(back.stdout).toBe(first.stdout);
  });

  it('a file touched but unchanged is read and hashed, not re-parsed', () => {
    const f = path.join(repo, 'applications/lumie/services.yaml');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(f, later, later);
    const r = run();
    expect(r.parsed).toBe(0);
  });

  it('a cached tree whose stored bytes changed on disk is parsed again, same findings, and dropped from the cache', () => {
    expect(run().parsed).toBe(0);
    // Change one byte of the teleport Service's last node table (the end of its entry; teleport-nodeport
    // reads its tree): the container still reads.
    const stored = v8.deserialize(fs.readFileSync(cacheFile)) as { entries: [string, string, number, number, boolean, number, string][]; blobs: Uint8Array };
    let at = 0;
    for (const e of stored.entries) {
      at += e[5];
      if (e[0] === 'applications/teleport/service.yaml') break;
    }
    expect(String.fromCharCode(stored.blobs[at - 1]!)).toBe(']');
    stored.blobs[at - 2] = stored.blobs[at - 2] === 0x30 ? 0x31 : 0x30; // a digit or bracket changed: caught by the checksum
    fs.writeFileSync(cacheFile, v8.serialize(stored));
    fs.rmSync(`${cacheFile}.delta`, { force: true });
    const r = run();
    expect(r.parsed).toBe(0); // its summary is fine: the entry is used until a rule reads the tree
    expect(r.stdout).toBe(cli(['-f', 'json'], repo).stdout);
    expect(r.stderr).toMatch(/cache written to/);
    const again = run();
    expect(again.parsed).toBe(1); // dropped last run: parsed and stored afresh
    expect(again.stdout).toBe(r.stdout);
    expect(run().parsed).toBe(0);
  });

  it("a file's stored facts that do not read back are derived again from its tree, same findings", () => {
    // A cache written whole (no delta file beside it), then read.
    fs.rmSync(cacheFile, { force: true });
    fs.rmSync(`${cacheFile}.delta`, { force: true });
    run();
    const first = run();
    expect(first.factsDerived).toBe(0);
    expect(fs.existsSync(`${cacheFile}.delta`)).toBe(false);
    const stored = v8.deserialize(fs.readFileSync(cacheFile)) as { entries: [string, string, number, number, boolean, number, string][]; blobs: Uint8Array };
    const entry = stored.entries.find((e) => e[0] === 'applications/lumie/web/ingress.yaml')!;
    expect(entry[6]).toContain('"ingress#0"');
    const count = Object.keys(JSON.parse(entry[6].slice(9)) as object).length;
    expect(count).toBeGreaterThan(1);
    entry[6] = entry[6].replace(/\[5,(\d+)/, '[5,-$1'); // a changed byte: its checksum no longer holds
    fs.writeFileSync(cacheFile, v8.serialize(stored));
    const r = run();
    expect(r.parsed).toBe(0);
    expect(r.factsDerived).toBe(count); // all of that file's facts, none of any other file's
    expect(r.stdout).toBe(cli(['-f', 'json'], repo).stdout);
    expect(run().factsDerived).toBe(0); // stored afresh
  });

  it('adding or removing a Chart.yaml changes what is parsed, even for unchanged files', () => {
    const chartRepo = tmp('infralint-cache-chart-');
    fs.mkdirSync(path.join(chartRepo, '.git'));
    fs.mkdirSync(path.join(chartRepo, 'app/templates'), { recursive: true });
    fs.writeFileSync(path.join(chartRepo, 'app/Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 0.1.0\n');
    fs.writeFileSync(
      path.join(chartRepo, 'app/templates/ing.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  ingressClassName: nginx\n',
    );
    const file = path.join(tmp('infralint-cache-chartfile-'), 'c');
    const args = ['-f', 'compact', '--cache', '--cache-location', file];
    expect(cli(args, chartRepo).stdout).toBe(''); // a chart template: skipped
    fs.rmSync(path.join(chartRepo, 'app/Chart.yaml'));
    expect(cli(args, chartRepo).stdout).toMatch(/app\/templates\/ing\.yaml:6:21: error: .*\[ingress-class-traefik\]/);
  });

  it('a corrupt, truncated or foreign cache file is ignored and rebuilt', () => {
    const good = fs.readFileSync(cacheFile);
    for (const bad of [Buffer.from('garbage'), good.subarray(0, good.length >> 1), Buffer.from(JSON.stringify({ magic: 'x' }))]) {
      fs.writeFileSync(cacheFile, bad);
      const r = run();
      expect(r.stderr).toMatch(/cache .* ignored \((corrupt or truncated|not an infralint cache file)\); rebuilding it/);
      expect(r.fromCache).toBe(0);
      expect(r.stdout).toBe(cli(['-f', 'json'], repo).stdout);
      expect(run().parsed).toBe(0); // rebuilt
    }
  });
});

describe('cache key', () => {
  it('unbundled, names the compiled code and the installed version of every parser, so a rebuild or a parser upgrade rebuilds the cache', () => {
    const key = cacheKey('9.9.9', undefined);
    expect(key).toMatch(/^layout-9 infralint@9\.9\.9 code@[0-9a-f]{8} /);
    // Run unbundled (these tests import the sources), no build id applies, even beside a built one.
    expect(buildId()).toBeUndefined();
    expect(key).toContain('infralint@9.9.9');
    expect(key).not.toContain('unknown');
    for (const pkg of PARSER_PACKAGES) {
      // Read straight from the installed package (pnpm links core's dependencies into its node_modules).
      const dir = fs.realpathSync(path.join(ROOT, 'packages/core/node_modules', pkg));
      const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
      expect(key.split(' ')).toContain(`${pkg}@${version}`);
    }
  });

  it('names the build: a cache written by a bundle with other code is not trusted', () => {
    // The build id is a hash of the bundled code.
    const dist = path.join(ROOT, 'packages/cli/dist');
    const hash = createHash('sha256');
    for (const f of ['infralint.cjs', 'parse-worker.cjs', 'tree-sitter.wasm', 'tree-sitter-terraform.wasm']) hash.update(fs.readFileSync(path.join(dist, f)));
    const id = fs.readFileSync(path.join(dist, 'build-id'), 'utf8').trim();
    expect(id).toBe(hash.digest('hex').slice(0, 16));
    expect(cacheKey('9.9.9', id)).toBe(`layout-9 infralint@9.9.9 build@${id}`);
    // A copy of the CLI whose build id changes, as a rebuild with changed code would.
    const copy = tmp('infralint-build-');
    fs.cpSync(path.join(ROOT, 'packages/cli/bin'), path.join(copy, 'bin'), { recursive: true });
    fs.cpSync(dist, path.join(copy, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'packages/cli/package.json'), path.join(copy, 'package.json'));
    const repo = tmp('infralint-buildrepo-');
    fs.cpSync(path.join(FIXTURES, 'cli/findings'), repo, { recursive: true });
    const cacheFile = path.join(repo, '.infralintcache');
    const run = () => spawnSync(process.execPath, [path.join(copy, 'bin/infralint.js'), '--debug', '--cache'], { cwd: repo, encoding: 'utf8' });
    expect(run().stderr).toMatch(/parsed \d+ files, 0 from cache/);
    expect(run().stderr).toMatch(/parsed 0 files/);
    fs.writeFileSync(path.join(copy, 'dist/build-id'), '0123456789abcdef\n');
    const r = run();
    expect(r.stderr).toContain(`cache ${cacheFile} ignored (written by another version or build of infralint, or other parsers)`);
    expect(r.stderr).toMatch(/parsed \d+ files, 0 from cache/);
  });
});

describe('generated repo: cache, parallel and single-thread runs agree', () => {
  let repo = '';
  beforeAll(() => {
    repo = tmp('infralint-gen-');
    generateRepo(50, repo, { violations: true }); // ~600 files: enough for worker threads
  });

  it('parallel and single-thread runs give identical output', () => {
    const single = cli(['-f', 'json', '--debug'], repo, { INFRALINT_THREADS: '1' });
    const parallel = cli(['-f', 'json', '--debug'], repo, { INFRALINT_THREADS: '2' });
    expect(single.threads).toBe(1);
    expect(parallel.threads).toBe(2);
    expect(single.code).toBe(1);
    expect(JSON.parse(single.stdout).length).toBeGreaterThan(3);
    expect(parallel.stdout).toBe(single.stdout);
  });

  it('a cached run gives exactly the diagnostics of a cold run', () => {
    const cacheFile = path.join(tmp('infralint-gencache-'), 'c');
    const cold = cli(['-f', 'json'], repo);
    const prime = cli(['-f', 'json', '--debug', '--cache', '--cache-location', cacheFile], repo);
    const warm = cli(['-f', 'json', '--debug', '--cache', '--cache-location', cacheFile], repo);
    expect(warm.parsed).toBe(0);
    expect(prime.factsDerived).toBeGreaterThan(100);
    expect(warm.factsDerived).toBe(0);
    expect(warm.factsStored).toBe(prime.factsDerived);
    expect(warm.fromCache).toBe(prime.parsed);
    expect(prime.stdout).toBe(cold.stdout);
    expect(warm.stdout).toBe(cold.stdout);
  });
});
