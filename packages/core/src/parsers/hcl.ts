import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { lineIndex, locationAt, type LineIndex } from '../model/positions.js';
import type {
  Comment,
  Diagnostic,
  HclAttribute,
  HclBlock,
  HclCall,
  HclExpr,
  HclLiteral,
  HclObject,
  HclOther,
  HclOtherForm,
  HclStep,
  HclTemplate,
  HclTraversal,
  HclTuple,
  Location,
  ParsedFile,
} from '../model/types.js';

/*
 * HCL parser: tree-sitter's Terraform grammar (WASM) for the syntax tree, converted once into the
 * model with UTF-16 positions. The grammar is looser than HashiCorp's parser in a few places
 * (it ignores newlines, accepts hex numbers, `${}`, `a::b` names, multi-line quoted strings...);
 * those cases are checked here so that a file is reported exactly when `terraform` would reject
 * its syntax. Reference: https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md
 */

interface Engine {
  parser: Parser;
  /** Node type name by type id. */
  types: string[];
  /** Whether a node type is named (`identifier`) rather than anonymous (`"="`), by type id. */
  named: boolean[];
  /** True when web-tree-sitter reports UTF-8 byte indexes rather than UTF-16 ones. */
  byteIndexes: boolean;
}

/**
 * A WASM file of the HCL parser: beside this module when the CLI is bundled (the bundle copies both
 * there), otherwise from its package (web-tree-sitter's runtime, or the Terraform grammar).
 */
function wasmFile(name: 'tree-sitter.wasm' | 'tree-sitter-terraform.wasm'): string {
  const beside = new URL(`./${name}`, import.meta.url);
  if (beside.protocol === 'file:' && existsSync(beside)) return fileURLToPath(beside);
  const require = createRequire(import.meta.url);
  if (name === 'tree-sitter.wasm') return path.join(path.dirname(require.resolve('web-tree-sitter')), name);
  return require.resolve(`@tree-sitter-grammars/tree-sitter-hcl/${name}`);
}

let engine: Engine | undefined;
let loading: Promise<void> | undefined;

/** Load the WASM grammar. Idempotent: every call after the first returns the same promise. */
export function initHcl(): Promise<void> {
  loading ??= (async () => {
    // Both files are read, and the runtime compiled and instantiated, synchronously: left to
    // web-tree-sitter, each step waits for a turn of the event loop (a file read, a compile on a
    // background thread), which a busy main thread (config, discovery, YAML parsing) does not give
    // it, so a run then sat idle waiting for the set-up (25 ms of a 0.3 s run on the sample repo).
    const runtime = readFileSync(wasmFile('tree-sitter.wasm'));
    const grammar = readFileSync(wasmFile('tree-sitter-terraform.wasm'));
    await Parser.init({
      instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
        const module = new WebAssembly.Module(runtime);
        done(new WebAssembly.Instance(module, imports), module);
        return {};
      },
    } as unknown as Parameters<typeof Parser.init>[0]);
    const language = await Language.load(grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    const types: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      types[id] = language.nodeTypeForId(id) ?? 'ERROR';
      named[id] = language.nodeTypeIsNamed(id);
    }
    // web-tree-sitter 0.25 feeds the text as UTF-16 and reports UTF-16 indexes; check it once so
    // that a build reporting UTF-8 byte indexes cannot silently shift every column.
    const probe = parser.parse('a = "é"\n');
    const byteIndexes = probe !== null && probe.rootNode.endIndex !== 8;
    probe?.delete();
    engine = { parser, types, named, byteIndexes };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

// ------------------------------------------------------------------ syntax tree mirror

/** A tree-sitter node copied into plain JS (one pass with a cursor: far cheaper than Node getters). */
interface TsNode {
  type: string;
  start: number;
  end: number;
  kids: TsNode[];
  /** A named node (`identifier`, `ERROR`) rather than an anonymous token (`"="`). */
  named: boolean;
  /** This node or a descendant is an ERROR or MISSING node. */
  bad: boolean;
  missing: boolean;
}

interface Mirror {
  root: TsNode;
  comments: TsNode[];
  /** Outermost ERROR nodes and MISSING nodes outside them, in document order. */
  errors: TsNode[];
  /** For each MISSING node, its ancestors (nearest last). */
  missingContext: Map<TsNode, TsNode[]>;
}

function mirror(tree: Tree, eng: Engine, toU16: (i: number) => number): Mirror {
  const cursor = tree.walk();
  const checkMissing = tree.rootNode.hasError;
  const comments: TsNode[] = [];
  const errors: TsNode[] = [];
  const missingContext = new Map<TsNode, TsNode[]>();
  const stack: TsNode[] = [];
  let errorDepth = 0;
  const enter = (): void => {
    const id = cursor.nodeTypeId;
    const type = eng.types[id] ?? 'ERROR';
    const missing = checkMissing && cursor.nodeIsMissing;
    const n: TsNode = { type, start: toU16(cursor.startIndex), end: toU16(cursor.endIndex), kids: [], named: eng.named[id] ?? true, bad: missing || type === 'ERROR', missing };
    if (type === 'comment') comments.push(n);
    else stack[stack.length - 1]?.kids.push(n);
    if (errorDepth === 0 && n.bad) {
      errors.push(n);
      if (missing) missingContext.set(n, stack.slice(-4));
    }
    if (type === 'ERROR') errorDepth++;
    stack.push(n);
  };
  const leave = (): void => {
    const n = stack.pop()!;
    if (n.type === 'ERROR') errorDepth--;
    const parent = stack[stack.length - 1];
    if (n.bad && parent) parent.bad = true;
  };
  try {
    enter();
    const root = stack[0]!;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        enter();
        continue;
      }
      for (;;) {
        leave();
        if (cursor.gotoNextSibling()) {
          enter();
          break;
        }
        if (!cursor.gotoParent()) return { root, comments, errors, missingContext };
      }
    }
  } finally {
    cursor.delete();
  }
}

/** UTF-8 byte index → UTF-16 index, for a web-tree-sitter build that reports bytes. */
function byteToUtf16(text: string): (i: number) => number {
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    for (let b = 0; b < bytes; b++) map.push(i);
  }
  map.push(text.length);
  return (i) => map[i] ?? text.length;
}

// ------------------------------------------------------------------ conversion context

interface Ctx {
  text: string;
  file: string;
  idx: LineIndex;
  diags: Diagnostic[];
}

function loc(ctx: Ctx, start: number, end: number): Location {
  return locationAt(ctx.idx, start, end);
}

/** End of the line holding `offset` (before its `\r` or `\n`). */
function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

function report(ctx: Ctx, start: number, end: number, message: string): void {
  const e = Math.max(start, Math.min(end, lineEnd(ctx.text, start)));
  ctx.diags.push({ ruleId: 'parse-error', severity: 'error', message, loc: loc(ctx, start, e) });
}

const SYNTAX = 'Syntax error in HCL: ';

function kidsOf(n: TsNode, type: string): TsNode[] {
  return n.kids.filter((k) => k.type === type);
}

