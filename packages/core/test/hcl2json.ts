import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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
 *   `%{if c}a%{else}b%{endif}` (the else part only when not empty), a `%{ for }` directive as
 *   `%{for k, v in coll}body%{endfor}` (strip markers dropped), and a template that is a single
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
      if (e.form === 'for' && isDirective(e) && e.operands?.length === 2) {
        const [coll, body] = e.operands as [HclExpr, HclExpr];
        const names = /^%\{~?\s*for\s+([^\s,]+)(?:\s*,\s*([^\s,]+))?\s+in\s/.exec(e.text);
        if (!names) throw new Error(`hcl2json glue: cannot read the for directive ${e.text}`);
        const vars = names[2] ? `${names[1]}, ${names[2]}` : names[1];
        return `%{for ${vars} in ${rangeSource(coll, text)}}${convertStringPart(body, text)}%{endfor}`;
      }
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

const require = createRequire(import.meta.url);
const hcl2parser = require('hcl2-parser') as { parseToObject(input: string): [unknown, unknown] };

/** hcl2-parser's verdict on a file, and its JSON when it parses it. */
export type Hcl2JsonResult = { ok: true; json: JsonObj } | { ok: false };

/**
 * Run hcl2-parser. It returns `[result, error]`; on a syntax error the result is null and the error
 * an empty object (GopherJS loses the Go error's text), and for a few inputs it throws instead
 * (e.g. an object key `null`). All of these count as a rejection.
 */
export function runHcl2Json(text: string): Hcl2JsonResult {
  try {
    const [result, error] = hcl2parser.parseToObject(text);
    if (error !== null || result === null || typeof result !== 'object') return { ok: false };
    return { ok: true, json: result as JsonObj };
  } catch {
    return { ok: false };
  }
}

// The same verdict as runHcl2Json, computed in a worker thread (plain JS: workers are not transformed).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const hcl = require(workerData.parser);
parentPort.on('message', ({ id, text }) => {
  let out = { ok: false };
  try {
    const [result, error] = hcl.parseToObject(text);
    if (error === null && result !== null && typeof result === 'object') out = { ok: true, json: result };
  } catch {}
  parentPort.postMessage({ id, out });
});
`;

/**
 * runHcl2Json over many files on worker threads: hcl2-parser (Go compiled to JS) is about ten
 * times slower than our parser and is the bulk of the oracle test's time.
 */
export async function runHcl2JsonMany(texts: string[], threads = Math.max(1, Math.min(4, availableParallelism()))): Promise<Hcl2JsonResult[]> {
  const parser = require.resolve('hcl2-parser');
  const results: Hcl2JsonResult[] = new Array<Hcl2JsonResult>(texts.length);
  let next = 0;
  const run = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, { eval: true, workerData: { parser } });
      const feed = (): void => {
        if (next >= texts.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const id = next++;
        worker.postMessage({ id, text: texts[id] });
      };
      worker.on('message', (m: { id: number; out: Hcl2JsonResult }) => {
        results[m.id] = m.out;
        feed();
      });
      worker.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(threads, texts.length) }, run));
  return results;
}
