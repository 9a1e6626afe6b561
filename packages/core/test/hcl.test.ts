import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HclBlock, HclExpr, HclTraversal, Location, ParsedFile } from '../src/model/types.js';
import { initHcl, parseHcl } from '../src/parsers/hcl.js';
import { runHcl2Json } from './hcl2json.js';
import { FIXTURES } from './paths.js';

const DIR = path.join(FIXTURES, 'parser/hcl');

function readFixture(name: string): string {
  return readFileSync(path.join(DIR, name), 'utf8');
}

/** Parse a fixture the way the runner does: BOM stripped by the caller, repo-relative path. */
function parseFixture(name: string): ParsedFile {
  return parseHcl(readFixture(name).replace(/^\uFEFF/, ''), `fixtures/parser/hcl/${name}`);
}

/** `[line, column, endLine, endColumn]` of a location. */
function span(l: Location): [number, number, number, number] {
  return [l.start.line, l.start.column, l.end.line, l.end.column];
}

function blocks(f: ParsedFile): HclBlock[] {
  return f.hcl!.blocks;
}

function attr(b: { attributes: { name: string; expr: HclExpr }[] }, name: string): HclExpr {
  const a = b.attributes.find((x) => x.name === name);
  if (!a) throw new Error(`no attribute ${name}`);
  return a.expr;
}

function refTexts(e: HclExpr): string[] {
  if (e.kind !== 'other') throw new Error(`expected an other expression, got ${e.kind}`);
  return e.refs.map((r: HclTraversal) => r.text);
}

function parse(src: string): ParsedFile {
  return parseHcl(src, 'main.tf');
}

function only(src: string): HclExpr {
  return attr(parse(`x = ${src}\n`).hcl!, 'x');
}

beforeAll(async () => {
  await initHcl();
});

describe('initHcl / parseHcl', () => {
  it('loads once: every call returns the same promise', () => {
    expect(initHcl()).toBe(initHcl());
  });

  it('parseHcl before initHcl() throws a clear error', async () => {
    vi.resetModules();
    const fresh = await import('../src/parsers/hcl.js');
    expect(() => fresh.parseHcl('a = 1\n', 'main.tf')).toThrow(/initHcl\(\)/);
  });

  it('returns the file shape with the path in every location', () => {
    const f = parseFixture('nested.tf');
    expect(f.path).toBe('fixtures/parser/hcl/nested.tf');
    expect(f.language).toBe('hcl');
    expect(f.diagnostics).toEqual([]);
    const b = blocks(f)[0]!;
    expect(b.file).toBe('fixtures/parser/hcl/nested.tf');
    expect(b.loc.file).toBe('fixtures/parser/hcl/nested.tf');
    expect(b.blocks[0]!.attributes[1]!.expr.loc.file).toBe('fixtures/parser/hcl/nested.tf');
  });
});

