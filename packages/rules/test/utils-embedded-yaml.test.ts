import { describe, expect, it } from 'vitest';
import { getPath, pairOf, parseYaml, type Location, type YScalar } from '../../core/src/index.js';
import { parseEmbeddedYaml } from '../src/utils/embedded-yaml.js';

/** The scalar under `spec.values` of the first document, as the outer parser gives it. */
function scalarOf(text: string): YScalar {
  const root = parseYaml(text, 'outer.yaml').documents![0]!.root;
  const v = pairOf(getPath(root, ['spec']), 'values')!.value;
  if (v.kind !== 'scalar') throw new Error('not a scalar');
  return v;
}

/** `line:column-line:column` of the outer location of the inner node at `path`. */
function at(text: string, path: (string | number)[]): string {
  const emb = parseEmbeddedYaml(scalarOf(text));
  const node = getPath(emb.parsed.documents![0]!.root, path)!;
  return span(emb.locate(node));
}

function span(l: Location): string {
  return `${l.start.line}:${l.start.column}-${l.end.line}:${l.end.column}`;
}

describe('parseEmbeddedYaml', () => {
  it('maps a | block scalar line by line, shifted by its indentation', () => {
    const text = 'spec:\n  values: |\n    a:\n      b: 600s\n';
    expect(parseEmbeddedYaml(scalarOf(text)).mapping).toBe('block');
    expect(at(text, ['a', 'b'])).toBe('4:10-4:14');
  });

  it('maps |- and |+ the same way, whatever the chomping', () => {
    expect(at('spec:\n  values: |-\n    a: 1\n    b: two\n', ['b'])).toBe('4:8-4:11');
    expect(at('spec:\n  values: |+\n    a: 1\n    b: two\n\n\n', ['b'])).toBe('4:8-4:11');
  });

  it('keeps leading blank lines, a comment after the header and trailing spaces in the count', () => {
    const text = 'spec:\n  values: |-   # values\n\n\n    a: 1   \n    b: two   \n';
    expect(at(text, ['b'])).toBe('6:8-6:11');
  });

  it('honours an indentation indicator with more-indented content', () => {
    const text = 'spec:\n  values: |2\n      a:\n        b: 600s\n';
    expect(at(text, ['a', 'b'])).toBe('4:12-4:16');
  });

  it('maps a > scalar whose lines were not folded (one line)', () => {
    expect(at('spec:\n  values: >\n    {a: 1}\n', ['a'])).toBe('3:9-3:10');
  });

  it('does not map a folded > scalar whose lines were joined', () => {
    const text = 'spec:\n  values: >\n    a: 1\n\n    b: 2\n';
    const emb = parseEmbeddedYaml(scalarOf(text));
    expect(emb.mapping).toBe('none');
    expect(span(emb.locate({ file: 'outer.yaml', start: { line: 2, column: 1, offset: 5 }, end: { line: 2, column: 5, offset: 9 } }))).toBe('2:11-5:9');
  });

  it('maps single-line plain and quoted scalars by column', () => {
    expect(at('spec:\n  values: "{a: 600s}"\n', ['a'])).toBe('2:16-2:20');
    expect(at("spec:\n  values: '{a: 600s}'\n", ['a'])).toBe('2:16-2:20');
    expect(at('spec:\n  values: a\n', [])).toBe('2:11-2:12');
  });

  it('does not map a quoted scalar with escapes', () => {
    const emb = parseEmbeddedYaml(scalarOf('spec:\n  values: "{a: \\"x\\"}"\n'));
    expect(emb.mapping).toBe('none');
    expect(span(emb.locate(getPath(emb.parsed.documents![0]!.root, ['a'])!))).toBe('2:11-2:23');
  });

  it('maps syntax errors of the embedded text', () => {
    const emb = parseEmbeddedYaml(scalarOf('spec:\n  values: |\n    a: 1\n    a: 2\n'));
    expect(emb.parsed.diagnostics).toHaveLength(1);
    expect(span(emb.locate(emb.parsed.diagnostics[0]!.loc))).toBe('4:5-4:6');
  });

  it('maps an inner offset range (locateRange) and gives exact offsets on the last line', () => {
    const text = 'spec:\n  values: |\n    args:\n      - --timeout=5m\n';
    const emb = parseEmbeddedYaml(scalarOf(text));
    const from = emb.text.indexOf('5m');
    const l = emb.locateRange(from, from + 2);
    expect(span(l)).toBe('4:19-4:21');
    expect(text.slice(l.start.offset, l.end.offset)).toBe('5m');
  });
});
