import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { CST, Document, ErrorCode, Pair, ParsedNode, Scalar, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import { lineIndex, locationAt, type LineIndex } from '../model/positions.js';
import type {
  Comment,
  Diagnostic,
  K8sObject,
  Location,
  ParsedFile,
  YAlias,
  YMap,
  YNode,
  YPair,
  YScalar,
  YSeq,
  YamlDocument,
} from '../model/types.js';
import { deref, get, pairOf, str, toValue } from '../model/yaml-nodes.js';
import { composeDocumentFast, type FastCtx } from './yaml-fast.js';
import { scanYaml } from './yaml-scan.js';

/**
 * How many nodes aliases may add to a document when fully expanded. A "billion laughs"
 * document is a few hundred bytes that expand to billions of nodes; real manifests add a
 * few hundred at most. Past this bound the document is not loaded (its root is dropped).
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * Deepest nesting of collections a document may have. Real manifests stay under 30; yaml's
 * recursive composer (and this module's conversion) must stay well clear of the stack limit.
 */
export const MAX_DEPTH = 200;

/** Node sizes are capped here so that exponential growth stays a finite, comparable number. */
const SIZE_CAP = 1e15;

/**
 * Composer options. `merge: true` because Kubernetes' YAML reader (go-yaml) applies `<<` merge
 * keys; with it, yaml marks merge keys with a symbol and allows several `<<` in one mapping.
 * Everything else is yaml's default: YAML 1.2 core schema, unique keys.
 */
const COMPOSE_OPTIONS = { merge: true } as const;

/** How many files (in this thread) each composer took: for --debug and the tests. */
export const composedBy = { scan: 0, fast: 0, composer: 0 };

/**
 * Parse a YAML stream into plain-data documents.
 *
 * - One entry in `documents` per YAML document, `index` counting from 0 in written order.
 * - A document with a syntax error keeps its entry but loses its root: a half-read document
 *   would give rules wrong facts (a missing key that is really there after the error), so it
 *   produces only its `parse-error` diagnostics. Other documents of the file load normally.
 * - Aliases are `YAlias` nodes whose `target` is the anchored node itself; merge keys are
 *   applied to `YMap.pairs` with shared pair objects (see {@link convertMap}).
 * - Never throws: an unexpected failure becomes a `parse-error` at 1:1.
 * - Files in the block YAML that manifests use are scanned straight into the model
 *   (yaml-scan.ts); files in a wider subset are composed straight from yaml's CST (yaml-fast.ts);
 *   the rest, and every file yaml would report, go through yaml's Composer. `options.fast: false`
 *   always uses the Composer, `options.scan: false` skips the scanner (the tests compare all three).
 *
 * @param text the file text, BOM already stripped.
 * @param file repo-relative path, used in every location.
 */
export function parseYaml(text: string, file: string, options: { fast?: boolean; scan?: boolean } = {}): ParsedFile {
  const idx = lineIndex(file, text);
  const hasComments = text.includes('#');
  if (options.fast !== false && options.scan !== false) {
    const scanned = scanYaml(text, idx, hasComments, MAX_ALIAS_EXPANSION);
    if (scanned !== undefined) {
      composedBy.scan++;
      return { path: file, language: 'yaml', documents: scanned.documents, comments: scanned.comments, diagnostics: [] };
    }
  }
  const documents: YamlDocument[] = [];
  const comments: Comment[] = [];
  const diagnostics: Diagnostic[] = [];
  // yaml builds an Error per syntax error; their stack traces are never shown and dominate the
  // time spent on broken files (Helm templates), so capture none while parsing.
  const stackTraceLimit = Error.stackTraceLimit;
  // yaml reads process.env.LOG_TOKENS / LOG_STREAM once per token; process.env is a slow native
  // lookup, worth 15-20% of the parse time. For the length of this synchronous call it is a plain
  // object holding just those two variables (nothing else here reads the environment).
  const env = process.env;
  try {
    Error.stackTraceLimit = 0;
    process.env = { LOG_TOKENS: env.LOG_TOKENS, LOG_STREAM: env.LOG_STREAM };
    const tokens = Array.from(new Parser().parse(text));
    const fast = options.fast !== false ? composeFast(tokens, idx, text, hasComments) : undefined;
    if (fast !== undefined) {
      composedBy.fast++;
      documents.push(...fast.documents);
      diagnostics.push(...fast.diagnostics);
      comments.push(...fast.comments);
    } else {
      composedBy.composer++;
      const tooDeep = tokens.map((token) => scanToken(token, idx, hasComments ? comments : undefined));
      const composer = new Composer(COMPOSE_OPTIONS);
      const add = (doc: Document.Parsed): void => {
        documents.push(convertDocument(doc, documents.length, idx, text, diagnostics));
      };
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        const tooDeepAt = tooDeep[i]!;
        if (tooDeepAt >= 0 && token.type === 'document') {
          // Flush the document before this one, so that documents stay in order.
          for (const doc of composer.end()) add(doc);
          documents.push({ index: documents.length, loc: locationAt(idx, token.offset, token.offset) });
          diagnostics.push({
            ruleId: 'parse-error',
            severity: 'error',
            message: `YAML document nested more than ${MAX_DEPTH} levels deep; the document is not loaded — flatten the structure.`,
            loc: locationAt(idx, tooDeepAt, tooDeepAt + 1),
          });
          continue;
        }
        for (const doc of composer.next(token)) add(doc);
      }
      for (const doc of composer.end()) add(doc);
      // Errors outside any document (e.g. a stray `...` before the first one, or directives with no
      // document after them) stay on the composer when the stream held no document.
      const [streamError, ...more] = composer.streamInfo().errors;
      if (streamError !== undefined) diagnostics.push(syntaxDiagnostic(streamError, idx, more.length, text));
    }
    sortComments(comments);
  } catch (err) {
    diagnostics.push(internalDiagnostic(file, err));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    process.env = env;
  }
  return { path: file, language: 'yaml', documents, comments, diagnostics };
}

