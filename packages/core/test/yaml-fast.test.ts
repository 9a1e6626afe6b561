import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composedBy, parseYaml } from '../src/parsers/yaml.js';
import { CORPUS, FIXTURES, ROOT } from './paths.js';
import { plainFile } from './plain.js';
import { blockYaml, lineSoup, mutate, rng } from './yaml-gen.js';

// The scanner (src/parsers/yaml-scan.ts) and the fast composer (src/parsers/yaml-fast.ts) must
// give exactly what yaml's Composer and the conversion after it give, for every file: the same
// documents, locations, values, anchors, aliases, comments and diagnostics. Files outside the
// scanner's subset go to the fast composer, and files outside its subset to the Composer; these
// tests also pin which way a file goes, so a subset that silently shrinks to nothing fails.

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(p));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(p);
  }
  return out;
}

type Way = 'scan' | 'fast' | 'composer';

/**
 * Parse three ways (scanner first, fast composer first, Composer only) and expect one result.
 * Returns the result and the way the default parse took.
 */
function ways(text: string, file = 'test.yaml'): { way: Way; parsed: ReturnType<typeof parseYaml> } {
  const before = { ...composedBy };
  const parsed = parseYaml(text, file);
  const way: Way = composedBy.scan > before.scan ? 'scan' : composedBy.fast > before.fast ? 'fast' : 'composer';
  const reference = plainFile(parseYaml(text, file, { fast: false }));
  // toStrictEqual's diff names the first differing path; the file name keeps the message readable.
  expect({ file, parsed: plainFile(parsed) }).toStrictEqual({ file, parsed: reference });
  if (way === 'scan') expect({ file, parsed: plainFile(parseYaml(text, file, { scan: false })) }).toStrictEqual({ file, parsed: reference });
  return { way, parsed };
}

