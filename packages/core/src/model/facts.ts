import { AliasNode, MapNode, PairNode, ScalarNode, SeqNode, Spanned } from './nodes.js';
import { locationAt, sameAt, type LineIndex } from './positions.js';
import type { Location, ParsedFile, YNode, YPair } from './types.js';
import { deref } from './yaml-nodes.js';

/**
 * Facts: values a rule helper derives from one YAML document's tree alone (an Ingress's routes and
 * annotations, a Service's ports, a kustomization's resources), computed once per run and shared by
 * every rule that asks. With `--cache`, a fact is also kept beside the file's parse, so a run over
 * unchanged files reads the small fact instead of rebuilding the document's tree: in a repo of 1,000
 * apps, rebuilding 5,000 trees for the Ingress, Service, kustomization and Argo CD rules was about
 * a third of a cached run. Findings are never cached: rules still run over every object and join facts
 * across files on every run, and a fact lives exactly as long as its file's parse (same content
 * hash, same infralint build).
 *
 * A fact's value is plain data: objects, arrays, strings, finite numbers, booleans, null, Locations
 * in the document's own file, and {@link shallow} nodes and pairs. Anything else (a NaN scalar, a
 * whole subtree, a Location of another file) is allowed but makes the value uncacheable, so it is
 * derived again on each run.
 */
export interface Fact<T> {
  /** Unique name, part of the stored key (`ingress`, `service-ports`). */
  readonly id: string;
  /** Derive the value from the document's root (undefined for an empty document); reads nothing else. */
  derive(root: YNode | undefined): T;
}

/**
 * Declare a fact. Its `derive` must read only the tree it is given. Facts are kept in the parse cache
 * only when the run names them (lintParsed's `cachedFacts`: infralint's own, whose code the cache key
 * covers); any other fact, a plugin's say, is derived on every run.
 */
export function defineFact<T>(id: string, derive: (root: YNode | undefined) => T): Fact<T> {
  return { id, derive };
}

/** A document to read a fact of: a Kubernetes object, or any document given as file, index and root. */
export interface FactTarget {
  /** Repo-relative file. */
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly docIndex: number;
  /** The document's root (read only when the fact is derived). */
  readonly root: YNode | undefined;
}

/** The facts of a run: memoized, read from the parse cache where it has them. */
export interface FactStore {
  /** The fact's value for a document: the same object for every call in a run. Do not change it. */
  of<T>(fact: Fact<T>, target: FactTarget): T;
  /** For each file whose stored facts this run added to, all its facts as the parse cache keeps them. */
  derived(): Map<string, string>;
  /** How many values were derived from trees and how many read from the cache (for --debug and tests). */
  readonly counts: { derived: number; stored: number };
}

/** What a file's stored facts hold, by `<fact id>#<document index>`. */
type StoredFacts = Record<string, unknown>;

/**
 * The facts store for a run over `files`. The facts in `cached` are read from each file's stored
 * `facts` (from the parse cache) when there, and kept for the cache when derived; others are only
 * derived (and memoized for the run).
 */
