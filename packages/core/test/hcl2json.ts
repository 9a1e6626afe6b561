import type { HclAttribute, HclBlock, HclExpr, HclOther } from '../src/model/types.js';

/*
 * Test oracle glue: print our HCL model the way hcl2json (tmccombs/hcl2json 0.3.3, on
 * hashicorp/hcl 2.10, bundled in the `hcl2-parser` npm package) prints a file, so the two can be
 * compared deeply. Its conventions, from its convert.go and checked on sample inputs:
 * - blocks nest by type then label: `{ type: { label1: { label2: [body, body...] } } }`; every
 *   block body is wrapped in an array and repeated blocks are appended; blocks are converted first,
 *   so an argument of the same name replaces them;
 * - literals are JSON values, a unary operator on a literal is evaluated (`-1`, `!true`);
 * - a template without interpolation is its string; otherwise its parts are joined, each
 *   interpolation printed as `${source}`, except that a conditional is printed as a directive
 *   `%{if c}a%{else}b%{endif}` (the else part only when not empty) and a template that is a single
 *   interpolation is converted as the expression inside it;
 * - object keys: a name or a traversal is its source text, anything else is printed like a
 *   template part (`(k)` gives `${(k)}`);
 * - any other expression is `"${" + source + "}"`, where the source range also takes a `)` that
 *   follows it immediately (a workaround of hcl2json for an old HCL range bug).
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObj = { [key: string]: Json };

/** Convert a parsed HCL body into hcl2json's JSON. `text` is the file's source. */
export function toHcl2Json(body: { attributes: HclAttribute[]; blocks: HclBlock[] }, text: string): JsonObj {
  return convertBody(body, text);
}

function convertBody(body: { attributes: HclAttribute[]; blocks: HclBlock[] }, text: string): JsonObj {
  const out: JsonObj = {};
  for (const b of body.blocks) convertBlock(b, out, text);
  for (const a of body.attributes) out[a.name] = convertExpression(a.expr, text);
  return out;
}

function convertBlock(block: HclBlock, top: JsonObj, text: string): void {
  let out = top;
  let key = block.type;
  for (const label of block.labels) {
    const cur = out[key];
    if (cur === undefined) {
      const fresh: JsonObj = {};
      out[key] = fresh;
      out = fresh;
    } else if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) out = cur;
    else throw new Error(`hcl2json cannot nest block ${block.type} ${block.labels.join(' ')}`);
    key = label;
  }
  const value = convertBody(block, text);
  const cur = out[key];
  if (cur === undefined) out[key] = [value];
  else if (Array.isArray(cur)) cur.push(value);
  else throw new Error(`hcl2json cannot append block ${block.type} ${block.labels.join(' ')}`);
}

/** Source of an expression, as hcl2json's rangeSource takes it. */
function rangeSource(e: HclExpr, text: string): string {
  const end = e.loc.end.offset;
  return text[end] === ')' ? e.text + ')' : e.text;
}

function wrap(e: HclExpr, text: string): string {
  return '${' + rangeSource(e, text) + '}';
}

function isDirective(e: HclExpr): boolean {
  return e.text.startsWith('%{');
}

function convertExpression(e: HclExpr, text: string): Json {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'template':
      if (e.parts.length === 1 && typeof e.parts[0] !== 'string' && !isDirective(e.parts[0]!)) return convertExpression(e.parts[0]!, text);
      return convertTemplate(e.parts, text);
    case 'tuple':
      return e.items.map((i) => convertExpression(i, text));
    case 'object': {
      const m: JsonObj = {};
      for (const en of e.entries) m[convertKey(en.key, text)] = convertExpression(en.value, text);
      return m;
    }
    case 'other': {
      const unary = evalUnary(e);
      return unary === undefined ? wrap(e, text) : unary;
    }
    default:
      return wrap(e, text);
  }
}

function evalUnary(e: HclOther): Json | undefined {
  const operand = e.operands?.[0];
  if (e.form !== 'unary' || operand?.kind !== 'literal') return undefined;
  if (e.operator === '-' && typeof operand.value === 'number') return -operand.value;
  if (e.operator === '!' && typeof operand.value === 'boolean') return !operand.value;
  return undefined;
}

function convertTemplate(parts: (string | HclExpr)[], text: string): string {
  return parts.map((p) => (typeof p === 'string' ? p : convertStringPart(p, text))).join('');
}

function convertStringPart(e: HclExpr, text: string): string {
  switch (e.kind) {
    case 'literal':
      return e.value === null ? '' : String(e.value);
    case 'template':
      return convertTemplate(e.parts, text);
    case 'other':
      if (e.form === 'conditional' && e.operands?.length === 3) {
        const [cond, yes, no] = e.operands as [HclExpr, HclExpr, HclExpr];
        const noText = convertStringPart(no, text);
        return `%{if ${rangeSource(cond, text)}}${convertStringPart(yes, text)}${noText ? '%{else}' + noText : ''}%{endif}`;
      }
      if (isDirective(e)) throw new Error(`hcl2json glue: %{ for } directives are not supported: ${e.text}`);
      return wrap(e, text);
    default:
      return wrap(e, text);
  }
}

function convertKey(key: HclExpr, text: string): string {
  if (key.kind === 'literal' && typeof key.value === 'string' && !key.text.startsWith('"')) return key.text;
  if (key.kind === 'traversal') return rangeSource(key, text);
  return convertStringPart(key, text);
}