function kidOf(n: TsNode, type: string): TsNode | undefined {
  return n.kids.find((k) => k.type === type);
}

// ------------------------------------------------------------------ body

interface Body {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

function checkName(ctx: Ctx, n: TsNode): string {
  const name = ctx.text.slice(n.start, n.end);
  if (name.includes('::') && !n.bad) {
    report(ctx, n.start, n.end, `${SYNTAX}"${name}" is not a valid name — "::" is only allowed in provider function calls such as provider::aws::arn_parse(...)`);
  }
  return name;
}

function convertBody(ctx: Ctx, items: TsNode[]): Body {
  const body: Body = { attributes: [], blocks: [] };
  const seen = new Map<string, HclAttribute>();
  for (const item of items) {
    if (item.type === 'attribute') {
      const a = convertAttribute(ctx, item);
      if (!a) continue;
      const first = seen.get(a.name);
      if (first) {
        report(
          ctx,
          a.nameLoc.start.offset,
          a.nameLoc.end.offset,
          `Duplicate argument "${a.name}": it is already set on line ${first.nameLoc.start.line} — each argument may be set only once; remove one of them`,
        );
      } else seen.set(a.name, a);
      body.attributes.push(a);
    } else if (item.type === 'block') {
      const b = convertBlock(ctx, item);
      if (b) body.blocks.push(b);
    }
  }
  return body;
}

function convertAttribute(ctx: Ctx, n: TsNode): HclAttribute | undefined {
  const id = n.kids[0];
  const e = kidOf(n, 'expression');
  if (!id || id.type !== 'identifier' || !e) return undefined;
  return { name: checkName(ctx, id), expr: expr(ctx, e), nameLoc: loc(ctx, id.start, id.end), loc: loc(ctx, n.start, n.end) };
}

function convertBlock(ctx: Ctx, n: TsNode): HclBlock | undefined {
  const id = n.kids[0];
  if (!id || id.type !== 'identifier') return undefined;
  const labels: string[] = [];
  let headerEnd = id.end;
  for (let i = 1; i < n.kids.length; i++) {
    const k = n.kids[i]!;
    if (k.type === 'string_lit') {
      // The grammar reads `${` in a label as text; HCL reads it as an interpolation, not allowed there.
      const raw = text(ctx, k.start, k.end);
      const seq = /(?<![$])\$\{|(?<![%])%\{/.exec(raw);
      if (seq && !k.bad) {
        const at = k.start + seq.index;
        report(ctx, at, at + 2, `${SYNTAX}a block label cannot hold "${seq[0]}" (interpolation or directive) — labels are plain strings; write "${seq[0][0]}${seq[0]}" for a literal "${seq[0]}"`);
      }
      labels.push(stringValue(ctx, k));
    } else if (k.type === 'identifier') labels.push(checkName(ctx, k));
    else break;
    headerEnd = k.end;
  }
  const bodyNode = kidOf(n, 'body');
  const body = bodyNode ? convertBody(ctx, bodyNode.kids) : { attributes: [], blocks: [] };
  return {
    type: checkName(ctx, id),
    labels,
    attributes: body.attributes,
    blocks: body.blocks,
    headerLoc: loc(ctx, id.start, headerEnd),
    loc: loc(ctx, n.start, n.end),
    file: ctx.file,
  };
}

// ------------------------------------------------------------------ expressions

function text(ctx: Ctx, start: number, end: number): string {
  return ctx.text.slice(start, end);
}

function other(ctx: Ctx, start: number, end: number, form: HclOtherForm | undefined, operands: HclExpr[], refs: HclTraversal[], operator?: string): HclOther {
  const o: HclOther = { kind: 'other', text: text(ctx, start, end), loc: loc(ctx, start, end), refs };
  if (form) o.form = form;
  if (operands.length) o.operands = operands;
  if (operator !== undefined) o.operator = operator;
  return o;
}

/** Every traversal in `e` (itself included), in written order. */
function collectRefs(e: HclExpr, out: HclTraversal[]): HclTraversal[] {
  switch (e.kind) {
    case 'traversal':
      out.push(e);
      for (const s of e.steps) if (s.type === 'index') collectRefs(s.key, out);
      break;
    case 'call':
      for (const a of e.args) collectRefs(a, out);
      break;
    case 'tuple':
      for (const i of e.items) collectRefs(i, out);
      break;
    case 'object':
      for (const en of e.entries) {
        collectRefs(en.key, out);
        collectRefs(en.value, out);
      }
      break;
    case 'template':
      for (const p of e.parts) if (typeof p !== 'string') collectRefs(p, out);
      break;
    case 'other':
      for (const r of e.refs) out.push(r);
      break;
    case 'literal':
      break;
  }
  return out;
}

function refsOf(...exprs: HclExpr[]): HclTraversal[] {
  const out: HclTraversal[] = [];
  for (const e of exprs) collectRefs(e, out);
  return out;
}

/** An `expression` node. */
function expr(ctx: Ctx, n: TsNode): HclExpr {
  const k = n.kids;
  if (k.length === 1 && k[0]!.type === 'conditional') return conditional(ctx, k[0]!, n.start, n.end);
  return term(ctx, k, n.start, n.end);
}

function conditional(ctx: Ctx, n: TsNode, start: number, end: number): HclExpr {
  const parts = kidsOf(n, 'expression').map((e) => expr(ctx, e));
  return other(ctx, start, end, 'conditional', parts, refsOf(...parts));
}

/** A term: a primary (or `( expr )`) followed by attribute, index and splat steps. */
function term(ctx: Ctx, kids: TsNode[], start: number, end: number): HclExpr {
  const first = kids[0];
  if (!first) return other(ctx, start, end, undefined, [], []);
  let base: HclExpr;
  let i = 1;
  if (first.type === '(') {
    const close = kids.findIndex((k) => k.type === ')');
    const innerNode = kids.find((k) => k.type === 'expression');
    const pEnd = close >= 0 ? kids[close]!.end : (kids[kids.length - 1]?.end ?? end);
    const inner = innerNode ? expr(ctx, innerNode) : undefined;
    base = other(ctx, first.start, pEnd, 'parens', inner ? [inner] : [], inner ? refsOf(inner) : []);
    i = close >= 0 ? close + 1 : kids.length;
  } else base = primary(ctx, first);
  if (i >= kids.length) return base;
  const steps: HclStep[] = [];
  const keyRefs: HclTraversal[] = [];
  for (; i < kids.length; i++) addSteps(ctx, kids[i]!, kids[i + 1], steps, keyRefs);
  if (base.kind === 'traversal' && base.steps.length === 0) {
    return { kind: 'traversal', text: text(ctx, start, end), loc: loc(ctx, start, end), root: base.root, steps };
  }
  return other(ctx, start, end, 'relative', [base], [...refsOf(base), ...keyRefs]);
}

function addSteps(ctx: Ctx, n: TsNode, next: TsNode | undefined, steps: HclStep[], keyRefs: HclTraversal[]): void {
  switch (n.type) {
    case 'get_attr': {
      const id = kidOf(n, 'identifier');
      if (id) steps.push({ type: 'attr', name: checkName(ctx, id) });
      break;
    }
    case 'index': {
      const k = n.kids[0];
      if (k?.type === 'new_index') {
        const e = kidOf(k, 'expression');
        if (e) {
          const key = expr(ctx, e);
          steps.push({ type: 'index', key });
          collectRefs(key, keyRefs);
        }
      } else if (k?.type === 'legacy_index') {
        // `.0`: HCL reads `a.0.1` as `a` followed by the number `0.1`, which it rejects.
        const digits = text(ctx, k.start + 1, k.end);
        const lit: HclLiteral = { kind: 'literal', value: Number(digits), text: digits, loc: loc(ctx, k.start + 1, k.end) };
        steps.push({ type: 'index', key: lit });
        const nk = next?.type === 'index' ? next.kids[0] : undefined;
        if (nk?.type === 'legacy_index' && nk.start === k.end && !n.bad) {
          report(ctx, k.start, nk.end, `${SYNTAX}"${text(ctx, k.start, nk.end)}" chains two legacy indexes — write [${digits}][${text(ctx, nk.start + 1, nk.end)}] instead`);
        }
      }
      break;
    }
    case 'splat': {
      const s = n.kids[0];
      if (!s) break;
      steps.push({ type: 'splat' });
      const rest = s.kids.filter((k) => k.type === 'get_attr' || k.type === 'index');
      rest.forEach((k, j) => addSteps(ctx, k, rest[j + 1], steps, keyRefs));
      break;
    }
    default:
      break;
  }
}

function primary(ctx: Ctx, n: TsNode): HclExpr {
  switch (n.type) {
    case 'literal_value': {
      const k = n.kids[0];
      return k ? literal(ctx, k) : other(ctx, n.start, n.end, undefined, [], []);
    }
    case 'numeric_lit':
    case 'bool_lit':
    case 'null_lit':
    case 'string_lit':
      return literal(ctx, n);
    case 'template_expr': {
      const k = n.kids[0];
      return k ? template(ctx, k) : other(ctx, n.start, n.end, undefined, [], []);
    }
    case 'quoted_template':
    case 'heredoc_template':
      return template(ctx, n);
    case 'collection_value': {
      const k = n.kids[0];
      if (k?.type === 'tuple') return tuple(ctx, k);
      if (k?.type === 'object') return object(ctx, k);
      return other(ctx, n.start, n.end, undefined, [], []);
    }
    case 'tuple':
      return tuple(ctx, n);
    case 'object':
      return object(ctx, n);
    case 'variable_expr': {
      const id = n.kids[0];
      const root = id ? checkName(ctx, id) : text(ctx, n.start, n.end);
      return { kind: 'traversal', text: text(ctx, n.start, n.end), loc: loc(ctx, n.start, n.end), root, steps: [] };
    }
    case 'function_call':
      return call(ctx, n);
    case 'for_expr': {
      const k = n.kids[0];
      return k ? forExpr(ctx, k, n.start, n.end) : other(ctx, n.start, n.end, undefined, [], []);
    }
    case 'operation': {
      const k = n.kids[0];
      return k ? operation(ctx, k, n.start, n.end) : other(ctx, n.start, n.end, undefined, [], []);
    }
    case 'expression':
      return expr(ctx, n);
    default:
      return other(ctx, n.start, n.end, undefined, [], []);
  }
}

function literal(ctx: Ctx, n: TsNode): HclExpr {
  const t = text(ctx, n.start, n.end);
  const l = loc(ctx, n.start, n.end);
  switch (n.type) {
    case 'numeric_lit':
      if (!/^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(t)) {
        report(ctx, n.start, n.end, `${SYNTAX}invalid number "${t}" — HCL numbers are decimal (e.g. 16, 1.5, 1e3)`);
        return { kind: 'literal', value: Number.NaN, text: t, loc: l };
      }
      return { kind: 'literal', value: Number(t), text: t, loc: l };
    case 'bool_lit':
      return { kind: 'literal', value: t === 'true', text: t, loc: l };
    case 'null_lit':
      return { kind: 'literal', value: null, text: t, loc: l };
    default:
      return template(ctx, n);
  }
}

function stringValue(ctx: Ctx, n: TsNode): string {
  const e = template(ctx, n);
  return e.kind === 'literal' && typeof e.value === 'string' ? e.value : e.text;
}

function tuple(ctx: Ctx, n: TsNode): HclTuple {
  return { kind: 'tuple', text: text(ctx, n.start, n.end), loc: loc(ctx, n.start, n.end), items: kidsOf(n, 'expression').map((e) => expr(ctx, e)) };
}

function object(ctx: Ctx, n: TsNode): HclObject {
  const entries: HclObject['entries'] = [];
  for (const el of kidsOf(n, 'object_elem')) {
    const [k, v] = kidsOf(el, 'expression');
    if (!k || !v) continue;
    // A bare name as a key is the string itself (`{ name = 1 }`), not a reference.
    const only = k.kids.length === 1 ? k.kids[0]! : undefined;
    const key: HclExpr =
      only?.type === 'variable_expr'
        ? { kind: 'literal', value: checkName(ctx, only.kids[0] ?? only), text: text(ctx, k.start, k.end), loc: loc(ctx, k.start, k.end) }
        : expr(ctx, k);
    entries.push({ key, value: expr(ctx, v) });
  }
  return { kind: 'object', text: text(ctx, n.start, n.end), loc: loc(ctx, n.start, n.end), entries };
}

function call(ctx: Ctx, n: TsNode): HclCall {
  const id = n.kids[0];
  const argsNode = kidOf(n, 'function_arguments');
  return {
    kind: 'call',
    text: text(ctx, n.start, n.end),
    loc: loc(ctx, n.start, n.end),
    name: id ? text(ctx, id.start, id.end) : '',
    args: argsNode ? kidsOf(argsNode, 'expression').map((e) => expr(ctx, e)) : [],
  };
}

/** Refs of expressions evaluated inside a `for` scope, without the names the `for` binds. */
function scoped(refs: HclTraversal[], names: string[]): HclTraversal[] {
  return names.length ? refs.filter((r) => !names.includes(r.root)) : refs;
}

function forExpr(ctx: Ctx, n: TsNode, start: number, end: number): HclExpr {
  const intro = kidOf(n, 'for_intro');
  const names = intro ? kidsOf(intro, 'identifier').map((i) => text(ctx, i.start, i.end)) : [];
  const collNode = intro ? kidOf(intro, 'expression') : undefined;
  const coll = collNode ? expr(ctx, collNode) : undefined;
  const inner: HclExpr[] = kidsOf(n, 'expression').map((e) => expr(ctx, e));
  const cond = kidOf(n, 'for_cond');
  const condExpr = cond ? kidOf(cond, 'expression') : undefined;
  if (condExpr) inner.push(expr(ctx, condExpr));
  const refs = [...(coll ? refsOf(coll) : []), ...scoped(refsOf(...inner), names)];
  return other(ctx, start, end, 'for', coll ? [coll] : [], refs);
}

const OPERATORS = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '!']);

function operation(ctx: Ctx, n: TsNode, start: number, end: number): HclExpr {
  const kids = n.kids;
  if (n.type === 'unary_operation') {
    const op = kids[0];
    const operand = term(ctx, kids.slice(1), kids[1]?.start ?? end, end);
    // A negative number is a number literal, as HCL's own JSON conversion treats it.
    if (op?.type === '-' && operand.kind === 'literal' && typeof operand.value === 'number' && /^[0-9]/.test(operand.text)) {
      return { kind: 'literal', value: -operand.value, text: text(ctx, start, end), loc: loc(ctx, start, end) };
    }
    return other(ctx, start, end, 'unary', [operand], refsOf(operand), op?.type);
  }
  if (n.type === 'binary_operation') {
    let depth = 0;
    let at = -1;
    for (let i = 0; i < kids.length; i++) {
      const t = kids[i]!.type;
      if (t === '(') depth++;
      else if (t === ')') depth--;
      else if (depth === 0 && OPERATORS.has(t) && i > 0) {
        at = i;
        break;
      }
    }
    if (at > 0) {
      const l = kids.slice(0, at);
      const r = kids.slice(at + 1);
      const left = term(ctx, l, l[0]!.start, l[l.length - 1]!.end);
      const right = r.length ? term(ctx, r, r[0]!.start, r[r.length - 1]!.end) : other(ctx, end, end, undefined, [], []);
      return other(ctx, start, end, 'binary', [left, right], refsOf(left, right), kids[at]!.type);
    }
  }
  return other(ctx, start, end, undefined, [], []);
}

// ------------------------------------------------------------------ templates

type TemplateToken =
  | { k: 'lit'; v: string }
  | { k: 'interp'; expr?: HclExpr; lt: boolean; rt: boolean }
  | { k: 'if'; cond?: HclExpr; lt: boolean; rt: boolean; start: number; end: number }
  | { k: 'else'; lt: boolean; rt: boolean; start: number; end: number }
  | { k: 'endif'; lt: boolean; rt: boolean; start: number; end: number }
  | { k: 'for'; names: string[]; coll?: HclExpr; lt: boolean; rt: boolean; start: number; end: number }
  | { k: 'endfor'; lt: boolean; rt: boolean; start: number; end: number };

const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isSpace(s[i]!)) i++;
  return s.slice(i);
}

function trimRightSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isSpace(s[i - 1]!)) i--;
  return s.slice(0, i);
}

/**
 * Decode a literal run of a template. Quoted strings take backslash escapes; both kinds take
 * `$${` and `%%{`, which HCL reads left to right (`$$${` is `$` then the escape `$${`).
 */
function decode(ctx: Ctx, raw: string, rawStart: number, quoted: boolean): string {
  const out = unescape(ctx, raw, rawStart, quoted);
  // HCL stores string literals in Unicode normal form C (a combining accent joins its letter).
  return NON_ASCII.test(out) ? out.normalize('NFC') : out;
}

const NON_ASCII = /[^\u0000-\u007f]/;

function unescape(ctx: Ctx, raw: string, rawStart: number, quoted: boolean): string {
  if (!raw.includes('\\') && !raw.includes('${') && !raw.includes('%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += c + '{';
      i += 2;
    } else if (c === '\\' && quoted) {
      const e = raw[i + 1];
      if (e === 'n') out += '\n';
      else if (e === 'r') out += '\r';
      else if (e === 't') out += '\t';
      else if (e === '"') out += '"';
      else if (e === '\\') out += '\\';
      else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const hex = raw.slice(i + 2, i + 2 + len);
        const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === len ? parseInt(hex, 16) : -1;
        if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          report(ctx, rawStart + i, rawStart + i + 2 + hex.length, `${SYNTAX}invalid escape "\\${e}${hex}" — it must name a Unicode character (at most \\U0010FFFF, no surrogates)`);
          out += '\ufffd';
        } else out += String.fromCodePoint(cp);
        i += len;
      } else {
        out += c + (e ?? '');
      }
      i++;
    } else out += c;
  }
  return out;
}

