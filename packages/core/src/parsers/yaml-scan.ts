import { CST } from 'yaml';
import type { Comment, YamlDocument, YNode } from '../model/types.js';
import { locationAt, type LineIndex } from '../model/positions.js';
import { AliasNode, MapNode, PairNode, ScalarNode, SeqNode } from '../model/nodes.js';
import { giveUp, resolvePlain } from './yaml-fast.js';

/**
 * A one-pass scanner from text to the model for the block YAML that manifests are written in,
 * without yaml's lexer, parser or CST: block maps and sequences (a sequence may sit at its key's
 * indentation), plain scalars (on several lines too), one-line quoted scalars, literal and folded
 * block scalars (clip or strip), `[]`/`{}` and one-line flow sequences of scalars, anchors on
 * values and aliases to them, comments and `---`. Scalar values come from
 * yaml's own resolution (`resolvePlain`, `CST.resolveAsScalar`), and every range is the one yaml's
 * Composer gives (the tests hold the two equal on every YAML file of the corpus and on generated
 * and fuzzed input).
 *
 * It gives up ({@link giveUp}) on anything else: tabs, CR, control characters, directives, `...`,
 * anchors on keys or empty values, unknown or far-expanding aliases, tags, explicit keys,
 * multi-line quoted scalars, keep chomping and
 * indentation indicators, other flow collections, duplicate keys, comment lines after a document's
 * last content, and anything yaml would report. Those files take the CST path (yaml-fast.ts) or
 * yaml's Composer. The lexer and parser are about half of the time yaml needs for a file, and far
 * more of it while the code is still cold, as in a short run.
 */

/** Text the scanner never takes: tabs, CR, control and special line-break characters, BOMs, `%` and `...` lines. */
const OUTSIDE = /[\t\r\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]|^%|^\.\.\./m;

/** How deep collections may nest here (the Composer's path has its own limit and message). */
const MAX_DEPTH = 100;
/**
 * yaml reports a `:` more than 1,024 characters after the start of its implicit key. That start is
 * the key itself, except after an empty value that ends a nested collection: then it is that empty
 * value, and the lines between count too. Keys whose colon is this far from there are left to it.
 */
const MAX_KEY_SPAN = 1000;

const NL = 10;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

interface Scan {
  text: string;
  len: number;
  idx: LineIndex;
  comments: Comment[] | undefined;
  /** Start of the current line (block level). */
  pos: number;
  /** Indentation of the content line at `pos`; -1 at the end of the text, -2 at a `---` line. */
  ind: number;
  /** Where the last line holding content ends (its newline, or the end of the text). */
  contentEnd: number;
  depth: number;
  /** Anchors of the current document, each registered once its node is complete. */
  anchors: Map<string, YNode>;
  /** Whether the current document holds an alias (its expansion is then checked). */
  aliases: boolean;
  /** Where the last empty value was put, until a value with content comes after it; else -1. */
  emptyAt: number;
}

/** What the scanner makes: nodes that know their own range (`endOffset`). */
type Node = ScalarNode | MapNode | SeqNode | AliasNode;

/**
 * Scan a whole YAML text; undefined when any part of it is outside the scanner's subset (the
 * caller then parses the file with yaml). Comments are collected only when `withComments`.
 */
export function scanYaml(
  text: string,
  idx: LineIndex,
  withComments: boolean,
  maxExpansion: number,
): { documents: YamlDocument[]; comments: Comment[] } | undefined {
  if (text.length === 0 || OUTSIDE.test(text)) return undefined;
  const comments: Comment[] = [];
  const s: Scan = { text, len: text.length, idx, comments: withComments ? comments : undefined, pos: 0, ind: 0, contentEnd: 0, depth: 0, anchors: new Map(), aliases: false, emptyAt: -1 };
  const documents: YamlDocument[] = [];
  try {
    nextLine(s);
    while (s.ind !== -1) {
      let start: number;
      if (s.ind === -2) {
        start = s.pos;
        lineEnd(s, start + 3);
        nextLine(s);
        if (s.ind < 0) {
          // An empty document: yaml puts a comment written after its `---` inside it.
          if (hasCommentBetween(s, start + 3, s.pos)) giveUp();
          documents.push({ index: documents.length, loc: locationAt(idx, start, start + 3) });
          continue;
        }
      } else {
        if (documents.length > 0) giveUp(); // cannot happen: a document runs to the next `---`
        start = s.pos + s.ind;
      }
      if (s.ind !== 0) giveUp();
      s.anchors.clear();
      s.aliases = false;
      s.emptyAt = -1;
      const root = block(s, 0);
      if (s.aliases && expandsTooFar(root, maxExpansion)) giveUp(); // yaml.ts reports it
      if (s.ind >= 0) giveUp(); // content after the root at its indentation (yaml reports it)
      // The document ends after its last content; comment lines after it are yaml's to place.
      let end = s.pos;
      while (end > start && isWhite(text.charCodeAt(end - 1))) end--;
      if (end > s.contentEnd) giveUp();
      documents.push({ index: documents.length, loc: locationAt(idx, start, end), root });
    }
  } catch {
    return undefined;
  }
  return documents.length > 0 ? { documents, comments } : undefined;
}

