import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composedBy, parseYaml } from '../src/parsers/yaml.js';
import { CORPUS, FIXTURES, ROOT } from './paths.js';
import { plainFile } from './plain.js';

// The fast composer (src/parsers/yaml-fast.ts) must give exactly what yaml's Composer and the
// conversion after it give, for every file: the same documents, locations, values, anchors,
// aliases, comments and diagnostics. Files outside its subset go to the Composer; these tests also
// pin which way a file goes, so a subset that silently shrinks to nothing fails.

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(p));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out;
}

/** Parse both ways; returns the fast result and whether the fast composer took the file. */
function both(text: string, file = 'test.yaml'): { fast: boolean; parsed: ReturnType<typeof parseYaml> } {
  const before = composedBy.fast;
  const parsed = parseYaml(text, file);
  const fast = composedBy.fast > before;
  const reference = parseYaml(text, file, { fast: false });
  expect(plainFile(parsed)).toStrictEqual(plainFile(reference));
  return { fast, parsed };
}

function compareTree(dir: string, label: string): { files: number; fast: number } {
  let fast = 0;
  const files = yamlFilesUnder(dir);
  for (const abs of files) {
    let text = readFileSync(abs, 'utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    const rel = `${label}/${path.relative(dir, abs).split(path.sep).join('/')}`;
    const before = composedBy.fast;
    const parsed = parseYaml(text, rel);
    if (composedBy.fast > before) fast++;
    const reference = parseYaml(text, rel, { fast: false });
    // toStrictEqual's diff names the first differing path; one message per file keeps it readable.
    expect({ rel, parsed: plainFile(parsed) }).toStrictEqual({ rel, parsed: plainFile(reference) });
  }
  return { files: files.length, fast };
}

describe('fast composer = yaml Composer + conversion', () => {
  it('on every YAML file of the corpus (YAML test suite, Kubernetes, Helm, infra repos)', () => {
    const { files, fast } = compareTree(CORPUS, 'corpus');
    expect(files).toBeGreaterThan(1_000);
    // The Kubernetes and infra files are in the subset; the test suite's exotic cases are not.
    expect(fast).toBeGreaterThan(900);
  });

  it('on every YAML file of the fixtures', () => {
    const { files, fast } = compareTree(FIXTURES, 'fixtures');
    expect(fast).toBeGreaterThan(files / 2);
  });

  describe('on a generated repo', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-fast-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('every manifest (anchors and aliases included) takes the fast path', async () => {
      const { generateRepo } = (await import(path.join(ROOT, 'tools/generate-repo.mjs'))) as {
        generateRepo: (apps: number, out: string, opts?: { violations?: boolean }) => number;
      };
      generateRepo(20, dir, { violations: true });
      // Helm templates ({{ }}) are never parsed in a run; compare the plain YAML only.
      const plain = yamlFilesUnder(dir).filter((f) => !readFileSync(f, 'utf8').includes('{{'));
      let fast = 0;
      for (const abs of plain) if (both(readFileSync(abs, 'utf8'), path.relative(dir, abs)).fast) fast++;
      expect(plain.length).toBeGreaterThan(100);
      expect(fast).toBe(plain.length);
    });
  });

  it('plain scalars resolve as the core schema says (null, bool, int, float, strings that look alike)', () => {
    const values = [
      '~', 'null', 'Null', 'NULL', 'nULL', '', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off',
      '0', '-0', '+12', '012', '0o17', '0o8', '0x1F', '0xG', '1_000', '1.5', '-1.5', '.5', '0.', '1e3', '1E-3', '+1.5e+3', '.inf', '-.Inf', '+.INF',
      '.nan', '.NaN', '.NAN', 'nan', 'n', 't', 'f', 'N', 'T', 'F', '+', '.', '12h', '1.2.3', 'app-0001', '8080:80',
    ];
    const asValues = values.map((v, i) => `k${i}: ${v}\n`).join('');
    const asItems = `list:\n${values.map((v) => `  - ${v}\n`).join('')}`;
    const asFlow = `flow: [${values.filter((v) => v !== '').join(', ')}]\n`;
    for (const text of [asValues, asItems, asFlow]) {
      const { fast, parsed } = both(text);
      expect(fast).toBe(true);
      expect(parsed.diagnostics).toEqual([]);
    }
  });

  it.each([
    ['block map and sequence', 'a: 1\nb:\n  - x\n  - y: 2\n    z: [1, "two", {c: d}]\n', true],
    ['comments everywhere', '# head\na: 1 # one\n# between\nb: # before\n  c: d\n# tail\n', true],
    ['several documents with ---', '---\na: 1\n---\nb: 2\n...\n', false],
    ['block scalars', 'a: |\n  line\n  two\nb: >-\n  folded\n  text\n\nc: d\n', true],
    ['quoted scalars with escapes', 'a: "tab\\there"\nb: \'it\'\'s\'\n', true],
    ['anchor and alias', 'a: &x\n  k: v\nb: *x\nc: &s str\nd: *s\n', true],
    ['empty values', 'a:\nb: ~\nc:\n  -\n  - x\n', true],
    ['empty document', '', false],
    ['only comments', '# nothing\n', false],
    ['duplicate key (reported by yaml)', 'a: 1\na: 2\n', false],
    ['tab indentation (reported by yaml)', 'a:\n\tb: 1\n', false],
    ['merge key', 'base: &b\n  x: 1\nm:\n  <<: *b\n  y: 2\n', false],
    ['tag', 'a: !!str 1\n', false],
    ['unknown alias (reported by the conversion)', 'a: *nope\n', true],
    ['directive', '%YAML 1.2\n---\na: 1\n', false],
    ['explicit key', '? a\n: 1\n', false],
    ['unclosed quote', 'a: "open\n', false],
    ['flow map with trailing comma', 'a: {b: 1,}\n', false],
    ['comment without space before it', 'a: "x"# c\n', false],
  ])('%s', (_name, text, fast) => {
    expect(both(text).fast).toBe(fast);
  });
});