/** Is there a strip marker (`~`) before / after the content of a `${ }` or `%{ }` node? */
function strips(n: TsNode): { lt: boolean; rt: boolean } {
  const k = n.kids;
  return { lt: k[1]?.type === 'strip_marker', rt: k.length > 2 && k[k.length - 2]?.type === 'strip_marker' };
}

/**
 * A quoted string, string literal or heredoc → a string literal when it has no interpolation and
 * no directive, else a template. Follows HCL's own steps: literal runs (one per line in heredocs),
 * `~` strip markers, `<<-` indentation removal, then merging of adjacent literal runs.
 */
function template(ctx: Ctx, n: TsNode): HclLiteral | HclTemplate {
  const src = ctx.text;
  const t = text(ctx, n.start, n.end);
  const l = loc(ctx, n.start, n.end);
  const kids = n.kids;
  const heredoc = n.type === 'heredoc_template';
  let from: number;
  let to: number;
  let flush = false;
  if (heredoc) {
    const open = kids[1];
    const close = kids[kids.length - 1];
    flush = kids[0] !== undefined && src.slice(kids[0].start, kids[0].end) === '<<-';
    const openEnd = open?.end ?? n.end;
    const nl = src.indexOf('\n', openEnd);
    from = nl < 0 ? n.end : nl + 1;
    if (!n.bad && open && kids.length >= 3) {
      const after = src.slice(openEnd, nl < 0 ? n.end : nl);
      if (open.start !== kids[0]!.end || open.end === open.start || !/^[\p{ID_Start}_][\p{ID_Continue}-]*$/u.test(src.slice(open.start, open.end))) {
        report(ctx, kids[0]!.start, open.end, `${SYNTAX}a heredoc needs a name right after "<<" (e.g. <<EOT) — write the marker without spaces`);
      } else if (after !== '' && after !== '\r') {
        report(ctx, openEnd, openEnd + after.length, `${SYNTAX}text after the heredoc marker "${src.slice(kids[0]!.start, open.end)}" — the marker must end its line; start the text on the next line`);
      }
    }
    const closeStart = close && close !== open ? close.start : n.end;
    to = Math.max(from, src.lastIndexOf('\n', closeStart - 1) + 1);
    if (close === open || !close || close.missing) to = Math.max(from, closeStart);
  } else if (kids.length >= 2) {
    from = kids[0]!.end;
    const last = kids[kids.length - 1]!;
    to = last.type === 'quoted_template_end' ? last.start : n.end;
  } else {
    from = n.end;
    to = n.end;
  }

  const tokens: TemplateToken[] = [];
  let pos = from;
  const lit = (s: number, e: number): void => {
    if (e <= s) return;
    const raw = src.slice(s, e);
    if (heredoc) {
      let a = 0;
      while (a < raw.length) {
        const nl = raw.indexOf('\n', a);
        const b = nl < 0 ? raw.length : nl + 1;
        tokens.push({ k: 'lit', v: decode(ctx, raw.slice(a, b), s + a, false) });
        a = b;
      }
    } else {
      if (!n.bad && /[\r\n]/.test(raw)) {
        const at = s + raw.search(/[\r\n]/);
        report(ctx, at, at, `${SYNTAX}a quoted string cannot span lines — close it on the same line, write "\\n" for a line break, or use a heredoc (<<EOT)`);
      }
      tokens.push({ k: 'lit', v: decode(ctx, raw, s, true) });
    }
  };
  const ctl = (k: TsNode): void => {
    const st = strips(k);
    const kw = k.kids.find((x) => x.type === 'if' || x.type === 'for' || x.type === 'else' || x.type === 'endif' || x.type === 'endfor');
    const e = kidOf(k, 'expression');
    const exp = e ? expr(ctx, e) : undefined;
    const base = { lt: st.lt, rt: st.rt, start: k.start, end: k.end };
    switch (kw?.type) {
      case 'if':
        tokens.push(exp ? { k: 'if', cond: exp, ...base } : { k: 'if', ...base });
        break;
      case 'for': {
        const names = kidsOf(k, 'identifier').map((i) => text(ctx, i.start, i.end));
        tokens.push(exp ? { k: 'for', names, coll: exp, ...base } : { k: 'for', names, ...base });
        break;
      }
      case 'else':
      case 'endif':
      case 'endfor':
        tokens.push({ k: kw.type, ...base });
        break;
      default:
        break;
    }
  };
  const walk = (list: TsNode[]): void => {
    for (const k of list) {
      if (k.end <= from || k.start >= to) continue;
      switch (k.type) {
        case 'template_directive':
        case 'template_if':
        case 'template_for':
          walk(k.kids);
          break;
        case 'template_interpolation': {
          lit(pos, k.start);
          const e = kidOf(k, 'expression');
          const st = strips(k);
          if (!e && !k.bad) report(ctx, k.start, k.end, `${SYNTAX}empty interpolation "${text(ctx, k.start, k.end)}" — put an expression inside, or write "$\${" for a literal "\${"`);
          tokens.push(e ? { k: 'interp', expr: expr(ctx, e), ...st } : { k: 'interp', ...st });
          pos = k.end;
          break;
        }
        case 'template_if_intro':
        case 'template_else_intro':
        case 'template_if_end':
        case 'template_for_start':
        case 'template_for_end':
          lit(pos, k.start);
          ctl(k);
          pos = k.end;
          break;
        default:
          break; // template_literal and anything else: covered by the literal text
      }
    }
  };
  walk(kids);
  lit(pos, to);

  // `~` strip markers trim the whitespace of the literal run right before / after them.
  let ltrimNext = false;
  let prevLit = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const ltrim = ltrimNext;
    const canTrimPrev = prevLit;
    ltrimNext = false;
    if (tok.k === 'lit') {
      if (ltrim) tok.v = trimLeftSpace(tok.v);
      prevLit = true;
      continue;
    }
    prevLit = false;
    const prev = tokens[i - 1];
    if (tok.lt && canTrimPrev && prev?.k === 'lit') prev.v = trimRightSpace(prev.v);
    if (tok.rt) ltrimNext = true;
  }
  if (flush) flushHeredoc(tokens);

  let directives = false;
  let at = 0;
  const parse = (stop: ReadonlySet<string>): (string | HclExpr)[] => {
    const parts: (string | HclExpr)[] = [];
    const addLit = (v: string): void => {
      if (v === '') return;
      const last = parts[parts.length - 1];
      if (typeof last === 'string') parts[parts.length - 1] = last + v;
      else parts.push(v);
    };
    while (at < tokens.length) {
      const tok = tokens[at]!;
      if (stop.has(tok.k)) return parts;
      at++;
      switch (tok.k) {
        case 'lit':
          addLit(tok.v);
          break;
        case 'interp':
          if (tok.expr) parts.push(tok.expr);
          break;
        case 'if': {
          directives = true;
          const yes = parse(IF_STOP);
          let no: (string | HclExpr)[] = [];
          if (tokens[at]?.k === 'else') {
            at++;
            no = parse(ENDIF_STOP);
          }
          const endTok = tokens[at];
          const endPos = endTok && endTok.k === 'endif' ? endTok.end : tok.end;
          if (endTok?.k === 'endif') at++;
          const ops: HclExpr[] = [branch(ctx, yes, tok.end, tok.end), branch(ctx, no, endPos, endPos)];
          if (tok.cond) ops.unshift(tok.cond);
          parts.push(other(ctx, tok.start, endPos, 'conditional', ops, refsOf(...ops)));
          break;
        }
        case 'for': {
          directives = true;
          const body = parse(ENDFOR_STOP);
          const endTok = tokens[at];
          const endPos = endTok && endTok.k === 'endfor' ? endTok.end : tok.end;
          if (endTok?.k === 'endfor') at++;
          const inner = branch(ctx, body, tok.end, tok.end);
          const refs = [...(tok.coll ? refsOf(tok.coll) : []), ...scoped(refsOf(inner), tok.names)];
          parts.push(other(ctx, tok.start, endPos, 'for', tok.coll ? [tok.coll, inner] : [], refs));
          break;
        }
        default:
          directives = true; // an unbalanced else/endif/endfor (the grammar normally rejects it)
          break;
      }
    }
    return parts;
  };
  const parts = parse(NO_STOP);
  if (!directives && parts.every((p) => typeof p === 'string')) {
    return { kind: 'literal', value: parts.join(''), text: t, loc: l };
  }
  const out: HclTemplate = { kind: 'template', text: t, loc: l, parts };
  if (directives) out.directives = true;
  return out;
}

