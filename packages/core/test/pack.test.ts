import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { k8sObjectOf, lineIndex, listSources, parseYaml } from '../src/index.js';
import { k8sObjectOfPacked, lazyFile, packFile } from '../src/model/pack.js';
import { decodePackedYaml, encodePackedYaml } from '../src/model/pack-bytes.js';
import { CORPUS, FIXTURES } from './paths.js';
import { objectPlain, plain } from './plain.js';

// Packed trees (worker answers, the parse cache) must rebuild to exactly the trees the parser made:
// same values, same positions, same sharing of alias targets and merged pairs.

describe('packed YAML trees', () => {
  it('round-trip every YAML file of the corpus and the fixtures exactly', async () => {
    let docs = 0;
    let withTrees = 0;
    let stored = 0;
    for (const root of [CORPUS, FIXTURES]) {
      const { candidates } = await listSources({ root });
      for (const c of candidates) {
        if (!/\.ya?ml$/.test(c.path)) continue;
        const text = fs.readFileSync(c.abs, 'utf8').replace(/^\uFEFF/, '');
        if (text.includes('{{')) continue; // Helm templates are not parsed
        const parsed = parseYaml(text, c.path);
        const packed = packFile(parsed, lineIndex(c.path, text).lineStarts, text.length);
        // As a worker sends it (structured clone), and as the parse cache stores it (bytes).
        const bytes = encodePackedYaml(packed);
        if (bytes) stored++;
        if (packed.lines) withTrees++;
        for (const lazy of [lazyFile(v8.deserialize(v8.serialize(packed))), ...(bytes ? [decodePackedYaml(bytes, c.path)] : [])]) {
          expect(lazy.comments).toEqual(parsed.comments);
          expect(lazy.diagnostics).toEqual(parsed.diagnostics);
          for (const [i, doc] of (parsed.documents ?? []).entries()) {
            const back = lazy.documents![i]!;
            expect(back.index).toBe(doc.index);
            expect(back.loc).toEqual(doc.loc);
            expect(plain(back.root)).toEqual(plain(doc.root));
            if (doc.root) docs++;
            const obj = k8sObjectOf(doc, c.path);
            const packedObj = k8sObjectOfPacked(back, c.path);
            if (obj) expect(objectPlain(packedObj)).toEqual(objectPlain(obj));
            if (obj) expect('nameLoc' in packedObj!).toBe('nameLoc' in obj);
            else expect(packedObj).toBeUndefined();
          }
        }
      }
    }
    expect(docs).toBeGreaterThan(3000);
    // Every file with a tree fits the cache's packed byte form (a location its offsets do not give
    // would not); files without one (empty, or not parsed) are stored as JSON.
    expect(withTrees).toBeGreaterThan(1000);
    expect(stored).toBe(withTrees);
  });

  it('gives a packed object a nameLoc exactly when the parsed object has one', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n';
    const parsed = parseYaml(text, 'a.yaml');
    const packed = packFile(parsed, lineIndex('a.yaml', text).lineStarts, text.length);
    for (const file of [lazyFile(packed), decodePackedYaml(encodePackedYaml(packed)!, 'a.yaml')]) {
      const [pod, named] = file.documents!.map((d) => k8sObjectOfPacked(d, 'a.yaml')!);
      expect('nameLoc' in pod!).toBe(false);
      expect(pod!.nameLoc).toBeUndefined();
      expect('nameLoc' in named!).toBe(true);
      expect(named!.nameLoc).toEqual(k8sObjectOf(parsed.documents![1]!, 'a.yaml')!.nameLoc);
      expect(Object.keys(named!)).not.toContain('header');
    }
  });

  it('keeps aliases pointing at their anchor and merged pairs shared', () => {
    const text = 'base: &b {a: 1, b: [x, y]}\nuse: *b\nmerged:\n  <<: *b\n  c: 3\nnan: .nan\nneg: -0\n';
    const parsed = parseYaml(text, 'a.yaml');
    const lazy = lazyFile(packFile(parsed, lineIndex('a.yaml', text).lineStarts, text.length));
    const root = lazy.documents![0]!.root as import('../src/index.js').YMap;
    const base = root.pairs[0]!.value;
    const use = root.pairs[1]!.value;
    expect(use.kind).toBe('alias');
    expect(use.kind === 'alias' && use.target).toBe(base);
    const merged = root.pairs[2]!.value;
    expect(merged.kind === 'map' && base.kind === 'map' && merged.pairs[0]).toBe(base.kind === 'map' ? base.pairs[0] : undefined);
    expect(Number.isNaN((root.pairs[3]!.value as { value: number }).value)).toBe(true);
    expect(Object.is((root.pairs[4]!.value as { value: number }).value, -0)).toBe(true);
    expect(plain(root)).toEqual(plain(parsed.documents![0]!.root));
  });
  it('rebuilds values in any order when top-level values share nodes (a built segment is dropped, and parsed again if needed)', () => {
    // The root merges `base`'s pairs, so its pairs `a` and `c` are nodes inside `base`'s segment.
    const text = 'base: &b {a: {deep: [1, 2]}, c: 2}\n<<: *b\nlater:\n  <<: *b\n  d: 4\n';
    const parsed = parseYaml(text, 'a.yaml');
    for (const order of [[0, 1, 2, 3], [3, 1, 2, 0], [1, 0, 3, 2], [2, 3, 0, 1]]) {
      const lazy = lazyFile(packFile(parsed, lineIndex('a.yaml', text).lineStarts, text.length));
      const root = lazy.documents![0]!.root as import('../src/index.js').YMap;
      for (const i of order) expect(plain(root.pairs[i]!.value)).toEqual(plain((parsed.documents![0]!.root as import('../src/index.js').YMap).pairs[i]!.value));
      const base = root.pairs[0]!.value;
      // Merged pairs are the very pairs of `base`'s mapping, whichever value was read first.
      expect(base.kind === 'map' && base.pairs[0]).toBe(root.pairs[1]);
      expect(base.kind === 'map' && base.pairs[1]).toBe(root.pairs[2]);
      const later = root.pairs[3]!.value;
      expect(later.kind === 'map' && later.pairs[0]).toBe(root.pairs[1]);
      expect(plain(root)).toEqual(plain(parsed.documents![0]!.root));
    }
  });
});
