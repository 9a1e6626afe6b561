import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { initHcl, lineIndex, openCache, parseHcl, parseYaml, prefetchCache, type ParsedFile } from '../src/index.js';
import { k8sObjectOfPacked, lazyFile, packFile } from '../src/model/pack.js';
import { decodeLazyHcl, encodeLazyHcl } from '../src/model/hcl-bytes.js';
import { jsonSafe } from '../src/load/cache.js';
import { CORPUS, FIXTURES, filesUnder } from './paths.js';
import { checksum, decodePackedYaml, encodePackedYaml } from '../src/model/pack-bytes.js';
import { objectPlain, plain } from './plain.js';

const parsed: ParsedFile = { path: 'a.yaml', language: 'yaml', documents: [], comments: [], diagnostics: [] };

/** A Kubernetes object and a plain document, with a comment, an alias and numbers JSON cannot hold. */
const FORMATS_YAML = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: "é"  # note\n  namespace: web\n  annotations: {a: b}\nspec:\n  ports: [{port: .nan}, {port: -0}, {port: .inf}]\n---\na: &x [1]\nb: *x\n';

/** A cache's stamp for a path, as its four fields (stamp() may hand back an object with more). */
function stampOf(cache: ReturnType<typeof openCache>, p: string) {
  const s = cache.stamp(p);
  return s && { hash: s.hash, size: s.size, mtimeMs: s.mtimeMs, inChart: s.inChart };
}

function packed(text: string): ParsedFile {
  return packFile(parseYaml(text, 'a.yaml'), lineIndex('a.yaml', text).lineStarts, text.length);
}

/** An HCL parse read through its blocks' properties (a cached `.tf` file's top-level blocks decode their bodies on first read). */
function hclView(file: ParsedFile): ParsedFile {
  const { hcl, ...rest } = file;
  if (!hcl) return file;
  const blocks = hcl.blocks.map((b) => ({ type: b.type, labels: b.labels, attributes: b.attributes, blocks: b.blocks, headerLoc: b.headerLoc, loc: b.loc, file: b.file }));
  return { ...rest, hcl: { attributes: hcl.attributes, blocks } };
}

/** What rules read of a parsed YAML file: documents' locations, trees, and Kubernetes objects. */
function view(file: ParsedFile): unknown {
  return {
    path: file.path,
    language: file.language,
    comments: file.comments,
    diagnostics: file.diagnostics,
    skipped: file.skipped,
    documents: file.documents?.map((d) => ({ index: d.index, loc: d.loc, root: plain(d.root), object: objectPlain(k8sObjectOfPacked(d, file.path)) })),
  };
}