describe('positions (fixtures/parser/hcl)', () => {
  it('nested.tf: an attribute in a nested block', () => {
    const f = parseFixture('nested.tf');
    const res = blocks(f)[0]!;
    expect(res.type).toBe('resource');
    expect(res.labels).toEqual(['oci_network_load_balancer_backend_set', 'teleport']);
    expect(span(res.headerLoc)).toEqual([1, 1, 1, 60]);
    expect(span(res.loc)).toEqual([1, 1, 8, 2]);
    const hc = res.blocks[0]!;
    expect(hc.type).toBe('health_checker');
    expect(hc.labels).toEqual([]);
    expect(span(hc.headerLoc)).toEqual([4, 3, 4, 17]);
    expect(span(hc.loc)).toEqual([4, 3, 7, 4]);
    const port = hc.attributes.find((a) => a.name === 'port')!;
    expect(span(port.nameLoc)).toEqual([6, 5, 6, 9]);
    expect(span(port.expr.loc)).toEqual([6, 16, 6, 21]);
    expect(span(port.loc)).toEqual([6, 5, 6, 21]);
    expect(port.expr).toMatchObject({ kind: 'literal', value: 30443, text: '30443' });
    expect(port.expr.loc.start.offset).toBe(readFixture('nested.tf').indexOf('30443'));
  });

  it('heredoc.tf: heredoc values and locations, <<- strips the common indentation', () => {
    const locals = blocks(parseFixture('heredoc.tf'))[0]!;
    const script = attr(locals, 'script');
    expect(script.kind).toBe('template');
    expect(span(script.loc)).toEqual([2, 12, 5, 4]);
    expect(script.text).toBe('<<EOT\n#!/bin/sh\necho "hello ${var.name}"\nEOT');
    if (script.kind !== 'template') return;
    expect(script.parts.length).toBe(3);
    expect(script.parts[0]).toBe('#!/bin/sh\necho "hello ');
    expect(script.parts[1]).toMatchObject({ kind: 'traversal', root: 'var', steps: [{ type: 'attr', name: 'name' }], text: 'var.name' });
    expect(span((script.parts[1] as HclExpr).loc)).toEqual([4, 15, 4, 23]);
    expect(script.parts[2]).toBe('"\n');

    const indented = attr(locals, 'indented');
    expect(indented).toMatchObject({ kind: 'literal', value: 'first\n  second\nthird\n' });
    expect(span(indented.loc)).toEqual([7, 14, 11, 8]);
  });

  it('crlf.tf: CRLF gives the same lines and columns as LF', () => {
    const raw = readFixture('crlf.tf');
    expect(raw).toContain('\r\n'); // .gitattributes keeps the CRLF line endings
    const crlf = parseHcl(raw, 'crlf.tf');
    const lf = parseHcl(raw.replace(/\r\n/g, '\n'), 'crlf.tf');
    expect(crlf.diagnostics).toEqual([]);
    const lc = (f: ParsedFile): unknown =>
      JSON.parse(JSON.stringify(f), (k: string, v: unknown) => (k === 'offset' || k === 'text' || k === 'value' ? undefined : v));
    expect(lc(crlf)).toEqual(lc(lf));

    const b = blocks(crlf)[0]!;
    expect(span(b.headerLoc)).toEqual([1, 1, 1, 57]);
    expect(span(b.loc)).toEqual([1, 1, 8, 2]);
    const port = b.attributes.find((a) => a.name === 'port')!;
    expect(span(port.nameLoc)).toEqual([3, 3, 3, 7]);
    expect(span(port.expr.loc)).toEqual([3, 10, 3, 13]);
    // The comment ends before the \r, as in the LF file.
    expect(crlf.comments.map((c) => c.text)).toEqual(['listens on 443']);
    expect(span(crlf.comments[0]!.loc)).toEqual([2, 3, 2, 19]);
    // A heredoc keeps the file's line breaks in its value, as HCL does.
    const banner = attr(b, 'banner');
    expect(banner).toMatchObject({ kind: 'literal', value: 'hello\r\n  world\r\n' });
    expect(span(banner.loc)).toEqual([4, 12, 7, 8]);
  });

  it('bom.tf: the caller strips the BOM; columns on line 1 count from the character after it', () => {
    const raw = readFixture('bom.tf');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const f = parseFixture('bom.tf');
    expect(f.diagnostics).toEqual([]);
    const name = f.hcl!.attributes[0]!;
    expect(name.name).toBe('name');
    expect(span(name.nameLoc)).toEqual([1, 1, 1, 5]);
    expect(span(name.expr.loc)).toEqual([1, 8, 1, 13]);
    expect(name.expr.loc.start.offset).toBe(7); // offsets too are in the text without the BOM
    expect(span(f.hcl!.attributes[1]!.expr.loc)).toEqual([2, 8, 2, 11]);
  });

  it('utf8.tf: columns count UTF-16 code units after é and an emoji on the line', () => {
    const f = parseFixture('utf8.tf');
    const labels = attr(blocks(f)[0]!, 'labels');
    expect(labels.kind).toBe('object');
    if (labels.kind !== 'object') return;
    const [cafe, port] = labels.entries;
    expect(cafe!.key).toMatchObject({ kind: 'literal', value: 'café' });
    expect(span(cafe!.key.loc)).toEqual([3, 14, 3, 20]);
    expect(cafe!.value).toMatchObject({ kind: 'literal', value: '🎉' });
    expect(span(cafe!.value.loc)).toEqual([3, 23, 3, 27]);
    expect(port!.key).toMatchObject({ kind: 'literal', value: 'port', text: 'port' });
    expect(port!.value).toMatchObject({ kind: 'literal', value: 8443 });
    expect(span(port!.value.loc)).toEqual([3, 36, 3, 40]); // UTF-8 bytes would say 39
    expect(f.comments.map((c) => c.text)).toEqual(['naïve café 🎉']);
    expect(span(f.comments[0]!.loc)).toEqual([1, 1, 1, 16]);
  });

  it('comments.tf: #, // and /* */ comments with their text and location', () => {
    const f = parseFixture('comments.tf');
    expect(f.comments.map((c) => [c.text, ...span(c.loc)])).toEqual([
      ['hash comment', 1, 1, 1, 15],
      ['slash comment', 2, 1, 2, 17],
      ['block\n   comment', 3, 1, 4, 14],
      ['trailing', 5, 20, 5, 30],
      ['inline', 6, 9, 6, 21],
    ]);
    expect(blocks(f)[0]!.attributes[0]!.expr).toMatchObject({ kind: 'literal', value: 1 });
  });

  it('syntax-error.tf: a positioned parse-error, and the following block still loads', () => {
    const f = parseFixture('syntax-error.tf');
    expect(f.diagnostics.length).toBe(1);
    const d = f.diagnostics[0]!;
    expect(d.ruleId).toBe('parse-error');
    expect(d.severity).toBe('error');
    expect(span(d.loc)).toEqual([2, 8, 2, 9]);
    expect(d.message).toMatch(/^Syntax error in HCL: missing value after "=" — /);
    expect(blocks(f).map((b) => [b.type, ...b.labels])).toEqual([
      ['resource', 'a', 'broken'],
      ['resource', 'b', 'ok'],
    ]);
    const ok = blocks(f)[1]!;
    expect(span(ok.headerLoc)).toEqual([5, 1, 5, 18]);
    expect(attr(ok, 'port')).toMatchObject({ kind: 'literal', value: 443 });
  });
});

