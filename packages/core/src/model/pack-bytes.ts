import { LazyDocument, type Span } from './pack.js';
import { locationAt, sameAt, type LineIndex } from './positions.js';
import type { Comment, Diagnostic, Location, PackedDocument, ParsedFile, YamlDocument } from './types.js';

/**
 * A packed YAML file as bytes, the form the parse cache stores (see load/cache.ts):
 *
 *   'Y' | summary length | summary checksum | summary (JSON) | node tables (UTF-8 JSON, back to back)
 *
 * (lengths and checksums are uint32, little-endian; checksums are FNV-1a over the bytes).
 *
 * The summary is what every run reads: each document's offsets, its Kubernetes header with offsets
 * for its locations, and the byte length and checksum of each of its node tables; the file's
 * comments, diagnostics and line starts. The node tables stay bytes until a rule reads the tree, and Locations are made when
 * first read. A cached run over 12,000 files decoded 9 MB of JSON into objects before; the summaries
 * are 2.4 MB, and most trees and locations are never asked for. Each table carries its own checksum,
 * checked when it is read: a table changed on disk is never built into a tree (it is parsed again).
 */
const MARK = 0x59; // 'Y'

/**
 * The summary row of one document: index, start and end offsets, then its node tables (the head's
 * byte length and checksum, then each segment's first id, byte length and checksum) and the header,
 * when packed.
 */
type DocRow = [number, number, number] | [number, number, number, number[], HeaderRow | 0];
/** apiVersion, kind, name, namespace (null when not written), header span, name span (-1 when none), annotation keys. */
type HeaderRow = [string, string, string, string | null, number, number, number, number, string[]];

interface Summary {
  d: DocRow[];
  c: Comment[];
  g: Diagnostic[];
  n: number[];
  l: number;
  s?: string;
}

const FILE_KEYS = new Set(['path', 'language', 'documents', 'comments', 'diagnostics', 'lines', 'skipped']);
const HEADER_KEYS = new Set(['apiVersion', 'kind', 'name', 'namespace', 'headerLoc', 'nameLoc', 'annotationKeys']);

/**
 * The bytes of a packed YAML file (from packFile), or undefined when it cannot be stored in this
 * form without loss (a tree that is not packed, a location its offsets do not give, a field this
 * form does not know): the cache then stores it as plain JSON.
 */
export function encodePackedYaml(file: ParsedFile): Uint8Array | undefined {
  if (file.language !== 'yaml' || !file.lines || !file.documents) return undefined;
  if (Object.keys(file).some((k) => !FILE_KEYS.has(k))) return undefined;
  const idx: LineIndex = { file: file.path, lineStarts: file.lines.starts, length: file.lines.length };
  const tables: Buffer[] = [];
  const rows: DocRow[] = [];
  for (const d of file.documents) {
    if (!sameAt(idx, d.loc)) return undefined;
    const at: [number, number, number] = [d.index, d.loc.start.offset, d.loc.end.offset];
    if (!d.packed) {
      if (d.root !== undefined) return undefined;
      rows.push(at);
      continue;
    }
    const segments = d.packed.segments ?? [];
    const bytes = [d.packed.nodes, ...segments.map((g) => g.nodes)].map((t) => Buffer.from(t, 'utf8'));
    tables.push(...bytes);
    const sizes = [bytes[0]!.length, checksum(bytes[0]!, 0, bytes[0]!.length), ...segments.flatMap((g, i) => [g.start, bytes[i + 1]!.length, checksum(bytes[i + 1]!, 0, bytes[i + 1]!.length)])];
    const h = d.packed.header;
    if (!h) {
      rows.push([...at, sizes, 0]);
      continue;
    }
    if (Object.keys(h).some((k) => !HEADER_KEYS.has(k)) || !sameAt(idx, h.headerLoc) || (h.nameLoc && !sameAt(idx, h.nameLoc))) return undefined;
    const name = h.nameLoc ? [h.nameLoc.start.offset, h.nameLoc.end.offset] : [-1, -1];
    rows.push([...at, sizes, [h.apiVersion, h.kind, h.name, h.namespace ?? null, h.headerLoc.start.offset, h.headerLoc.end.offset, name[0]!, name[1]!, [...h.annotationKeys]]]);
  }
  const summary: Summary = { d: rows, c: file.comments, g: file.diagnostics, n: file.lines.starts, l: file.lines.length };
  if (file.skipped !== undefined) summary.s = file.skipped;
  return frame(MARK, summary, tables);
}

