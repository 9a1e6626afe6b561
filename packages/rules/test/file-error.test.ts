import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSources, loadSources } from '../../core/src/index.js';
import rule from '../src/file-error.js';

describe('file-error', () => {
  it('has the meta of an unsuppressible error', () => {
    expect(rule.id).toBe('file-error');
    expect(rule.meta.severity).toBe('error');
    expect(rule.meta.recommended).toBe(true);
  });

  it('valid: text files give none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-fe-ok-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
    const loaded = await loadSources({ candidates: (await listSources({ root: dir })).candidates, threads: 1 });
    expect(loaded.diagnostics).toEqual([]);
  });

  it('invalid: binary, invalid UTF-8 and oversized files are reported at their position', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-fe-'));
    fs.writeFileSync(path.join(dir, 'logo.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('a: 1\nb: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    fs.writeFileSync(path.join(dir, 'big.yaml'), `x: "${'a'.repeat(6 * 1024 * 1024)}"\n`);
    const loaded = await loadSources({ candidates: (await listSources({ root: dir })).candidates, threads: 1 });
    expect(loaded.diagnostics.map((d) => `${d.ruleId} ${d.loc.file}:${d.loc.start.line}:${d.loc.start.column}`).sort()).toEqual([
      'file-error big.yaml:1:1',
      'file-error latin1.yaml:2:7',
      'file-error logo.yaml:1:1',
    ]);
  });
});