/**
 * Whether a document's aliases would expand it by more than `max` nodes, counted as the Composer's
 * path counts them (parsers/yaml.ts): a collection is one node plus its keys and values, an alias is
 * the size of its target, and the nulls of empty map values count in sizes but not as written.
 */
function expandsTooFar(root: YNode, max: number): boolean {
  const sizes = new Map<YNode, number>();
  let written = 0;
  const size = (node: YNode, emptyValue = false): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (!emptyValue) written++;
    let n = 1;
    if (node.kind === 'alias') n = size(node.target!);
    else if (node.kind === 'map') for (const p of node.pairs) n = Math.min(1e15, n + size(p.key) + size(p.value, isEmptyValue(p.value)));
    else if (node.kind === 'seq') for (const i of node.items) n = Math.min(1e15, n + size(i));
    sizes.set(node, n);
    return n;
  };
  // An alias node is written once; its target's nodes are counted where the target is written.
  const total = size(root);
  // Half the limit: near it, the Composer's path decides (its count is the one that reports).
  return total - written > max / 2;
}

/** The null the scanner puts for an empty map value (zero-width, at its key's end). */
function isEmptyValue(node: YNode): boolean {
  return node instanceof ScalarNode && node.value === null && node.startOffset === node.endOffset;
}

function isWhite(c: number): boolean {
  return c === SPACE || c === NL;
}

/** Whether a `#` starts a comment between two offsets (only blank and comment lines lie there). */
function hasCommentBetween(s: Scan, from: number, to: number): boolean {
  return s.text.slice(from, to).includes('#');
}

/**
 * Move `s.pos` to the start of the next line with content, collecting comment lines on the way,
 * and set `s.ind`. `s.pos` is at a line start on entry.
 */
function nextLine(s: Scan): void {
  const { text, len } = s;
  let p = s.pos;
  while (p < len) {
    let i = p;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i === len) break;
    const c = text.charCodeAt(i);
    if (c === NL) {
      p = i + 1;
      continue;
    }
    if (c === HASH) {
      p = comment(s, i) + 1;
      continue;
    }
    s.pos = p;
    if (i === p && c === DASH && text.startsWith('---', p)) {
      const after = text.charCodeAt(p + 3);
      if (p + 3 === len || after === SPACE || after === NL) {
        s.ind = -2;
        return;
      }
      giveUp(); // `---text` at the start of a line
    }
    s.ind = i - p;
    return;
  }
  s.pos = len;
  s.ind = -1;
}

/** Collect the comment starting at `at` (its `#`); returns the offset of its line's end. */
function comment(s: Scan, at: number): number {
  let eol = s.text.indexOf('\n', at);
  if (eol < 0) eol = s.len;
  s.comments?.push({ text: s.text.slice(at + 1, eol).trim(), loc: locationAt(s.idx, at, eol) });
  return eol;
}

/**
 * After a value that ends at `p`: spaces, an optional comment after at least one space, then the
 * line's end. Moves `s.pos` to the next line and records where this content line ends.
 */
function lineEnd(s: Scan, p: number): void {
  const { text } = s;
  let i = p;
  while (text.charCodeAt(i) === SPACE) i++;
  if (i < s.len && text.charCodeAt(i) === HASH) {
    if (i === p) giveUp(); // yaml wants white space before a comment
    i = comment(s, i);
  }
  if (i < s.len && text.charCodeAt(i) !== NL) giveUp();
  s.contentEnd = i;
  s.pos = Math.min(i + 1, s.len);
}

