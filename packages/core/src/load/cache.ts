import fs from 'node:fs';
import path from 'node:path';
import { builtins } from '../builtins.js';
import { decodeLazyHcl, encodeLazyHcl, isLazyHcl } from '../model/hcl-bytes.js';
import { decodePackedYaml, encodePackedYaml, isPackedYaml } from '../model/pack-bytes.js';
import type { ParsedFile } from '../model/types.js';

/** One cached parse. */
export interface CacheEntry {
  /** Content hash of the decoded text that was parsed. */
  hash: string;
  /** Size and modification time when it was parsed: unchanged ones skip reading and hashing. */
  size: number;
  mtimeMs: number;
  /** Whether the path was under a chart's `templates/` when parsed (a Chart.yaml added or removed changes the parse). */
  inChart: boolean;
  /** The parse: plain data, so v8.serialize keeps it whole (shared YAML alias targets included). */
  parsed: ParsedFile;
  /** Facts rules derived from the file's documents (model/facts.ts), as JSON; absent when none. */
  facts?: string;
}

/** What the cache knows of a file without deserializing its parse. */
export type CacheStamp = Omit<CacheEntry, 'parsed' | 'facts'>;

/** The parse cache behind `--cache`. Only parses are cached, never diagnostics: rules always run over the whole model. */
export interface ParseCache {
  /** The stamp of a path's entry (hash, size, mtime, chart state), if the loaded file had one; cheap. */
  stamp(path: string): CacheStamp | undefined;
  /**
   * The cached parse of a path; undefined when there is none or its bytes do not deserialize (then it
   * is dropped). `reparse` parses the file again, for a YAML tree whose stored table turns out
   * unreadable only when a rule reads it (tables are decoded lazily).
   */
  parsed(path: string, reparse?: (path: string) => ParsedFile | undefined): ParsedFile | undefined;
  /** The facts stored with a path's entry (JSON), if any. */
  facts(path: string): string | undefined;
  /** Store a file's facts with its entry (kept or fresh) in the next file; nothing when the file has no entry. */
  setFacts(path: string, facts: string): void;
  /** Keep an entry that was reused as it is; with `stamp`, under a new size and mtime (a touched file whose content hashed the same). */
  keep(path: string, stamp?: Pick<CacheStamp, 'size' | 'mtimeMs'>): void;
  /** Record a fresh entry. */
  set(path: string, entry: CacheEntry): void;
  /** Leave an entry out of the next file (its stored bytes turned out unreadable after it was kept). */
  drop(path: string): void;
  /** Write the kept and fresh entries (files that disappeared are dropped). Never throws. Returns false when nothing changed, so nothing was written. */
  save(): boolean;
  /** Why the file on disk was not used, when it was not ('' when it was, or when there was none). */
  readonly rejected: string;
}

const MAGIC = 'infralint-parse-cache';

/**
 * An entry as stored: the parse is kept serialized on its own, so that entries reused as they are
 * go back to disk as bytes, without being serialized again (a whole cache of 12,000 files took
 * 0.35 s to serialize on every run that changed one file).
 */
interface StoredEntry extends Omit<CacheEntry, 'parsed'> {
  blob: Uint8Array;
}

/**
 * The file: entries as [path, hash, size, mtimeMs, inChart, byte length, facts ('' for none)] and their serialized parses
 * one after the other in a single buffer (one allocation to read, where 12,000 separate byte arrays
 * cost as much again in garbage collection).
 */
interface StoredFile {
  magic: string;
  key: string;
  /** This file's generation (a random id), which a delta file names as its `base`. */
  generation?: string;
  entries: [string, string, number, number, boolean, number, string][];
  blobs: Uint8Array;
}

/**
 * Beside the cache file, the changes since it was written: a run that changes a few files writes
 * only those (the whole file is 30 MB for 12,000 files, and writing it was a tenth of a cached run).
 * It names the generation of the file it applies to, and is folded into a new file once it holds
 * more than an eighth of the entries. Losing it is harmless: entries are only ever reused after
 * their file's size and mtime, or content hash, are checked again.
 */