describe('references', () => {
  const locals = (): HclBlock => blocks(parseFixture('refs.tf'))[0]!;

  it('templates list their interpolated traversals as parts', () => {
    const url = attr(locals(), 'url');
    expect(url.kind).toBe('template');
    if (url.kind !== 'template') return;
    expect(url.parts.map((p) => (typeof p === 'string' ? p : p.text))).toEqual(['https://', 'var.host', ':', 'local.ports["https"]', '/']);
    expect(url.parts[3]).toMatchObject({
      kind: 'traversal',
      root: 'local',
      steps: [{ type: 'attr', name: 'ports' }, { type: 'index', key: { kind: 'literal', value: 'https' } }],
    });
    expect(span((url.parts[3] as HclExpr).loc)).toEqual([2, 34, 2, 54]);
  });

  it('operations, conditionals and for expressions list the traversals inside them', () => {
    const l = locals();
    expect(attr(l, 'ready')).toMatchObject({ kind: 'other', form: 'binary', operator: '&&' });
    expect(refTexts(attr(l, 'ready'))).toEqual(['var.enabled', 'var.hosts']);
    expect(attr(l, 'arn')).toMatchObject({ kind: 'other', form: 'conditional' });
    expect(refTexts(attr(l, 'arn'))).toEqual(['var.tls', 'aws_lb.main[0].arn', 'data.aws_lb.fallback.arn']);
    // `s` is the for expression's own iterator, not a reference.
    expect(attr(l, 'names')).toMatchObject({ kind: 'other', form: 'for' });
    expect(refTexts(attr(l, 'names'))).toEqual(['var.services']);
    const arn = attr(l, 'arn');
    expect(span(arn.kind === 'other' ? arn.refs[1]!.loc : arn.loc)).toEqual([4, 21, 4, 39]);
  });

  it('traversals: index, splat, each', () => {
    const l = locals();
    expect(attr(l, 'ids')).toMatchObject({
      kind: 'traversal',
      root: 'aws_instance',
      steps: [{ type: 'attr', name: 'web' }, { type: 'splat' }, { type: 'attr', name: 'id' }],
      text: 'aws_instance.web[*].id',
    });
    expect(attr(l, 'port')).toMatchObject({ kind: 'traversal', root: 'each', steps: [{ type: 'attr', name: 'value' }, { type: 'attr', name: 'port' }] });
    expect(only('a.*.b[0].c.1')).toMatchObject({
      kind: 'traversal',
      root: 'a',
      steps: [
        { type: 'splat' },
        { type: 'attr', name: 'b' },
        { type: 'index', key: { kind: 'literal', value: 0 } },
        { type: 'attr', name: 'c' },
        { type: 'index', key: { kind: 'literal', value: 1, text: '1' } },
      ],
    });
    expect(only('local.m[var.k]')).toMatchObject({ kind: 'traversal', steps: [{ type: 'attr', name: 'm' }, { type: 'index', key: { kind: 'traversal', text: 'var.k' } }] });
    expect(refTexts(only('upper(local.m[var.k]) == "X"'))).toEqual(['local.m[var.k]', 'var.k']);
  });

  it('provider-function.tf: provider-namespaced function calls', () => {
    const l = blocks(parseFixture('provider-function.tf'))[0]!;
    expect(attr(l, 'parsed')).toMatchObject({ kind: 'call', name: 'provider::aws::arn_parse', args: [{ kind: 'traversal', text: 'var.arn' }] });
    const region = attr(l, 'region');
    expect(region).toMatchObject({ kind: 'other', form: 'relative', operands: [{ kind: 'call', name: 'provider::aws::arn_parse' }] });
    expect(refTexts(region)).toEqual(['var.arn']);
  });
});

