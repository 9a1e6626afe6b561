import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../../core/test/paths.js';

// The launcher (bin/infralint.js) runs the bundle that `pnpm build` makes (tools/bundle.mjs) with
// V8's code cache. These tests need that build, which `pnpm test` runs first.

const CLI_DIR = path.join(ROOT, 'packages/cli');
const FINDINGS = path.join(FIXTURES, 'cli/findings');

function run(bin: string, args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const startLine = (stderr: string) => stderr.split('\n').find((l) => l.startsWith('[debug] start: '));

describe('start-up', () => {
  it('the built launcher runs the bundle with its code cache', () => {
    const r = run(path.join(CLI_DIR, 'bin/infralint.js'), ['--debug'], path.join(FIXTURES, 'lumie-infra'));
    expect(r.code).toBe(0);
    expect(startLine(r.stderr)).toBe('[debug] start: bundle, code cache used');
  });

  describe('a copy of the launcher and bundle, to damage its cache', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-start-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.mkdirSync(path.join(dir, 'dist'));
    // The launcher is bin/: the script and the package.json that makes it CommonJS.
    for (const f of ['infralint.js', 'package.json']) fs.copyFileSync(path.join(CLI_DIR, 'bin', f), path.join(dir, 'bin', f));
    fs.copyFileSync(path.join(CLI_DIR, 'package.json'), path.join(dir, 'package.json'));
    for (const f of ['infralint.cjs', 'parse-worker.cjs', 'tree-sitter.wasm', 'tree-sitter-terraform.wasm']) {
      fs.copyFileSync(path.join(CLI_DIR, 'dist', f), path.join(dir, 'dist', f));
    }
    const bin = path.join(dir, 'bin/infralint.js');
    const cache = path.join(dir, 'dist/infralint.cjs.cache');

    it('a missing or corrupt code cache changes nothing in the output, and is written anew', () => {
      const reference = run(path.join(CLI_DIR, 'bin/infralint.js'), ['--format', 'compact'], FINDINGS);
      expect(reference.code).toBe(1);

      const missing = run(bin, ['--format', 'compact', '--debug'], FINDINGS);
      expect({ code: missing.code, stdout: missing.stdout }).toEqual({ code: reference.code, stdout: reference.stdout });
      expect(startLine(missing.stderr)).toBe('[debug] start: bundle, code cache missing');
      expect(fs.existsSync(cache)).toBe(true);

      fs.writeFileSync(cache, Buffer.from('not a V8 code cache, just bytes'));
      const corrupt = run(bin, ['--format', 'compact', '--debug'], FINDINGS);
      expect({ code: corrupt.code, stdout: corrupt.stdout }).toEqual({ code: reference.code, stdout: reference.stdout });
      expect(startLine(corrupt.stderr)).toBe('[debug] start: bundle, code cache rejected (another Node version?)');

      const again = run(bin, ['--format', 'compact', '--debug'], FINDINGS);
      expect({ code: again.code, stdout: again.stdout }).toEqual({ code: reference.code, stdout: reference.stdout });
      expect(startLine(again.stderr)).toBe('[debug] start: bundle, code cache used');
    });

    it('plugins (ES modules) still load from the bundle', () => {
      const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-start-plugin-'));
      try {
        fs.mkdirSync(path.join(repo, '.git'));
        fs.writeFileSync(path.join(repo, 'infralint.config.yaml'), `plugins: [${JSON.stringify(path.join(FIXTURES, 'plugins/acme-plugin.mjs'))}]\n`);
        const r = run(bin, ['--list-rules'], repo);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^acme\//m);
      } finally {
        fs.rmSync(repo, { recursive: true, force: true });
      }
    });
  });

  it('a bundle older than the last tsc build is not run: the compiled modules are', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-stale-'));
    try {
      // The repo's layout, reduced: cli/bin, cli/dist (the bundle, and a stand-in for the compiled modules), core/dist.
      fs.mkdirSync(path.join(dir, 'cli/bin'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'cli/dist'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'core/dist'), { recursive: true });
      for (const f of ['infralint.js', 'package.json']) fs.copyFileSync(path.join(CLI_DIR, 'bin', f), path.join(dir, 'cli/bin', f));
      fs.copyFileSync(path.join(CLI_DIR, 'dist/infralint.cjs'), path.join(dir, 'cli/dist/infralint.cjs'));
      fs.copyFileSync(path.join(CLI_DIR, 'package.json'), path.join(dir, 'cli/package.json'));
      fs.writeFileSync(path.join(dir, 'cli/dist/cli.js'), "export async function run(argv, io) { io.stdout.write(`modules: ${io.startup}\\n`); return 0; }\n");
      const info = path.join(dir, 'core/dist/.tsbuildinfo');
      fs.writeFileSync(info, '{}');
      const later = new Date(Date.now() + 60_000);
      fs.utimesSync(info, later, later);
      const r = run(path.join(dir, 'cli/bin/infralint.js'), [], dir);
      expect(r.stdout).toBe('modules: modules (the bundle is older than the last tsc build: run `pnpm build`)\n');
      const earlier = new Date(Date.now() - 60_000);
      fs.utimesSync(info, earlier, earlier);
      const fresh = run(path.join(dir, 'cli/bin/infralint.js'), ['--version'], dir);
      expect(fresh).toMatchObject({ code: 0, stdout: `${JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'package.json'), 'utf8')).version}\n` });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