const DELTA_MAGIC = 'infralint-parse-cache-delta';
const DELTA_SHARE = 1 / 8;

interface StoredDelta extends Omit<StoredFile, 'generation'> {
  /** The generation of the cache file it applies to. */
  base: string;
  /** Paths whose entries the file has but the cache no longer does. */
  removed: string[];
}

/** A cache or delta file's bytes, or why there are none. */
export type CacheRead = Buffer | 'missing' | 'unreadable';

/** The cache file and its delta, as read ahead by {@link prefetchCache}. */
export interface CacheBytes {
  main: CacheRead;
  delta: CacheRead;
}

/** The largest file one read can fill (Node's limit for a single read and buffer). */
const MAX_READ = 2 ** 31 - 1;

/**
 * Read the cache file and its delta on libuv's thread pool, so that the read (30 MB for 12,000
 * files) overlaps the discovery walk instead of following it. Never rejects, and never waits on a
 * FIFO or device put at the cache's path.
 */
export function prefetchCache(location: string): Promise<CacheBytes> {
  return Promise.all([readWhole(location), readWhole(`${location}.delta`)]).then(([main, delta]) => ({ main, delta }));
}

/**
 * A whole regular file in one read request where the system allows it. `fs.readFile` reads 512 KB
 * per request and needs an event-loop turn between requests, which a synchronous walk never gives.
 */
function readWhole(file: string): Promise<CacheRead> {
  // Opened and sized here (microseconds), so that the read itself is on the thread pool before the
  // caller's synchronous walk starts: callbacks for the open and fstat would wait for the walk to end.
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return Promise.resolve((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable');
  }
  return new Promise((resolve) => {
    const done = (read: CacheRead) => fs.close(fd, () => resolve(read));
    let size: number;
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.size > MAX_READ) return done('unreadable');
      size = st.size;
    } catch {
      return done('unreadable');
    }
    const buf = Buffer.allocUnsafe(size);
    const more = (at: number): void => {
      if (at >= buf.length) return done(buf);
      fs.read(fd, buf, at, buf.length - at, at, (err, n) => (err || n === 0 ? done('unreadable') : more(at + n)));
    };
    more(0);
  });
}

/** {@link readWhole}, synchronously (for a cache opened without reading ahead). */
function readWholeSync(file: string): CacheRead {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const st = fs.fstatSync(fd);
    return st.isFile() && st.size <= MAX_READ ? fs.readFileSync(fd) : 'unreadable';
  } catch {
    return 'unreadable';
  } finally {
    fs.closeSync(fd);
  }
}

/** A cache or delta file's entries, or why it is not used. */
function readStored(bytes: Buffer, magic: string, key: string): { data: Partial<StoredFile & StoredDelta>; entries: Map<string, StoredEntry> } | string {
  let data: Partial<StoredFile & StoredDelta> | undefined;
  try {
    data = builtins.v8().deserialize(bytes) as Partial<StoredFile & StoredDelta> | undefined;
  } catch {
    return 'corrupt or truncated';
  }
  if (!data || data.magic !== magic) return 'not an infralint cache file';
  if (data.key !== key) return 'written by another version or build of infralint, or other parsers';
  const entries = entriesOf(data);
  return entries === undefined ? 'malformed entries' : { data, entries };
}