describe('expressions', () => {
  it('literals are evaluated', () => {
    expect(only('"a\\n\\t\\"\\\\\\u00e9\\U0001F389"')).toMatchObject({ kind: 'literal', value: 'a\n\t"\\é🎉' });
    expect(only('"$${not} %%{this}"')).toMatchObject({ kind: 'literal', value: '${not} %{this}' });
    expect(only('"$$${x}"')).toMatchObject({ kind: 'literal', value: '$${x}' });
    expect(only('1.5')).toMatchObject({ kind: 'literal', value: 1.5 });
    expect(only('1e3')).toMatchObject({ kind: 'literal', value: 1000, text: '1e3' });
    expect(only('2.5E-1')).toMatchObject({ kind: 'literal', value: 0.25 });
    expect(only('-7')).toMatchObject({ kind: 'literal', value: -7, text: '-7' });
    expect(only('true')).toMatchObject({ kind: 'literal', value: true });
    expect(only('false')).toMatchObject({ kind: 'literal', value: false });
    expect(only('null')).toMatchObject({ kind: 'literal', value: null });
    expect(only('""')).toMatchObject({ kind: 'literal', value: '', text: '""' });
    // HCL stores strings in Unicode normal form C.
    expect(only('"an\u0303o"')).toMatchObject({ kind: 'literal', value: 'año' });
  });

  it('templates with interpolations, strip markers and directives', () => {
    expect(only('"${var.a}"')).toMatchObject({ kind: 'template', parts: [{ kind: 'traversal', text: 'var.a' }] });
    expect(only('"a ${~ var.b ~} c"')).toMatchObject({ kind: 'template', parts: ['a', { kind: 'traversal', text: 'var.b' }, 'c'] });
    const t = only('"%{ if var.on }on-${var.x}%{ else }off%{ endif }"');
    expect(t).toMatchObject({ kind: 'template', directives: true });
    if (t.kind !== 'template') return;
    expect(t.parts).toHaveLength(1);
    expect(t.parts[0]).toMatchObject({
      kind: 'other',
      form: 'conditional',
      operands: [{ kind: 'traversal', text: 'var.on' }, { kind: 'template', parts: ['on-', { text: 'var.x' }] }, { kind: 'literal', value: 'off' }],
    });
    expect(refTexts(t.parts[0] as HclExpr)).toEqual(['var.on', 'var.x']);
    const loop = only('<<EOT\n%{ for s in var.list ~}\n- ${s}\n%{ endfor ~}\nEOT');
    expect(loop).toMatchObject({ kind: 'template', directives: true, parts: [{ kind: 'other', form: 'for' }] });
    if (loop.kind === 'template') expect(refTexts(loop.parts[0] as HclExpr)).toEqual(['var.list']);
  });

  it('tuples, objects and keys', () => {
    expect(only('[1, "a", var.b]')).toMatchObject({ kind: 'tuple', items: [{ value: 1 }, { value: 'a' }, { kind: 'traversal', text: 'var.b' }] });
    const o = only('{ bare = 1, "quoted" = 2, (var.k) = 3, "${var.t}" = 4, a.b = 5, 6 = 7 }');
    expect(o.kind).toBe('object');
    if (o.kind !== 'object') return;
    expect(o.entries.map((e) => e.key)).toMatchObject([
      { kind: 'literal', value: 'bare', text: 'bare' },
      { kind: 'literal', value: 'quoted', text: '"quoted"' },
      { kind: 'other', form: 'parens', text: '(var.k)' },
      { kind: 'template', text: '"${var.t}"' },
      { kind: 'traversal', text: 'a.b' },
      { kind: 'literal', value: 6 },
    ]);
  });

  it('calls and other expressions keep their exact text', () => {
    expect(only('merge(var.a, { b = 1 }, local.c...)')).toMatchObject({ kind: 'call', name: 'merge', args: [{ text: 'var.a' }, { kind: 'object' }, { text: 'local.c' }] });
    expect(only('(1 + var.n) * 2')).toMatchObject({ kind: 'other', form: 'binary', operator: '*', text: '(1 + var.n) * 2', operands: [{ form: 'parens' }, { value: 2 }] });
    expect(only('!var.off')).toMatchObject({ kind: 'other', form: 'unary', operator: '!', refs: [{ text: 'var.off' }] });
    expect(only('{ for k, v in var.m : k => v.id if v.on }')).toMatchObject({ kind: 'other', form: 'for', refs: [{ text: 'var.m' }] });
  });
});