export function factStore(files: readonly ParsedFile[], cached: ReadonlySet<Fact<unknown>> = new Set()): FactStore {
  const byPath = new Map<string, ParsedFile>();
  for (const f of files) if (f.language === 'yaml') byPath.set(f.path, f);
  /** Values by fact, then by target object (the model hands rules the same objects all run). */
  const memo = new Map<Fact<unknown>, WeakMap<FactTarget, unknown>>();
  /**
   * Stored facts of a file, parsed on first use (undefined: none, or unreadable), and the values
   * read back from them so far by key. Reading a value back takes apart what JSON.parse made (see
   * {@link revive}), so each is read once, whatever asks.
   */
  const stored = new Map<string, { raw: StoredFacts; values: Map<string, unknown> } | undefined>();
  /** Values derived this run, per file (encoded only when the cache asks for them). */
  const fresh = new Map<string, Map<string, unknown>>();
  const indexes = new Map<string, LineIndex | undefined>();
  const counts = { derived: 0, stored: 0 };

  const indexOf = (path: string): LineIndex | undefined => {
    if (indexes.has(path)) return indexes.get(path);
    const lines = byPath.get(path)?.lines;
    const idx = lines ? { file: path, lineStarts: lines.starts, length: lines.length } : undefined;
    indexes.set(path, idx);
    return idx;
  };
  /** A file's stored facts as JSON.parse gives them, or undefined (none, or unreadable: derived again and stored afresh). */
  const parseStored = (path: string): StoredFacts | undefined => {
    const text = byPath.get(path)?.facts;
    const json = text === undefined ? undefined : unseal(text);
    if (json === undefined) return undefined;
    try {
      const v = JSON.parse(json) as unknown;
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as StoredFacts) : undefined;
    } catch {
      return undefined;
    }
  };
  /** The stored value of `key` in a file, read back; undefined when there is none, INVALID when it does not read. */
  const storedValue = (path: string, key: string): unknown => {
    let file = stored.get(path);
    if (file === undefined && !stored.has(path)) {
      const raw = parseStored(path);
      file = raw && { raw, values: new Map() };
      stored.set(path, file);
    }
    if (file === undefined || !Object.prototype.hasOwnProperty.call(file.raw, key)) return undefined;
    let value = file.values.get(key);
    if (value === undefined && !file.values.has(key)) {
      value = revive(file.raw[key], indexOf(path)!);
      file.values.set(key, value);
    }
    return value;
  };

  return {
    counts,
    of<T>(fact: Fact<T>, target: FactTarget): T {
      let known = memo.get(fact);
      if (!known) memo.set(fact, (known = new WeakMap()));
      const hit = known.get(target);
      if (hit !== undefined || known.has(target)) return hit as T;
      const key = `${fact.id}#${target.docIndex}`;
      const idx = cached.has(fact as Fact<unknown>) ? indexOf(target.file) : undefined;
      if (idx) {
        const value = storedValue(target.file, key);
        if (value !== undefined && value !== INVALID) {
          counts.stored++;
          known.set(target, value);
          return value as T;
        }
      }
      const value = fact.derive(target.root);
      counts.derived++;
      known.set(target, value);
      if (idx) {
        let values = fresh.get(target.file);
        if (!values) fresh.set(target.file, (values = new Map()));
        values.set(key, value);
      }
      return value;
    },
    derived() {
      const out = new Map<string, string>();
      for (const [path, values] of fresh) {
        const idx = indexOf(path)!;
        // Parsed again: the first parse was taken apart as its values were read back.
        const record: StoredFacts = { ...(parseStored(path) ?? {}) };
        let added = false;
        for (const [key, value] of values) {
          let encoded: unknown;
          try {
            encoded = encode(value, idx);
          } catch {
            encoded = INVALID; // a value of a shape encode does not foresee is derived on each run
          }
          if (encoded === INVALID) continue;
          record[key] = encoded;
          added = true;
        }
        if (added) out.set(path, seal(JSON.stringify(record)));
      }
      return out;
    },
  };
}

/** Marks a value that cannot be stored, or a stored value that cannot be read back. */
const INVALID: unique symbol = Symbol('invalid');

/** FNV-1a over a string's UTF-16 code units, as 8 hex digits (a check, not a cryptographic hash). */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A file's facts as stored: their checksum, a space, their JSON (a damaged string is derived again, never trusted). */
export function seal(json: string): string {
  return `${hashText(json)} ${json}`;
}

/** The JSON of stored facts whose checksum holds, else undefined. */
function unseal(text: string): string | undefined {
  const json = text.slice(9);
  return text.length > 9 && text[8] === ' ' && text.slice(0, 8) === hashText(json) ? json : undefined;
}

