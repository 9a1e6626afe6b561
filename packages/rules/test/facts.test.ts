import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineIndex, parseYaml, type Fact, type ParsedFile } from '../../core/src/index.js';
import { encode, revive } from '../../core/src/model/facts.js';
import { lazyFile, packFile } from '../../core/src/model/pack.js';
import { CORPUS, FIXTURES, ROOT, filesUnder } from '../../core/test/paths.js';
import { plain } from '../../core/test/plain.js';
import { facts } from '../src/index.js';

/**
 * Every fact the rules keep in the parse cache must read back from it exactly as it was derived,
 * and be the same whether derived from a fresh parse or from a tree rebuilt from the cache. Each
 * fact is derived from every document (an Ingress fact of a Service is mostly empty, which is a
 * case too), over the fixtures, a generated repo and the shared corpus.
 */
const FACTS: readonly Fact<unknown>[] = facts;
const KINDS = new Set(['scalar', 'map', 'seq', 'alias']);

/** What a rule reads of a fact's value, as plain data (nodes read through their getters). */
function norm(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(norm);
  const r = v as Record<string, unknown>;
  if (typeof r.kind === 'string' && KINDS.has(r.kind)) return plain(v as never);
  if ('keyText' in r) return { keyText: r.keyText, loc: r.loc, key: norm(r.key), value: norm(r.value) };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(r)) if (x !== undefined) out[k] = norm(x);
  return out;
}

/** Check every fact of every document under `dir`; returns how many values were stored and how many could not be. */
function check(dir: string): { stored: number; unstorable: number; files: number } {
  let stored = 0;
  let unstorable = 0;
  let files = 0;
  for (const abs of filesUnder(dir, /\.ya?ml$/)) {
    const text = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    if (text.includes('{{')) continue; // Helm templates are never parsed in a run
    const file = path.relative(dir, abs).split(path.sep).join('/');
    const fresh = parseYaml(text, file);
    if (!fresh.documents?.some((d) => d.root)) continue;
    files++;
    const cached: ParsedFile = lazyFile(packFile(fresh, lineIndex(file, text).lineStarts, text.length));
    const idx = { file, lineStarts: cached.lines!.starts, length: cached.lines!.length };
    fresh.documents.forEach((doc, i) => {
      if (!doc.root) return;
      for (const fact of FACTS) {
        const where = `${file}#${i} ${fact.id}`;
        const derived = norm(fact.derive(doc.root));
        const rebuilt = fact.derive(cached.documents![i]!.root);
        expect(norm(rebuilt), where).toEqual(derived);
        const e = encode(rebuilt, idx);
        if (typeof e === 'symbol') {
          unstorable++;
          continue;
        }
        stored++;
        expect(norm(revive(JSON.parse(JSON.stringify(e)), idx)), where).toEqual(derived);
      }
    });
  }
  return { stored, unstorable, files };
}

describe('facts read back from the parse cache exactly as derived', () => {
  it('lists every fact the rules define, each under its own id', () => {
    // Every defineFact in the rules' sources is in the list the CLI keeps in the cache.
    const src = path.join(ROOT, 'packages/rules/src');
    const defined = fs
      .readdirSync(src, { recursive: true })
      .filter((f): f is string => typeof f === 'string' && f.endsWith('.ts'))
      .flatMap((f) => [...fs.readFileSync(path.join(src, f), 'utf8').matchAll(/defineFact\('([^']+)'/g)].map((m) => m[1]));
    expect(new Set(FACTS.map((f) => f.id)).size).toBe(FACTS.length);
    expect(FACTS.map((f) => f.id).sort()).toEqual([...defined].sort());
  });

  let generated = '';
  beforeAll(async () => {
    generated = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-facts-'));
    const { generateRepo } = (await import(path.join(ROOT, 'tools/generate-repo.mjs'))) as { generateRepo: (apps: number, out: string, opts?: { violations?: boolean }) => number };
    generateRepo(20, generated, { violations: true });
  });
  afterAll(() => fs.rmSync(generated, { recursive: true, force: true }));

  it('on the fixtures', () => {
    const r = check(FIXTURES);
    expect(r.files).toBeGreaterThan(40);
    expect(r.unstorable).toBe(0);
  });

  it('on a generated repo', () => {
    const r = check(generated);
    expect(r.files).toBeGreaterThan(100);
    expect(r.unstorable).toBe(0);
  });

  it('on the shared corpus (Kubernetes repos and k3s-on-OCI infra repos)', () => {
    const r = check(path.join(CORPUS, 'kubernetes'));
    const infra = check(path.join(CORPUS, 'realistic'));
    expect(r.files + infra.files).toBeGreaterThan(500);
    // A value that JSON cannot hold (a `.nan` scalar, say) is derived on every run instead: rare.
    expect(r.unstorable + infra.unstorable).toBeLessThan((r.stored + infra.stored) / 100);
  });
});
