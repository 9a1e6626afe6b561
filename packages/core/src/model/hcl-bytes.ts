import { builtins } from '../builtins.js';
import { checksum, frame, unframe } from './pack-bytes.js';
import type { Comment, Diagnostic, HclAttribute, HclBlock, Location, ParsedFile } from './types.js';

/**
 * The parse cache's form of a Terraform (`.tf`) parse: a small JSON summary — each top-level
 * block's type and labels, the comments and diagnostics — then the whole parse as JSON, decoded
 * only when a rule reads a block's body. The Terraform model indexes blocks by type and label, and
 * rules ask for a few types (network load balancers, Helm releases, namespaces, files), so the
 * bodies of most blocks are never read: at 1,000 apps the 1,000 app files' parses were 6 MB of
 * JSON read on every cached run.
 *
 *   'H' | u32 summary length | u32 summary checksum | summary JSON | body
 *
 * The body is the parse as JSON when JSON gives it back exactly, else in v8's format (an
 * expression's `refs` share objects with its operands).
 *
 * The body's checksum is in the summary and is checked when the file is decoded (a cheap pass over
 * its bytes), so a damaged body is found while the file can still be parsed again, not when a rule
 * first reads it.
 */

const MARK = 0x48; // 'H'

interface Summary {
  /** Each top-level block: [type, labels]. */
  b: [string, string[]][];
  c: Comment[];
  g: Diagnostic[];
  /** The body's length and checksum. */
  k: [number, number];
}

const FILE_KEYS = new Set(['path', 'language', 'hcl', 'comments', 'diagnostics']);

/**
 * The bytes of a `.tf` parse, or undefined for anything else: a `.tfvars` file (its attributes are
 * all read) or a file with top-level attributes. `jsonSafe` says whether JSON gives the parse back
 * exactly.
 */
export function encodeLazyHcl(file: ParsedFile, jsonSafe: (v: unknown) => boolean): Uint8Array | undefined {
  if (file.language !== 'hcl' || !file.hcl || !file.path.endsWith('.tf') || file.hcl.attributes.length > 0) return undefined;
  if (Object.keys(file).some((k) => !FILE_KEYS.has(k))) return undefined;
  const body = jsonSafe(file) ? Buffer.from(JSON.stringify(file), 'utf8') : builtins.v8().serialize(file);
  const summary: Summary = { b: file.hcl.blocks.map((b) => [b.type, b.labels]), c: file.comments, g: file.diagnostics, k: [body.length, checksum(body, 0, body.length)] };
  return frame(MARK, summary, [body]);
}

export function isLazyHcl(bytes: Uint8Array): boolean {
  return bytes[0] === MARK;
}

const utf8 = new TextDecoder();
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * The file back from {@link encodeLazyHcl}'s bytes; its blocks' bodies are decoded on first read.
 * Throws when the bytes are not well formed or fail a checksum.
 */
export function decodeLazyHcl(bytes: Uint8Array, path: string): ParsedFile {
  const framed = unframe(bytes, MARK);
  const sum = framed.summary as Partial<Summary>;
  const at = framed.rest;
  if (!Array.isArray(sum.b) || !Array.isArray(sum.c) || !Array.isArray(sum.g) || !Array.isArray(sum.k)) throw new Error('malformed summary');
  const [size, sumBody] = sum.k;
  if (size !== bytes.length - at) throw new Error('the body is not the size the summary says');
  if (checksum(bytes, at, bytes.length) !== sumBody) throw new Error('the body does not match its checksum');
  const heads = sum.b;
  let body: HclBlock[] | undefined;
  /** The parse's blocks, decoded once; they must be the blocks the summary lists. */
  const bodies = (): HclBlock[] => {
    if (body) return body;
    const raw = bytes.subarray(at);
    const whole = (raw[0] === 0x7b ? JSON.parse(utf8.decode(raw)) : builtins.v8().deserialize(raw)) as ParsedFile;
    const blocks = whole.hcl?.blocks;
    if (!Array.isArray(blocks) || blocks.length !== heads.length || blocks.some((b, i) => b.type !== heads[i]![0] || b.labels.join('\0') !== heads[i]![1].join('\0'))) {
      throw new Error(`the parse cache's Terraform parse of ${path} does not match its summary; delete the cache file`);
    }
    return (body = blocks);
  };
  const blocks = heads.map((h, i) => {
    if (!Array.isArray(h) || typeof h[0] !== 'string' || !isStrings(h[1])) throw new Error('malformed block');
    return new LazyBlock(path, h[0], h[1], () => bodies()[i]!);
  });
  return { path, language: 'hcl', hcl: { attributes: [], blocks }, comments: sum.c, diagnostics: sum.g };
}

/** A top-level block whose type and labels are known up front and whose body is decoded on first read. */
class LazyBlock implements HclBlock {
  #body: () => HclBlock;
  constructor(
    readonly file: string,
    readonly type: string,
    readonly labels: string[],
    body: () => HclBlock,
  ) {
    this.#body = body;
  }
  get attributes(): HclAttribute[] {
    return this.#body().attributes;
  }
  get blocks(): HclBlock[] {
    return this.#body().blocks;
  }
  get headerLoc(): Location {
    return this.#body().headerLoc;
  }
  get loc(): Location {
    return this.#body().loc;
  }
}