const NO_STOP: ReadonlySet<string> = new Set();
const IF_STOP: ReadonlySet<string> = new Set(['else', 'endif']);
const ENDIF_STOP: ReadonlySet<string> = new Set(['endif']);
const ENDFOR_STOP: ReadonlySet<string> = new Set(['endfor']);

/** A directive's branch as an expression: a string literal or a template over the branch's source. */
function branch(ctx: Ctx, parts: (string | HclExpr)[], start: number, end: number): HclLiteral | HclTemplate {
  const exprs = parts.filter((p): p is HclExpr => typeof p !== 'string');
  const s = exprs.length ? Math.min(start, exprs[0]!.loc.start.offset) : start;
  const e = exprs.length ? Math.max(end, exprs[exprs.length - 1]!.loc.end.offset) : end;
  if (!exprs.length) return { kind: 'literal', value: parts.join(''), text: text(ctx, s, e), loc: loc(ctx, s, e) };
  return { kind: 'template', parts, text: text(ctx, s, e), loc: loc(ctx, s, e) };
}

/**
 * `<<-` heredocs: remove from every line the smallest indentation of the non-blank lines, counted
 * in characters, as HCL's flushHeredocTemplateParts does (a line starting with an interpolation
 * counts as not indented).
 */
function flushHeredoc(tokens: TemplateToken[]): void {
  let min = Number.POSITIVE_INFINITY;
  let newline = true;
  const adjust: { k: 'lit'; v: string }[] = [];
  for (const tok of tokens) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (tok.k === 'lit') {
        const trimmed = trimLeftSpace(tok.v);
        if (trimmed.length === 0 && tok.v.endsWith('\n')) spaces = Number.POSITIVE_INFINITY;
        else {
          spaces = [...tok.v.slice(0, tok.v.length - trimmed.length)].length;
          adjust.push(tok);
        }
      }
      if (spaces < min) min = spaces;
    }
    if (tok.k === 'lit' && tok.v.endsWith('\n')) newline = true;
  }
  if (!Number.isFinite(min) || min === 0) return;
  for (const tok of adjust) {
    let i = 0;
    for (let c = 0; c < min && i < tok.v.length; c++) i += tok.v.codePointAt(i)! > 0xffff ? 2 : 1;
    tok.v = tok.v.slice(i);
  }
}