/**
 * The Kubernetes object a document holds: its root is a mapping with string `apiVersion` and
 * `kind`. `undefined` for anything else (Helm values, kustomization files, CI workflows,
 * documents dropped for errors).
 */
export function k8sObjectOf(doc: YamlDocument, file: string): K8sObject | undefined {
  const root = deref(doc.root);
  if (root?.kind !== 'map') return undefined;
  const apiVersion = str(get(root, 'apiVersion'));
  const kindPair = pairOf(root, 'kind');
  const kind = str(kindPair?.value);
  if (!apiVersion || !kind || kindPair === undefined) return undefined;
  const metadata = get(root, 'metadata');
  const namespace = str(get(metadata, 'namespace'));
  const name = str(get(metadata, 'name')) ?? str(get(metadata, 'generateName')) ?? '';
  const annotations = get(metadata, 'annotations');
  const obj: K8sObject = {
    apiVersion,
    kind,
    name,
    file,
    docIndex: doc.index,
    root,
    headerLoc: kindPair.value.loc,
    annotationKeys: annotations?.kind === 'map' ? annotations.pairs.map((p) => p.keyText) : [],
    loc: doc.loc,
  };
  if (namespace !== undefined) obj.namespace = namespace;
  const namePair = pairOf(metadata, 'name');
  if (namePair !== undefined && str(namePair.value) !== undefined) {
    const l = namePair.value.loc;
    obj.nameLoc = l.start.offset === l.end.offset ? namePair.loc : l;
  }
  return obj;
}

/**
 * Whether a file is a Helm chart template rather than YAML (CONTRACT §1): it lies under a
 * `templates/` folder of a chart, or its text contains `{{`. Such files are skipped, never parsed.
 *
 * @param path repo-relative path with `/` separators.
 * @param text the file text.
 * @param hasChartYamlAbove true when a folder above the file holds `Chart.yaml` (the caller
 *   knows the file set); a `templates/` folder outside any chart is ordinary YAML.
 */
export function isHelmTemplate(path: string, text: string, hasChartYamlAbove: boolean): boolean {
  if (text.includes('{{')) return true;
  if (!hasChartYamlAbove) return false;
  const dirs = path.split('/').slice(0, -1);
  return dirs.includes('templates');
}

// ------------------------------------------------------------------ documents

