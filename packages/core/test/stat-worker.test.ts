import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStatWorker } from '../src/index.js';

describe('stat worker', () => {
  it("gives each file's size and mtime as fs.statSync does, and NaN for a folder or a missing file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-stat-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
    fs.writeFileSync(path.join(dir, 'b c.tf'), 'x = "é"\n');
    fs.mkdirSync(path.join(dir, 'd.yaml'));
    const names = ['a.yaml', 'b c.tf', 'd.yaml', 'gone.yaml'];
    const candidates = names.map((p) => ({ path: p, abs: path.join(dir, p) }));
    const stamps = await startStatWorker().stat(candidates);
    expect(stamps).toBeInstanceOf(Float64Array);
    for (const i of [0, 1]) {
      const st = fs.statSync(candidates[i]!.abs);
      expect([stamps![2 * i], stamps![2 * i + 1]]).toEqual([st.size, st.mtimeMs]);
    }
    expect(stamps![4]).toBeNaN();
    expect(stamps![6]).toBeNaN();
    expect(await startStatWorker().stat([])).toEqual(new Float64Array(0));
  });
});
