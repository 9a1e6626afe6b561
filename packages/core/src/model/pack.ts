import { k8sObjectOf } from '../parsers/yaml.js';
import { locationAt, type LineIndex } from './positions.js';
import { AliasNode, MapNode, PairNode, ScalarNode, SeqNode, Spanned, startOf } from './nodes.js';
import type { K8sObject, Location, PackedDocument, ParsedFile, YamlDocument, YMap, YNode, YPair, YScalar } from './types.js';

// Table entries (arrays keep the JSON small):
//   [0, start, end, value, anchor?]          scalar (value JSON-safe)
//   [5, start, end, 'NaN'|'Infinity'|'-Infinity'|'-0', anchor?]   scalar with a number JSON cannot hold
//   [1, start, end, pairIds, anchor?]        map
//   [2, start, end, itemIds, anchor?]        seq
//   [3, start, end, name, targetId | -1]     alias
//   [4, start, end, keyId, keyText, valueId] pair
type Entry = (string | number | boolean | null | number[] | undefined)[];

/**
 * Pack a document's tree; the document keeps its own `loc` and `index`. Ids are global; entries are
 * split into a head (the root map, its pairs and keys) and one segment per top-level value, each its
 * own JSON string, so that reading `metadata` never parses `spec`.
 */
export function packTree(root: YNode): Pick<PackedDocument, 'nodes' | 'segments'> {
  const ids = new Map<object, number>();
  const head: Entry[] = [];
  const segments: { start: number; entries: Entry[] }[] = [];
  let current = head;
  let next = 0;
  const reserve = (node: object): [number, Entry] => {
    const id = next++;
    ids.set(node, id);
    const entry: Entry = [];
    current.push(entry); // reserved before the children, so a recursive alias finds its target
    return [id, entry];
  };
  const visit = (node: YNode | YPair): number => {
    const known = ids.get(node);
    if (known !== undefined) return known;
    const [id, entry] = reserve(node);
    const s = node.loc.start.offset;
    const e = node.loc.end.offset;
    if ('keyText' in node) {
      entry.push(4, s, e, visit(node.key), node.keyText, visit(node.value));
      return id;
    }
    switch (node.kind) {
      case 'scalar': {
        const v = node.value;
        if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) entry.push(5, s, e, Object.is(v, -0) ? '-0' : String(v));
        else entry.push(0, s, e, v);
        break;
      }
      case 'map':
        entry.push(1, s, e, node.pairs.map(visit));
        break;
      case 'seq':
        entry.push(2, s, e, node.items.map(visit));
        break;
      case 'alias':
        entry.push(3, s, e, node.name, node.target ? visit(node.target) : -1);
        return id;
    }
    if (node.anchor !== undefined) entry.push(node.anchor);
    return id;
  };
  if (root.kind !== 'map') {
    visit(root);
    return { nodes: JSON.stringify(head) };
  }
  // The head: the root map, then each top-level pair with its key; values come after, one segment each.
  const [, rootEntry] = reserve(root);
  const pending: [YPair, Entry][] = [];
  const pairIds = root.pairs.map((pair) => {
    const known = ids.get(pair);
    if (known !== undefined) return known;
    const [id, entry] = reserve(pair);
    entry.push(4, pair.loc.start.offset, pair.loc.end.offset, visit(pair.key), pair.keyText);
    pending.push([pair, entry]);
    return id;
  });
  rootEntry.push(1, root.loc.start.offset, root.loc.end.offset, pairIds);
  if (root.anchor !== undefined) rootEntry.push(root.anchor);
  for (const [pair, entry] of pending) {
    const start = next;
    current = [];
    entry.push(visit(pair.value));
    if (current.length > 0) segments.push({ start, entries: current });
  }
  const out: Pick<PackedDocument, 'nodes' | 'segments'> = { nodes: JSON.stringify(head) };
  if (segments.length > 0) out.segments = segments.map((g) => ({ start: g.start, nodes: JSON.stringify(g.entries) }));
  return out;
}