/**
 * Compose a whole stream with the fast composer, or undefined when any part of it is outside its
 * subset (the caller then uses yaml's Composer for the file, so a file is never composed half
 * one way and half the other).
 */
function composeFast(
  tokens: readonly CST.Token[],
  idx: LineIndex,
  text: string,
  hasComments: boolean,
): { documents: YamlDocument[]; diagnostics: Diagnostic[]; comments: Comment[] } | undefined {
  const documents: YamlDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const comments: Comment[] = [];
  const collect = hasComments ? comments : undefined;
  try {
    for (const token of tokens) {
      if (token.type === 'comment') {
        collect?.push({ text: token.source.slice(1).trim(), loc: locationAt(idx, token.offset, token.offset + token.source.length) });
        continue;
      }
      if (token.type === 'newline' || token.type === 'space') continue;
      if (token.type !== 'document') return undefined;
      const ctx: Ctx = { idx, text, anchors: new Map(), sizes: new Map(), written: 0, unknownAliases: [], comments: collect };
      const { root, contentEnd } = composeDocumentFast(token, ctx);
      const start = token.offset;
      let end = contentEnd;
      while (end > start && isLineBreakOrSpace(text.charCodeAt(end - 1))) end--;
      const out: YamlDocument = { index: documents.length, loc: locationAt(idx, start, end) };
      documents.push(root === undefined ? out : finishDocument(out, root, ctx, diagnostics));
    }
  } catch {
    return undefined; // outside the subset (GiveUp), or anything unexpected: the Composer decides
  }
  return documents.length > 0 ? { documents, diagnostics, comments } : undefined;
}

/** State of one document's conversion (shared with the fast composer). */
type Ctx = FastCtx;

function convertDocument(
  doc: Document.Parsed,
  index: number,
  idx: LineIndex,
  text: string,
  diagnostics: Diagnostic[],
): YamlDocument {
  const [start] = doc.range;
  // The document's range runs to the next document's first line; end it after its last character.
  let end = doc.range[1];
  while (end > start && isLineBreakOrSpace(text.charCodeAt(end - 1))) end--;
  const out: YamlDocument = { index, loc: locationAt(idx, start, end) };
  // Only a document's first error is reported (the document is not loaded anyway, and later
  // errors are mostly its echoes); a broken file must not flood the report.
  const [firstError] = doc.errors;
  if (firstError !== undefined) {
    diagnostics.push(syntaxDiagnostic(firstError, idx, doc.errors.length - 1, text));
    return out;
  }
  const contents = doc.contents as ParsedNode | null;
  if (contents === null || isEmptyScalar(contents)) return out;

  const ctx: Ctx = { idx, text, anchors: new Map(), sizes: new Map(), written: 0, unknownAliases: [] };
  let root: YNode;
  try {
    root = convert(contents, ctx);
  } catch (err) {
    // Only a pathological nesting depth can overflow the stack here (yaml itself got through).
    if (err instanceof RangeError) {
      diagnostics.push({
        ruleId: 'parse-error',
        severity: 'error',
        message:
          'YAML document nested too deeply to load; the document is not loaded — flatten the structure.',
        loc: locationAt(idx, start, start),
      });
      return out;
    }
    throw err;
  }

  return finishDocument(out, root, ctx, diagnostics);
}

/** Set a composed document's root, unless an alias in it is unknown or expands too far. */
function finishDocument(out: YamlDocument, root: YNode, ctx: Ctx, diagnostics: Diagnostic[]): YamlDocument {
  const [unknown, ...moreUnknown] = ctx.unknownAliases;
  if (unknown !== undefined) {
    const more = moreUnknown.length > 0 ? ` (${moreUnknown.length} more unknown alias${moreUnknown.length === 1 ? '' : 'es'} in this document.)` : '';
    diagnostics.push({
      ruleId: 'parse-error',
      severity: 'error',
      message: `YAML error: alias "*${unknown.name}" refers to no anchor defined before it; the document is not loaded — define "&${unknown.name}" on an earlier node of this document, or remove the alias.${more}`,
      loc: unknown.loc,
    });
    return out;
  }

  const expanded = ctx.sizes.get(root) ?? 1;
  if (ctx.firstAlias !== undefined && expanded - ctx.written > MAX_ALIAS_EXPANSION) {
    diagnostics.push({
      ruleId: 'parse-error',
      severity: 'error',
      message: `YAML alias expansion too large (possible billion-laughs attack): its aliases would expand the document to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} extra nodes; the document is not loaded — replace the nested aliases by the values they stand for.`,
      loc: ctx.firstAlias.loc,
    });
    return out;
  }
  out.root = root;
  return out;
}


