import { CST, Document } from 'yaml';
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import type { Comment, YAlias, YMap, YNode, YScalar, YSeq } from '../model/types.js';
import { locationAt, type LineIndex } from '../model/positions.js';
import { AliasNode, endOf, MapNode, PairNode, ScalarNode, SeqNode, startOf } from '../model/nodes.js';

/**
 * A direct composer from yaml's CST to the model, for the YAML that manifests are written in:
 * block and flow collections, plain, quoted and block scalars, comments, `---`, anchors on values
 * and aliases. It follows yaml's own composer (`resolveBlockMap`, `resolveBlockSeq`,
 * `resolveFlowCollection`, `resolveProps`, `composeDoc`) step for step for those shapes, with
 * yaml's scalar resolution (`CST.resolveAsScalar` and the core schema's tags), and skips building
 * yaml's `Document` and node objects only to convert them again — about half of the parse time.
 *
 * Anything outside that subset, and anything yaml would report (an error or a warning), makes it
 * give up ({@link GiveUp}); the caller then composes the file with yaml's `Composer`, which is the
 * reference. The corpus tests hold both ways to the same result, file by file.
 */

/** Thrown when a token falls outside the subset: compose the file with yaml's Composer instead. */
export class GiveUp extends Error {
  constructor() {
    super('outside the fast subset');
  }
}
const GIVE_UP = new GiveUp();
export function giveUp(): never {
  throw GIVE_UP;
}

/** Options the reference composer is given (parsers/yaml.ts): YAML 1.2 core schema with merge keys. */
const OPTIONS: DocumentOptions & ParseOptions & SchemaOptions = { merge: true };

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve: (value: string, onError: (msg: string) => void, options: unknown) => unknown;
}
let tags: { list: ScalarTag[]; options: unknown } | undefined;
/** The schema's implicit scalar tags and the options they resolve with, exactly as the Composer has them. */
function schemaTags(): { list: ScalarTag[]; options: unknown } {
  if (tags === undefined) {
    const doc = new Document(undefined, OPTIONS);
    const list = (doc.schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test !== undefined);
    tags = { list, options: doc.options };
  }
  return tags;
}

/**
 * Whether a plain scalar can match a core schema tag other than !!str: the empty string, `~`,
 * null/true/false spellings, numbers, `.inf`/`.nan` (yaml's core tags: null, bool, int, octal and
 * hex int, float, exponent float, NaN/infinity). Everything else is a string without testing the
 * eight patterns; most values in manifests are names and paths.
 */
function mayBeTagged(value: string): boolean {
  if (value.length === 0) return true;
  const c = value.charCodeAt(0);
  // ~ + - . 0-9 F N T f n t
  return c === 0x7e || c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39) || c === 0x46 || c === 0x4e || c === 0x54 || c === 0x66 || c === 0x6e || c === 0x74;
}

/** A plain scalar's value under the core schema, as the Composer resolves it (throws {@link GiveUp} where it would report). */
export function resolvePlain(source: string): YScalar['value'] {
  if (!mayBeTagged(source)) return source;
  const { list, options } = schemaTags();
  const tag = list.find((t) => t.test!.test(source));
  if (tag === undefined) return source;
  let v = tag.resolve(source, giveUp, options);
  // Some tags (floats) resolve to a yaml Scalar that carries the value and its format.
  if (v !== null && typeof v === 'object' && 'value' in v) v = (v as { value: unknown }).value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return giveUp();
}

/** Bookkeeping shared with the reference conversion (anchors, expanded sizes). */
export interface FastCtx {
  idx: LineIndex;
  text: string;
  /** Where the fast composer collects the comments it passes (the reference scans the CST for them). */
  comments?: Comment[];
  /** Collections open around the current token. */
  depth?: number;
  anchors: Map<string, YNode>;
  sizes: Map<YNode, number>;
  written: number;
  firstAlias?: YAlias;
  unknownAliases: YAlias[];
}

/** What a composed node needs besides itself: yaml's `range[2]`, the end of the node with its trailing comments. */
interface Composed {
  node: YNode;
  /** yaml's range[2]. */
  end: number;
  /** An empty plain scalar (no value written): a map value of this kind is null at the key's end. */
  empty: boolean;
}

