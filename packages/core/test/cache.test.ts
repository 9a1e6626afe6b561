import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { openCache, type ParsedFile } from '../src/index.js';

const parsed: ParsedFile = { path: 'a.yaml', language: 'yaml', documents: [], comments: [], diagnostics: [] };

describe('parse cache file', () => {
  it('round-trips entries; reused entries are written back as they were stored', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachefile-')), 'c');
    const first = openCache(file, 'k1');
    first.set('a.yaml', { hash: 'h', size: 1, mtimeMs: 2, inChart: false, parsed });
    expect(first.save()).toBe(true);
    const second = openCache(file, 'k1');
    expect(second.rejected).toBe('');
    expect({ ...second.stamp('a.yaml'), parsed: second.parsed('a.yaml') }).toEqual({ hash: 'h', size: 1, mtimeMs: 2, inChart: false, parsed });
    second.keep('a.yaml');
    expect(second.save()).toBe(false); // nothing changed: not rewritten
    expect(openCache(file, 'k2').rejected).toMatch(/another version/);
  });

  it('an entry whose bytes do not deserialize is dropped, not trusted, and nothing throws', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cachebad-')), 'c');
    const blobs = [v8.serialize(parsed), new Uint8Array([0xff, 0x0f, 0x6f, 0x22]), v8.serialize({ not: 'a parse' })];
    const entries = ['a.yaml', 'b.yaml', 'c.yaml'].map((p, i) => [p, 'h', 1, 2, false, blobs[i]!.length]);
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
    write([['a.yaml', 'h', 1, 2, false, blob.length + 1]], blob);
    expect(openCache(file, 'k').rejected).toBe('malformed entries');
    write([['a.yaml', 'h', 1, 2, false, blob.length - 1]], blob);
    expect(openCache(file, 'k').rejected).toBe('malformed entries');
    write([['a.yaml', 'h', '1', 2, false, blob.length]], blob);
    expect(openCache(file, 'k').rejected).toBe('malformed entries');
    write([['a.yaml', 'h', 1, 2, false, blob.length]], blob);
    expect(openCache(file, 'k').rejected).toBe('');
  });
});