function isEmptyScalar(node: ParsedNode): boolean {
  return isScalar(node) && node.value === null && node.range[0] === node.range[1] && !node.anchor && !node.tag;
}

// ------------------------------------------------------------------ nodes

function convert(node: ParsedNode, ctx: Ctx): YNode {
  if (isScalar(node)) return convertScalar(node as Scalar.Parsed, ctx);
  if (isMap(node)) return convertMap(node as YAMLMap.Parsed, ctx);
  if (isSeq(node)) return convertSeq(node as YAMLSeq.Parsed, ctx);
  if (isAlias(node)) {
    const [start, end] = node.range;
    const alias: YAlias = { kind: 'alias', name: node.source, loc: locationAt(ctx.idx, start, end) };
    const target = ctx.anchors.get(node.source);
    if (target === undefined) ctx.unknownAliases.push(alias);
    else alias.target = target;
    ctx.firstAlias ??= alias;
    ctx.written++;
    // A target still being converted (a recursive alias) has no size yet: count the alias as one
    // node. The recursion is infinite in theory, but nothing here expands it.
    ctx.sizes.set(alias, target === undefined ? 1 : (ctx.sizes.get(target) ?? 1));
    return alias;
  }
  throw new Error('unknown YAML node type');
}

function scalarValue(node: Scalar.Parsed): YScalar['value'] {
  const v: unknown = node.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'symbol') return '<<';
  // Values of tags outside the core schema (e.g. !!binary) keep their source text.
  return node.source ?? String(v);
}

function convertScalar(node: Scalar.Parsed, ctx: Ctx): YScalar {
  const [start] = node.range;
  let end = node.range[1];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // A block scalar's range runs to the start of the next line; end it after its last character.
    while (end > start + 1 && isLineBreakOrSpace(ctx.text.charCodeAt(end - 1))) end--;
  }
  const out: YScalar = { kind: 'scalar', value: scalarValue(node), loc: locationAt(ctx.idx, start, end) };
  if (node.anchor) {
    out.anchor = node.anchor;
    ctx.anchors.set(node.anchor, out);
  }
  ctx.written++;
  ctx.sizes.set(out, 1);
  return out;
}

function isLineBreakOrSpace(c: number): boolean {
  return c === 10 || c === 13 || c === 32 || c === 9;
}

function convertSeq(node: YAMLSeq.Parsed, ctx: Ctx): YSeq {
  const [start] = node.range;
  const out: YSeq = { kind: 'seq', items: [], loc: locationAt(ctx.idx, start, node.range[1]) };
  // Register the anchor before the children so that a recursive alias finds this node.
  if (node.anchor) {
    out.anchor = node.anchor;
    ctx.anchors.set(node.anchor, out);
  }
  ctx.written++;
  let size = 1;
  let end = start;
  for (const item of node.items as (ParsedNode | Pair<ParsedNode, ParsedNode | null>)[]) {
    // `!!omap` and `!!pairs` sequences hold pairs where the text has one-pair mappings.
    const child = isPair(item) ? convertPairItem(item, ctx) : convert(item, ctx);
    out.items.push(child);
    size = Math.min(SIZE_CAP, size + (ctx.sizes.get(child) ?? 1));
    end = Math.max(end, child.loc.end.offset);
  }
  // A block collection's range runs past its last line break; end it at its last item instead.
  if (!node.flow && out.items.length > 0) out.loc = locationAt(ctx.idx, start, end);
  ctx.sizes.set(out, size);
  return out;
}

/**
 * Convert a mapping. `pairs` are the effective entries, as a YAML 1.1 merge-aware reader
 * (go-yaml, hence kubectl) sees them:
 * - explicit keys win over merged ones, wherever they are written;
 * - of several merge sources (`<<: [*a, *b]`, or several `<<` keys), the earlier wins;
 * - merged pairs appear where their `<<` is written, and are the anchored map's own pair
 *   objects (shared, with their written locations); the `<<` pair itself is not in `pairs`.
 * Merge values that are not mappings (or sequences of mappings) are ignored.
 */