/**
 * A node as written, without its children: what a fact keeps of a node that a rule reports at or
 * reads a scalar of. A scalar is whole; a mapping or sequence keeps its kind, position and anchor
 * with no pairs or items (enough for `displayValue`, `deref` and a position); an alias keeps its
 * target the same way, so `deref`, `str` and `scalar` read through it as on the tree. A node that
 * has not made its Location yet does not make it here.
 */
export function shallow(node: YNode): YNode {
  if (node instanceof Spanned) {
    const idx = node.lineIndex;
    let out: YNode;
    switch (node.kind) {
      case 'scalar':
        out = Spanned.copySpan(node, new ScalarNode(0, 0, idx, node.value));
        break;
      case 'map':
        out = Spanned.copySpan(node, new MapNode(0, 0, idx));
        break;
      case 'seq':
        out = Spanned.copySpan(node, new SeqNode(0, 0, idx));
        break;
      case 'alias': {
        const alias = Spanned.copySpan(node, new AliasNode(0, 0, idx, node.name));
        const target = deref(node);
        if (target) alias.target = shallow(target);
        return alias;
      }
    }
    if (node.anchor !== undefined) out.anchor = node.anchor;
    return out;
  }
  switch (node.kind) {
    case 'scalar':
      return node.anchor !== undefined ? { kind: 'scalar', value: node.value, loc: node.loc, anchor: node.anchor } : { kind: 'scalar', value: node.value, loc: node.loc };
    case 'map':
      return node.anchor !== undefined ? { kind: 'map', pairs: [], loc: node.loc, anchor: node.anchor } : { kind: 'map', pairs: [], loc: node.loc };
    case 'seq':
      return node.anchor !== undefined ? { kind: 'seq', items: [], loc: node.loc, anchor: node.anchor } : { kind: 'seq', items: [], loc: node.loc };
    case 'alias': {
      const target = deref(node);
      return target ? { kind: 'alias', name: node.name, loc: node.loc, target: shallow(target) } : { kind: 'alias', name: node.name, loc: node.loc };
    }
  }
}

/** A pair as written, its key and value {@link shallow}. */
export function shallowPair(pair: YPair): YPair {
  if (pair instanceof Spanned) {
    const out = Spanned.copySpan(pair, new PairNode(0, 0, pair.lineIndex, pair.keyText));
    out.key = shallow(pair.key);
    out.value = shallow(pair.value);
    return out;
  }
  return { key: shallow(pair.key), keyText: pair.keyText, value: shallow(pair.value), loc: pair.loc };
}

// The stored form is JSON in which every array is tagged by its first element, so that nodes and
// Locations take a few numbers each (an Ingress's facts were 3.4 KB as plain JSON, 0.8 KB so):
//   [0, start, end, value, anchor?]                 scalar
//   [1, start, end, anchor?] / [2, start, end, anchor?]   mapping / sequence, without children
//   [3, start, end, name, target?]                  alias
//   [4, start, end, key, keyText, value]            pair
//   [5, start, end, keyEnd, keyText, value]         pair whose key is the plain scalar keyText, starting with the pair
//   [8, start, end]                                 Location
//   [9, ...items]                                   array

const KINDS = new Set(['scalar', 'map', 'seq', 'alias']);

/**
 * The stored form of a fact's value, or INVALID when it would not read back exactly: Locations
 * must be in `idx`'s file at exactly the positions `locationAt` gives for their offsets; nodes must
 * be {@link shallow}.
 */