const SIZE_CAP = 1e15;
/** As parsers/yaml.ts's MAX_DEPTH (kept here to avoid an import cycle). */
const MAX_DEPTH = 200;

interface Props {
  found: CST.SourceToken | undefined;
  anchor: CST.SourceToken | undefined;
  comma: CST.SourceToken | undefined;
  hasNewline: boolean;
  newlineAfterProp: boolean;
  comment: boolean;
  end: number;
}

/**
 * resolveProps for the subset: spaces without tabs, newlines, comments after white space, one
 * indicator, one comma in flow, one anchor (on values only). Gives up on anything else, and on
 * whatever resolveProps would report.
 */
function props(tokens: readonly CST.SourceToken[], indicator: string, offset: number, startOnNewline: boolean, flow: boolean, anchorOk: boolean, ctx: FastCtx): Props {
  let hasSpace = startOnNewline;
  let reqSpace = false;
  const out: Props = { found: undefined, anchor: undefined, comma: undefined, hasNewline: false, newlineAfterProp: false, comment: false, end: offset };
  for (const token of tokens) {
    if (reqSpace) {
      if (token.type !== 'space' && token.type !== 'newline' && token.type !== 'comma') giveUp();
      reqSpace = false;
    }
    switch (token.type) {
      case 'space':
        if (token.source.includes('\t')) giveUp();
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) giveUp();
        out.comment = true;
        note(token, ctx);
        break;
      case 'newline':
        out.hasNewline = true;
        if (out.anchor) out.newlineAfterProp = true;
        hasSpace = true;
        break;
      case 'anchor':
        if (!anchorOk || out.anchor || token.source.length < 2 || token.source.endsWith(':')) giveUp();
        out.anchor = token;
        hasSpace = false;
        reqSpace = true;
        break;
      case 'comma':
        if (!flow || out.comma) giveUp();
        out.comma = token;
        hasSpace = false;
        break;
      default:
        if (token.type !== indicator || out.found || out.anchor) giveUp();
        out.found = token;
        hasSpace = false;
    }
  }
  const last = tokens[tokens.length - 1];
  if (last) out.end = last.offset + last.source.length;
  // An anchor must be followed by white space (its next token is the node).
  if (reqSpace) giveUp();
  return out;
}

/** Keep a comment (`# text`), as the reference's CST scan does. */
function note(token: CST.SourceToken, ctx: FastCtx): void {
  ctx.comments?.push({ text: token.source.slice(1).trim(), loc: locationAt(ctx.idx, token.offset, token.offset + token.source.length) });
}

/** Note the comments of a token list whose other tokens were checked elsewhere. */
function noteAll(tokens: readonly CST.SourceToken[] | undefined, ctx: FastCtx): void {
  if (tokens) for (const t of tokens) if (t.type === 'comment') note(t, ctx);
}

/** yaml's emptyScalarPosition: after the last token that is not space, comment or newline, and the spaces after it. */
function emptyScalarPosition(offset: number, before: readonly CST.SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let i = before.length - 1; i >= 0; --i) {
    let st = before[i]!;
    if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
      offset -= st.source.length;
      continue;
    }
    st = before[++i]!;
    while (st?.type === 'space') {
      offset += st.source.length;
      st = before[++i]!;
    }
    break;
  }
  return offset;
}

function isLineBreakOrSpace(c: number): boolean {
  return c === 10 || c === 13 || c === 32 || c === 9;
}

function anchor(node: YScalar | YMap | YSeq, p: Props | undefined, ctx: FastCtx): void {
  if (p?.anchor === undefined) return;
  const name = p.anchor.source.slice(1);
  node.anchor = name;
  ctx.anchors.set(name, node);
}