/**
 * The block collection with indentation (column) `n` whose first entry starts at `at`: at `s.pos + n`
 * on its own line, or after `- ` for a map in a sequence item.
 */
function block(s: Scan, n: number, at = s.pos + n): MapNode | SeqNode {
  if (++s.depth > MAX_DEPTH) giveUp();
  const out = isSeqItem(s, at) ? blockSeq(s, n) : blockMap(s, n, at);
  s.depth--;
  return out;
}

/** Whether a `-` at `at` starts a sequence item (it is followed by a space, a line end or the end). */
function isSeqItem(s: Scan, at: number): boolean {
  if (s.text.charCodeAt(at) !== DASH) return false;
  const c = s.text.charCodeAt(at + 1);
  return at + 1 === s.len || c === SPACE || c === NL;
}

function blockSeq(s: Scan, n: number): SeqNode {
  const start = s.pos + n;
  const out = new SeqNode(start, start, s.idx);
  let end = start;
  for (;;) {
    const item = afterIndicator(s, s.pos + n + 1, n, false, -1);
    out.items.push(item);
    end = Math.max(end, item.endOffset);
    if (s.ind !== n || !isSeqItem(s, s.pos + n)) break;
  }
  if (s.ind > n) giveUp();
  out.setRange(start, end);
  return out;
}

/**
 * A block map with indentation (column) `n`, whose first key starts at `first` (at `s.pos + n`
 * for a map on its own lines, or after `- ` for a map inside a sequence item).
 */
function blockMap(s: Scan, n: number, first: number): MapNode {
  const out = new MapNode(first, first, s.idx);
  const seen = new Set<unknown>();
  let end = first;
  let at = first;
  for (;;) {
    const key = scanKey(s, at);
    const kv = key.value;
    if (seen.has(kv)) giveUp(); // a duplicate key is yaml's to report
    seen.add(kv);
    const value = afterIndicator(s, key.endOffset + 1, n, true, key.endOffset);
    const pair = new PairNode(at, Math.max(key.endOffset, value.endOffset), s.idx, kv === null ? '' : String(kv));
    pair.key = key;
    pair.value = value;
    out.pairs.push(pair);
    end = Math.max(end, pair.endOffset);
    if (s.ind !== n) break;
    at = s.pos + n;
    if (isSeqItem(s, at)) giveUp(); // a sequence item among the keys
  }
  if (s.ind > n) giveUp();
  out.setRange(first, end);
  return out;
}

/** Whether the `:` at `i` is a mapping value indicator (a space, a line end or the end comes after it). */
function isValueIndicator(s: Scan, i: number): boolean {
  const next = s.text.charCodeAt(i + 1);
  return i + 1 === s.len || next === SPACE || next === NL;
}

/**
 * Where the implicit key starting at `at` ends (at its `:`), or -1 when the line holds no key there:
 * a quoted key on one line directly followed by the indicator, or a plain key up to the first `:`
 * that is one (before any comment or the line's end).
 */
function implicitKeyEnd(s: Scan, at: number): number {
  const { text } = s;
  const c = text.charCodeAt(at);
  if (c === 0x22 || c === 0x27) {
    const end = quotedEnd(s, at);
    return text.charCodeAt(end) === COLON && isValueIndicator(s, end) ? end : -1;
  }
  if (!plainStart(s, at)) return -1;
  for (let i = at; i < s.len; i++) {
    const ch = text.charCodeAt(i);
    if (ch === NL) return -1;
    if (ch === COLON) {
      if (isValueIndicator(s, i)) return i;
    } else if (ch === SPACE && text.charCodeAt(i + 1) === HASH) return -1;
  }
  return -1;
}

/** The implicit key at `at` (see {@link implicitKeyEnd}); gives up on a line without one. */
function scanKey(s: Scan, at: number): ScalarNode {
  const { text } = s;
  const end = implicitKeyEnd(s, at);
  if (end < 0) giveUp(); // a scalar on its own line, where a key belongs
  if (end - (s.emptyAt >= 0 ? s.emptyAt : at) > MAX_KEY_SPAN) giveUp();
  const c = text.charCodeAt(at);
  if (c === 0x22 || c === 0x27) return quoted(s, at, end);
  if (text.charCodeAt(end - 1) === SPACE) giveUp(); // white space before the colon
  const source = text.slice(at, end);
  if (source === '<<') giveUp(); // merge keys: the Composer's path applies them
  return new ScalarNode(at, end, s.idx, resolvePlain(source));
}

