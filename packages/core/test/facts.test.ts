import { describe, expect, it } from 'vitest';
import { defineFact, get, lineIndex, pairOf, parseYaml, shallow, shallowPair, type ParsedFile, type YNode } from '../src/index.js';
import { encode, factStore, revive, seal } from '../src/model/facts.js';
import { lazyFile, packFile } from '../src/model/pack.js';
import { plain } from './plain.js';

const TEXT = [
  'metadata:',
  '  name: &n web',
  '  annotations:',
  '    a: "quoted"',
  '    "b c": 1.5',
  '    d: *n',
  '    e: { x: 1 }',
  '    f: [1, 2]',
  '    &k g: ~',
  '    h:',
  '    nan: .nan',
  '',
].join('\n');

function parsed(text = TEXT, file = 'a.yaml'): ParsedFile {
  return parseYaml(text, file);
}

/** The same file as the parse cache hands it back: packed, then rebuilt lazily with its line starts. */
function packedFile(text = TEXT, file = 'a.yaml'): ParsedFile {
  const p = parsed(text, file);
  return lazyFile(packFile(p, lineIndex(file, text).lineStarts, text.length));
}

function pairsOf(file: ParsedFile): ReturnType<typeof shallowPair>[] {
  const m = get(get(file.documents![0]!.root, 'metadata'), 'annotations');
  return m?.kind === 'map' ? m.pairs.map(shallowPair) : [];
}

/** What a rule reads of a shallow pair, as plain data. */
function pairView(p: ReturnType<typeof shallowPair>) {
  return { keyText: p.keyText, loc: p.loc, key: plain(p.key), value: plain(p.value) };
}

function roundTrip(value: unknown, file: ParsedFile): unknown {
  const idx = { file: file.path, lineStarts: file.lines!.starts, length: file.lines!.length };
  const e = encode(value, idx);
  if (typeof e === 'symbol') return e;
  return revive(JSON.parse(JSON.stringify(e)), idx);
}

describe('shallow nodes', () => {
  it('keep a scalar whole, a collection without children, and an alias with its target', () => {
    for (const file of [parsed(), packedFile()]) {
      const pairs = pairsOf(file);
      const byKey = new Map(pairs.map((p) => [p.keyText, p]));
      expect(plain(byKey.get('a')!.value)).toMatchObject({ kind: 'scalar', value: 'quoted', loc: { start: { line: 4, column: 8 } } });
      expect(plain(byKey.get('e')!.value)).toMatchObject({ kind: 'map', pairs: [] });
      expect(plain(byKey.get('f')!.value)).toMatchObject({ kind: 'seq', items: [] });
      expect(plain(byKey.get('d')!.value)).toMatchObject({ kind: 'alias', name: 'n', target: { kind: 'scalar', value: 'web', anchor: 'n' } });
      expect(plain(byKey.get('g')!.key)).toMatchObject({ kind: 'scalar', value: 'g', anchor: 'k' });
      expect(plain(byKey.get('h')!.value)).toMatchObject({ kind: 'scalar', value: null });
    }
  });

  it('are the same read from a parse and from a packed tree', () => {
    expect(pairsOf(packedFile()).map(pairView)).toEqual(pairsOf(parsed()).map(pairView));
  });
});

describe('stored facts', () => {
  it('read back exactly: nodes, pairs, Locations, arrays and objects', () => {
    const file = packedFile();
    const pairs = pairsOf(file).filter((p) => p.keyText !== 'nan');
    const value = { pairs, list: [1, 'two', null, true, [3]], where: pairs[0]!.loc, nested: { none: undefined, n: 0 } };
    const back = roundTrip(value, file) as typeof value;
    expect(back.pairs.map(pairView)).toEqual(pairs.map(pairView));
    expect(back.list).toEqual(value.list);
    expect(back.where).toEqual(pairs[0]!.loc);
    // An absent optional property reads the same as one set to undefined.
    expect(back.nested).toEqual({ n: 0 });
  });

  it('are not stored when JSON cannot give them back: NaN, a whole subtree, another file, a class', () => {
    const file = packedFile();
    const idx = { file: file.path, lineStarts: file.lines!.starts, length: file.lines!.length };
    const nan = pairsOf(file).find((p) => p.keyText === 'nan')!;
    expect(typeof encode(nan, idx)).toBe('symbol');
    expect(typeof encode(file.documents![0]!.root, idx)).toBe('symbol');
    expect(typeof encode({ loc: { ...nan.loc, file: 'b.yaml' } }, idx)).toBe('symbol');
    expect(typeof encode(new Map(), idx)).toBe('symbol');
    expect(typeof encode([undefined], idx)).toBe('symbol');
    // Plain data that only looks like a node or a pair is refused, not a crash.
    for (const lookalike of [{ kind: 'scalar', value: 'x' }, { kind: 'map', loc: 1 }, { key: 1, keyText: 'k', value: 2 }, { kind: 'scalar', value: {}, loc: nan.loc }]) {
      expect(typeof encode(lookalike, idx)).toBe('symbol');
    }
  });

  it('are not trusted when malformed: wrong tags, offsets past the text, a __proto__ key', () => {
    const file = packedFile();
    const idx = { file: file.path, lineStarts: file.lines!.starts, length: file.lines!.length };
    for (const bad of [[7, 0, 1], [0, 5, 2, 'x'], [8, 0, 10_000], [0, 0, 1, { o: 1 }], [5, 0, 4, 2, 'k', [9]], JSON.parse('{"__proto__": {"x": 1}}')]) {
      expect(typeof revive(bad, idx)).toBe('symbol');
    }
  });
});