/** composeEmptyNode: a null scalar where yaml puts it; its end is the props' end when they hold a comment. */
function emptyNode(offset: number, before: readonly CST.SourceToken[] | undefined, p: Props, ctx: FastCtx): Composed {
  if (p.anchor) giveUp(); // an anchored empty node is kept as a node by the reference conversion
  const at = emptyScalarPosition(offset, before);
  const node = new ScalarNode(at, at, ctx.idx, null);
  ctx.written++;
  ctx.sizes.set(node, 1);
  return { node, end: p.comment ? p.end : at, empty: true };
}

function scalar(token: CST.FlowScalar | CST.BlockScalar, atKey: boolean, p: Props | undefined, ctx: FastCtx): Composed {
  const r = CST.resolveAsScalar(token, true, giveUp);
  if (r === null) giveUp();
  noteAll(token.type === 'block-scalar' ? (token.props as CST.SourceToken[]) : token.end, ctx);
  let value: YScalar['value'];
  let empty = false;
  if (token.type === 'scalar') {
    if (atKey && r.value === '<<') giveUp(); // merge keys: the reference handles them
    value = resolvePlain(r.value);
    empty = value === null && r.range[0] === r.range[1] && p?.anchor === undefined;
  } else value = r.value;
  const [start, valueEnd, end] = r.range;
  let locEnd = valueEnd;
  if (token.type === 'block-scalar') {
    while (locEnd > start + 1 && isLineBreakOrSpace(ctx.text.charCodeAt(locEnd - 1))) locEnd--;
  }
  const node = new ScalarNode(start, locEnd, ctx.idx, value);
  anchor(node, p, ctx);
  ctx.written++;
  ctx.sizes.set(node, 1);
  return { node, end, empty };
}

function alias(token: CST.FlowScalar, p: Props | undefined, ctx: FastCtx): Composed {
  if (p?.anchor) giveUp();
  const name = token.source.slice(1);
  if (name === '' || name.endsWith(':')) giveUp();
  const valueEnd = token.offset + token.source.length;
  let end = valueEnd;
  let hasSpace = false;
  for (const t of token.end ?? []) {
    if (t.type === 'space' || t.type === 'newline') hasSpace = true;
    else if (t.type !== 'comment' || !hasSpace) giveUp();
    else note(t, ctx);
    end += t.source.length;
  }
  const node = new AliasNode(token.offset, valueEnd, ctx.idx, name);
  const target = ctx.anchors.get(name);
  if (target === undefined) ctx.unknownAliases.push(node);
  else node.target = target;
  ctx.firstAlias ??= node;
  ctx.written++;
  ctx.sizes.set(node, target === undefined ? 1 : (ctx.sizes.get(target) ?? 1));
  return { node, end, empty: false };
}

function composeNode(token: CST.Token, atKey: boolean, p: Props | undefined, ctx: FastCtx): Composed {
  switch (token.type) {
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
    case 'block-scalar':
      return scalar(token, atKey, p, ctx);
    case 'alias':
      if (atKey) giveUp();
      return alias(token, p, ctx);
    case 'block-map':
    case 'block-seq':
    case 'flow-collection': {
      if (atKey) giveUp();
      // "Missing newline after block sequence props"
      if (token.type === 'block-seq' && p?.anchor && !p.newlineAfterProp) giveUp();
      // Past the depth limit the reference reports the document (and its composer must not recurse).
      const depth = (ctx.depth ?? 0) + 1;
      if (depth > MAX_DEPTH) giveUp();
      ctx.depth = depth;
      const out = token.type === 'block-map' ? blockMap(token, p, ctx) : token.type === 'block-seq' ? blockSeq(token, p, ctx) : flowCollection(token, p, ctx);
      ctx.depth = depth - 1;
      return out;
    }
    default:
      giveUp();
  }
}

/** A scalar key: its model value, for yaml's duplicate-key test (`a.value === b.value`). */
function keyValue(node: YNode): unknown {
  return node.kind === 'scalar' ? node.value : giveUp();
}

function keyText(key: YScalar): string {
  return key.value === null ? '' : String(key.value);
}