function convertMap(node: YAMLMap.Parsed, ctx: Ctx): YMap {
  const [start] = node.range;
  const out: YMap = { kind: 'map', pairs: [], loc: locationAt(ctx.idx, start, node.range[1]) };
  if (node.anchor) {
    out.anchor = node.anchor;
    ctx.anchors.set(node.anchor, out);
  }
  ctx.written++;
  const explicit: YPair[] = [];
  const merges: { at: number; value: YNode }[] = [];
  let end = start;
  for (const item of node.items) {
    const keyNode = item.key as ParsedNode | null;
    const valueNode = item.value as ParsedNode | null;
    const isMerge = keyNode !== null && isScalar(keyNode) && typeof keyNode.value === 'symbol';
    const key: YNode =
      keyNode === null
        ? nullScalarAt(ctx, valueNode?.range[0] ?? start)
        : isMerge
          ? mergeKeyScalar(keyNode as Scalar.Parsed, ctx)
          : convert(keyNode, ctx);
    const keyEnd = key.loc.end.offset;
    // An empty value (`key:`) is a null scalar at the key's end, zero-width.
    const value: YNode =
      valueNode === null || isEmptyScalar(valueNode) ? nullScalarAt(ctx, keyEnd) : convert(valueNode, ctx);
    end = Math.max(end, value.loc.end.offset, keyEnd);
    if (isMerge) {
      merges.push({ at: explicit.length, value });
      continue;
    }
    explicit.push({
      key,
      keyText: keyTextOf(key),
      value,
      loc: locationAt(ctx.idx, key.loc.start.offset, Math.max(keyEnd, value.loc.end.offset)),
    });
  }
  if (!node.flow && node.items.length > 0) out.loc = locationAt(ctx.idx, start, end);
  out.pairs = merges.length === 0 ? explicit : applyMerges(explicit, merges);

  let size = 1;
  for (const pair of out.pairs) {
    size = Math.min(SIZE_CAP, size + (ctx.sizes.get(pair.key) ?? 1) + (ctx.sizes.get(pair.value) ?? 1));
  }
  ctx.sizes.set(out, size);
  return out;
}

/** A pair written as a sequence item (`!!omap`, `!!pairs`): a one-pair mapping, as written. */
function convertPairItem(item: Pair<ParsedNode, ParsedNode | null>, ctx: Ctx): YMap {
  const start = item.key?.range[0] ?? item.value?.range[0] ?? 0;
  const out: YMap = { kind: 'map', pairs: [], loc: locationAt(ctx.idx, start, start) };
  ctx.written++;
  const key = item.key === null ? nullScalarAt(ctx, start) : convert(item.key, ctx);
  const keyEnd = key.loc.end.offset;
  const value = item.value === null || isEmptyScalar(item.value) ? nullScalarAt(ctx, keyEnd) : convert(item.value, ctx);
  const loc = locationAt(ctx.idx, start, Math.max(keyEnd, value.loc.end.offset));
  out.pairs = [{ key, keyText: keyTextOf(key), value, loc }];
  out.loc = loc;
  ctx.sizes.set(out, Math.min(SIZE_CAP, 1 + (ctx.sizes.get(key) ?? 1) + (ctx.sizes.get(value) ?? 1)));
  return out;
}

function applyMerges(explicit: YPair[], merges: { at: number; value: YNode }[]): YPair[] {
  const seen = new Set(explicit.map((p) => p.keyText));
  const out: YPair[] = [];
  let m = 0;
  for (let i = 0; i <= explicit.length; i++) {
    for (; m < merges.length && merges[m]!.at === i; m++) {
      for (const source of mergeSources(merges[m]!.value)) {
        for (const pair of source.pairs) {
          if (seen.has(pair.keyText)) continue;
          seen.add(pair.keyText);
          out.push(pair);
        }
      }
    }
    const pair = explicit[i];
    if (pair !== undefined) out.push(pair);
  }
  return out;
}

