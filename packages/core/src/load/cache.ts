import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
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
}

/** What the cache knows of a file without deserializing its parse. */
export type CacheStamp = Omit<CacheEntry, 'parsed'>;

/** The parse cache behind `--cache`. Only parses are cached, never diagnostics: rules always run over the whole model. */
export interface ParseCache {
  /** The stamp of a path's entry (hash, size, mtime, chart state), if the loaded file had one; cheap. */
  stamp(path: string): CacheStamp | undefined;
  /** The cached parse of a path; undefined when there is none or its bytes do not deserialize (then it is dropped). */
  parsed(path: string): ParsedFile | undefined;
  /** Keep an entry that was reused as it is; with `stamp`, under a new size and mtime (a touched file whose content hashed the same). */
  keep(path: string, stamp?: Pick<CacheStamp, 'size' | 'mtimeMs'>): void;
  /** Record a fresh entry. */
  set(path: string, entry: CacheEntry): void;
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
 * The file: entries as [path, hash, size, mtimeMs, inChart, byte length] and their serialized parses
 * one after the other in a single buffer (one allocation to read, where 12,000 separate byte arrays
 * cost as much again in garbage collection).
 */
interface StoredFile {
  magic: string;
  key: string;
  entries: [string, string, number, number, boolean, number][];
  blobs: Uint8Array;
}

/**
 * Open the cache file at `location`. `key` names everything a parse depends on (infralint's and the
 * parsers' versions); a file written under another key, or a corrupt, truncated or foreign file, is
 * ignored and rebuilt, never trusted. An entry whose own bytes do not deserialize is dropped (its file
 * is parsed again).
 */
export function openCache(location: string, key: string): ParseCache {
  let old = new Map<string, StoredEntry>();
  let rejected = '';
  if (fs.existsSync(location)) {
    try {
      const data = v8.deserialize(fs.readFileSync(location)) as Partial<StoredFile> | undefined;
      if (!data || data.magic !== MAGIC) rejected = 'not an infralint cache file';
      else if (data.key !== key) rejected = 'written by another version of infralint or its parsers';
      else {
        const entries = entriesOf(data);
        if (entries === undefined) rejected = 'malformed entries';
        else old = entries;
      }
    } catch {
      rejected = 'corrupt or truncated';
    }
  }
  const next = new Map<string, StoredEntry | CacheEntry>();
  let fresh = 0;
  return {
    rejected,
    stamp(p) {
      const e = old.get(p);
      return e && { hash: e.hash, size: e.size, mtimeMs: e.mtimeMs, inChart: e.inChart };
    },
    parsed(p) {
      const e = old.get(p);
      if (!e) return undefined;
      let parsed: ParsedFile;
      try {
        parsed = decodeParse(e.blob);
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
    save() {
      // Every entry reused as it was and none dropped: the file on disk is already this cache.
      if (fresh === 0 && next.size === old.size && rejected === '' && fs.existsSync(location)) return false;
      try {
        const entries: StoredFile['entries'] = [];
        const blobs: Uint8Array[] = [];
        for (const [p, e] of next) {
          const blob = 'blob' in e ? e.blob : encodeParse(e.parsed);
          entries.push([p, e.hash, e.size, e.mtimeMs, e.inChart, blob.length]);
          blobs.push(blob);
        }
        fs.mkdirSync(path.dirname(location), { recursive: true });
        const tmp = `${location}.${process.pid}.tmp`;
        const file: StoredFile = { magic: MAGIC, key, entries, blobs: Buffer.concat(blobs) };
        fs.writeFileSync(tmp, v8.serialize(file));
        fs.renameSync(tmp, location); // atomic: a crash mid-write never leaves a truncated cache behind
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
      return true;
    },
  };
}

/**
 * A parse as bytes. A YAML file's parse is plain JSON data once its trees are packed (the cache only
 * ever holds packed trees: offsets, strings, and numbers JSON cannot hold spelled out), and JSON reads
 * back in about half the time of v8.deserialize; anything else (HCL) keeps v8's format, which keeps
 * shared references and every number.
 */
function encodeParse(parsed: ParsedFile): Uint8Array {
  const plain = parsed.language === 'yaml' && (parsed.documents ?? []).every((d) => d.root === undefined || d.packed !== undefined);
  return plain ? Buffer.from(JSON.stringify(parsed), 'utf8') : v8.serialize(parsed);
}

const utf8 = new TextDecoder();

/** The parse back from {@link encodeParse}'s bytes: v8's format starts with its version tag (0xFF), JSON with `{`. */
function decodeParse(blob: Uint8Array): ParsedFile {
  return (blob[0] === 0x7b ? JSON.parse(utf8.decode(blob)) : v8.deserialize(blob)) as ParsedFile;
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
    if (!Array.isArray(e) || e.length !== 6) return undefined;
    const [p, hash, size, mtimeMs, inChart, length] = e as unknown[];
    if (typeof p !== 'string' || typeof hash !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number' || typeof inChart !== 'boolean') return undefined;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || offset + length > blobs.length) return undefined;
    out.set(p, { hash, size, mtimeMs, inChart, blob: blobs.subarray(offset, offset + length) });
    offset += length;
  }
  return offset === blobs.length ? out : undefined;
}
