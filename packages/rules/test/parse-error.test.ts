import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../core/src/testing/rule-tester.js';
import rule from '../src/parse-error.js';

const at = (ds: Awaited<ReturnType<typeof lintFiles>>) => ds.map((d) => `${d.ruleId} ${d.loc.file}:${d.loc.start.line}:${d.loc.start.column}`);

describe('parse-error', () => {
  it('valid: well-formed YAML and HCL give nothing', async () => {
    expect(await lintFiles(rule, { 'a.yaml': 'a: 1\n---\nb: [1, 2]\n', 'main.tf': 'resource "x" "y" {\n  a = 1\n}\n' })).toEqual([]);
  });

  it('invalid YAML: at the error, and the other documents still load', async () => {
    const ds = await lintFiles(rule, { 'a.yaml': 'a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n' });
    expect(ds.every((d) => d.ruleId === 'parse-error' && d.severity === 'error')).toBe(true);
    // The flow sequence opened on line 3 is never closed: line 4 starts in column 1, where the
    // sequence needed "]" or an indented continuation.
    expect(at(ds)).toEqual(['parse-error a.yaml:4:1']);
  });

  it('invalid HCL: a missing "}" is reported where the block should have closed', async () => {
    const ds = await lintFiles(rule, { 'main.tf': 'resource "x" "y" {\n  a = 1\n' });
    expect(at(ds)).toEqual(['parse-error main.tf:3:1']);
  });

  it('cannot be suppressed', async () => {
    const ds = await lintFiles(rule, { 'main.tf': '# infralint-disable-file parse-error\nresource "x" "y" {\n  a = 1\n' });
    expect(at(ds)).toEqual(['unused-disable-directive main.tf:1:1', 'parse-error main.tf:4:1']);
  });
});