// ------------------------------------------------------------------ layout checks

/*
 * tree-sitter's grammar treats newlines as plain whitespace. HCL does not: an argument or a block
 * ends at a newline, a block's header is one line, a one-line block holds a single argument, and
 * outside brackets an expression cannot continue on the next line. These checks restore that, on
 * the parts of the tree that parsed cleanly.
 */

/** Does the source between two tokens contain a line break? A `#` or `//` comment counts as one. */
function gapHasNewline(src: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13 || c === 35) return true; // a lone `\r` is reported once by loneCarriageReturn
    if (c === 47) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) return true;
      if (d === 42) {
        const close = src.indexOf('*/', i + 2);
        if (close < 0 || close >= end) return false;
        i = close + 1;
      }
    }
  }
  return false;
}

/** Report at the first token of `n`, naming it in the message through `msg`. */
function reportAtToken(ctx: Ctx, n: TsNode, msg: (token: string) => string): void {
  const t = firstToken(ctx.text, n.start, n.end) ?? { start: n.start, end: n.start };
  report(ctx, t.start, t.end, msg(t.end > t.start ? show(ctx.text.slice(t.start, t.end)) : 'the end of the file'));
}

function checkLayout(ctx: Ctx, root: TsNode): void {
  const body = root.kids.find((k) => k.type === 'body');
  if (body) checkBodyItems(ctx, body.kids, undefined);
}

function checkBodyItems(ctx: Ctx, items: TsNode[], close: TsNode | undefined): void {
  const src = ctx.text;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = items[i + 1] ?? close;
    if (item.type !== 'attribute' && item.type !== 'block') continue;
    if (!item.bad && next && !next.bad && !gapHasNewline(src, item.end, next.start)) {
      const what = item.type === 'attribute' ? `the argument "${src.slice(item.kids[0]!.start, item.kids[0]!.end)}"` : `the block "${src.slice(item.kids[0]!.start, item.kids[0]!.end)}"`;
      reportAtToken(ctx, next, (t) => `${SYNTAX}unexpected ${t} after ${what} — each argument and block must end with a line break`);
    }
    if (item.bad) continue;
    if (item.type === 'attribute') checkAttribute(ctx, item);
    else checkBlock(ctx, item);
  }
}

function checkAttribute(ctx: Ctx, n: TsNode): void {
  checkSequence(ctx, n.kids, true);
}

function checkBlock(ctx: Ctx, n: TsNode): void {
  const src = ctx.text;
  const kids = n.kids;
  const open = kids.findIndex((k) => k.type === 'block_start');
  if (open < 0) return;
  for (let i = 0; i < open; i++) {
    if (gapHasNewline(src, kids[i]!.end, kids[i + 1]!.start)) {
      report(ctx, kids[i + 1]!.start, kids[i + 1]!.end, `${SYNTAX}the block header is split over lines — put its labels and "{" on the same line as "${src.slice(kids[0]!.start, kids[0]!.end)}"`);
      return;
    }
  }
  const openNode = kids[open]!;
  const body = kidOf(n, 'body');
  const close = kidOf(n, 'block_end');
  if (!body) return;
  if (gapHasNewline(src, openNode.end, body.start)) {
    checkBodyItems(ctx, body.kids, close);
    return;
  }
  // One-line block: `name { arg = value }`, a single argument closed on the same line.
  const items = body.kids.filter((k) => k.type === 'attribute' || k.type === 'block');
  const first = items[0];
  if (!first) return;
  if (first.type === 'block' || items.length > 1) {
    const bad = first.type === 'block' ? first : items[1]!;
    report(ctx, bad.start, bad.end, `${SYNTAX}a one-line block can hold only one argument — put "{" at the end of the line and each argument and nested block on its own line`);
    return;
  }
  if (close && !close.missing && gapHasNewline(src, first.end, close.start)) {
    report(ctx, first.start, first.end, `${SYNTAX}an argument on the same line as "{" makes a one-line block, which must close on that line — move the argument to its own line or the "}" up`);
    return;
  }
  checkAttribute(ctx, first);
}

/** Node types inside which line breaks are free (HCL stops looking at newlines in brackets). */
const FREE = new Set([
  'tuple',
  'function_arguments',
  'new_index',
  'for_tuple_expr',
  'for_object_expr',
  'template_interpolation',
  'template_if_intro',
  'template_for_start',
  'quoted_template',
  'heredoc_template',
  'template_directive',
  'template_if',
  'template_for',
]);

/**
 * Check the kids of a node: when `nl` (newline-sensitive context), no line break between them,
 * except inside parentheses; then recurse. Objects switch line breaks back on inside them.
 */
function checkSequence(ctx: Ctx, kids: TsNode[], nl: boolean): void {
  const src = ctx.text;
  let depth = 0;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.type === '(') depth++;
    else if (k.type === ')') depth--;
    const next = kids[i + 1];
    if (nl && next && depth === 0 && !(k.type === '(' || next.type === ')') && !k.bad && !next.bad && gapHasNewline(src, k.end, next.start)) {
      reportAtToken(ctx, next, (t) => `${SYNTAX}unexpected line break before ${t} — outside brackets an expression must stay on one line; wrap it in parentheses to continue it on the next line`);
      return;
    }
    checkNode(ctx, k, nl && depth === 0);
  }
}

function checkNode(ctx: Ctx, n: TsNode, nl: boolean): void {
  if (n.bad || n.kids.length === 0) return;
  if (n.type === 'object') {
    checkObject(ctx, n);
    return;
  }
  if (n.type === 'function_call') {
    // `name (` on one line, arguments free.
    const [id, open] = n.kids;
    if (nl && id && open && gapHasNewline(ctx.text, id.end, open.start)) {
      report(ctx, open.start, open.end, `${SYNTAX}unexpected line break before "(" — write the function name and "(" on the same line`);
    }
    for (const k of n.kids) checkNode(ctx, k, false);
    return;
  }
  checkSequence(ctx, n.kids, nl && !FREE.has(n.type));
}

