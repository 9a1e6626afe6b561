import { statSync, type Stats } from 'node:fs';
import { NOT_A_FILE, readSourceSync } from '../discovery.js';
import type { Diagnostic, ParsedFile } from '../model/types.js';
import { parseSource } from '../parsers/index.js';
import { lineIndex } from '../model/positions.js';
import { packFile } from '../model/pack.js';
import { builtins } from '../builtins.js';

/** One file to load: where it is, and the content hash the cache holds for it, if any. */
export interface LoadJob {
  /** Repo-relative path. */
  path: string;
  /** Absolute path. */
  abs: string;
  /** Content hash of the cached parse; when the file still hashes to it, the cached parse is reused. */
  cachedHash?: string;
}

/** The outcome of loading one file. */
export type LoadOutcome =
  | { kind: 'parsed'; path: string; parsed: ParsedFile; hash?: string; stat?: FileStamp }
  | { kind: 'unchanged'; path: string; hash: string; stat?: FileStamp }
  | { kind: 'error'; path: string; diagnostic: Diagnostic }
  | { kind: 'skipped'; path: string; reason: string };

/** Size and modification time of a file, taken before it is read. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** `fs.statSync`, or undefined when the file is gone or unreadable. */
export function statOf(abs: string): Stats | undefined {
  try {
    return statSync(abs);
  } catch {
    return undefined;
  }
}

/** Content hash of a file's decoded text (sha1 is plenty for change detection and fast). */
export function contentHash(text: string): string {
  return builtins.crypto().createHash('sha1').update(text).digest('base64');
}

/**
 * Read, hash (with `hash`, for the cache) and, unless the cache already has this content, parse one
 * file. Never throws. Requires initHcl(). With `pack`, YAML trees come back packed (model/pack.ts),
 * for a worker's answer or the cache.
 */
export function loadOne(job: LoadJob, charts: ReadonlySet<string>, maxBytes: number, how: { pack: boolean; hash: boolean }): LoadOutcome {
  // For the cache, the stamp is taken before reading: a file saved during the run then looks changed
  // next time (and is read again), never unchanged with an old parse.
  const st = how.hash ? statOf(job.abs) : undefined;
  const stat: FileStamp | undefined = st && { size: st.size, mtimeMs: st.mtimeMs };
  const src = readSourceSync(job.abs, job.path, maxBytes, 'skip');
  if (src === NOT_A_FILE) return { kind: 'skipped', path: job.path, reason: 'not a regular file (a folder, socket or FIFO)' };
  if ('ruleId' in src) return { kind: 'error', path: job.path, diagnostic: src };
  // Hashing is only for the cache.
  const hash = how.hash ? contentHash(src.text) : undefined;
  if (hash !== undefined && job.cachedHash === hash) return stat ? { kind: 'unchanged', path: job.path, hash, stat } : { kind: 'unchanged', path: job.path, hash };
  let parsed = parseSource(job.path, src.text, charts);
  if (how.pack && parsed.language === 'yaml') parsed = packFile(parsed, lineIndex(job.path, src.text).lineStarts, src.text.length);
  if (hash === undefined) return { kind: 'parsed', path: job.path, parsed };
  return stat ? { kind: 'parsed', path: job.path, parsed, hash, stat } : { kind: 'parsed', path: job.path, parsed, hash };
}
