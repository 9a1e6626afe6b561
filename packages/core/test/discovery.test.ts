import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, discover, findRepoRoot, readSource, readSourceSync, type Discovery, type SourceIO } from '../src/discovery.js';

/** A temp dir per test file, removed at the end. */
let tmp: string;
/** The repo under test, inside tmp. */
let repo: string;
/** A folder beside the repo: symlinks pointing there lead outside the repo. */
let outside: string;

function write(rel: string, content: string | Uint8Array): void {
  const abs = path.join(repo, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infralint-discovery-'));
  repo = path.join(tmp, 'repo');
  outside = path.join(tmp, 'outside');
  mkdirSync(repo);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.yaml'), 'kind: Secret\n');

  // Sources of every kind, including a dot folder.
  write('main.tf', 'resource "x" "y" {}\n');
  write('prod.tfvars', 'a = 1\n');
  write('k8s/app.yaml', 'kind: Pod\n');
  write('k8s/other.yml', 'kind: Service\n');
  write('README.md', '# hi\n');
  write('.github/workflows/ci.yml', 'on: push\n');
  write('notes.txt', 'not read\n');
  write('empty.yaml', '');
  // Always skipped.
  write('.git/config.yaml', 'x: 1\n');
  write('node_modules/pkg/values.yaml', 'x: 1\n');
  write('modules/net/.terraform/modules/m.tf', 'x = 1\n');
  write('k8s/node_modules/deep.yaml', 'x: 1\n');
  // .gitignore, root and nested (with a re-inclusion and an ignored folder).
  write('.gitignore', 'build/\n*.generated.yaml\n');
  write('build/out.yaml', 'x: 1\n');
  write('k8s/a.generated.yaml', 'x: 1\n');
  write('charts/.gitignore', 'secrets.yaml\n!keep.generated.yaml\nrendered/\n');
  write('charts/rendered/out.yaml', 'x: 1\n'); // a folder a nested .gitignore ignores
  write('charts/rendered/.gitignore', '!out.yaml\n'); // inside an ignored folder: git never reads it
  write('charts/secrets.yaml', 'x: 1\n');
  write('charts/values.yaml', 'x: 1\n');
  write('charts/keep.generated.yaml', 'x: 1\n');
  write('charts/sub/secrets.yaml', 'x: 1\n'); // a pattern without a slash matches at any depth
  // The config's ignore globs.
  write('legacy-scratch/old.yaml', 'x: 1\n');
  write('docs/draft.md', 'x\n');
  // Encodings.
  write('bom.yaml', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('kind: Service\n')]));
  write('binary.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  write('utf16.yaml', Buffer.from('\uFEFFkind: Pod\n', 'utf16le'));
  write('latin1.yaml', Buffer.concat([Buffer.from('name: ok\nnote: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  // 6 MB of valid YAML.
  write('big.yaml', `items:\n${'  - 0123456789012345678901234567890123456789\n'.repeat(Math.ceil((6 * 1024 * 1024) / 45))}`);
  // Symlinks: a loop, a link out of the repo (file and folder), a broken one, a duplicate.
  write('loop/inner.yaml', 'x: 1\n');
  symlinkSync('..', path.join(repo, 'loop', 'parent'));
  symlinkSync(path.join(repo, 'loop'), path.join(repo, 'loop', 'self'));
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(repo, 'k8s', 'leak.yaml'));
  symlinkSync(outside, path.join(repo, 'outside-dir'));
  symlinkSync(path.join(repo, 'missing.yaml'), path.join(repo, 'dangling.yaml'));
  symlinkSync(path.join(repo, 'k8s', 'app.yaml'), path.join(repo, 'alias.yaml'));
  symlinkSync(path.join(repo, 'legacy-scratch', 'old.yaml'), path.join(repo, 'linked-legacy.yaml'));
  // A folder whose name matches the glob, a link to it, and a FIFO (reading one would block forever).
  mkdirSync(path.join(repo, 'folder.yaml'));
  write('folder.yaml/real.yaml', 'x: 1\n');
  symlinkSync(path.join(repo, 'folder.yaml'), path.join(repo, 'dirlink.yaml'));
  execFileSync('mkfifo', [path.join(repo, 'pipe.yaml')]);
  // Read by the injected reader only.
  write('locked.yaml', 'x: 1\n');
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * Tests run as root here, and root reads a `chmod 000` file anyway, so a real permission
 * failure cannot be produced. Instead the reader is injected and throws the EACCES error
 * Node gives an unprivileged user; the code path (catch → file-error) is the same.
 */
const lockedIO: Partial<SourceIO> = {
  readFile: async (abs: string) => {
    if (abs.endsWith(`${path.sep}locked.yaml`)) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${abs}'`), { code: 'EACCES', errno: -13, syscall: 'open' });
    }
    return readFile(abs);
  },
};

let result: Discovery;
let elapsed: number;

describe('discover', () => {
  beforeAll(async () => {
    const t0 = performance.now();
    result = await discover({ root: repo, ignore: ['legacy-scratch/**', 'docs/*.md'], io: lockedIO });
    elapsed = performance.now() - t0;
  });

  it('finds exactly the readable source files, sorted, with repo-relative paths', () => {
    expect(result.files.map((f) => [f.path, f.language])).toEqual([
      ['.github/workflows/ci.yml', 'yaml'],
      ['README.md', 'markdown'],
      ['bom.yaml', 'yaml'],
      ['charts/keep.generated.yaml', 'yaml'],
      ['charts/values.yaml', 'yaml'],
      ['empty.yaml', 'yaml'],
      ['folder.yaml/real.yaml', 'yaml'],
      ['k8s/app.yaml', 'yaml'],
      ['k8s/other.yml', 'yaml'],
      ['linked-legacy.yaml', 'yaml'],
      ['loop/inner.yaml', 'yaml'],
      ['main.tf', 'hcl'],
      ['prod.tfvars', 'hcl'],
    ]);
    const app = result.files.find((f) => f.path === 'k8s/app.yaml');
    expect(app).toEqual({ path: 'k8s/app.yaml', abs: path.join(repo, 'k8s', 'app.yaml'), language: 'yaml', text: 'kind: Pod\n' });
  });

  it('does not hang on a symlink loop and finds the file behind it once', () => {
    expect(elapsed).toBeLessThan(20_000);
    expect(result.files.filter((f) => f.path.endsWith('inner.yaml')).map((f) => f.path)).toEqual(['loop/inner.yaml']);
  });

  it('reads an empty file as empty text and strips a BOM', () => {
    expect(result.files.find((f) => f.path === 'empty.yaml')?.text).toBe('');
    expect(result.files.find((f) => f.path === 'bom.yaml')?.text).toBe('kind: Service\n');
  });

  it('reports files that cannot be linted as file-error diagnostics at 1:1 (or at the bad byte)', () => {
    expect(
      result.diagnostics.map((d) => [d.loc.file, d.ruleId, d.severity, d.loc.start.line, d.loc.start.column, d.loc.end.line, d.loc.end.column]),
    ).toEqual([
      ['big.yaml', 'file-error', 'error', 1, 1, 1, 1],
      ['binary.yaml', 'file-error', 'error', 1, 1, 1, 1],
      ['latin1.yaml', 'file-error', 'error', 2, 10, 2, 10],
      ['locked.yaml', 'file-error', 'error', 1, 1, 1, 1],
      ['utf16.yaml', 'file-error', 'error', 1, 1, 1, 1],
    ]);
    const message = (file: string): string => result.diagnostics.find((d) => d.loc.file === file)?.message ?? '';
    expect(message('big.yaml')).toMatch(/too large .*6\.0 MB.*5 MB limit.*"ignore"/);
    expect(message('binary.yaml')).toMatch(/binary/);
    expect(message('latin1.yaml')).toMatch(/not valid UTF-8 \(byte 0xe9 at line 2\)/);
    expect(message('locked.yaml')).toMatch(/permission denied, EACCES/);
    expect(message('utf16.yaml')).toMatch(/UTF-16/);
  });

  it('does not follow symlinks out of the repo, and says why it skipped files', () => {
    expect(result.files.some((f) => f.text.includes('Secret'))).toBe(false);
    // A real folder named folder.yaml is walked into, not matched (its real.yaml is found above).
    expect(result.skipped.map((s) => s.path)).toEqual(['alias.yaml', 'dangling.yaml', 'dirlink.yaml', 'k8s/leak.yaml', 'pipe.yaml']);
    const reason = (p: string): string => result.skipped.find((s) => s.path === p)?.reason ?? '';
    expect(reason('k8s/leak.yaml')).toMatch(/outside the repository/);
    expect(reason('alias.yaml')).toMatch(/k8s\/app\.yaml, which is linted at its own path/);
    expect(reason('dangling.yaml')).toMatch(/broken symlink/);
    expect(reason('dirlink.yaml')).toMatch(/not a regular file/);
    expect(reason('pipe.yaml')).toMatch(/not a regular file/);
  });

  it('never walks .git, node_modules or .terraform, and honours .gitignore and ignore globs', () => {
    const paths = result.files.map((f) => f.path).concat(result.diagnostics.map((d) => d.loc.file));
    for (const p of paths) {
      expect(p).not.toMatch(/(^|\/)(\.git|node_modules|\.terraform)\//);
      expect(p).not.toMatch(/^(build|legacy-scratch|docs)\//);
      expect(p).not.toMatch(/secrets\.yaml$/);
      expect(p).not.toBe('k8s/a.generated.yaml');
      expect(p).not.toBe('notes.txt');
    }
  });
});

describe('discover edge cases', () => {
  it('honours maxBytes and works on a root given relative to cwd', async () => {
    const rel = path.relative(process.cwd(), path.join(repo, 'k8s'));
    const small = await discover({ root: rel, maxBytes: 4 });
    expect(small.files.map((f) => f.path)).toEqual([]);
    // The root is below the work tree's top (which holds .git): the top's .gitignore still applies,
    // as it does for git, so a.generated.yaml (`*.generated.yaml`) is ignored.
    expect(small.diagnostics.map((d) => [d.loc.file, d.message.includes('too large')])).toEqual([
      ['app.yaml', true],
      ['other.yml', true],
    ]);
  });

  it('finds nothing, without error, in an empty folder', async () => {
    const empty = mkdtempSync(path.join(tmp, 'empty-'));
    expect(await discover({ root: empty })).toEqual({ files: [], diagnostics: [], skipped: [] });
  });
});

describe('readSource', () => {
  it('reads one file', async () => {
    const r = await readSource(path.join(repo, 'bom.yaml'), 'bom.yaml');
    expect(r).toEqual({ path: 'bom.yaml', abs: path.join(repo, 'bom.yaml'), language: 'yaml', text: 'kind: Service\n' });
  });

  it('returns a diagnostic for a missing file, a folder, an unknown extension and a read failure', async () => {
    const missing = await readSource(path.join(repo, 'nope.yaml'), 'nope.yaml');
    expect(missing).toMatchObject({ ruleId: 'file-error', severity: 'error', loc: { file: 'nope.yaml', start: { line: 1, column: 1 } } });
    expect('message' in missing ? missing.message : '').toMatch(/ENOENT/);
    expect(await readSource(path.join(repo, 'folder.yaml'), 'folder.yaml')).toMatchObject({ ruleId: 'file-error' });
    expect(await readSource(path.join(repo, 'notes.txt'), 'notes.txt')).toMatchObject({ ruleId: 'file-error' });
    const io: SourceIO = { stat, readFile: lockedIO.readFile! };
    expect(await readSource(path.join(repo, 'locked.yaml'), 'locked.yaml', DEFAULT_MAX_BYTES, io)).toMatchObject({
      ruleId: 'file-error',
      message: expect.stringMatching(/permission denied/),
    });
  });
});

describe('findRepoRoot', () => {
  it('finds the nearest folder with a config file or .git, else returns cwd', () => {
    const base = mkdtempSync(path.join(tmp, 'roots-'));
    mkdirSync(path.join(base, 'outer', '.git', 'x'), { recursive: true });
    mkdirSync(path.join(base, 'outer', 'inner', 'deep'), { recursive: true });
    writeFileSync(path.join(base, 'outer', 'inner', 'infralint.config.json'), '{}');
    expect(findRepoRoot(path.join(base, 'outer', 'inner', 'deep'))).toBe(path.join(base, 'outer', 'inner'));
    expect(findRepoRoot(path.join(base, 'outer'))).toBe(path.join(base, 'outer'));
    mkdirSync(path.join(base, 'lone', 'a'), { recursive: true });
    writeFileSync(path.join(base, 'lone', 'infralint.config.yaml'), '');
    expect(findRepoRoot(path.join(base, 'lone', 'a'))).toBe(path.join(base, 'lone'));
    // Nothing above os.tmpdir() is expected to be a repo in the test environment; if one is, it is found instead.
    const bare = mkdtempSync(path.join(tmp, 'bare-'));
    const found = findRepoRoot(bare);
    expect(found === bare || !found.startsWith(bare)).toBe(true);
  });
});

describe('tracked files that match .gitignore', () => {
  it('are linted, as git never ignores a tracked file; untracked ignored files are not', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-tracked-'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(path.join(dir, '.gitignore'), '*.tfvars\n');
    writeFileSync(path.join(dir, 'terraform.tfvars'), 'port = 30444\n');
    writeFileSync(path.join(dir, 'local.tfvars'), 'port = 1\n');
    writeFileSync(path.join(dir, 'main.tf'), 'variable "port" {}\n');
    expect(git('add', '-f', 'terraform.tfvars', 'main.tf', '.gitignore').status).toBe(0);
    const found = await discover({ root: dir });
    expect(found.files.map((f) => f.path)).toEqual(['main.tf', 'terraform.tfvars']);
  });
});

describe('git-aware ignores', () => {
  it('lints a tracked file inside a .gitignored folder', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-trackeddir-'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(path.join(dir, '.gitignore'), 'build/\n');
    mkdirSync(path.join(dir, 'build'));
    writeFileSync(path.join(dir, 'build/ing.yaml'), 'a: 1\n');
    writeFileSync(path.join(dir, 'build/scratch.yaml'), 'a: 1\n');
    expect(git('add', '-f', 'build/ing.yaml').status).toBe(0);
    expect((await discover({ root: dir })).files.map((f) => f.path)).toEqual(['build/ing.yaml']);
  });

  it('applies the .gitignore files above a root that sits below the git top level', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const top = mkdtempSync(path.join(os.tmpdir(), 'infralint-top-'));
    spawnSync('git', ['init', '-q'], { cwd: top });
    writeFileSync(path.join(top, '.gitignore'), 'gen/\n/infra/local.yaml\n');
    mkdirSync(path.join(top, 'infra/gen'), { recursive: true });
    writeFileSync(path.join(top, 'infra/infralint.config.yaml'), 'rules: {}\n');
    writeFileSync(path.join(top, 'infra/gen/ing.yaml'), 'a: 1\n');
    writeFileSync(path.join(top, 'infra/local.yaml'), 'a: 1\n');
    writeFileSync(path.join(top, 'infra/ok.yaml'), 'a: 1\n');
    const found = await discover({ root: path.join(top, 'infra') });
    expect(found.files.map((f) => f.path)).toEqual(['infralint.config.yaml', 'ok.yaml']);
  });
});

describe('reading a source', () => {
  it.skipIf(!existsSync('/proc/self/status'))('reads to the end a file whose size the file system reports as 0', () => {
    expect(statSync('/proc/self/status').size).toBe(0);
    const src = readSourceSync('/proc/self/status', 'status.yaml');
    expect('text' in src && src.text.startsWith('Name:')).toBe(true);
  });
});