function mergeSources(value: YNode): YMap[] {
  const v = deref(value);
  if (v?.kind === 'map') return [v];
  if (v?.kind !== 'seq') return [];
  const maps: YMap[] = [];
  for (const item of v.items) {
    const d = deref(item);
    if (d?.kind === 'map') maps.push(d);
  }
  return maps;
}

function mergeKeyScalar(node: Scalar.Parsed, ctx: Ctx): YScalar {
  const out = convertScalar(node, ctx);
  out.value = '<<';
  return out;
}

function nullScalarAt(ctx: Ctx, offset: number): YScalar {
  const out: YScalar = { kind: 'scalar', value: null, loc: locationAt(ctx.idx, offset, offset) };
  ctx.sizes.set(out, 1);
  return out;
}

function keyTextOf(key: YNode): string {
  const k = deref(key);
  if (k === undefined) return key.kind === 'alias' ? `*${key.name}` : '';
  if (k.kind === 'scalar') return k.value === null ? '' : String(k.value);
  // Collection keys never occur in Kubernetes or Terraform YAML; their text only has to be
  // deterministic. It is bounded: nested collection keys would otherwise escape each other's
  // JSON at every level, doubling the length each time.
  const json = JSON.stringify(toValue(k, 100)) ?? '';
  return json.length > MAX_KEY_TEXT ? `${json.slice(0, MAX_KEY_TEXT)}…` : json;
}

/** Longest `keyText` of a collection key. */
const MAX_KEY_TEXT = 200;

// ------------------------------------------------------------------ comments

/**
 * One pass over a CST token: collect its comments and find where it nests too deeply.
 *
 * Comments: the lexer decides what is a comment, so a `#` inside a quoted string or a block
 * scalar is not one. Visiting order does not matter: {@link sortComments} puts them in order.
 *
 * Depth: yaml's composer recurses once per nested collection, and a stack overflow inside one
 * of its regular expressions aborts the whole process (V8 reports it as out of memory, which no
 * `catch` sees). So a document nested deeper than {@link MAX_DEPTH} is never composed.
 * This walk is iterative, so it is safe at any depth.
 *
 * @returns the offset of the first collection deeper than the limit, or -1.
 */
function scanToken(token: CST.Token, idx: LineIndex, comments: Comment[] | undefined): number {
  const nodes: unknown[] = [token];
  const depths: number[] = [0];
  let tooDeepAt = -1;
  let depth = 0;
  const push = (child: unknown): void => {
    if (Array.isArray(child)) {
      for (const c of child) {
        nodes.push(c);
        depths.push(depth);
      }
    } else if (child !== null && typeof child === 'object') {
      nodes.push(child);
      depths.push(depth);
    }
  };
  while (nodes.length > 0) {
    const t = nodes.pop() as Record<string, unknown>;
    depth = depths.pop()!;
    const type = t.type;
    if (type === 'comment') {
      const source = t.source;
      const offset = t.offset;
      if (comments !== undefined && typeof source === 'string' && typeof offset === 'number') {
        comments.push({ text: source.slice(1).trim(), loc: locationAt(idx, offset, offset + source.length) });
      }
      continue;
    }
    if (type === 'block-map' || type === 'block-seq' || type === 'flow-collection') {
      depth++;
      if (depth > MAX_DEPTH) {
        const offset = typeof t.offset === 'number' ? t.offset : 0;
        if (tooDeepAt < 0 || offset < tooDeepAt) tooDeepAt = offset;
        continue; // nothing below is composed; its comments are not needed either
      }
    }
    // Where yaml's CST keeps child tokens (document, collection items, flow collections, scalars).
    push(t.start);
    push(t.key);
    push(t.sep);
    push(t.value);
    push(t.items);
    push(t.end);
    push(t.props);
  }
  return tooDeepAt;
}

/** Put comments in file order (the CST walk already visits them in order; this is a cheap guarantee). */
function sortComments(comments: Comment[]): void {
  for (let i = 1; i < comments.length; i++) {
    if (comments[i - 1]!.loc.start.offset > comments[i]!.loc.start.offset) {
      comments.sort((a, b) => a.loc.start.offset - b.loc.start.offset);
      return;
    }
  }
}

