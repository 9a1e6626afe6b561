import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../core/src/testing/rule-tester.js';
import { rules } from '../src/index.js';
// The docs tool is plain JS so that it runs without a build; it reads the rule sources statically.
// @ts-expect-error no declaration file for the .mjs tool
import { readRule, ruleFiles } from '../../../tools/rule-docs.mjs';
import { ROOT } from '../../core/test/paths.js';

const DOCS = path.join(ROOT, 'rule-docs');
const TESTS = path.join(ROOT, 'packages/rules/test');


interface Example {
  lang: string;
  kind: 'correct' | 'incorrect';
  file: string;
  group: string;
  text: string;
  line: number;
}

function examples(page: string): Example[] {
  const text = fs.readFileSync(path.join(DOCS, page), 'utf8');
  const out: Example[] = [];
  const re = /^```(\w+)[ \t]+(correct|incorrect)([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const attrs = Object.fromEntries([...m[3]!.matchAll(/(\w+)=(\S+)/g)].map((a) => [a[1], a[2]]));
    const lang = m[1]!;
    const line = text.slice(0, m.index).split('\n').length;
    out.push({
      lang,
      kind: m[2] as Example['kind'],
      file: attrs.file ?? (lang === 'hcl' ? 'main.tf' : 'example.yaml'),
      group: attrs.group ?? `line-${line}`,
      text: m[4]!,
      line,
    });
  }
  return out;
}

describe('rule inventory', () => {
  it('rule ids == registry == test files == rule-docs pages', () => {
    const ids = [...rules.keys()].sort();
    const sources = (ruleFiles() as string[]).map((f) => path.basename(f, '.ts')).sort();
    const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3)).sort();
    const tests = fs
      .readdirSync(TESTS)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -'.test.ts'.length))
      .filter((f) => rules.has(f) || sources.includes(f));
    expect(sources).toEqual(ids);
    expect(pages).toEqual(ids);
    expect(tests.sort()).toEqual(ids);
  });

  it('every rule source passes the static checks (id = file name, messageIds match meta.messages)', () => {
    const problems = (ruleFiles() as string[]).flatMap((f) => readRule(f).problems as string[]);
    expect(problems).toEqual([]);
  });

  it('registry keys match rule ids and each rule has complete meta', () => {
    for (const [id, rule] of rules) {
      expect(rule.id).toBe(id);
      expect(rule.meta.description).toMatch(/\.$/);
      expect(rule.meta.remediation.length).toBeGreaterThan(10);
      expect(rule.meta.schema.type).toBe('object');
    }
  });
});

/** Rules about bytes rather than text: their pages show a shell session instead of runnable examples. */
const NOT_TEXT = new Set(['file-error']);

describe('rule-docs examples run', () => {
  for (const [id, rule] of rules) {
    if (NOT_TEXT.has(id)) continue;
    const groups = new Map<string, Example[]>();
    for (const ex of examples(`${id}.md`)) {
      const g = groups.get(ex.group) ?? [];
      g.push(ex);
      groups.set(ex.group, g);
    }
    it(`${id} has at least one correct and one incorrect example`, () => {
      const kinds = new Set([...groups.values()].map((g) => g[0]!.kind));
      expect([...kinds].sort()).toEqual(['correct', 'incorrect']);
    });
    for (const [group, exs] of groups) {
      const kind = exs[0]!.kind;
      it(`${id}: ${kind} example at line ${exs[0]!.line} (${group})`, async () => {
        expect(new Set(exs.map((e) => e.kind)).size).toBe(1);
        const files = Object.fromEntries(exs.map((e) => [e.file, e.text]));
        const ds = await lintFiles(rule, files);
        if (id !== 'parse-error') expect(ds.filter((d) => d.ruleId === 'parse-error')).toEqual([]);
        const own = ds.filter((d) => d.ruleId === id);
        if (kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
        else expect(own).toEqual([]);
      });
    }
  }
});