describe('parse cache file', () => {
  it('round-trips entries; reused entries are written back as they were stored', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachefile-')), 'c');
    const first = openCache(file, 'k1');
    first.set('a.yaml', { hash: 'h', size: 1, mtimeMs: 2, inChart: false, parsed });
    expect(first.save()).toBe(true);
    const second = openCache(file, 'k1');
    expect(second.rejected).toBe('');
    expect({ ...stampOf(second, 'a.yaml'), parsed: second.parsed('a.yaml') }).toEqual({ hash: 'h', size: 1, mtimeMs: 2, inChart: false, parsed });
    second.keep('a.yaml');
    expect(second.save()).toBe(false); // nothing changed: not rewritten
    expect(openCache(file, 'k2').rejected).toMatch(/another version/);
  });

  it('reads the cache file and its delta ahead; the bytes read ahead open exactly like the files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cacheahead-'));
    const file = path.join(dir, 'c');
    expect(await prefetchCache(file)).toEqual({ main: 'missing', delta: 'missing' }); // no file yet: nothing, and no rejection
    const first = openCache(file, 'k');
    for (const p of ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml', 'f.yaml', 'g.yaml', 'h.yaml', 'i.yaml']) first.set(p, { hash: p, size: 1, mtimeMs: 2, inChart: false, parsed: { ...parsed, path: p } });
    first.save();
    const second = openCache(file, 'k');
    for (const p of ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml', 'f.yaml', 'g.yaml', 'h.yaml']) second.keep(p);
    second.set('i.yaml', { hash: 'changed', size: 3, mtimeMs: 4, inChart: false, parsed: { ...parsed, path: 'i.yaml' } });
    second.save();
    expect(fs.existsSync(`${file}.delta`)).toBe(true); // one change in nine: written as a delta
    const ahead = await prefetchCache(file);
    expect(ahead.main).toEqual(fs.readFileSync(file));
    expect(ahead.delta).toEqual(fs.readFileSync(`${file}.delta`));
    // The bytes read ahead are what is opened: the files on disk are not read again.
    fs.rmSync(file);
    fs.rmSync(`${file}.delta`);
    const c = openCache(file, 'k', ahead);
    expect(c.rejected).toBe('');
    expect(stampOf(c, 'i.yaml')).toEqual({ hash: 'changed', size: 3, mtimeMs: 4, inChart: false });
    expect(c.parsed('a.yaml')).toEqual({ ...parsed, path: 'a.yaml' });
    expect(openCache(file, 'k', { main: Buffer.from('garbage'), delta: 'missing' }).rejected).toBe('corrupt or truncated');
  });

  it('a folder, a FIFO or a file too large for one read at the cache path is not used, and never waited on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachespecial-'));
    const folder = path.join(dir, 'folder');
    fs.mkdirSync(folder);
    expect((await prefetchCache(folder)).main).toBe('unreadable');
    const atFolder = openCache(folder, 'k');
    expect(atFolder.rejected).toMatch(/^not a readable file/);
    // It cannot be written either: nothing is left behind, and nothing throws.
    atFolder.set('a.yaml', { hash: 'h', size: 1, mtimeMs: 2, inChart: false, parsed });
    atFolder.save();
    expect(fs.readdirSync(dir).sort()).toEqual(['folder']);
    // A sparse file just over 2 GiB: no disk space is used.
    const huge = path.join(dir, 'huge');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 2 ** 31 + 1);
    expect((await prefetchCache(huge)).main).toBe('unreadable');
    expect(openCache(huge, 'k').rejected).toMatch(/^not a readable file/);
    if (process.platform !== 'win32') {
      // A FIFO beside a real cache file, where its delta goes: opening it must not wait for a writer.
      const file = path.join(dir, 'c');
      const c = openCache(file, 'k');
      c.set('a.yaml', { hash: 'h', size: 1, mtimeMs: 2, inChart: false, parsed });
      c.save();
      expect(spawnSync('mkfifo', [`${file}.delta`]).status).toBe(0);
      const ahead = await prefetchCache(file);
      expect(ahead.delta).toBe('unreadable');
      expect(openCache(file, 'k', ahead).parsed('a.yaml')).toEqual(parsed);
      expect(openCache(file, 'k').parsed('a.yaml')).toEqual(parsed);
    }
  });

  it('an entry whose bytes do not deserialize is dropped, not trusted, and nothing throws', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachebad-')), 'c');
    const blobs = [v8.serialize(parsed), new Uint8Array([0xff, 0x0f, 0x6f, 0x22]), v8.serialize({ not: 'a parse' })];
    const entries = ['a.yaml', 'b.yaml', 'c.yaml'].map((p, i) => [p, 'h', 1, 2, false, blobs[i]!.length, '']);
    fs.writeFileSync(file, v8.serialize({ magic: 'infralint-parse-cache', key: 'k', entries, blobs: Buffer.concat(blobs) }));
    const c = openCache(file, 'k');
    expect(c.rejected).toBe('');
    expect(c.parsed('a.yaml')).toEqual(parsed);
    expect(c.parsed('b.yaml')).toBeUndefined();
    expect(c.parsed('c.yaml')).toBeUndefined();
  });

  it('a file whose entries do not add up to its bytes is ignored as malformed', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cacheshort-')), 'c');
    const blob = v8.serialize(parsed);
    const write = (entries: unknown[], blobs: Uint8Array) => fs.writeFileSync(file, v8.serialize({ magic: 'infralint-parse-cache', key: 'k', entries, blobs }));
    write([['a.yaml', 'h', 1, 2, false, blob.length + 1, '']], blob);
    expect(openCache(file, 'k').rejected).toBe('malformed entries');
    write([['a.yaml', 'h', 1, 2, false, blob.length - 1, '']], blob);
    expect(openCache(file, 'k').rejected).toBe('malformed entries');
    write([['a.yaml', 'h', '1', 2, false, blob.length, '']], blob);
    expect(openCache(file, 'k').rejected).toBe('malformed entries');
    write([['a.yaml', 'h', 1, 2, false, blob.length, 7]], blob);
    expect(openCache(file, 'k').rejected).toBe('malformed entries');
    write([['a.yaml', 'h', 1, 2, false, blob.length, '']], blob);
    expect(openCache(file, 'k').rejected).toBe('');
  });

  it('a packed YAML parse is stored in its packed byte form, a .tf parse with its block bodies as JSON or, with shared references, in v8 format, .tfvars as JSON; all read back exactly', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cacheformats-')), 'c');
    const yaml = packed(FORMATS_YAML);
    await initHcl();
    const hcl = parseHcl('resource "oci_network_load_balancer_listener" "l" {\n  port = 443\n  name = "x"\n}\n', 'main.tf');
    // A conditional's `refs` are the traversals among its operands: the same objects.
    const shared = parseHcl('locals {\n  x = var.a ? var.b : var.c\n}\n', 'locals.tf');
    const cond = shared.hcl!.blocks[0]!.attributes[0]!.expr as import('../src/index.js').HclOther;
    expect(cond.refs[0]).toBe(cond.operands![0]);
    const tfvars = parseHcl('region = "eu-frankfurt-1"\n', 'terraform.tfvars');
    const first = openCache(file, 'k');
    first.set('terraform.tfvars', { hash: 'h4', size: 4, mtimeMs: 4, inChart: false, parsed: tfvars });
    first.set('a.yaml', { hash: 'h1', size: 1, mtimeMs: 1, inChart: false, parsed: yaml });
    first.set('main.tf', { hash: 'h2', size: 2, mtimeMs: 2, inChart: false, parsed: hcl });
    first.set('locals.tf', { hash: 'h3', size: 3, mtimeMs: 3, inChart: false, parsed: shared });
    first.save();
    const stored = v8.deserialize(fs.readFileSync(file)) as { entries: [string, ...unknown[]][]; blobs: Uint8Array };
    const starts = new Map<string, number>();
    let at = 0;
    for (const e of stored.entries) {
      starts.set(e[0], at);
      at += e[5] as number;
    }
    expect(String.fromCharCode(stored.blobs[starts.get('a.yaml')!]!)).toBe('Y'); // packed YAML
    const body = (p: string) => {
      const at = starts.get(p)!;
      return stored.blobs[at + 9 + Buffer.from(stored.blobs.subarray(at + 1, at + 5)).readUInt32LE(0)];
    };
    expect(String.fromCharCode(stored.blobs[starts.get('main.tf')!]!)).toBe('H'); // a summary, then the body
    expect(String.fromCharCode(body('main.tf')!)).toBe('{'); // as JSON
    expect(String.fromCharCode(stored.blobs[starts.get('locals.tf')!]!)).toBe('H');
    expect(body('locals.tf')).toBe(0xff); // in v8's format (its version tag)
    expect(String.fromCharCode(stored.blobs[starts.get('terraform.tfvars')!]!)).toBe('{'); // JSON
    const second = openCache(file, 'k');
    expect(view(second.parsed('a.yaml')!)).toEqual(view(lazyFile(yaml)));
    expect(hclView(second.parsed('main.tf')!)).toStrictEqual(hcl);
    const back = second.parsed('locals.tf')!;
    expect(hclView(back)).toStrictEqual(shared);
    const backCond = back.hcl!.blocks[0]!.attributes[0]!.expr as import('../src/index.js').HclOther;
    expect(backCond.refs[0]).toBe(backCond.operands![0]);
    expect(second.parsed('terraform.tfvars')).toStrictEqual(tfvars);
  });

  it('every .tf file of the fixtures and the corpus reads back from its cached form exactly', async () => {
    await initHcl();
    const files = [FIXTURES, CORPUS].flatMap((dir) => filesUnder(dir, /\.tf$/));
    expect(files.length).toBeGreaterThan(1000);
    let lazy = 0;
    for (const abs of files) {
      const parsed = parseHcl(fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, ''), 'x.tf');
      const safe = jsonSafe(parsed);
      const bytes = encodeLazyHcl(parsed, () => safe);
      if (!bytes) continue;
      lazy++;
      expect(hclView(decodeLazyHcl(bytes, 'x.tf')), abs).toStrictEqual(parsed);
    }
    // Only a file with top-level attributes (not valid Terraform) keeps the plain form.
    expect(lazy).toBeGreaterThan(files.length * 0.95);
  });

  it('a .tf parse: block bodies are decoded only when read; a damaged body drops the entry; a body that does not match its summary fails naming the file', async () => {
    await initHcl();
    const tf = parseHcl('resource "helm_release" "a" {\n  chart = "x"\n}\n\nvariable "v" {\n  default = 1\n}\n', 'main.tf');
    const bytes = Buffer.from(encodeLazyHcl(tf, () => true)!);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachehcl-')), 'c');
    const write = (b: Uint8Array) => fs.writeFileSync(file, v8.serialize({ magic: 'infralint-parse-cache', key: 'k', entries: [['main.tf', 'h', 1, 2, false, b.length, '']], blobs: b }));
    write(bytes);
    const back = openCache(file, 'k').parsed('main.tf')!;
    // Type and labels come from the summary; the first read of a body decodes the whole file once.
    expect(back.hcl!.blocks.map((b) => [b.type, b.labels, b.file])).toEqual([['resource', ['helm_release', 'a'], 'main.tf'], ['variable', ['v'], 'main.tf']]);
    expect(back.hcl!.blocks[1]!.attributes).toBe(back.hcl!.blocks[1]!.attributes);
    expect(hclView(back)).toStrictEqual(tf);
    // One byte of the body changed: caught by its checksum when the file is decoded.
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 3] ^= 1;
    write(damaged);
    const c = openCache(file, 'k');
    expect(c.parsed('main.tf')).toBeUndefined();
    expect(c.stamp('main.tf')).toBeUndefined();
    // A summary listing other blocks than its (intact) body holds.
    const other = parseHcl('resource "helm_release" "b" {\n  chart = "y"\n}\n', 'main.tf');
    const mixed = Buffer.from(encodeLazyHcl(other, () => true)!);
    const summaryEnd = 9 + mixed.readUInt32LE(1);
    const summary = JSON.parse(mixed.subarray(9, summaryEnd).toString('utf8')) as { b: unknown[] };
    summary.b = [['resource', ['helm_release', 'a']]];
    const json = Buffer.from(JSON.stringify(summary), 'utf8');
    const head = Buffer.alloc(9);
    head[0] = 0x48;
    head.writeUInt32LE(json.length, 1);
    head.writeUInt32LE(checksum(json, 0, json.length), 5);
    write(Buffer.concat([head, json, mixed.subarray(summaryEnd)]));
    const wrong = openCache(file, 'k').parsed('main.tf')!;
    expect(wrong.hcl!.blocks[0]!.labels).toEqual(['helm_release', 'a']);
    expect(() => wrong.hcl!.blocks[0]!.attributes).toThrow(/Terraform parse of main\.tf does not match its summary; delete the cache file/);
  });

  it('a YAML parse the packed byte form cannot hold exactly is stored as JSON and reads back exactly', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachejson-')), 'c');
    const yaml = packed(FORMATS_YAML);
    // A document location its offsets do not give (the form keeps offsets only): not stored that way.
    const doc = yaml.documents![1]!;
    yaml.documents![1] = { ...doc, loc: { ...doc.loc, start: { ...doc.loc.start, column: doc.loc.start.column + 1 } } };
    const first = openCache(file, 'k');
    first.set('a.yaml', { hash: 'h1', size: 1, mtimeMs: 1, inChart: false, parsed: yaml });
    first.save();
    const stored = v8.deserialize(fs.readFileSync(file)) as { blobs: Uint8Array };
    expect(String.fromCharCode(stored.blobs[0]!)).toBe('{');
    expect(openCache(file, 'k').parsed('a.yaml')).toStrictEqual(yaml);
  });

  it('a packed tree whose stored table does not parse is rebuilt from the file parsed again, or fails naming the file', () => {
    const bytes = encodePackedYaml(packed(FORMATS_YAML))!;
    // Where the second document's tables start: after the header, the summary and the first document's tables.
    const summaryEnd = 9 + bytes.readUInt32LE(1);
    const rows = (JSON.parse(bytes.subarray(9, summaryEnd).toString('utf8')) as { d: [number, number, number, number[]][] }).d;
    // Table sizes are [head length, checksum, then (first id, length, checksum) per segment].
    const sizes = rows[0]![3];
    const firstDoc = sizes[0]! + sizes.filter((_, i) => i >= 2 && i % 3 === 0).reduce((a, b) => a + b, 0);
    const secondHead = summaryEnd + firstDoc;
    // Break the second document's head table (read with the root), then its last segment (read with a value).
    for (const at of [secondHead + 1, bytes.length - 2]) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachetable-')), 'c');
      const broken = Buffer.from(bytes);
      broken[at] = 0x7b; // '{' where JSON wants a value separator: a syntax error
      fs.writeFileSync(file, v8.serialize({ magic: 'infralint-parse-cache', key: 'k', entries: [['a.yaml', 'h', 1, 2, false, broken.length, '']], blobs: broken }));
      const fresh = parseYaml(FORMATS_YAML, 'a.yaml');
      let reparsed = 0;
      const back = openCache(file, 'k').parsed('a.yaml', () => (reparsed++, fresh))!;
      expect(plain(back.documents![0]!.root)).toEqual(plain(fresh.documents![0]!.root));
      expect(reparsed).toBe(0); // only the broken tree is parsed again, when it is read
      expect(plain(back.documents![1]!.root)).toEqual(plain(fresh.documents![1]!.root));
      expect(reparsed).toBe(1);
      const without = openCache(file, 'k').parsed('a.yaml')!;
      expect(() => plain(without.documents![1]!.root)).toThrow(/tree of document 2 of a\.yaml is unreadable .*delete the cache file/);
    }
  });

  it('a table changed on disk is caught by its checksum even when it still parses: no half-built node is ever returned', () => {
    // metadata.labels is anchored and spec.selector aliases it (found in review: a changed id left a
    // half-built labels map behind, returned later as if complete).
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: &l\n    app: web\n    tier: front\nspec:\n  selector: *l\n';
    const bytes = Buffer.from(encodePackedYaml(packed(text))!);
    const latin = bytes.toString('latin1');
    expect(latin).toContain('[18,21],"l"');
    const bad = Buffer.from(latin.replace('[18,21],"l"', '[18,91],"l"'), 'latin1'); // same length, still JSON
    const fresh = parseYaml(text, 'a.yaml');
    const root = decodePackedYaml(bad, 'a.yaml', () => fresh).documents![0]!.root as import('../src/index.js').YMap;
    // spec first, then metadata: both as the parser reads them.
    const [, , metadata, spec] = root.pairs;
    const want = fresh.documents![0]!.root as import('../src/index.js').YMap;
    expect(plain(spec!.value)).toEqual(plain(want.pairs[3]!.value));
    expect(plain(metadata!.value)).toEqual(plain(want.pairs[2]!.value));
    expect(() => plain(decodePackedYaml(bad, 'a.yaml').documents![0]!.root)).toThrow(/document 1 of a\.yaml is unreadable \(a node table does not match its checksum\)/);
    // The summary is checked when the entry is opened: a changed summary drops the entry.
    const summary = Buffer.from(latin.replace('"web"', '"wEb"'), 'latin1');
    expect(() => decodePackedYaml(summary, 'a.yaml')).toThrow(/summary does not match its checksum/);
  });

  it('a packed YAML entry whose sizes do not add up is dropped, not trusted', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachesizes-')), 'c');
    const bytes = encodePackedYaml(packed(FORMATS_YAML))!;
    for (const bad of [bytes.subarray(0, bytes.length - 1), Buffer.concat([bytes, Buffer.from(' ')]), bytes.subarray(0, 9)]) {
      fs.writeFileSync(file, v8.serialize({ magic: 'infralint-parse-cache', key: 'k', entries: [['a.yaml', 'h', 1, 2, false, bad.length, '']], blobs: bad }));
      const c = openCache(file, 'k');
      expect(c.rejected).toBe('');
      expect(c.parsed('a.yaml')).toBeUndefined();
    }
    expect(decodePackedYaml(bytes, 'a.yaml').documents).toHaveLength(2);
  });

  describe('changes since the cache file was written go to a delta file beside it', () => {
    const parse = (name: string): ParsedFile => ({ path: name, language: 'yaml', documents: [], comments: [], diagnostics: [] });
    const entry = (name: string, hash = 'h') => ({ hash, size: 1, mtimeMs: 1, inChart: false, parsed: parse(name) });
    /** A cache of 20 entries, saved as a full file. */
    function primed(): string {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-delta-')), 'c');
      const c = openCache(file, 'k');
      for (let i = 0; i < 20; i++) c.set(`f${i}.yaml`, entry(`f${i}.yaml`));
      c.save();
      return file;
    }
    /** Open, keep every entry but those named, apply `change`, save. */
    function run(file: string, change: (c: ReturnType<typeof openCache>) => void, drop: string[] = []) {
      const c = openCache(file, 'k');
      for (let i = 0; i < 20; i++) if (!drop.includes(`f${i}.yaml`)) c.keep(`f${i}.yaml`);
      change(c);
      c.save();
      return c;
    }

    it('a run that changes one entry writes only the delta; the next open sees the change', () => {
      const file = primed();
      const before = fs.readFileSync(file);
      run(file, (c) => c.set('f3.yaml', entry('f3.yaml', 'h2')), ['f3.yaml']);
      expect(fs.readFileSync(file).equals(before)).toBe(true); // the big file is not rewritten
      expect(fs.existsSync(`${file}.delta`)).toBe(true);
      const c = openCache(file, 'k');
      expect(c.stamp('f3.yaml')?.hash).toBe('h2');
      expect(c.stamp('f4.yaml')?.hash).toBe('h');
      expect(c.parsed('f3.yaml')).toEqual(parse('f3.yaml'));
    });

    it('carries earlier changes on, applies removals, and folds into a new file past an eighth of the entries', () => {
      const file = primed();
      run(file, (c) => c.set('f1.yaml', entry('f1.yaml', 'h2')), ['f1.yaml']);
      // f2 is gone this time; f1's change must survive in the new delta.
      run(file, () => undefined, ['f2.yaml']);
      let c = openCache(file, 'k');
      expect(c.stamp('f1.yaml')?.hash).toBe('h2');
      expect(c.stamp('f2.yaml')).toBeUndefined();
      const before = fs.readFileSync(file);
      // Three more changes: five changes of 19 entries is more than an eighth.
      run(file, (c2) => ['f5.yaml', 'f6.yaml', 'f7.yaml'].forEach((p) => c2.set(p, entry(p, 'h3'))), ['f2.yaml', 'f5.yaml', 'f6.yaml', 'f7.yaml']);
      expect(fs.readFileSync(file).equals(before)).toBe(false);
      expect(fs.existsSync(`${file}.delta`)).toBe(false);
      c = openCache(file, 'k');
      expect([c.stamp('f1.yaml')?.hash, c.stamp('f2.yaml'), c.stamp('f5.yaml')?.hash, c.stamp('f9.yaml')?.hash]).toEqual(['h2', undefined, 'h3', 'h']);
    });

    it('a corrupt delta, or one written for another cache file, is ignored: the entries are those of the file', () => {
      const file = primed();
      run(file, (c) => c.set('f3.yaml', entry('f3.yaml', 'h2')), ['f3.yaml']);
      const delta = fs.readFileSync(`${file}.delta`);
      fs.writeFileSync(`${file}.delta`, delta.subarray(0, delta.length - 9));
      expect(openCache(file, 'k').stamp('f3.yaml')?.hash).toBe('h');
      // A new full file (another generation) with the old delta put back beside it.
      const other = openCache(file, 'k');
      for (let i = 0; i < 20; i++) other.set(`f${i}.yaml`, entry(`f${i}.yaml`, 'h9'));
      other.save();
      fs.writeFileSync(`${file}.delta`, delta);
      expect(openCache(file, 'k').stamp('f3.yaml')?.hash).toBe('h9');
    });
  });
});