function checkObject(ctx: Ctx, n: TsNode): void {
  const src = ctx.text;
  const kids = n.kids;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    const next = kids[i + 1];
    if (k.type === 'object_elem') {
      if (next && !k.bad && !next.bad) {
        const nl = gapHasNewline(src, k.end, next.start);
        if (next.type === 'object_elem' && !nl) {
          reportAtToken(ctx, next, (t) => `${SYNTAX}missing "," or line break before ${t} — separate object attributes with commas or put each on its own line`);
        } else if (next.type === ',' && nl) {
          report(ctx, next.start, next.end, `${SYNTAX}unexpected "," at the start of a line — put the comma at the end of the previous attribute`);
        }
      }
      checkSequence(ctx, k.kids, true);
    }
  }
}

/** HCL reads `\r\n` as a line break but rejects a `\r` on its own anywhere outside a comment. */
function loneCarriageReturn(ctx: Ctx, comments: TsNode[]): void {
  const src = ctx.text;
  let ci = 0;
  for (let i = src.indexOf('\r'); i >= 0; i = src.indexOf('\r', i + 1)) {
    if (src.charCodeAt(i + 1) === 10) continue;
    while (ci < comments.length && comments[ci]!.end <= i) ci++;
    const c = comments[ci];
    if (c && c.start <= i && i < c.end) continue;
    report(ctx, i, i + 1, `${SYNTAX}a carriage return (CR) without a line feed is not a line break in HCL — save the file with LF or CRLF line endings`);
    return;
  }
}

// ------------------------------------------------------------------ errors

/** The first token in `[start, end)`, skipping whitespace and comments. */
function firstToken(src: string, start: number, end: number): { start: number; end: number } | undefined {
  let i = start;
  while (i < end) {
    const c = src[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '#' || (c === '/' && src[i + 1] === '/')) i = lineEnd(src, i);
    else if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else break;
  }
  if (i >= end) return undefined;
  const rest = src.slice(i, Math.min(end, lineEnd(src, i)));
  const m = /^(?:[\p{ID_Continue}-]+|"(?:[^"\\]|\\.)*"?|<<-?|==|!=|<=|>=|&&|\|\||=>|\.\.\.|\$\{|%\{|.)/su.exec(rest);
  return { start: i, end: i + (m ? m[0].length : 1) };
}

/** The token tree-sitter could not fit: the first one inside the ERROR that is not part of a well-formed piece. */
function culprit(src: string, n: TsNode): { start: number; end: number; last: boolean } | undefined {
  let pos = n.start;
  for (const k of n.kids) {
    const gap = firstToken(src, pos, k.start);
    if (gap) return { ...gap, last: false };
    if (k.type === 'ERROR') {
      const inner = culprit(src, k);
      if (inner) return inner;
    } else if (!k.named && k.end > k.start) return { start: k.start, end: k.end, last: k === n.kids[n.kids.length - 1] && !firstToken(src, k.end, n.end) };
    pos = Math.max(pos, k.end);
  }
  const tail = firstToken(src, pos, n.end);
  return tail ? { ...tail, last: !firstToken(src, tail.end, n.end) } : undefined;
}

function show(tok: string): string {
  if (tok.startsWith('"')) return `string ${tok}`;
  const cp = tok.codePointAt(0)!;
  if (tok.length <= 2 && (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || /[\p{Cf}\p{Zs}\p{Zl}\p{Zp}]/u.test(tok))) {
    return `invisible character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${tok}"`;
}

/** What an unclosed construct is, for a MISSING closing token. */
function opener(ctx: Ctx, ancestors: TsNode[]): string {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    const line = positionLine(ctx, a.start);
    switch (a.type) {
      case 'block': {
        const header = ctx.text.slice(a.start, a.kids.find((k) => k.type === 'block_start')?.start ?? a.start).trim();
        return `the block ${header ? `${header} ` : ''}opened on line ${line}`;
      }
      case 'object':
      case 'for_object_expr':
        return `the object opened on line ${line}`;
      case 'tuple':
      case 'for_tuple_expr':
        return `the list opened on line ${line}`;
      case 'function_call':
        return `the call to ${ctx.text.slice(a.start, a.kids[0]?.end ?? a.start)}() on line ${line}`;
      case 'template_interpolation':
        return `the "\${" on line ${line}`;
      case 'quoted_template':
      case 'string_lit':
        return `the string opened on line ${line}`;
      case 'heredoc_template':
        return `the heredoc opened on line ${line}`;
      default:
        break;
    }
  }
  return 'a construct opened above';
}

function positionLine(ctx: Ctx, offset: number): number {
  return locationAt(ctx.idx, offset, offset).start.line;
}

const CLOSERS: Record<string, string> = {
  block_end: '}',
  object_end: '}',
  tuple_end: ']',
  quoted_template_end: '"',
  template_interpolation_end: '}',
  template_directive_end: '}',
};

/** Report one outermost ERROR or MISSING node: what is wrong in plain words, and what to do. */
function reportTreeError(ctx: Ctx, n: TsNode, ancestors: TsNode[] | undefined): void {
  const src = ctx.text;
  if (n.missing) {
    const tok = CLOSERS[n.type] ?? n.type;
    const where = opener(ctx, ancestors ?? []);
    let message: string;
    if (tok === '}' || tok === ']' || tok === ')') message = `${SYNTAX}missing "${tok}" — close ${where}`;
    else if (tok === '"') message = `${SYNTAX}missing closing quote (") — close ${where} on its line`;
    else if (n.type === 'heredoc_identifier') message = `${SYNTAX}${where.replace(/^the/, 'the')} has no end marker — end it with its marker on a line of its own`;
    else if (n.type === 'identifier') message = `${SYNTAX}a name is missing here — complete the expression`;
    else message = `${SYNTAX}missing ${tok === n.type ? n.type.replace(/_/g, ' ') : `"${tok}"`} — complete the expression`;
    report(ctx, n.start, n.start, message);
    return;
  }
  const c = culprit(src, n) ?? firstToken(src, n.end, src.length);
  if (!c) {
    report(ctx, src.length, src.length, `${SYNTAX}unexpected end of file — a block, object, list or string is not closed`);
    return;
  }
  const tok = src.slice(c.start, c.end);
  const last = 'last' in c && c.last;
  let message: string;
  if (last && /^(=|==|!=|<=|>=|&&|\|\||[-+*/%<>!?:.]|=>)$/.test(tok)) {
    message = `${SYNTAX}missing value after "${tok}" — complete the expression`;
  } else {
    let hint = 'check the syntax here';
    if (tok === '}') hint = 'check for a missing "=" or an unclosed brace';
    else if (tok === ',') hint = 'check for a missing value before it; arguments in a block are separated by line breaks, not commas';
    else if (tok === '=') hint = 'check the name before "=" (letters, digits, "_" and "-", starting with a letter) and that the line above is complete';
    else if (tok === ']' || tok === ')') hint = 'check the brackets opened before it';
    else if (tok.startsWith('"')) hint = 'check for a missing "=", "{" or "," before it';
    else if (/^[\p{ID_Continue}-]/u.test(tok)) hint = 'check for a missing "=", "{", "," or closing bracket before it (comments start with #)';
    message = `${SYNTAX}unexpected ${show(tok)} — ${hint}`;
  }
  report(ctx, c.start, c.end, message);
}