/** A top-level pair (`spec`, `data`) whose value is built on first read. */
class LazyPair extends Spanned implements YPair {
  key!: YNode;
  #value: YNode | undefined;
  #valueId: number;
  #build: (id: number, pairStart: number) => YNode;
  constructor(
    start: number,
    end: number,
    idx: LineIndex,
    public keyText: string,
    valueId: number,
    build: (id: number, pairStart: number) => YNode,
  ) {
    super(start, end, idx);
    this.#valueId = valueId;
    this.#build = build;
  }
  get value(): YNode {
    return (this.#value ??= this.#build(this.#valueId, this.startOffset));
  }
  set value(v: YNode) {
    this.#value = v;
  }
}

/**
 * A pair of a rebuilt tree whose key, a plain scalar, is made when first read: rules find pairs by
 * `keyText` and read a key node only to report at it, so most keys are never made.
 */
class PackedPair extends Spanned implements YPair {
  value!: YNode;
  #key: YNode | undefined;
  #keyEntry: Entry | undefined;
  #idx: LineIndex;
  constructor(
    start: number,
    end: number,
    idx: LineIndex,
    public keyText: string,
    keyEntry: Entry,
  ) {
    super(start, end, idx);
    this.#idx = idx;
    this.#keyEntry = keyEntry;
  }
  get key(): YNode {
    if (this.#key === undefined) {
      const e = this.#keyEntry!;
      this.#key = new ScalarNode(e[1] as number, e[2] as number, this.#idx, e[3] as YScalar['value']);
      this.#keyEntry = undefined;
    }
    return this.#key;
  }
  set key(k: YNode) {
    this.#key = k;
  }
}

/** What to do when a node table turns out unreadable (bytes of a parse cache entry, decoded lazily). */
export interface Unreadable {
  /** The document's tree parsed again from the file, if that can be done. */
  recover(): YNode | undefined;
  /** The error to throw when it cannot. */
  fail(cause: unknown): Error;
}

/**
 * Rebuild a packed tree with the positions of `idx`'s file; segments are parsed when first reached.
 * Once a table turns out unreadable (a parse cache entry's bytes), every top-level value not built
 * yet is taken from `unreadable.recover()`'s tree; without `unreadable`, the error is thrown.
 */
export function unpackTree(packed: Pick<PackedDocument, 'nodes' | 'segments'>, idx: LineIndex, unreadable?: Unreadable): YNode {
  const head = JSON.parse(packed.nodes) as Entry[];
  const segs = packed.segments ?? [];
  const parsedSegs: (Entry[] | undefined)[] = new Array(segs.length);
  /** The segment holding an id past the head. */
  const segmentOf = (id: number): number => {
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.start <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const entryOf = (id: number): Entry => {
    if (id < head.length) return head[id]!;
    const lo = segmentOf(id);
    const table = (parsedSegs[lo] ??= JSON.parse(segs[lo]!.nodes) as Entry[]);
    return table[id - segs[lo]!.start]!;
  };
  const built: (YNode | YPair | undefined)[] = [];
  const build = (id: number): YNode | YPair => {
    const done = built[id];
    if (done) return done;
    const entry = entryOf(id);
    const start = entry[1] as number;
    const end = entry[2] as number;
    switch (entry[0]) {
      case 0:
      case 5: {
        const raw = entry[3];
        const value = entry[0] === 5 ? (raw === '-0' ? -0 : Number(raw)) : (raw as YScalar['value']);
        const n = new ScalarNode(start, end, idx, value);
        if (entry[4] !== undefined) n.anchor = entry[4] as string;
        built[id] = n;
        return n;
      }
      case 1: {
        const n = new MapNode(start, end, idx);
        if (entry[4] !== undefined) n.anchor = entry[4] as string;
        built[id] = n;
        for (const p of entry[3] as number[]) n.pairs.push(build(p) as YPair);
        return n;
      }
      case 2: {
        const n = new SeqNode(start, end, idx);
        if (entry[4] !== undefined) n.anchor = entry[4] as string;
        built[id] = n;
        for (const i of entry[3] as number[]) n.items.push(build(i) as YNode);
        return n;
      }
      case 3: {
        const n = new AliasNode(start, end, idx, entry[3] as string);
        built[id] = n;
        const target = entry[4] as number;
        if (target >= 0) n.target = build(target) as YNode;
        return n;
      }
      default: {
        if (topLevel.has(id)) {
          // A top-level value (`spec`, `data`) is built when first read: most rules read only
          // `metadata` of most objects, so the bulk of a Deployment is never built.
          const lazy = new LazyPair(start, end, idx, entry[4] as string, entry[5] as number, buildValue);
          built[id] = lazy;
          lazy.key = build(entry[3] as number) as YNode;
          return lazy;
        }
        const keyEntry = entryOf(entry[3] as number);
        if (keyEntry[0] === 0 && keyEntry[4] === undefined && built[entry[3] as number] === undefined) {
          // A plain key without an anchor (nothing can alias it): made only if it is read.
          const p = new PackedPair(start, end, idx, entry[4] as string, keyEntry);
          built[id] = p;
          p.value = build(entry[5] as number) as YNode;
          return p;
        }
        const p = new PairNode(start, end, idx, entry[4] as string);
        built[id] = p;
        p.key = build(entry[3] as number) as YNode;
        p.value = build(entry[5] as number) as YNode;
        return p;
      }
    }
  };
  // A top-level value is built on first read. Its segment holds the nodes first reached from it, so
  // once it is built the parsed table is dropped rather than kept alive by the tree (it would only
  // cost garbage collection); should another value share a node of it (merge keys), the table is
  // parsed again. Once a table turns out unreadable, nodes made from this tree's tables may be half
  // built (a map whose pairs stopped at the bad entry), so every value not built yet comes from the
  // tree parsed again: the same text, so the same positions.
  let failed = false;
  let failure: unknown;
  const recovered = (pairStart: number): YNode => {
    const root = unreadable!.recover();
    const pair = root?.kind === 'map' ? root.pairs.find((p) => startOf(p) === pairStart) : undefined;
    if (!pair) throw unreadable!.fail(failure);
    return pair.value;
  };
  const buildValue = (id: number, pairStart: number): YNode => {
    if (failed && unreadable) return recovered(pairStart);
    let node: YNode;
    try {
      node = build(id) as YNode;
    } catch (e) {
      if (!unreadable) throw e;
      failed = true;
      failure = e;
      return recovered(pairStart);
    }
    if (id >= head.length) parsedSegs[segmentOf(id)] = undefined;
    return node;
  };
  const rootEntry = head[0];
  const topLevel = new Set<number>(rootEntry?.[0] === 1 ? (rootEntry[3] as number[]) : []);
  return build(0) as YNode;
}

/**
 * The packed form of a parsed YAML file (other files are returned as they are): every document's
 * tree is packed, and the file keeps its line starts so positions can be rebuilt.
 */
export function packFile(file: ParsedFile, lineStarts: number[], length: number): ParsedFile {
  if (file.language !== 'yaml' || !file.documents?.some((d) => d.root)) return file;
  const documents = file.documents.map((d): YamlDocument => {
    if (!d.root) return d;
    const obj = k8sObjectOf(d, file.path);
    const packed: PackedDocument = packTree(d.root);
    if (obj) {
      packed.header = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.name, headerLoc: obj.headerLoc, annotationKeys: obj.annotationKeys };
      if (obj.namespace !== undefined) packed.header.namespace = obj.namespace;
      if (obj.nameLoc !== undefined) packed.header.nameLoc = obj.nameLoc;
    }
    return { index: d.index, loc: d.loc, packed };
  });
  return { ...file, documents, lines: { starts: lineStarts, length } };
}

/**
 * The file with each packed document given a `root` that is rebuilt on first read (and then kept).
 * Unpacked files, and documents that already rebuild lazily, are returned as they are.
 */
export function lazyFile(file: ParsedFile): ParsedFile {
  if (!file.lines || !file.documents?.some((d) => d.packed && !(d instanceof LazyDocument))) return file;
  const idx: LineIndex = { file: file.path, lineStarts: file.lines.starts, length: file.lines.length };
  const documents = file.documents.map((d) => (d.packed && !(d instanceof LazyDocument) ? new LazyDocument(d.index, d.loc, d.packed, idx) : d));
  return { ...file, documents };
}

/** Offsets of a range in its file, made into a Location only when read. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A packed document whose tree is rebuilt on first read of `root` (a prototype getter, see LazyPair),
 * and whose `loc` may be kept as offsets until it is read. When the tree cannot be rebuilt (bytes
 * of a parse cache entry that do not parse), `reparse` gives the file parsed again from its text.
 */
export class LazyDocument implements YamlDocument {
  #root: YNode | undefined;
  #loc: Location | undefined;
  #span: Span | undefined;
  #idx: LineIndex;
  #reparse: ((path: string) => ParsedFile | undefined) | undefined;
  constructor(
    readonly index: number,
    loc: Location | Span,
    readonly packed: PackedDocument,
    idx: LineIndex,
    /** The file parsed again from its text, by path (one function for all documents of a run, which keeps its answers). */
    reparse?: (path: string) => ParsedFile | undefined,
  ) {
    if (typeof loc.start === 'number') this.#span = loc as Span;
    else this.#loc = loc as Location;
    this.#idx = idx;
    this.#reparse = reparse;
  }
  get loc(): Location {
    return (this.#loc ??= locationAt(this.#idx, this.#span!.start, this.#span!.end));
  }
  get root(): YNode {
    if (this.#root) return this.#root;
    const unreadable: Unreadable = {
      recover: () => this.#reparse?.(this.#idx.file)?.documents?.[this.index]?.root,
      fail: (e) => new Error(`the parse cache's tree of document ${this.index + 1} of ${this.#idx.file} is unreadable (${e instanceof Error ? e.message : String(e)}); delete the cache file`),
    };
    try {
      this.#root = unpackTree(this.packed, this.#idx, unreadable);
    } catch (e) {
      const again = unreadable.recover();
      if (!again) throw unreadable.fail(e);
      this.#root = again;
    }
    return this.#root;
  }
}

/**
 * A Kubernetes object of a packed document: its header as read at parse time, its tree on first
 * read. Its locations are read from the header when asked for (a header from the parse cache makes
 * them from offsets then); `nameLoc` exists only on objects that have one, as on a parsed object.
 */
class PackedK8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  declare readonly namespace?: string;
  readonly annotationKeys: readonly string[];
  #header: NonNullable<PackedDocument['header']>;
  constructor(
    header: NonNullable<PackedDocument['header']>,
    readonly file: string,
    readonly doc: YamlDocument,
  ) {
    this.apiVersion = header.apiVersion;
    this.kind = header.kind;
    this.name = header.name;
    if (header.namespace !== undefined) (this as { namespace?: string }).namespace = header.namespace;
    this.annotationKeys = header.annotationKeys;
    this.#header = header;
  }
  get headerLoc(): Location {
    return this.#header.headerLoc;
  }
  get docIndex(): number {
    return this.doc.index;
  }
  get loc(): Location {
    return this.doc.loc;
  }
  get root(): YMap {
    return this.doc.root as YMap;
  }
}

/** A packed object whose `metadata.name` is a string: it has a `nameLoc`. */
class NamedPackedK8sObject extends PackedK8sObject {
  #header: NonNullable<PackedDocument['header']>;
  constructor(header: NonNullable<PackedDocument['header']>, file: string, doc: YamlDocument) {
    super(header, file, doc);
    this.#header = header;
  }
  get nameLoc(): Location {
    return this.#header.nameLoc!;
  }
}

/** The Kubernetes object of a packed document, from its header; its `root` is rebuilt on first read. */
export function k8sObjectOfPacked(doc: YamlDocument, file: string): K8sObject | undefined {
  const h = doc.packed?.header;
  if (!h) return undefined;
  // A header has `nameLoc` only when there is one (from the parse cache, a getter that makes it:
  // asking `in` does not).
  return ('nameLoc' in h ? new NamedPackedK8sObject(h, file, doc) : new PackedK8sObject(h, file, doc)) as unknown as K8sObject;
}