/** Whether a plain scalar may start at `at` (not with an indicator, except `-?:` before a non-space). */
function plainStart(s: Scan, at: number): boolean {
  const c = s.text.charCodeAt(at);
  switch (c) {
    case DASH:
    case 0x3f: // ?
    case COLON: {
      const next = s.text.charCodeAt(at + 1);
      return at + 1 < s.len && next !== SPACE && next !== NL;
    }
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case SPACE:
    case NL:
      return false;
    default:
      return at < s.len;
  }
}

/**
 * The value after a `:` (in a map, `inMap`) or a `-` (in a sequence) at `q - 1`, for a collection
 * with indentation `n`: on the same line, on the lines below (more indented, or a sequence at a
 * map's indentation), or empty. `keyEnd` is where an empty map value is put. On return `s.pos` is
 * at the next content line and `s.ind` its indentation.
 */
function afterIndicator(s: Scan, q: number, n: number, inMap: boolean, keyEnd: number): Node {
  const { text } = s;
  let r = q;
  while (text.charCodeAt(r) === SPACE) r++;
  let c = text.charCodeAt(r);
  let anchor: string | undefined;
  if (c === 0x26) {
    // `&name`: registered on the value once it is complete (so an alias inside it is unknown here).
    const end = nameEnd(s, r + 1);
    anchor = text.slice(r + 1, end);
    if (s.anchors.has(anchor) || end === r + 1) giveUp(); // anchors used twice: the Composer's path
    if (end < s.len && text.charCodeAt(end) !== SPACE && text.charCodeAt(end) !== NL) giveUp();
    r = end;
    while (text.charCodeAt(r) === SPACE) r++;
    c = text.charCodeAt(r);
  }
  const out = valueAt(s, r, c, n, inMap, keyEnd, anchor !== undefined);
  if (anchor !== undefined) {
    if (out instanceof AliasNode) giveUp(); // cannot happen: valueAt gives up on an anchored alias
    out.anchor = anchor;
    s.anchors.set(anchor, out);
  }
  return out;
}

/** Where an anchor or alias name starting at `at` ends (names here: letters, digits, `_`, `-`, `.`). */
function nameEnd(s: Scan, at: number): number {
  let i = at;
  for (;;) {
    const c = s.text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DASH || c === 0x2e) i++;
    else return i;
  }
}

/** The value starting at `r` (its first character `c`), after any anchor; see {@link afterIndicator}. */
function valueAt(s: Scan, r: number, c: number, n: number, inMap: boolean, keyEnd: number, anchored: boolean): Node {
  const { text } = s;
  if (r === s.len || c === NL || c === HASH) {
    lineEnd(s, c === HASH ? r - 1 : r); // a space always comes before the comment here
    nextLine(s);
    if (s.ind > n || (inMap && s.ind === n && isSeqItem(s, s.pos + n))) return block(s, s.ind);
    // Empty: a null at the key's end, or (in a sequence) after the `-` and the spaces after it.
    if (anchored) giveUp(); // an anchored empty value is kept as a node by the Composer's path
    const at = inMap ? keyEnd : r;
    s.emptyAt = at;
    return new ScalarNode(at, at, s.idx, null);
  }
  s.emptyAt = -1;
  let out: Node;
  if (c === 0x7c || c === 0x3e) return blockScalar(s, r, n);
  if (c === 0x2a) {
    if (anchored) giveUp();
    const end = nameEnd(s, r + 1);
    const name = text.slice(r + 1, end);
    const target = s.anchors.get(name);
    if (target === undefined) giveUp(); // unknown (or recursive) aliases are reported by yaml.ts
    out = new AliasNode(r, end, s.idx, name);
    out.target = target;
    s.aliases = true;
  } else if (c === 0x22 || c === 0x27) out = quoted(s, r, quotedEnd(s, r));
  else if (c === 0x5b || c === 0x7b) out = flow(s, r);
  else if (!inMap && isSeqItem(s, r)) giveUp(); // `- - x`
  else if (!inMap && implicitKeyEnd(s, r) >= 0) {
    if (anchored) giveUp(); // `- &a key: value`
    return block(s, r - lineStart(s, r), r); // `- key: value`: a map whose column is the key's
  } else out = plain(s, r, n);
  lineEnd(s, out.endOffset);
  nextLine(s);
  if (s.ind > n) giveUp(); // a plain scalar going on below, or content indented under a scalar
  return out;
}