function compareTree(dir: string, label: string, skip: (text: string) => boolean = () => false): { files: number; scan: number; fast: number } {
  const counts = { files: 0, scan: 0, fast: 0 };
  for (const abs of yamlFilesUnder(dir)) {
    let text = readFileSync(abs, 'utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    if (skip(text)) continue;
    counts.files++;
    const { way } = ways(text, `${label}/${path.relative(dir, abs).split(path.sep).join('/')}`);
    if (way !== 'composer') counts[way]++;
  }
  return counts;
}

describe('scanner and fast composer = yaml Composer + conversion', () => {
  it('on every YAML file of the corpus (YAML test suite, Kubernetes, Helm, infra repos)', () => {
    const { files, scan, fast } = compareTree(CORPUS, 'corpus');
    expect(files).toBeGreaterThan(1_000);
    // The Kubernetes and infra files are in the subsets; the test suite's exotic cases are not.
    expect(scan).toBeGreaterThan(800);
    expect(scan + fast).toBeGreaterThan(900);
  });

  it('on every YAML file of the fixtures', () => {
    const { files, scan, fast } = compareTree(FIXTURES, 'fixtures');
    expect(scan).toBeGreaterThan(files / 2);
    expect(scan + fast).toBeGreaterThan(scan);
  });

  describe('on a generated repo', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-fast-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('every manifest (anchors and aliases included) takes the scanner', async () => {
      const { generateRepo } = (await import(path.join(ROOT, 'tools/generate-repo.mjs'))) as {
        generateRepo: (apps: number, out: string, opts?: { violations?: boolean }) => number;
      };
      generateRepo(20, dir, { violations: true });
      // Helm templates ({{ }}) are never parsed in a run; compare the plain YAML only.
      const { files, scan } = compareTree(dir, 'generated', (text) => text.includes('{{'));
      expect(files).toBeGreaterThan(100);
      expect(scan).toBe(files);
    });
  });

  it('on seeded generated and mutated texts (a differential fuzz that runs the same every time)', () => {
    const r = rng(20261127);
    const real = [...yamlFilesUnder(path.join(CORPUS, 'kubernetes')), ...yamlFilesUnder(FIXTURES)]
      .map((f) => readFileSync(f, 'utf8'))
      .filter((t) => !t.includes('{{') && t.length < 20_000);
    const counts = { scan: 0, fast: 0, composer: 0 };
    for (let i = 0; i < 3_000; i++) {
      const x = r();
      const text = x < 0.2 ? lineSoup(r) : x < 0.45 ? mutate(r, real[Math.floor(r() * real.length)]!) : x < 0.8 ? blockYaml(r) : mutate(r, blockYaml(r));
      counts[ways(text, `fuzz-${i}.yaml`).way]++;
    }
    // Each way gets its share, so the comparison is not vacuous for any of them.
    expect(counts.scan).toBeGreaterThan(300);
    expect(counts.fast).toBeGreaterThan(100);
    expect(counts.composer).toBeGreaterThan(1_000);
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
    // A flow sequence holding `8080:80` is outside the scanner (a `:` in a flow scalar).
    for (const [text, way] of [[asValues, 'scan'], [asItems, 'scan'], [asFlow, 'fast']] as const) {
      const out = ways(text);
      expect(out.way).toBe(way);
      expect(out.parsed.diagnostics).toEqual([]);
    }
  });

  it.each<[string, string, Way]>([
    ['a manifest', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web # the name\n  labels: {}\nspec:\n  ports:\n  - port: 80\n    targetPort: "http"\n', 'scan'],
    ['block map and sequence', 'a: 1\nb:\n  - x\n  - y: 2\n    z: [1, "two", {c: d}]\n', 'fast'],
    ['comments everywhere', '# head\na: 1 # one\n# between\nb: # before\n  c: d\n# tail\n', 'fast'],
    ['comments, none after the last content', '# head\na: 1 # one\n# between\nb: # before\n  # inside\n  c: d # end\n\n', 'scan'],
    ['several documents with ---', '---\na: 1\n---\nb: 2\n...\n', 'composer'],
    ['several documents, an empty one among them', 'a: 1\n---\n---\nb: 2\n---\n', 'scan'],
    ['a comment line ending a document', 'a: 1\n# end\n---\nb: 2\n', 'fast'],
    ['block scalars', 'a: |\n  line\n  two\nb: >-\n  folded\n  text\n\nc: d\n', 'scan'],
    ['block scalar keeping its line breaks', 'a: |+\n  x\n\nb: 1\n', 'fast'],
    ['block scalar with an indentation indicator', 'a: |2\n   x\nb: 1\n', 'fast'],
    ['multi-line plain scalar', 'description: a long\n  text\n\n  more\nb: 1\n', 'scan'],
    ['multi-line quoted scalar', 'a: "x\n  y"\n', 'fast'],
    ['double-quoted scalar with an escaped line break', 'a: "x\\\n  y"\nb: 1\n', 'fast'],
    ['key whose colon is 1,000 characters into its line (yaml limits it)', `${'k'.repeat(1001)}: v\n`, 'fast'],
    ['key far below an empty value (yaml counts the blank lines into the key)', `a:\n  b:\n${'\n'.repeat(1023)}c: 1\n`, 'composer'],
    ['long value before the next key', `tls.crt: ${'A'.repeat(3000)}\nb: 1\n`, 'scan'],
    [
      'alias and many empty map values (yaml counts those as expanded, not written)',
      `x: &a\n${'- 1\n'.repeat(999)}y:\n${'- *a\n'.repeat(49)}z:\n${'- a:\n'.repeat(51_100)}`,
      'fast',
    ],
    ['sequence at its key\'s indentation', 'k:\n- a\n- b\nc: 1\n', 'scan'],
    ['maps in sequence items', '- name: a\n  image: b\n-\n  name: c\n- d\n', 'scan'],
    ['quoted and numeric keys', '"a b": 1\n\'c\': 2\n80: http\n', 'scan'],
    ['quoted scalars with escapes', 'a: "tab\\there"\nb: \'it\'\'s\'\n', 'scan'],
    ['anchor and alias', 'a: &x\n  k: v\nb: *x\nc: &s str\nd: *s\n', 'scan'],
    ['recursive alias', 'a: &x\n  b: *x\n', 'fast'],
    ['empty values', 'a:\nb: ~\nc:\n  -\n  - x\n', 'scan'],
    ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n', 'fast'],
    ['empty document', '', 'composer'],
    ['only comments', '# nothing\n', 'composer'],
    ['duplicate key (reported by yaml)', 'a: 1\na: 2\n', 'composer'],
    ['tab indentation (reported by yaml)', 'a:\n\tb: 1\n', 'composer'],
    ['merge key', 'base: &b\n  x: 1\nm:\n  <<: *b\n  y: 2\n', 'composer'],
    ['tag', 'a: !!str 1\n', 'composer'],
    ['unknown alias (reported by the conversion)', 'a: *nope\n', 'fast'],
    ['directive', '%YAML 1.2\n---\na: 1\n', 'composer'],
    ['explicit key', '? a\n: 1\n', 'composer'],
    ['unclosed quote', 'a: "open\n', 'composer'],
    ['flow map with trailing comma', 'a: {b: 1,}\n', 'composer'],
    ['comment without space before it', 'a: "x"# c\n', 'composer'],
    ['a key where a value belongs (reported by yaml)', 'a: b: c\n', 'composer'],
    ['text indented under a scalar (reported by yaml)', 'a: "b"\n  c\n', 'composer'],
  ])('%s', (_name, text, way) => {
    expect(ways(text).way).toBe(way);
  });
});
