import { describe, expect, it } from 'vitest';
import { defineRule, isLegacyPath, legacyMatcher, lintParsed, parseAll, RuleCrashError, type AnyRule, type RunConfig } from '../src/index.js';

const files = ['a', 'b', 'c'].map((n) => ({ path: `apps/${n}.yaml`, text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\n` }));

async function crashOf(check: AnyRule['check']): Promise<RuleCrashError> {
  const rule = defineRule({
    id: 'boom',
    meta: { description: 'throws', targets: ['kubernetes'], severity: 'error', recommended: true, messages: { m: 'found {{name}}' }, schema: {}, defaultOptions: {} },
    check,
  }) as AnyRule;
  const config: RunConfig = { rules: { boom: { severity: 'error', options: {} } }, overrides: [], settings: { standardDomains: [], legacyPaths: [] } };
  const parsed = await parseAll(files);
  try {
    lintParsed({ root: '/repo', parsed, rules: new Map([['boom', rule]]), config });
  } catch (e) {
    if (e instanceof RuleCrashError) return e;
    throw e;
  }
  throw new Error('the rule did not crash');
}

describe('a rule that throws', () => {
  it('is reported with the file of the last object it read, found by running it again over a model that records reads', async () => {
    const e = await crashOf((ctx) => {
      for (const obj of ctx.model.kubernetes.objects()) if (obj.name === 'b') throw new Error('no b');
    });
    expect(e.ruleId).toBe('boom');
    expect(e.file).toBe('apps/b.yaml');
    expect(e.message).toBe('rule "boom" crashed while checking apps/b.yaml: no b');
  });

  it('names the file of its last report when the objects it read say nothing more', async () => {
    const e = await crashOf((ctx) => {
      const [a] = ctx.model.kubernetes.objects({ kind: 'ConfigMap' });
      ctx.report({ node: a!.headerLoc, messageId: 'm', data: { name: a!.name } });
      throw new Error('after a report');
    });
    expect(e.file).toBe('apps/a.yaml');
  });

  it('names the file of its last report when the second run does not throw', async () => {
    let runs = 0;
    const e = await crashOf((ctx) => {
      const objs = ctx.model.kubernetes.objects();
      ctx.report({ node: objs[2]!.headerLoc, messageId: 'm', data: { name: 'c' } });
      if (runs++ === 0) throw new Error('only once');
    });
    expect(e.file).toBe('apps/c.yaml');
    expect(e.message).toContain('only once');
  });
});

describe('legacy paths', () => {
  it('match a folder and everything under it, by whole path segments; empty entries match nothing', () => {
    const legacy = ['bootstrap/kong/', 'old//', '', '/'];
    const cases: [string, boolean][] = [
      ['bootstrap/kong/values.yaml', true],
      ['bootstrap/kong/deep/x.yaml', true],
      ['bootstrap/kong', true],
      ['bootstrap/kong2/values.yaml', false],
      ['bootstrap/kongx', false],
      ['old/a.yaml', true],
      ['older/a.yaml', false],
      ['a.yaml', false],
    ];
    const matches = legacyMatcher(legacy);
    for (const [file, want] of cases) {
      expect(matches(file), file).toBe(want);
      expect(isLegacyPath(file, legacy), file).toBe(want);
    }
    expect(legacyMatcher([])('a.yaml')).toBe(false);
  });
});