function addPair(out: YMap, key: Composed, value: Composed, ctx: FastCtx, seen: Set<unknown>): void {
  const k = key.node as YScalar;
  const kv = keyValue(k);
  // DUPLICATE_KEY is the reference's to report. NaN never equals itself there.
  if (seen.has(kv) && !(typeof kv === 'number' && Number.isNaN(kv))) giveUp();
  seen.add(kv);
  const keyEnd = endOf(k);
  let v = value.node;
  if (value.empty) {
    // An empty value (`key:`) is a null scalar at the key's end, zero-width (as the reference converts it).
    ctx.sizes.delete(v);
    ctx.written--;
    v = new ScalarNode(keyEnd, keyEnd, ctx.idx, null);
    ctx.sizes.set(v, 1);
  }
  const pair = new PairNode(startOf(k), Math.max(keyEnd, endOf(v)), ctx.idx, keyText(k));
  pair.key = k;
  pair.value = v;
  out.pairs.push(pair);
}

function mapSize(out: YMap, ctx: FastCtx): void {
  let size = 1;
  for (const pair of out.pairs) size = Math.min(SIZE_CAP, size + (ctx.sizes.get(pair.key) ?? 1) + (ctx.sizes.get(pair.value) ?? 1));
  ctx.sizes.set(out, size);
}