export function encode(value: unknown, idx: LineIndex, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : INVALID;
  if (typeof value !== 'object' || depth > 100) return INVALID;
  if (Array.isArray(value)) {
    const out: unknown[] = [9];
    for (const item of value) {
      const e = encode(item, idx, depth + 1);
      if (e === INVALID) return INVALID;
      out.push(e);
    }
    return out;
  }
  const rec = value as Record<string, unknown>;
  if (typeof rec.kind === 'string' && KINDS.has(rec.kind)) return encodeNode(value as YNode, idx, depth);
  if ('keyText' in rec && 'key' in rec && 'value' in rec) return encodePair(value as YPair, idx, depth);
  if (Object.getPrototypeOf(value) !== Object.prototype) return INVALID;
  if (isLocation(value)) {
    const span = spanOf(value, idx);
    return span === INVALID ? INVALID : [8, span[0], span[1]];
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(rec)) {
    const v = rec[k];
    // An absent optional property reads the same as one set to undefined.
    if (v === undefined) continue;
    if (k === '__proto__') return INVALID;
    const e = encode(v, idx, depth + 1);
    if (e === INVALID) return INVALID;
    out[k] = e;
  }
  return out;
}

function isLocation(v: object): v is Location {
  const l = v as Partial<Location>;
  return typeof l.file === 'string' && typeof l.start === 'object' && l.start !== null && typeof l.end === 'object' && l.end !== null && Object.keys(v).length === 3;
}

/** The offsets of a Location that `locationAt` makes again exactly, else INVALID. */
function spanOf(loc: Location, idx: LineIndex): [number, number] | typeof INVALID {
  return sameAt(idx, loc) ? [loc.start.offset, loc.end.offset] : INVALID;
}

/** Own keys a node or pair may have (a parser's plain objects; the classes keep theirs on the prototype). */
const NODE_KEYS = new Set(['kind', 'value', 'loc', 'anchor', 'pairs', 'items', 'name', 'target', 'key', 'keyText']);

/** Whether a value that looks like a node or pair is one: a parser's node, or plain data with a Location. */
function nodeLike(v: object): boolean {
  if (v instanceof Spanned) return true;
  if (Object.getPrototypeOf(v) !== Object.prototype || Object.keys(v).some((k) => !NODE_KEYS.has(k))) return false;
  const loc = (v as { loc?: unknown }).loc;
  return typeof loc === 'object' && loc !== null && isLocation(loc);
}

function encodeNode(node: YNode, idx: LineIndex, depth: number): unknown {
  if (typeof node !== 'object' || node === null || !nodeLike(node) || !KINDS.has(node.kind) || depth > 100) return INVALID;
  const span = spanOf(node.loc, idx);
  if (span === INVALID) return INVALID;
  if (node.kind !== 'alias' && node.anchor !== undefined && typeof node.anchor !== 'string') return INVALID;
  const anchor = node.kind !== 'alias' && node.anchor !== undefined ? [node.anchor] : [];
  switch (node.kind) {
    case 'scalar': {
      const v = node.value;
      if (v !== null && typeof v !== 'string' && typeof v !== 'boolean' && (typeof v !== 'number' || !Number.isFinite(v) || Object.is(v, -0))) return INVALID;
      return [0, span[0], span[1], v, ...anchor];
    }
    case 'map':
      return Array.isArray(node.pairs) && node.pairs.length === 0 ? [1, span[0], span[1], ...anchor] : INVALID;
    case 'seq':
      return Array.isArray(node.items) && node.items.length === 0 ? [2, span[0], span[1], ...anchor] : INVALID;
    case 'alias': {
      if (typeof node.name !== 'string') return INVALID;
      if (node.target === undefined) return [3, span[0], span[1], node.name];
      const t = node.target.kind === 'alias' ? INVALID : encodeNode(node.target, idx, depth + 1);
      return t === INVALID ? INVALID : [3, span[0], span[1], node.name, t];
    }
  }
}