describe('blocks', () => {
  it('one-line blocks, identifier labels, empty blocks', () => {
    const f = parse('a { b = 1 }\nc d "e" {}\nf {\n}\n');
    expect(f.diagnostics).toEqual([]);
    expect(blocks(f).map((b) => [b.type, b.labels, b.attributes.map((a) => a.name), span(b.headerLoc), span(b.loc)])).toEqual([
      ['a', [], ['b'], [1, 1, 1, 2], [1, 1, 1, 12]],
      ['c', ['d', 'e'], [], [2, 1, 2, 8], [2, 1, 2, 11]],
      ['f', [], [], [3, 1, 3, 2], [3, 1, 4, 2]],
    ]);
  });

  it('top-level attributes (.tfvars)', () => {
    const f = parseHcl('region = "eu-frankfurt-1"\nports  = [80, 443]\n', 'env/prod.tfvars');
    expect(f.hcl!.attributes.map((a) => a.name)).toEqual(['region', 'ports']);
    expect(f.hcl!.blocks).toEqual([]);
  });
});

/**
 * Syntax HCL rejects although tree-sitter's grammar accepts it, and close cases HCL accepts. Each
 * expectation is also checked against hcl2-parser (HashiCorp's parser) so the table stays honest.
 */
const SYNTAX_CASES: { src: string; error?: [number, number] }[] = [
  { src: 'a = 1 b = 2\n', error: [1, 7] },
  { src: 'a = "x", b = "y"\n', error: [1, 8] },
  { src: 'a { b = 1\n}\n', error: [1, 5] },
  { src: 'a {\n  b = 1 }\n', error: [2, 9] },
  { src: 'a {\n}b = 1\n', error: [2, 2] },
  { src: 'a { b {} }\n', error: [1, 5] },
  { src: 'a\n"x" {\n}\n', error: [2, 1] },
  { src: 'a = x\n  .y\n', error: [2, 3] },
  { src: 'a = 1 +\n  2\n', error: [2, 3] },
  { src: 'a = b\n  ? 1 : 2\n', error: [2, 3] },
  { src: 'a = { b = 1 c = 2 }\n', error: [1, 13] },
  { src: 'a = {\n  b = 1\n  , c = 2\n}\n', error: [3, 3] },
  { src: 'a = 0x10\n', error: [1, 5] },
  { src: 'a = "x\ny"\n', error: [1, 7] },
  { src: 'a = "${}"\n', error: [1, 6] },
  { src: 'a = <<EOT x\nEOT\n', error: [1, 10] },
  { src: 'a::b = 1\n', error: [1, 1] },
  { src: 'a = x.0.1\n', error: [1, 6] },
  { src: '{ "a" = 1 }\n', error: [1, 1] },
  { src: 'a = 1\na = 2\n', error: [2, 1] },
  { src: 'a = 1\rb = 2\n', error: [1, 6] },
  { src: 'resource "a${b}" "c" {}\n', error: [1, 12] },
  { src: 'a = "\\U00110000"\n', error: [1, 6] },
  { src: 'a {\n', error: [2, 1] },
  { src: 'a = [1, 2\n', error: [2, 1] },
  { src: 'a = 1 /* x */ b = 2\n', error: [1, 15] },
  { src: 'a {}\nb = {\n  c = 1,\n  d = 2\n}\n' },
  { src: 'a = [\n  1 +\n  2,\n]\n' },
  { src: 'a = (\n  b\n  ? 1\n  : 2\n)\n' },
  { src: 'a = f(\n  1,\n  2,\n)\n' },
  { src: 'a = 1 # c\nb = 2 // d\nc = 3 /* e */\n' },
  { src: 'a = "${\n  b\n}"\n' },
  { src: 'a = 1\r\nb = 2\r\n' },
  { src: '# a\rb = 1\n' },
  { src: 'a = 1' },
  { src: 'a = {}\nb = { c = 1 }\n' },
];