/** Bytes before the summary: the mark, its length and its checksum. */
const HEAD = 9;

/**
 * The cache's framing of a parse (packed YAML here, `.tf` in hcl-bytes.ts): a mark byte, the
 * summary's length and checksum (u32 LE each), the summary as JSON, then `rest`.
 */
export function frame(mark: number, summary: unknown, rest: readonly Uint8Array[]): Buffer {
  const json = Buffer.from(JSON.stringify(summary), 'utf8');
  const head = Buffer.alloc(HEAD);
  head[0] = mark;
  head.writeUInt32LE(json.length, 1);
  head.writeUInt32LE(checksum(json, 0, json.length), 5);
  return Buffer.concat([head, json, ...rest]);
}

/** The summary of bytes {@link frame} wrote, and where the rest starts; throws when they are not such bytes or fail the checksum. */
export function unframe(bytes: Uint8Array, mark: number): { summary: unknown; rest: number } {
  if (bytes.length < HEAD || bytes[0] !== mark) throw new Error('not a parse of this form');
  const rest = HEAD + u32(bytes, 1);
  if (rest > bytes.length) throw new Error('truncated');
  if (checksum(bytes, HEAD, rest) !== u32(bytes, 5)) throw new Error('the summary does not match its checksum');
  return { summary: JSON.parse(utf8.decode(bytes.subarray(HEAD, rest))), rest };
}