function lineStart(s: Scan, at: number): number {
  return s.text.lastIndexOf('\n', at - 1) + 1;
}

/**
 * A plain scalar in block context at `at`, in a collection with indentation `n`. It goes on over
 * the lines below that are indented past `n` (empty lines between them fold to line breaks).
 */
function plain(s: Scan, at: number, n: number): ScalarNode {
  const { text, len } = s;
  if (!plainStart(s, at)) giveUp();
  let end = plainLine(s, at);
  let lines = 1;
  // Continuation lines: after empty lines, indented past n, not a comment, not ending in a comment.
  while (end >= 0) {
    let p = text.indexOf('\n', end);
    if (p < 0) break;
    p++;
    while (text.charCodeAt(p) === NL) p++;
    let k = 0;
    while (text.charCodeAt(p + k) === SPACE) k++;
    const c = text.charCodeAt(p + k);
    if (p + k >= len || k <= n || c === HASH) break;
    if (c === NL || !plainStart(s, p + k)) giveUp(); // a line of spaces, or one starting with an indicator
    end = plainLine(s, p + k);
    lines++;
  }
  end = Math.abs(end);
  if (lines === 1) return new ScalarNode(at, end, s.idx, resolvePlain(text.slice(at, end)));
  const r = CST.resolveAsScalar({ type: 'scalar', offset: at, indent: n, source: text.slice(at, end), end: [] }, true, giveUp);
  if (r === null) giveUp();
  return new ScalarNode(at, end, s.idx, resolvePlain(r.value));
}

/**
 * One line of a plain scalar from `at`: where its text ends (trailing spaces excluded), negated
 * when a comment follows it on the line (the scalar cannot go on after a comment).
 */
function plainLine(s: Scan, at: number): number {
  const { text } = s;
  let end = at;
  for (let i = at; i < s.len; i++) {
    const ch = text.charCodeAt(i);
    if (ch === NL) break;
    if (ch === SPACE) {
      if (text.charCodeAt(i + 1) === HASH) return -end;
      continue;
    }
    if (ch === COLON && isValueIndicator(s, i)) giveUp(); // a key where a value belongs
    end = i + 1;
  }
  return end;
}

/** Where the one-line quoted scalar starting at `at` ends (after its closing quote). */
function quotedEnd(s: Scan, at: number): number {
  const { text } = s;
  const quote = text.charCodeAt(at);
  for (let i = at + 1; i < s.len; i++) {
    const ch = text.charCodeAt(i);
    if (ch === NL) break;
    if (quote === 0x22 && ch === 0x5c) {
      if (text.charCodeAt(i + 1) === NL) break; // an escaped line break: the scalar goes on below
      i++; // an escape: the next character is never the closing quote
      continue;
    }
    if (ch === quote) {
      if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27) {
        i++; // '' inside single quotes
        continue;
      }
      return i + 1;
    }
  }
  return giveUp(); // unclosed on this line
}

/** A quoted scalar from `at` to `end`, with yaml's own unescaping. */
function quoted(s: Scan, at: number, end: number): ScalarNode {
  const token = {
    type: s.text.charCodeAt(at) === 0x22 ? ('double-quoted-scalar' as const) : ('single-quoted-scalar' as const),
    offset: at,
    indent: 0,
    source: s.text.slice(at, end),
    end: [],
  };
  const r = CST.resolveAsScalar(token, true, giveUp);
  if (r === null) giveUp();
  return new ScalarNode(at, end, s.idx, r.value);
}