describe('fact store', () => {
  const names = defineFact('names', (root: YNode | undefined) => {
    const p = pairOf(get(root, 'metadata'), 'name');
    return { name: p ? shallowPair(p) : null };
  });

  const cached = new Set([names as never]);

  it('derives a fact once per document, and reads stored facts instead of the tree', () => {
    const first = packedFile();
    const store = factStore([first], cached);
    const target = { file: first.path, docIndex: 0, get root() { return first.documents![0]!.root; } };
    const v = store.of(names, target);
    expect(store.of(names, target)).toBe(v);
    expect(store.counts).toEqual({ derived: 1, stored: 0 });
    const saved = store.derived().get('a.yaml')!;
    expect(JSON.parse(saved.slice(9))).toHaveProperty(['names#0']);

    // The next run: the file comes from the cache with its facts; its tree is never read.
    const again = { ...packedFile(), facts: saved };
    const next = factStore([again], cached);
    let treeRead = false;
    const back = next.of(names, { file: 'a.yaml', docIndex: 0, get root() { treeRead = true; return undefined; } });
    expect(treeRead).toBe(false);
    expect(next.counts).toEqual({ derived: 0, stored: 1 });
    expect(pairView(back.name!)).toEqual(pairView(v.name!));
    expect(next.derived().size).toBe(0);
  });

  it('derives again, and stores afresh, facts whose stored form is unreadable or missing', () => {
    const base = packedFile();
    const other = defineFact('other', () => 42);
    const good = (() => {
      const store = factStore([base], cached);
      store.of(names, { file: 'a.yaml', docIndex: 0, root: base.documents![0]!.root });
      return store.derived().get('a.yaml')!;
    })();
    // A damaged byte (its checksum no longer holds), bad JSON, a bad tag, not an object.
    const damaged = good.replace(/\[5,(\d)/, '[5,9$1');
    expect(damaged).not.toBe(good);
    for (const facts of [damaged, seal('{not json'), seal('{"names#0": [7, 1, 2]}'), seal('[]'), '{"names#0": null}']) {
      const file = { ...base, facts };
      const store = factStore([file], cached);
      const target = { file: 'a.yaml', docIndex: 0, get root() { return file.documents![0]!.root; } };
      expect(store.of(names, target).name?.keyText).toBe('name');
      expect(store.counts.derived).toBe(1);
      expect(Object.keys(JSON.parse(store.derived().get('a.yaml')!.slice(9)))).toEqual(['names#0']);
    }
    // A fact added by a newer rule is derived and stored beside the ones already there.
    const withOne = { ...base, facts: good };
    const store = factStore([withOne], new Set([names as never, other as never]));
    expect(store.of(other, { file: 'a.yaml', docIndex: 0, root: undefined })).toBe(42);
    expect(Object.keys(JSON.parse(store.derived().get('a.yaml')!.slice(9))).sort()).toEqual(['names#0', 'other#0']);
  });

  it('stores a fact read back this run unchanged beside one derived this run, and reads each stored value once', () => {
    const base = packedFile();
    const other = defineFact('other', () => 42);
    const first = factStore([base], cached);
    const v = first.of(names, { file: 'a.yaml', docIndex: 0, root: base.documents![0]!.root });
    const saved = first.derived().get('a.yaml')!;
    // Next run: names is read back (reading takes JSON.parse's arrays apart), other is derived.
    const file = { ...base, facts: saved };
    const both = new Set([names as never, other as never]);
    const store = factStore([file], both);
    const back = store.of(names, { file: 'a.yaml', docIndex: 0, root: undefined });
    // Another target for the same document gets the same value, not a second reading of a taken-apart one.
    expect(store.of(names, { file: 'a.yaml', docIndex: 0, root: undefined })).toBe(back);
    expect(store.of(other, { file: 'a.yaml', docIndex: 0, root: undefined })).toBe(42);
    expect(store.counts).toEqual({ derived: 1, stored: 2 });
    const record = store.derived().get('a.yaml')!;
    expect(JSON.parse(record.slice(9))['names#0']).toEqual(JSON.parse(saved.slice(9))['names#0']);
    const third = factStore([{ ...base, facts: record }], both);
    expect(pairView(third.of(names, { file: 'a.yaml', docIndex: 0, root: undefined }).name!)).toEqual(pairView(v.name!));
    expect(third.of(other, { file: 'a.yaml', docIndex: 0, root: undefined })).toBe(42);
    expect(third.counts).toEqual({ derived: 0, stored: 2 });
  });

  it('reads and keeps only the facts the run names: another fact of the same id is derived, never read from the cache', () => {
    const base = packedFile();
    const first = factStore([base], cached);
    first.of(names, { file: 'a.yaml', docIndex: 0, root: base.documents![0]!.root });
    const file = { ...base, facts: first.derived().get('a.yaml')! };
    const impostor = defineFact('names', () => 'plugin value');
    const store = factStore([file], cached);
    let read = false;
    expect(store.of(impostor, { file: 'a.yaml', docIndex: 0, get root() { read = true; return undefined; } })).toBe('plugin value');
    expect(read).toBe(true);
    expect(store.derived().size).toBe(0);
    expect(store.of(names, { file: 'a.yaml', docIndex: 0, root: undefined }).name?.keyText).toBe('name');
    expect(store.counts).toEqual({ derived: 1, stored: 1 });
  });

  it('keeps nothing for a file without line starts (not from a packed parse)', () => {
    const file = parsed();
    const store = factStore([file], cached);
    store.of(names, { file: 'a.yaml', docIndex: 0, root: file.documents![0]!.root });
    expect(store.derived().size).toBe(0);
  });
});
