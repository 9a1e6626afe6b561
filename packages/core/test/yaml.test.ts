import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/discovery.js';
import type { Location, ParsedFile, YamlDocument, YNode } from '../src/model/types.js';
import { deref, get, getPath, items, pairOf, str, toValue } from '../src/model/yaml-nodes.js';
import { isHelmTemplate, k8sObjectOf, MAX_DEPTH, parseYaml } from '../src/parsers/yaml.js';
import { FIXTURES } from './paths.js';

const DIR = path.join(FIXTURES, 'parser/yaml');

/** Parse a fixture of fixtures/parser/yaml (no BOM in these files but bom.yaml, read through discover). */
function parseFixture(name: string): ParsedFile {
  return parseYaml(readFileSync(path.join(DIR, name), 'utf8'), `fixtures/${name}`);
}

/** The four numbers the tests assert. */
function span(loc: Location | undefined): { line: number; column: number; endLine: number; endColumn: number } | undefined {
  if (loc === undefined) return undefined;
  return { line: loc.start.line, column: loc.start.column, endLine: loc.end.line, endColumn: loc.end.column };
}

function rootOf(file: ParsedFile, index = 0): YNode {
  const root = file.documents?.[index]?.root;
  if (root === undefined) throw new Error(`document ${index} has no root`);
  return root;
}