/** Serialize entries into a file atomically (a crash mid-write never leaves a truncated file behind). */
function writeStored(file: string, head: Record<string, unknown>, list: Iterable<[string, StoredEntry | CacheEntry]>): void {
  const entries: StoredFile['entries'] = [];
  const blobs: Uint8Array[] = [];
  for (const [p, e] of list) {
    const blob = 'blob' in e ? e.blob : encodeParse(e.parsed);
    entries.push([p, e.hash, e.size, e.mtimeMs, e.inChart, blob.length, e.facts ?? '']);
    blobs.push(blob);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, builtins.v8().serialize({ ...head, entries, blobs: Buffer.concat(blobs) }));
    fs.renameSync(tmp, file);
  } catch (e) {
    // A folder at the cache's path, say: no temporary file is left behind.
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Open the cache file at `location`. `key` names everything a parse depends on (infralint's and the
 * parsers' versions); a file written under another key, or a corrupt, truncated or foreign file, is
 * ignored and rebuilt, never trusted. An entry whose own bytes do not deserialize is dropped (its file
 * is parsed again).
 */
export function openCache(location: string, key: string, bytes?: CacheBytes): ParseCache {
  const deltaFile = `${location}.delta`;
  let old = new Map<string, StoredEntry>();
  let rejected = '';
  let generation = '';
  /** What the delta file on disk changes (entries, and removals), so a new delta carries it on. */
  const deltaSet = new Set<string>();
  const deltaRemoved = new Set<string>();
  const main = bytes ? bytes.main : readWholeSync(location);
  if (main === 'unreadable') rejected = 'not a readable file: a folder, a special file, too large, or a read error';
  else if (main !== 'missing') {
    const full = readStored(main, MAGIC, key);
    if (typeof full === 'string') rejected = full;
    else {
      old = full.entries;
      generation = typeof full.data.generation === 'string' ? full.data.generation : '';
      const deltaBytes = generation === '' ? 'missing' : bytes ? bytes.delta : readWholeSync(deltaFile);
      const delta = Buffer.isBuffer(deltaBytes) ? readStored(deltaBytes, DELTA_MAGIC, key) : undefined;
      if (delta !== undefined && typeof delta !== 'string' && delta.data.base === generation && Array.isArray(delta.data.removed)) {
        for (const p of delta.data.removed) {
          if (typeof p !== 'string') continue;
          old.delete(p);
          deltaRemoved.add(p);
        }
        for (const [p, e] of delta.entries) {
          old.set(p, e);
          deltaSet.add(p);
        }
      }
    }
  }
  const loaded = new Map(old);
  const next = new Map<string, StoredEntry | CacheEntry>();
  let fresh = 0;
  return {
    rejected,
    // The entry itself (it has the stamp's fields): 12,000 copies were garbage on every cached run.
    stamp: (p) => old.get(p),
    parsed(p, reparse) {
      const e = old.get(p);
      if (!e) return undefined;
      let parsed: ParsedFile;
      try {
        parsed = decodeParse(e.blob, p, reparse);
      } catch {
        old.delete(p);
        return undefined;
      }
      if (!parsed || typeof parsed.path !== 'string' || !Array.isArray(parsed.diagnostics) || !Array.isArray(parsed.comments)) {
        old.delete(p);
        return undefined;
      }
      return parsed;
    },
    facts: (p) => old.get(p)?.facts,
    setFacts: (p, facts) => {
      const e = next.get(p);
      if (!e || e.facts === facts) return;
      next.set(p, { ...e, facts });
      fresh++;
    },
    keep: (p, stamp) => {
      const e = old.get(p);
      if (!e) return;
      if (stamp && (stamp.size !== e.size || stamp.mtimeMs !== e.mtimeMs)) {
        next.set(p, { ...e, ...stamp });
        fresh++;
      } else next.set(p, e);
    },
    set: (p, e) => {
      next.set(p, e);
      fresh++;
    },
    drop: (p) => {
      next.delete(p);
      old.delete(p);
    },
    save() {
      // Every entry reused as it was and none dropped: the files on disk are already this cache.
      if (fresh === 0 && next.size === loaded.size && rejected === '' && fs.existsSync(location)) return false;
      try {
        // What differs from the cache file itself: this run's changes and what the delta already held.
        const changed = [...next].filter(([p, e]) => e !== loaded.get(p) || deltaSet.has(p));
        const removed = new Set([...deltaRemoved].filter((p) => !next.has(p)));
        for (const p of loaded.keys()) if (!next.has(p)) removed.add(p);
        if (rejected === '' && generation !== '' && fs.existsSync(location) && changed.length + removed.size <= next.size * DELTA_SHARE) {
          writeStored(deltaFile, { magic: DELTA_MAGIC, key, base: generation, removed: [...removed] }, changed);
        } else {
          writeStored(location, { magic: MAGIC, key, generation: builtins.crypto().randomUUID() }, next);
          fs.rmSync(deltaFile, { force: true });
        }
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
      return true;
    },
  };
}

/**
 * A parse as bytes. A YAML file whose trees are packed (the cache only ever holds packed trees) is
 * stored in the packed form of model/pack-bytes.ts, whose node tables are decoded only when a rule
 * reads the tree; a `.tf` file in the form of model/hcl-bytes.ts, whose block bodies are decoded
 * only when a rule reads one. Anything else (`.tfvars`; a YAML file that does not fit that form) is
 * stored as JSON when JSON gives it back exactly — JSON reads back in about two thirds of the time
 * of v8.deserialize (1,002 HCL parses: 50 ms against 80) — and otherwise in v8's format, which keeps
 * shared references (an HCL expression's `refs` are its operands' traversals) and every number.
 */
function encodeParse(parsed: ParsedFile): Uint8Array {
  // Each of these turns down anything but the files its form is for.
  const packed = encodePackedYaml(parsed) ?? encodeLazyHcl(parsed, jsonSafe);
  if (packed) return packed;
  return jsonSafe(parsed) ? Buffer.from(JSON.stringify(parsed), 'utf8') : builtins.v8().serialize(parsed);
}

/**
 * Whether JSON gives a value back exactly: plain objects and arrays only, each reached once (no
 * shared or cyclic references), no undefined (a dropped key or a null in an array), and only numbers
 * JSON can write (not NaN, ±Infinity or -0).
 */
export function jsonSafe(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
      continue;
    }
    if (typeof v !== 'object' || seen.has(v)) return false;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype) return false;
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  return true;
}

const utf8 = new TextDecoder();

/** The parse back from {@link encodeParse}'s bytes: packed YAML starts with 'Y', v8's format with its version tag (0xFF), JSON with `{`. */
function decodeParse(blob: Uint8Array, path: string, reparse?: (path: string) => ParsedFile | undefined): ParsedFile {
  if (isPackedYaml(blob)) return decodePackedYaml(blob, path, reparse);
  if (isLazyHcl(blob)) return decodeLazyHcl(blob, path);
  return (blob[0] === 0x7b ? JSON.parse(utf8.decode(blob)) : builtins.v8().deserialize(blob)) as ParsedFile;
}

/**
 * The entries of a cache file, each with a view of its bytes in the shared buffer; undefined when
 * any entry is malformed or the bytes do not add up.
 */
function entriesOf(data: Partial<StoredFile>): Map<string, StoredEntry> | undefined {
  const { entries, blobs } = data;
  if (!Array.isArray(entries) || !(blobs instanceof Uint8Array)) return undefined;
  const out = new Map<string, StoredEntry>();
  let offset = 0;
  for (const e of entries as unknown[]) {
    if (!Array.isArray(e) || e.length !== 7) return undefined;
    const [p, hash, size, mtimeMs, inChart, length, facts] = e as unknown[];
    if (typeof p !== 'string' || typeof hash !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof inChart !== 'boolean' || typeof facts !== 'string') return undefined;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || offset + length > blobs.length) return undefined;
    // A plain view, not a Buffer: Buffer's subarray costs twice as much, 12,000 times a run.
    const entry: StoredEntry = { hash, size, mtimeMs, inChart, blob: new Uint8Array(blobs.buffer, blobs.byteOffset + offset, length) };
    if (facts !== '') entry.facts = facts;
    out.set(p, entry);
    offset += length;
  }
  return offset === blobs.length ? out : undefined;
}