// ------------------------------------------------------------------ entry point

/**
 * Give tree-sitter a same-length copy of the text where it would tokenise differently from HCL
 * (values and positions are always read from the original text):
 * - an odd run of `$` or `%` before `{` (`$$${x}` is `$` then the escape `$${x}` in HCL; the
 *   grammar's scanner would pair the first two and open an interpolation);
 * - a number with an exponent but no fraction (`1e3`), which the grammar cannot read.
 */
function textForParser(text: string): string {
  let t = text;
  if (t.includes('$$${') || t.includes('%%%{')) {
    t = t.replace(/([$%])\1*(?=\{)/g, (run) => (run.length >= 3 && run.length % 2 === 1 ? '_' + run.slice(1) : run));
  }
  if (/[0-9][eE]/.test(t)) {
    t = t.replace(/[0-9]+[eE][-+]?[0-9]+/g, (num, at: number, all: string) => {
      // Only a number token: not the tail of a name (`x1e3`, `a-1e3`) nor of a fraction (`1.5e3`).
      const before = all[at - 1] ?? ' ';
      if (NAME_CHAR.test(before) || before === '.') return num;
      if (before === '-' && NAME_CHAR.test(all[at - 2] ?? ' ')) return num;
      return '1'.repeat(num.length);
    });
  }
  return t;
}

const NAME_CHAR = /[\p{ID_Continue}-]/u;

function internalError(file: string, text: string, err: unknown): ParsedFile {
  const idx = lineIndex(file, text);
  const message = `Could not read this HCL file (${err instanceof Error ? err.message : String(err)}) — check its syntax; if it is valid, please report this as an infralint bug`;
  return {
    path: file,
    language: 'hcl',
    hcl: { attributes: [], blocks: [] },
    comments: [],
    diagnostics: [{ ruleId: 'parse-error', severity: 'error', message, loc: locationAt(idx, 0, 0) }],
  };
}

/**
 * Parse an HCL file (`.tf`, `.tfvars`) into the model. Synchronous; call `initHcl()` once first.
 * `text` has no BOM (the caller strips it, so columns on line 1 count from the first character
 * after it); `file` is the repo-relative path put in every location. Never throws: syntax errors
 * and internal failures become `parse-error` diagnostics, and what parsed is still returned.
 */
export function parseHcl(text: string, file: string): ParsedFile {
  const eng = engine;
  if (!eng) throw new Error('parseHcl() called before initHcl() finished: await initHcl() once before parsing HCL files');
  try {
    const parseText = textForParser(text);
    let m = parseSlice(eng, parseText, 0, parseText.length);
    if (m.root.bad) {
      // tree-sitter's error recovery can swallow every block after an error into the broken one;
      // parsing each top-level item on its own keeps an error inside the item that holds it.
      const starts = topLevelStarts(parseText);
      if (starts.length > 1) {
        const parts = starts.map((s, i) => parseSlice(eng, parseText, s, starts[i + 1] ?? parseText.length));
        const items: TsNode[] = [];
        const merged: Mirror = { root: { ...m.root, kids: [] }, comments: [], errors: [], missingContext: new Map() };
        for (const part of parts) {
          for (const k of part.root.kids) items.push(...(k.type === 'body' ? k.kids : [k]));
          merged.comments.push(...part.comments);
          merged.errors.push(...part.errors);
          for (const [n, c] of part.missingContext) merged.missingContext.set(n, c);
        }
        merged.root.kids = [{ type: 'body', start: 0, end: text.length, kids: items, named: true, bad: true, missing: false }];
        // An error that only shows across items (say, an unclosed comment) keeps the whole-file reading.
        if (merged.errors.length > 0) m = merged;
      }
    }
    const { root, comments: commentNodes, errors, missingContext } = m;

    const ctx: Ctx = { text, file, idx: lineIndex(file, text), diags: [] };
    for (const e of errors) reportTreeError(ctx, e, missingContext.get(e));
    const comments: Comment[] = commentNodes.map((c) => {
      let end = c.end;
      while (end > c.start && text.charCodeAt(end - 1) === 13) end--; // CRLF: the `\r` is not part of the comment
      const raw = text.slice(c.start, end);
      const inner = raw.startsWith('#') ? raw.slice(1) : raw.startsWith('//') ? raw.slice(2) : raw.startsWith('/*') ? raw.slice(2, raw.endsWith('*/') && raw.length >= 4 ? -2 : undefined) : raw;
      return { text: inner.trim(), loc: loc(ctx, c.start, end) };
    });

    let hcl: Body = { attributes: [], blocks: [] };
    const top = root.kids.find((k) => k.type !== 'ERROR');
    if (top?.type === 'body') hcl = convertBody(ctx, top.kids);
    else if (top?.type === 'object' && !top.bad) {
      report(ctx, top.start, top.start + 1, `${SYNTAX}a configuration file holds arguments and blocks, not a bare object — write name = value lines, or use JSON syntax in a .tf.json / .tfvars.json file`);
    }
    checkLayout(ctx, root);
    if (text.includes('\r')) loneCarriageReturn(ctx, commentNodes);
    ctx.diags.sort((a, b) => a.loc.start.offset - b.loc.start.offset);
    return { path: file, language: 'hcl', hcl, comments, diagnostics: ctx.diags };
  } catch (err) {
    try {
      eng.parser.reset();
    } catch {
      // the parser is unusable; the next parse will report its own failure
    }
    return internalError(file, text, err);
  }
}

/** Parse `text[start, end)` and mirror its tree with offsets into the whole text. */
function parseSlice(eng: Engine, text: string, start: number, end: number): Mirror {
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  const tree = eng.parser.parse(slice);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const conv = eng.byteIndexes ? byteToUtf16(slice) : undefined;
    return mirror(tree, eng, conv ? (i) => start + conv(i) : (i) => start + i);
  } finally {
    tree.delete();
  }
}

/**
 * Where top-level items start, for recovery after a syntax error: lines that begin, in column 1,
 * with a block header (`type "label" {`) or an argument (`name =`), outside heredocs and
 * block comments. Terraform style indents everything inside blocks, so this cuts between items.
 */
function topLevelStarts(text: string): number[] {
  const starts: number[] = [0];
  let heredoc: string | undefined;
  let inComment = false;
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(at, nl < 0 ? text.length : nl).replace(/\r$/, '');
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
    } else if (inComment) {
      if (line.includes('*/')) inComment = false;
    } else {
      if (at > 0 && TOP_LEVEL_ITEM.test(line)) starts.push(at);
      const open = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)\s*$/u.exec(line);
      if (open) heredoc = open[1];
      else if (/\/\*(?!.*\*\/)/.test(line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/(#|\/\/).*$/, ''))) inComment = true;
    }
    at = next;
  }
  return starts;
}

const TOP_LEVEL_ITEM = /^[\p{ID_Start}_][\p{ID_Continue}-]*(?:[ \t]+(?:"(?:[^"\\]|\\.)*"|[\p{ID_Start}_][\p{ID_Continue}-]*))*[ \t]*(?:\{|=(?![=>]))/u;