function encodePair(pair: YPair, idx: LineIndex, depth: number): unknown {
  if (!nodeLike(pair) || typeof pair.keyText !== 'string' || typeof pair.key !== 'object' || pair.key === null) return INVALID;
  const span = spanOf(pair.loc, idx);
  const value = encodeNode(pair.value, idx, depth + 1);
  if (span === INVALID || value === INVALID) return INVALID;
  const k = pair.key;
  if (k.kind === 'scalar' && k.value === pair.keyText && k.anchor === undefined) {
    const ks = spanOf(k.loc, idx);
    if (ks !== INVALID && ks[0] === span[0]) return [5, span[0], span[1], ks[1], pair.keyText, value];
  }
  const key = encodeNode(k, idx, depth + 1);
  return key === INVALID ? INVALID : [4, span[0], span[1], key, pair.keyText, value];
}

/**
 * A stored value back, nodes and Locations made from their offsets when first read; INVALID when it
 * is not one {@link encode} writes. It takes apart its input, the value JSON.parse just made: plain
 * arrays and objects are reused for the result instead of copied (7,000 facts at 1,000 apps), so the
 * input must not be read again, whatever the outcome.
 */
export function revive(value: unknown, idx: LineIndex, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value !== 'object' || depth > 100) return INVALID;
  if (Array.isArray(value)) {
    const tag = value[0];
    if (tag === 9) {
      const n = value.length;
      for (let i = 1; i < n; i++) {
        const r = revive(value[i], idx, depth + 1);
        if (r === INVALID) return INVALID;
        value[i - 1] = r;
      }
      value.length = n - 1;
      return value;
    }
    const s = value[1];
    const e = value[2];
    if (typeof s !== 'number' || typeof e !== 'number' || !Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s || e > idx.length) return INVALID;
    switch (tag) {
      case 8:
        return value.length === 3 ? locationAt(idx, s, e) : INVALID;
      case 0: {
        const v = value[3];
        if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return INVALID;
        const n = new ScalarNode(s, e, idx, v);
        return withAnchor(n, value, 4);
      }
      case 1:
        return withAnchor(new MapNode(s, e, idx), value, 3);
      case 2:
        return withAnchor(new SeqNode(s, e, idx), value, 3);
      case 3: {
        if (typeof value[3] !== 'string' || value.length > 5) return INVALID;
        const n = new AliasNode(s, e, idx, value[3]);
        if (value.length === 5) {
          const t = revive(value[4], idx, depth + 1);
          if (!isNode(t) || t.kind === 'alias') return INVALID;
          n.target = t;
        }
        return n;
      }
      case 4:
      case 5: {
        const keyText = value[4];
        const v = revive(value[5], idx, depth + 1);
        if (typeof keyText !== 'string' || value.length !== 6 || !isNode(v)) return INVALID;
        let key: unknown;
        if (tag === 5) {
          const ke = value[3];
          key = typeof ke === 'number' && Number.isInteger(ke) && ke >= s && ke <= idx.length ? new ScalarNode(s, ke, idx, keyText) : INVALID;
        } else key = revive(value[3], idx, depth + 1);
        if (!isNode(key)) return INVALID;
        const p = new PairNode(s, e, idx, keyText);
        p.key = key;
        p.value = v;
        return p;
      }
      default:
        return INVALID;
    }
  }
  const rec = value as Record<string, unknown>;
  if (Object.getPrototypeOf(rec) !== Object.prototype) return INVALID;
  for (const k of Object.keys(rec)) {
    // JSON.parse makes `__proto__` an own property; a fact never has one, and setting it would change the prototype.
    if (k === '__proto__') return INVALID;
    const r = revive(rec[k], idx, depth + 1);
    if (r === INVALID) return INVALID;
    rec[k] = r;
  }
  return rec;
}

function isNode(v: unknown): v is YNode {
  return v instanceof ScalarNode || v instanceof MapNode || v instanceof SeqNode || v instanceof AliasNode;
}

function withAnchor(n: ScalarNode | MapNode | SeqNode, value: unknown[], at: number): YNode | typeof INVALID {
  if (value.length === at + 1) {
    if (typeof value[at] !== 'string') return INVALID;
    n.anchor = value[at] as string;
  } else if (value.length !== at) return INVALID;
  return n;
}