describe('HCL syntax rules the grammar does not enforce', () => {
  it.each(SYNTAX_CASES)('$src', ({ src, error }) => {
    const f = parse(src);
    if (error) {
      expect(f.diagnostics.map((d) => [d.ruleId, d.loc.start.line, d.loc.start.column])).toEqual([['parse-error', ...error]]);
      expect(f.diagnostics[0]!.message).toMatch(/ — /); // says what is wrong and what to do
    } else expect(f.diagnostics).toEqual([]);
    expect(runHcl2Json(src).ok).toBe(!error);
  });
});

describe('robustness', () => {
  const nasty: string[] = [
    '',
    '\u0000\u0001\u0002',
    '{'.repeat(5000),
    '['.repeat(5000),
    'a = ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + '\n',
    'a = ' + '"${'.repeat(2000),
    '\ud800\udfff\ud800 = "\udc00"',
    'a = <<EOT\n',
    'a = <<-\n',
    '%{ for x in y }',
    'x'.repeat(100_000),
    '/* unclosed',
    '"\\',
    'a = "\\U0010FFFF\\UFFFFFFFF"\n',
    '\ufeffa = 1\n',
  ];

  it('never throws, whatever the input', () => {
    let seed = 42;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const alphabet = 'ab =\n{}[]()"$%~#/*\\<-.,:?!0é🎉\r\t';
    for (let i = 0; i < 300; i++) {
      let s = '';
      const n = Math.floor(rnd() * 80);
      for (let j = 0; j < n; j++) s += [...alphabet][Math.floor(rnd() * [...alphabet].length)];
      nasty.push(s);
    }
    for (const src of nasty) {
      const f = parse(src);
      expect(f.language).toBe('hcl');
      expect(Array.isArray(f.diagnostics)).toBe(true);
    }
    // The parser is still usable afterwards.
    expect(parse('a = 1\n').diagnostics).toEqual([]);
  });
});