// ------------------------------------------------------------------ diagnostics

/** What to do about each yaml error code, in plain words. */
const FIXES: Partial<Record<ErrorCode, string>> = {
  ALIAS_PROPS: 'an alias cannot carry an anchor or a tag; remove them',
  BAD_ALIAS: 'check the alias name after "*"',
  BAD_DIRECTIVE: 'fix or remove the "%" directive line',
  BAD_DQ_ESCAPE: 'fix the backslash escape, or use single quotes where backslashes are literal',
  BAD_INDENT:
    'fix the indentation: items of one mapping or list start in the same column, nested content is indented further (spaces only)',
  BAD_PROP_ORDER: 'write the anchor and tag before the value',
  BAD_SCALAR_START: 'quote the value (it starts with a character YAML reserves)',
  BLOCK_AS_IMPLICIT_KEY: 'put the nested mapping on its own indented lines, or quote a value that contains ": "',
  BLOCK_IN_FLOW: 'inside [ ] or { } use flow syntax only, or rewrite the collection in block style',
  DUPLICATE_KEY: 'remove or rename one of the repeated keys',
  KEY_OVER_1024_CHARS: 'shorten the key',
  MISSING_CHAR: 'add the missing character',
  MULTILINE_IMPLICIT_KEY: 'keep each key on one line, or quote it; check that the line above is complete',
  MULTIPLE_ANCHORS: 'keep a single anchor on the node',
  MULTIPLE_TAGS: 'keep a single tag on the node',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  UNEXPECTED_TOKEN: 'remove or quote the unexpected text, and check the indentation of the lines above',
};

/**
 * Where an unterminated quoted string starts: yaml reports a missing closing quote at the end of the
 * input, which in a long file is far from the mistake. The opener is the last unescaped quote
 * before that point (an unterminated string cannot contain one).
 */
function unclosedQuoteStart(text: string, at: number, quote: string): number | undefined {
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"') {
      let slashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
      if (slashes % 2 === 0) return i;
    } else if (text[i - 1] === "'") i--; // '' is an escaped quote inside a single-quoted string
    else return i;
  }
  return undefined;
}

function syntaxDiagnostic(error: YAMLError, idx: LineIndex, moreErrors: number, text: string): Diagnostic {
  let [start, end] = error.pos;
  const quote = error.code === 'MISSING_CHAR' ? /Missing closing (["'])quote/.exec(error.message)?.[1] : undefined;
  if (quote !== undefined) {
    const open = unclosedQuoteStart(text, start, quote);
    if (open !== undefined) {
      const more = moreErrors > 0 ? ` (${moreErrors} more error${moreErrors === 1 ? '' : 's'} in this document, often caused by this one.)` : '';
      return {
        ruleId: 'parse-error',
        severity: 'error',
        message: `YAML syntax error: the string opened with ${quote} here is never closed — add the closing ${quote}.${more}`,
        loc: locationAt(idx, open, open + 1),
      };
    }
  }
  // yaml words an unclosed flow collection as an indentation problem; say what usually fixes it.
  const unclosed = /end with a [\]}]/.test(error.message);
  const fix = unclosed
    ? 'close the [ or { with its matching bracket, or indent its continuation lines further than its key'
    : (FIXES[error.code] ?? 'check the YAML syntax at this position');
  const what = error.message.replace(/\.$/, '');
  return {
    ruleId: 'parse-error',
    severity: 'error',
    message: `YAML syntax error: ${what} — ${fix}.${moreErrors > 0 ? ` (${moreErrors} more error${moreErrors === 1 ? '' : 's'} in this document, often caused by this one.)` : ''}`,
    loc: locationAt(idx, start, end),
  };
}

function internalDiagnostic(file: string, err: unknown): Diagnostic {
  const detail =
    err instanceof RangeError ? 'it is nested too deeply' : err instanceof Error ? err.message : String(err);
  const at: Location = {
    file,
    start: { line: 1, column: 1, offset: 0 },
    end: { line: 1, column: 1, offset: 0 },
  };
  return {
    ruleId: 'parse-error',
    severity: 'error',
    message: `YAML file could not be read (${detail}); no document of it is loaded — check that it is valid YAML.`,
    loc: at,
  };
}