/** `[]`, `{}`, or a one-line flow sequence of plain and quoted scalars. */
function flow(s: Scan, at: number): MapNode | SeqNode {
  const { text } = s;
  const open = text.charCodeAt(at);
  const close = open === 0x5b ? 0x5d : 0x7d;
  let i = at + 1;
  while (text.charCodeAt(i) === SPACE) i++;
  if (text.charCodeAt(i) === close) {
    return open === 0x5b ? new SeqNode(at, i + 1, s.idx) : new MapNode(at, i + 1, s.idx);
  }
  if (open !== 0x5b) giveUp(); // flow maps with content
  const out = new SeqNode(at, at, s.idx);
  for (;;) {
    const c = text.charCodeAt(i);
    let item: ScalarNode;
    if (c === 0x22 || c === 0x27) {
      const end = quotedEnd(s, i);
      item = quoted(s, i, end);
      i = end;
    } else {
      if (!plainStart(s, i) || c === 0x3f || c === COLON) giveUp();
      if (c === DASH && isFlowIndicator(text.charCodeAt(i + 1))) giveUp(); // `-` alone is no plain scalar in flow
      const from = i;
      let end = i;
      for (; i < s.len; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 0x2c || ch === 0x5d) break;
        if (ch === NL || ch === COLON || ch === HASH || ch === 0x5b || ch === 0x7b || ch === 0x7d) giveUp();
        if (ch !== SPACE) end = i + 1;
      }
      item = new ScalarNode(from, end, s.idx, resolvePlain(text.slice(from, end)));
    }
    out.items.push(item);
    while (text.charCodeAt(i) === SPACE) i++;
    const sep = text.charCodeAt(i);
    if (sep === 0x5d) break;
    if (sep !== 0x2c) giveUp();
    i++;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) === 0x5d) giveUp(); // a trailing comma
  }
  out.setRange(at, i + 1);
  return out;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/**
 * A literal or folded block scalar whose header is at `at`, in a collection with indentation `n`:
 * clip or strip chomping, no indentation indicator, content indented past `n`, no lines of spaces.
 */
function blockScalar(s: Scan, at: number, n: number): ScalarNode {
  const { text, len } = s;
  let h = at + 1;
  if (text.charCodeAt(h) === DASH) h++;
  const props: CST.SourceToken[] = [{ type: 'block-scalar-header', offset: at, indent: n, source: text.slice(at, h) }];
  let i = h;
  while (text.charCodeAt(i) === SPACE) i++;
  if (i > h) props.push({ type: 'space', offset: h, indent: n, source: text.slice(h, i) });
  if (i < len && text.charCodeAt(i) === HASH && i > h) {
    const eol = comment(s, i);
    props.push({ type: 'comment', offset: i, indent: n, source: text.slice(i, eol) });
    i = eol;
  }
  if (text.charCodeAt(i) !== NL) giveUp(); // `+`, an indentation indicator, text after the header, or the end
  props.push({ type: 'newline', offset: i, indent: n, source: '\n' });
  const bodyStart = i + 1;
  // The content's indentation is the first content line's; empty lines may come before it.
  let p = bodyStart;
  while (text.charCodeAt(p) === NL) p++;
  let m = 0;
  while (text.charCodeAt(p + m) === SPACE) m++;
  if (m <= n || p + m >= len || text.charCodeAt(p + m) === NL) giveUp();
  // Content lines are indented at least m; empty lines may sit between them. A line of spaces only,
  // or a line less indented than m, ends nothing safely here (yaml has rules for each): give up on
  // the first, and end the scalar before the second.
  let bodyEnd = p;
  let lastChar = p;
  while (p < len) {
    let k = 0;
    while (text.charCodeAt(p + k) === SPACE) k++;
    const c = text.charCodeAt(p + k);
    if (p + k === len) {
      if (k > 0) giveUp();
      break;
    }
    if (c === NL) {
      if (k > 0) giveUp();
      p += 1;
      continue;
    }
    if (k < m) break;
    let eol = text.indexOf('\n', p + k);
    if (eol < 0) eol = len;
    lastChar = eol;
    bodyEnd = Math.min(eol + 1, len);
    p = bodyEnd;
  }
  while (isWhite(text.charCodeAt(lastChar - 1))) lastChar--;
  const token: CST.BlockScalar = { type: 'block-scalar', offset: at, indent: n, props, source: text.slice(bodyStart, bodyEnd) };
  const r = CST.resolveAsScalar(token, true, giveUp);
  if (r === null) giveUp();
  s.contentEnd = bodyEnd === len && text.charCodeAt(len - 1) !== NL ? len : bodyEnd - 1;
  s.pos = bodyEnd;
  nextLine(s);
  if (s.ind > n) giveUp();
  return new ScalarNode(at, lastChar, s.idx, r.value);
}