/** Whether an implicit key spans lines (yaml's containsNewline, for scalar keys). */
function keyHasNewline(key: CST.Token): boolean {
  if (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar') return true;
  if (key.source.includes('\n')) return true;
  for (const st of key.end ?? []) if (st.type === 'newline') return true;
  return false;
}

function blockMap(bm: CST.BlockMap, p: Props | undefined, ctx: FastCtx): Composed {
  const out = new MapNode(bm.offset, bm.offset, ctx.idx);
  anchor(out, p, ctx);
  ctx.written++;
  const seen = new Set<unknown>();
  let offset = bm.offset;
  let commentEnd: number | undefined;
  let lastEnd = bm.offset;
  for (const item of bm.items) {
    const { start, key, sep, value } = item;
    const kp = props(start, 'explicit-key-ind', offset, true, false, false, ctx);
    if (kp.found) giveUp(); // explicit `? key`
    if (key) {
      if (key.type === 'block-seq' || ('indent' in key && key.indent !== bm.indent)) giveUp();
    }
    if (!sep) {
      if (key || value) giveUp();
      commentEnd = kp.end;
      continue;
    }
    if (!key || keyHasNewline(key)) giveUp();
    const keyNode = composeNode(key, true, undefined, ctx);
    const vp = props(sep, 'map-value-ind', keyNode.end, key.type === 'block-scalar', false, true, ctx);
    offset = vp.end;
    if (!vp.found) giveUp(); // "Implicit map keys need to be followed by map values"
    if (value?.type === 'block-map' && !vp.hasNewline) giveUp();
    if (kp.end < vp.found.offset - 1024) giveUp();
    const valueNode = value ? composeNode(value, false, vp, ctx) : emptyNode(offset, sep, vp, ctx);
    offset = valueNode.end;
    addPair(out, keyNode, valueNode, ctx, seen);
    lastEnd = Math.max(lastEnd, endOf(out.pairs[out.pairs.length - 1]!.value), endOf(keyNode.node));
  }
  if (commentEnd !== undefined && commentEnd < offset) giveUp();
  // A block collection's range runs past its last line break; it ends at its last item instead.
  out.setRange(bm.offset, out.pairs.length > 0 ? lastEnd : offset);
  mapSize(out, ctx);
  return { node: out, end: commentEnd ?? offset, empty: false };
}

function blockSeq(bs: CST.BlockSequence, p: Props | undefined, ctx: FastCtx): Composed {
  const out = new SeqNode(bs.offset, bs.offset, ctx.idx);
  anchor(out, p, ctx);
  ctx.written++;
  let size = 1;
  let offset = bs.offset;
  let commentEnd: number | undefined;
  let lastEnd = bs.offset;
  for (const { start, value } of bs.items) {
    const ip = props(start, 'seq-item-ind', offset, true, false, true, ctx);
    if (!ip.found) {
      if (value || ip.anchor) giveUp();
      commentEnd = ip.end;
      continue;
    }
    const item = value ? composeNode(value, false, ip, ctx) : emptyNode(ip.end, start, ip, ctx);
    offset = item.end;
    out.items.push(item.node);
    size = Math.min(SIZE_CAP, size + (ctx.sizes.get(item.node) ?? 1));
    lastEnd = Math.max(lastEnd, endOf(item.node));
  }
  out.setRange(bs.offset, out.items.length > 0 ? lastEnd : offset);
  ctx.sizes.set(out, size);
  return { node: out, end: commentEnd ?? offset, empty: false };
}

function flowCollection(fc: CST.FlowCollection, p: Props | undefined, ctx: FastCtx): Composed {
  const isMap = fc.start.source === '{';
  const out = isMap ? new MapNode(fc.offset, fc.offset, ctx.idx) : new SeqNode(fc.offset, fc.offset, ctx.idx);
  anchor(out, p, ctx);
  ctx.written++;
  const seen = new Set<unknown>();
  let offset = fc.offset + fc.start.source.length;
  for (let i = 0; i < fc.items.length; ++i) {
    const { start, key, sep, value } = fc.items[i]!;
    const ip = props(start, 'explicit-key-ind', offset, false, true, !isMap, ctx);
    if (ip.found || ip.comment) giveUp();
    // The first item has no comma before it, every other one has exactly one; no empty items.
    if (i === 0 ? ip.comma : !ip.comma) giveUp();
    if (out.kind === 'seq') {
      if (key || sep || !value) giveUp(); // `[a: b]` pairs and empty items: the reference's
      const item = composeNode(value, false, ip, ctx);
      if (value.type === 'block-map' || value.type === 'block-seq') giveUp();
      out.items.push(item.node);
      offset = item.end;
      continue;
    }
    if (!key || !sep || !value) giveUp();
    if (ip.anchor) giveUp();
    const keyNode = composeNode(key, true, undefined, ctx);
    const vp = props(sep, 'map-value-ind', keyNode.end, false, true, true, ctx);
    if (!vp.found || vp.comma || vp.comment) giveUp();
    const valueNode = composeNode(value, false, vp, ctx);
    if (value.type === 'block-map' || value.type === 'block-seq') giveUp();
    addPair(out, keyNode, valueNode, ctx, seen);
    offset = valueNode.end;
  }
  const [ce, ...ee] = fc.end;
  if (ce?.source !== (isMap ? '}' : ']')) giveUp();
  const cePos = ce.offset + ce.source.length;
  let end = cePos;
  let hasSpace = false;
  for (const t of ee) {
    if (t.type === 'space' || t.type === 'newline') hasSpace = true;
    else if (t.type !== 'comment' || !hasSpace) giveUp();
    else note(t, ctx);
    end += t.source.length;
  }
  out.setRange(fc.offset, cePos);
  if (out.kind === 'map') mapSize(out, ctx);
  else {
    let size = 1;
    for (const item of out.items) size = Math.min(SIZE_CAP, size + (ctx.sizes.get(item) ?? 1));
    ctx.sizes.set(out, size);
  }
  return { node: out, end, empty: false };
}

/**
 * Compose one CST document: its root (undefined when it holds no value) and yaml's `doc.range[1]`
 * (where the content ends, trailing comments included). Throws {@link GiveUp} outside the subset.
 */
export function composeDocumentFast(doc: CST.Document, ctx: FastCtx): { root: YNode | undefined; contentEnd: number } {
  const dp = props(doc.start, 'doc-start', doc.offset, true, false, true, ctx);
  const value = doc.value;
  if (dp.found && value && (value.type === 'block-map' || value.type === 'block-seq') && !dp.hasNewline) giveUp();
  const contents = value ? composeNode(value, false, dp, ctx) : emptyNode(dp.end, doc.start, dp, ctx);
  // resolveEnd without the white-space rule (composeDoc passes reqSpace = false).
  for (const t of doc.end ?? []) {
    if (t.type === 'comment') note(t, ctx);
    else if (t.type !== 'space' && t.type !== 'newline') giveUp();
  }
  return { root: contents.empty ? undefined : contents.node, contentEnd: contents.end };
}