describe('parseYaml: positions', () => {
  it('locates a nested value in the second document of a multi-document file', () => {
    const file = parseFixture('multi-doc.yaml');
    expect(file.diagnostics).toEqual([]);
    expect(file.documents).toHaveLength(2);
    const image = getPath(rootOf(file, 1), ['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(str(image)).toBe('nginx:1.27');
    expect(image?.loc.file).toBe('fixtures/multi-doc.yaml');
    expect(span(image?.loc)).toEqual({ line: 20, column: 18, endLine: 20, endColumn: 28 });
    expect(image?.loc.start.offset).toBe(readFileSync(path.join(DIR, 'multi-doc.yaml'), 'utf8').indexOf('nginx:1.27'));
    const port = getPath(rootOf(file, 1), ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort']);
    expect(span(port?.loc)).toEqual({ line: 22, column: 30, endLine: 22, endColumn: 34 });
    // Keys carry locations too.
    const pair = pairOf(getPath(rootOf(file, 1), ['metadata']), 'namespace');
    expect(span(pair?.key.loc)).toEqual({ line: 13, column: 3, endLine: 13, endColumn: 12 });
    expect(span(pair?.loc)).toEqual({ line: 13, column: 3, endLine: 13, endColumn: 18 });
    // Documents: the second starts at its `---`; neither runs over trailing line breaks.
    expect(file.documents?.map((d) => [d.index, span(d.loc)])).toEqual([
      [0, { line: 2, column: 1, endLine: 7, endColumn: 18 }],
      [1, { line: 8, column: 1, endLine: 22, endColumn: 34 }],
    ]);
  });

  it('counts CRLF line ends as one line break', () => {
    const text = readFileSync(path.join(DIR, 'crlf.yaml'), 'utf8');
    expect(text).toContain('\r\n'); // guarded by fixtures/parser/yaml/.gitattributes
    const file = parseYaml(text, 'crlf.yaml');
    expect(file.diagnostics).toEqual([]);
    const nodePort = getPath(rootOf(file), ['spec', 'ports', 0, 'nodePort']);
    expect(nodePort).toMatchObject({ kind: 'scalar', value: 30443 });
    expect(span(nodePort?.loc)).toEqual({ line: 8, column: 17, endLine: 8, endColumn: 22 });
    expect(file.comments).toEqual([
      { text: 'fixed', loc: { file: 'crlf.yaml', start: { line: 8, column: 23, offset: 116 }, end: { line: 8, column: 30, offset: 123 } } },
    ]);
    expect(text.indexOf('# fixed')).toBe(116); // 7 lines of CRLF before it: offsets count both characters
  });

  it('counts line-1 columns after a UTF-8 BOM (read through discover)', async () => {
    const { files, diagnostics } = await discover({ root: DIR });
    expect(diagnostics.filter((d) => d.loc.file === 'bom.yaml')).toEqual([]);
    const source = files.find((f) => f.path === 'bom.yaml');
    expect(source?.text.startsWith('kind')).toBe(true);
    const file = parseYaml(source!.text, source!.path);
    const kind = get(rootOf(file), 'kind');
    expect(span(kind?.loc)).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 14 });
    expect(kind?.loc.start.offset).toBe(6);
  });

  it('counts columns in UTF-16 code units after multi-byte characters', () => {
    const file = parseFixture('multibyte.yaml');
    expect(file.diagnostics).toEqual([]);
    // `labels: {café: "é🙂", port: 8080}`: é is one code unit, 🙂 two.
    const port = getPath(rootOf(file), ['labels', 'port']);
    expect(span(port?.loc)).toEqual({ line: 1, column: 29, endLine: 1, endColumn: 33 });
    const cafe = getPath(rootOf(file), ['labels', 'café']);
    expect(str(cafe)).toBe('é🙂');
    expect(span(cafe?.loc)).toEqual({ line: 1, column: 16, endLine: 1, endColumn: 21 });
    expect(file.comments.map((c) => [c.text, span(c.loc)])).toEqual([
      ['ünïcode comment', { line: 2, column: 23, endLine: 2, endColumn: 40 }],
    ]);
  });

  it('places an empty value at the end of its key, zero-width', () => {
    const file = parseYaml('a: 1\nempty:\nb: 2\n', 'e.yaml');
    const value = pairOf(rootOf(file), 'empty')?.value;
    expect(value).toMatchObject({ kind: 'scalar', value: null });
    expect(span(value?.loc)).toEqual({ line: 2, column: 6, endLine: 2, endColumn: 6 });
    const explicitKey = parseYaml('? lone\n', 'k.yaml');
    expect(span(pairOf(rootOf(explicitKey), 'lone')?.value.loc)).toEqual({ line: 1, column: 7, endLine: 1, endColumn: 7 });
  });
});

describe('parseYaml: anchors, aliases and merge keys', () => {
  it('keeps an alias with its own position and the anchored node as its target (same object)', () => {
    const file = parseFixture('anchors.yaml');
    expect(file.diagnostics).toEqual([]);
    const root = rootOf(file);
    const alias = pairOf(root, 'copy')?.value;
    const anchored = pairOf(root, 'base')?.value;
    expect(alias?.kind).toBe('alias');
    if (alias?.kind !== 'alias') return;
    expect(alias.name).toBe('base');
    expect(span(alias.loc)).toEqual({ line: 11, column: 7, endLine: 11, endColumn: 12 });
    expect(alias.target).toBe(anchored);
    expect(anchored).toMatchObject({ kind: 'map', anchor: 'base' });
    expect(span(anchored?.loc)).toEqual({ line: 2, column: 3, endLine: 3, endColumn: 21 });
    // Helpers follow it; the value's location is the anchored one.
    expect(span(get(root, 'copy')?.loc)).toEqual({ line: 2, column: 3, endLine: 3, endColumn: 21 });
    expect(str(getPath(root, ['copy', 'image']))).toBe('nginx');
    // A scalar anchor in a sequence.
    const list = items(get(root, 'list'));
    expect(list).toHaveLength(2);
    expect(list[1]).toBe(list[0]);
    expect(span((get(root, 'list') as { items: YNode[] }).items[1]?.loc)).toEqual({ line: 14, column: 5, endLine: 14, endColumn: 10 });
    expect(span(list[0]?.loc)).toEqual({ line: 13, column: 11, endLine: 13, endColumn: 12 });
  });

  it('applies merge keys: explicit keys win, earlier sources win, merged pairs are shared', () => {
    const root = rootOf(parseFixture('anchors.yaml'));
    const app = get(root, 'app');
    expect(app?.kind).toBe('map');
    if (app?.kind !== 'map') return;
    expect(app.pairs.map((p) => [p.keyText, toValue(p.value)])).toEqual([
      ['pullPolicy', 'Always'], // from *base, which comes before *extra
      ['replicas', 1], // only in *extra
      ['image', 'custom'], // written in app: wins over *base
      ['name', 'web'],
    ]);
    expect(app.pairs.some((p) => p.keyText === '<<')).toBe(false);
    const base = get(root, 'base');
    const extra = get(root, 'extra');
    expect(app.pairs[0]).toBe(base?.kind === 'map' ? base.pairs[1] : undefined);
    expect(app.pairs[1]).toBe(extra?.kind === 'map' ? extra.pairs[1] : undefined);
    expect(span(app.pairs[0]?.value.loc)).toEqual({ line: 3, column: 15, endLine: 3, endColumn: 21 });
    expect(span(app.pairs[2]?.value.loc)).toEqual({ line: 9, column: 10, endLine: 9, endColumn: 16 });
  });

  it('merges an inline mapping and several << keys', () => {
    const file = parseYaml('a: &a {x: 1, y: 1}\nb:\n  y: 2\n  <<: *a\n  <<: {z: 3, x: 9}\n', 'm.yaml');
    expect(file.diagnostics).toEqual([]);
    expect(toValue(get(rootOf(file), 'b'))).toEqual({ y: 2, x: 1, z: 3 });
  });

  it('reports an alias whose anchor is not defined and drops that document only', () => {
    const file = parseYaml('a: 1\n---\nb: *nope\n', 'u.yaml');
    expect(file.diagnostics.map((d) => [d.ruleId, d.severity, span(d.loc)])).toEqual([
      ['parse-error', 'error', { line: 3, column: 4, endLine: 3, endColumn: 9 }],
    ]);
    expect(file.diagnostics[0]?.message).toContain('*nope');
    expect(file.documents?.[0]?.root).toBeDefined();
    expect(file.documents?.[1]?.root).toBeUndefined();
  });

  it('rejects a billion-laughs document quickly, at its first alias', () => {
    const text = readFileSync(path.join(DIR, 'billion-laughs.yaml'), 'utf8');
    const t0 = performance.now();
    const file = parseYaml(`ok: 1\n---\n${text}`, 'lol.yaml');
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(file.diagnostics.map((d) => [d.ruleId, d.severity, span(d.loc)])).toEqual([
      ['parse-error', 'error', { line: 4, column: 8, endLine: 4, endColumn: 10 }],
    ]);
    expect(file.diagnostics[0]?.message).toMatch(/alias expansion too large \(possible billion-laughs attack\)/);
    expect(file.documents?.[0]?.root).toBeDefined();
    expect(file.documents?.[1]?.root).toBeUndefined();
  });

  it('survives a much deeper alias bomb and a recursive alias', () => {
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 400; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    const t0 = performance.now();
    const bomb = parseYaml(lines.join('\n'), 'bomb.yaml');
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(bomb.diagnostics).toHaveLength(1);

    const recursive = parseYaml('a: &a [1, *a]\n', 'rec.yaml');
    expect(recursive.diagnostics).toEqual([]);
    const seq = get(rootOf(recursive), 'a');
    const inner = seq?.kind === 'seq' ? seq.items[1] : undefined;
    expect(inner?.kind === 'alias' ? inner.target : undefined).toBe(seq);
    expect(deref(inner)).toBe(seq);
    // toValue is bounded on an infinite expansion.
    expect(JSON.stringify(toValue(seq, 50)).length).toBeLessThan(1_000);
  });

  it('keeps a moderate amount of alias reuse', () => {
    const lines = ['common: &c {a: 1, b: 2, c: 3}'];
    for (let i = 0; i < 500; i++) lines.push(`item${i}: *c`);
    const file = parseYaml(lines.join('\n'), 'reuse.yaml');
    expect(file.diagnostics).toEqual([]);
    expect(getPath(rootOf(file), ['item499', 'a'])).toMatchObject({ value: 1 });
  });
});

describe('parseYaml: errors, comments, edge files', () => {
  it('reports a syntax error at its position while the other documents load', () => {
    const file = parseFixture('syntax-error.yaml');
    expect(file.diagnostics.map((d) => [d.ruleId, d.severity, span(d.loc)])).toEqual([
      ['parse-error', 'error', { line: 6, column: 3, endLine: 6, endColumn: 4 }],
    ]);
    expect(file.diagnostics[0]?.message).toMatch(/^YAML syntax error: .+ — .+\.$/);
    expect(file.documents).toHaveLength(3);
    expect(str(get(file.documents?.[0]?.root, 'kind'))).toBe('First');
    expect(file.documents?.[1]?.root).toBeUndefined(); // the broken document is not loaded
    expect(str(get(file.documents?.[2]?.root, 'kind'))).toBe('Third');
  });

  it('reports a duplicate key and an unterminated string where they are', () => {
    const dup = parseYaml('a: 1\nb: 2\na: 3\n', 'dup.yaml');
    expect(dup.diagnostics.map((d) => span(d.loc))).toEqual([{ line: 3, column: 1, endLine: 3, endColumn: 2 }]);
    expect(dup.diagnostics[0]?.message).toContain('keys');
    const quote = parseYaml('ok: 1\nkey: "unterminated\n', 'q.yaml');
    // At the opening quote (yaml itself reports the end of the input).
    expect(quote.diagnostics.map((d) => span(d.loc))).toEqual([{ line: 2, column: 6, endLine: 2, endColumn: 7 }]);
  });

  it('extracts comments with the lexer: # inside quotes and block scalars is not a comment', () => {
    const file = parseFixture('comments.yaml');
    expect(file.diagnostics).toEqual([]);
    expect(file.comments.map((c) => [c.text, span(c.loc)])).toEqual([
      ['header comment', { line: 1, column: 1, endLine: 1, endColumn: 17 }],
      ['trailing comment', { line: 2, column: 35, endLine: 2, endColumn: 53 }],
      ['last', { line: 8, column: 1, endLine: 8, endColumn: 7 }],
    ]);
    const root = rootOf(file);
    expect(str(get(root, 'url'))).toBe('http://example.com/#anchor');
    expect(str(get(root, 'single'))).toBe('not # a comment');
    expect(str(get(root, 'plain'))).toBe('a#b');
    expect(str(get(root, 'block'))).toBe('# inside a block scalar\ntext\n');
    expect(span(get(root, 'block')?.loc)).toEqual({ line: 5, column: 8, endLine: 7, endColumn: 7 });
  });

  it('finds comments in directives, document markers and flow collections', () => {
    const text = '%YAML 1.2 # d\n--- # s\na: [1, # f\n  2]\n... # e\n';
    expect(parseYaml(text, 'c.yaml').comments.map((c) => [c.text, c.loc.start.line, c.loc.start.column])).toEqual([
      ['d', 1, 11],
      ['s', 2, 5],
      ['f', 3, 8],
      ['e', 5, 5],
    ]);
  });

  it('gives no documents for an empty file and one empty document for a lone ---', () => {
    const empty = parseFixture('empty.yaml');
    expect(empty).toEqual({ path: 'fixtures/empty.yaml', language: 'yaml', documents: [], comments: [], diagnostics: [] });
    const dashes = parseFixture('only-dashes.yaml');
    expect(dashes.diagnostics).toEqual([]);
    expect(dashes.documents).toEqual([
      { index: 0, loc: { file: 'fixtures/only-dashes.yaml', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 4, offset: 3 } } },
    ] satisfies YamlDocument[]);
    expect(parseYaml('# only a comment\n', 'c.yaml').documents).toEqual([]);
  });

  it('reads scalars with the YAML 1.2 core schema', () => {
    const root = rootOf(parseYaml('a: yes\nb: true\nc: 0x1F\nd: ~\ne: "1"\nf: 1.5\ng: 0o17\nh: .inf\n', 's.yaml'));
    expect(toValue(root)).toEqual({ a: 'yes', b: true, c: 31, d: null, e: '1', f: 1.5, g: 15, h: Infinity });
  });

  it('never throws, whatever the input', () => {
    const inputs = ['\u0000\u0001', '{{ .Values }}: [', ']]]', '? ? ?', '&a *a', '- !<tag:x> [', '"\\', '%YAML 9\n', '[' .repeat(5000)];
    for (const input of inputs) {
      const file = parseYaml(input, 'x.yaml');
      expect(file.language).toBe('yaml');
      expect(Array.isArray(file.documents)).toBe(true);
    }
  });

  it('refuses documents nested deeper than MAX_DEPTH, quickly and without crashing the process', () => {
    // Past ~700 levels yaml's recursive composer overflows the stack, and an overflow inside a
    // regular expression aborts node itself; the limit keeps far from that.
    const ok = parseYaml(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`, 'ok.yaml');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.documents?.[0]?.root?.kind).toBe('seq');
    const t0 = performance.now();
    for (const deep of ['{a: '.repeat(100_000), '- '.repeat(1_000), '{'.repeat(5_000) + '}'.repeat(5_000)]) {
      const file = parseYaml(`first: 1\n---\n${deep}\n---\nlast: 1\n`, 'deep.yaml');
      expect(file.diagnostics.map((d) => [d.ruleId, d.loc.start.line])).toEqual([['parse-error', 3]]);
      expect(file.diagnostics[0]?.message).toContain(`more than ${MAX_DEPTH} levels`);
      expect(file.documents?.map((d) => [d.index, d.root?.kind])).toEqual([[0, 'map'], [1, undefined], [2, 'map']]);
    }
    const flow = parseYaml(`${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`, 'f.yaml');
    expect(flow.diagnostics.map((d) => span(d.loc))).toEqual([{ line: 1, column: MAX_DEPTH + 1, endLine: 1, endColumn: MAX_DEPTH + 2 }]);
    // Deeper still, yaml's own CST parser (no regular expressions, so a catchable overflow) may
    // overflow, depending on the stack left to it; then the file is reported at 1:1.
    const huge = parseYaml('- '.repeat(200_000), 'huge.yaml');
    expect(huge.diagnostics.map((d) => [d.ruleId, d.loc.start.line])).toEqual([['parse-error', 1]]);
    expect(huge.diagnostics[0]?.message).toMatch(/nested too deeply|more than \d+ levels deep/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('reports only the first syntax error of a document, with the count of the others', () => {
    const file = parseYaml(`ok: 1\n---\n${'- a: '.repeat(500)}\n`, 'flood.yaml');
    expect(file.diagnostics.map((d) => [d.ruleId, span(d.loc)])).toEqual([['parse-error', { line: 3, column: 6, endLine: 3, endColumn: 7 }]]);
    expect(file.diagnostics[0]?.message).toMatch(/\(\d+ more errors in this document, often caused by this one\.\)$/);
    expect(file.documents?.[0]?.root).toBeDefined();
  });

  it('keeps collection keys short (nested ones would double their escaped JSON at each level)', () => {
    const t0 = performance.now();
    const file = parseYaml(`${'{'.repeat(150)}${'}'.repeat(150)}`, 'k.yaml');
    expect(performance.now() - t0).toBeLessThan(2_000);
    const root = rootOf(file);
    expect(root.kind === 'map' ? root.pairs[0]?.keyText.length : 0).toBeLessThanOrEqual(201);
  });

  it('returns plain data (no yaml class instances)', () => {
    const file = parseFixture('anchors.yaml');
    const protos = new Set<unknown>();
    const seen = new Set<unknown>();
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object' || seen.has(v)) return;
      seen.add(v);
      protos.add(Object.getPrototypeOf(v));
      for (const child of Object.values(v)) walk(child);
    };
    walk(file);
    expect([...protos].every((p) => p === Object.prototype || p === Array.prototype)).toBe(true);
    expect(structuredClone(file)).toEqual(file);
  });
});

describe('k8sObjectOf and isHelmTemplate', () => {
  it('makes a K8sObject of a Deployment document', () => {
    const file = parseFixture('multi-doc.yaml');
    const doc = file.documents![1]!;
    const obj = k8sObjectOf(doc, file.path);
    expect(obj).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'prod', file: 'fixtures/multi-doc.yaml', docIndex: 1 });
    expect(obj?.root).toBe(doc.root);
    expect(obj?.loc).toBe(doc.loc);
    expect(span(obj?.headerLoc)).toEqual({ line: 10, column: 7, endLine: 10, endColumn: 17 });
    const first = k8sObjectOf(file.documents![0]!, file.path);
    expect(first).toMatchObject({ kind: 'ConfigMap', name: 'settings' });
    expect(first && 'namespace' in first).toBe(false);
  });

  it('gives no object for non-Kubernetes documents', () => {
    const values = parseFixture('values.yaml');
    expect(k8sObjectOf(values.documents![0]!, values.path)).toBeUndefined();
    for (const text of ['', '---\n', '- a\n', 'apiVersion: v1\nkind: [x]\n', 'apiVersion: 1\nkind: Pod\n']) {
      const file = parseYaml(text, 'n.yaml');
      for (const doc of file.documents ?? []) expect(k8sObjectOf(doc, 'n.yaml')).toBeUndefined();
    }
    expect(k8sObjectOf(parseFixture('syntax-error.yaml').documents![1]!, 'x')).toBeUndefined();
  });

  it('uses generateName when name is absent, and an empty name otherwise', () => {
    const gen = parseYaml('apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: run-\n', 'j.yaml');
    expect(k8sObjectOf(gen.documents![0]!, 'j.yaml')?.name).toBe('run-');
    const none = parseYaml('apiVersion: v1\nkind: Namespace\n', 'n.yaml');
    expect(k8sObjectOf(none.documents![0]!, 'n.yaml')?.name).toBe('');
  });

  it('lists the annotation keys, merge keys applied, and none when there are no annotations', () => {
    const text = [
      'base: &b {kubernetes.io/ingress.class: kong}',
      '---',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    a.example/x: "1"\n    b.example/y: "2"',
      '---',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: t\n  annotations:\n    <<: {konghq.com/plugins: p}\n    z: "3"',
      '---',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: u',
      '---',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: v\n  annotations: "not a mapping"',
    ].join('\n');
    const file = parseYaml(`${text}\n`, 'a.yaml');
    const keys = file.documents!.slice(1).map((d) => k8sObjectOf(d, 'a.yaml')?.annotationKeys);
    expect(keys).toEqual([['a.example/x', 'b.example/y'], ['konghq.com/plugins', 'z'], [], []]);
  });

  it('recognises Helm templates', () => {
    expect(isHelmTemplate('charts/app/templates/deploy.yaml', 'kind: Deployment\n', true)).toBe(true);
    expect(isHelmTemplate('charts/app/templates/deploy.yaml', 'kind: Deployment\n', false)).toBe(false);
    expect(isHelmTemplate('k8s/app.yaml', 'name: {{ .Values.name }}\n', false)).toBe(true);
    expect(isHelmTemplate('k8s/templates.yaml', 'kind: Pod\n', true)).toBe(false);
  });
});

describe('yaml-nodes helpers', () => {
  const root = rootOf(parseYaml('a: &a {b: [x, {c: 1}], "__proto__": {polluted: true}}\nref: *a\nn: 443\ns: "443"\ne:\n', 'h.yaml'));

  it('walk paths through maps, sequences and aliases', () => {
    expect(getPath(root, ['ref', 'b', 1, 'c'])).toMatchObject({ kind: 'scalar', value: 1 });
    expect(getPath(root, ['a', 'b', 5])).toBeUndefined();
    expect(getPath(root, ['a', 'b', 'c'])).toBeUndefined(); // a string step on a sequence
    expect(getPath(root, ['n', 0])).toBeUndefined(); // an index on a scalar
    expect(getPath(root, [])).toBe(root);
    expect(get(undefined, 'x')).toBeUndefined();
    expect(pairOf(root, 'ref')?.value.kind).toBe('alias');
    expect(get(root, 'ref')?.kind).toBe('map');
  });

  it('read scalars strictly by type', () => {
    expect(str(get(root, 'n'))).toBeUndefined();
    expect(str(get(root, 's'))).toBe('443');
    expect(get(root, 'e')).toMatchObject({ kind: 'scalar', value: null });
    expect(str(get(root, 'a'))).toBeUndefined();
    expect(items(get(root, 'n'))).toEqual([]);
    expect(items(getPath(root, ['a', 'b'])).map((n) => n.kind)).toEqual(['scalar', 'map']);
  });

  it('convert to plain values without prototype pollution and within the budget', () => {
    const value = toValue(get(root, 'a')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['b', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(toValue(get(root, 'a'), 3)).toEqual({ b: ['x', null], ['__proto__']: null });
  });
});

describe('parseYaml: unterminated quoted strings', () => {
  it('points at the opening quote, not at the end of the file', () => {
    const d = parseYaml('a: 1\nkey: "unterminated\nmore: text\n', 'q.yaml').diagnostics;
    expect(d.map((x) => [x.ruleId, x.loc.start.line, x.loc.start.column, x.loc.end.line, x.loc.end.column])).toEqual([['parse-error', 2, 6, 2, 7]]);
    expect(d[0]!.message).toMatch(/string opened with " here is never closed/);
  });

  it('single quotes: an escaped \'\' inside is not the opener', () => {
    const d = parseYaml("key: 'it''s open\n", 'q.yaml').diagnostics;
    expect(d.map((x) => [x.loc.start.line, x.loc.start.column])).toEqual([[1, 6]]);
  });
});