/** FNV-1a (32 bits) of `bytes[from, to)`. */
export function checksum(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 2 ** 24;

/** Whether bytes are in the form {@link encodePackedYaml} writes. */
export function isPackedYaml(bytes: Uint8Array): boolean {
  return bytes[0] === MARK;
}

const utf8 = new TextDecoder();

/**
 * A node table kept as bytes until it is read, when its checksum is checked (a mismatch throws, and
 * the tree is taken from the file parsed again). The text is not kept: it is parsed once into the
 * tree's table, and a string kept per table would hold every rebuilt tree's JSON for the whole run.
 */
class TableBytes {
  constructor(
    readonly start: number,
    private readonly bytes: Uint8Array,
    private readonly from: number,
    private readonly to: number,
    private readonly sum: number,
  ) {}
  get nodes(): string {
    if (checksum(this.bytes, this.from, this.to) !== this.sum) throw new Error('a node table does not match its checksum');
    return utf8.decode(this.bytes.subarray(this.from, this.to));
  }
}

/**
 * The packed form of a document read from bytes: its tables are located and decoded only when the
 * tree is rebuilt (with rule facts cached, most trees never are; 57,000 table objects made up front
 * cost 4 MB of heap at 1,000 apps).
 */
class PackedBytes implements PackedDocument {
  #segments: TableBytes[] | undefined;
  constructor(
    private readonly bytes: Uint8Array,
    /** Where the document's first table starts. */
    private readonly from: number,
    /** [head length, head checksum, then (first id, length, checksum) per segment]. */
    private readonly sizes: number[],
    readonly header?: NonNullable<PackedDocument['header']>,
  ) {}
  get nodes(): string {
    return new TableBytes(0, this.bytes, this.from, this.from + this.sizes[0]!, this.sizes[1]!).nodes;
  }
  get segments(): TableBytes[] {
    if (this.#segments) return this.#segments;
    const out: TableBytes[] = [];
    let at = this.from + this.sizes[0]!;
    for (let i = 2; i < this.sizes.length; i += 3) {
      const size = this.sizes[i + 1]!;
      out.push(new TableBytes(this.sizes[i]!, this.bytes, at, at + size, this.sizes[i + 2]!));
      at += size;
    }
    return (this.#segments = out);
  }
}

/** A Kubernetes header whose locations are made from their offsets when first read. */
class HeaderAt implements NonNullable<PackedDocument['header']> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  declare readonly namespace?: string;
  readonly annotationKeys: string[];
  #headerLoc: Location | undefined;
  protected readonly row: HeaderRow;
  protected readonly idx: LineIndex;
  constructor(row: HeaderRow, idx: LineIndex) {
    this.apiVersion = row[0];
    this.kind = row[1];
    this.name = row[2];
    if (row[3] !== null) (this as { namespace?: string }).namespace = row[3];
    this.annotationKeys = row[8];
    this.row = row;
    this.idx = idx;
  }
  get headerLoc(): Location {
    return (this.#headerLoc ??= locationAt(this.idx, this.row[4], this.row[5]));
  }
}

/** A header with a `metadata.name` string: it has a `nameLoc` (absent otherwise, as on a parsed object). */
class NamedHeaderAt extends HeaderAt {
  #nameLoc: Location | undefined;
  get nameLoc(): Location {
    return (this.#nameLoc ??= locationAt(this.idx, this.row[6], this.row[7]));
  }
}

const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/**
 * The file back from {@link encodePackedYaml}'s bytes, its documents rebuilt lazily. Throws when
 * the bytes are not well formed (their sizes must add up exactly). `reparse` parses the file again
 * from its text, for a tree whose table turns out unreadable when a rule reads it (it is asked once
 * per such tree, so it should keep its answer).
 */
export function decodePackedYaml(bytes: Uint8Array, path: string, reparse?: (path: string) => ParsedFile | undefined): ParsedFile {
  const framed = unframe(bytes, MARK);
  const sum = framed.summary as Partial<Summary>;
  let at = framed.rest;
  if (!Array.isArray(sum.d) || !Array.isArray(sum.c) || !Array.isArray(sum.g) || !Array.isArray(sum.n) || !isInt(sum.l)) throw new Error('malformed summary');
  const idx: LineIndex = { file: path, lineStarts: sum.n, length: sum.l };
  const documents = sum.d.map((row): YamlDocument => {
    if (!Array.isArray(row) || !isInt(row[0]) || !isInt(row[1]) || !isInt(row[2])) throw new Error('malformed document');
    const span: Span = { start: row[1], end: row[2] };
    if (row.length === 3) return { index: row[0], loc: locationAt(idx, span.start, span.end) };
    const [, , , sizes, h] = row;
    if (!Array.isArray(sizes) || sizes.length % 3 !== 2 || !sizes.every(isInt)) throw new Error('malformed tables');
    const from = at;
    at += sizes[0]!;
    for (let i = 3; i < sizes.length; i += 3) at += sizes[i]!;
    if (at > bytes.length) throw new Error('truncated tables');
    if (h !== 0 && !(Array.isArray(h) && h.length === 9 && Array.isArray(h[8]))) throw new Error('malformed header');
    const packed = new PackedBytes(bytes, from, sizes, h === 0 ? undefined : h[6] < 0 ? new HeaderAt(h, idx) : new NamedHeaderAt(h, idx));
    return new LazyDocument(row[0], span, packed, idx, reparse);
  });
  if (at !== bytes.length) throw new Error('sizes do not add up');
  const file: ParsedFile = { path, language: 'yaml', documents, comments: sum.c, diagnostics: sum.g, lines: { starts: sum.n, length: sum.l } };
  if (typeof sum.s === 'string') file.skipped = sum.s;
  return file;
}
