import assert from 'node:assert/strict';
import { lintParsed, parseAll } from '../lint.js';
import { DEFAULT_SETTINGS } from '../config/index.js';
import type { Diagnostic } from '../model/types.js';
import type { AnyRule, Settings } from '../rule.js';
import type { RunConfig } from '../runner.js';

/** An expected diagnostic: rule's messageId and exact range. Message text is not asserted. */
export interface ExpectedError {
  messageId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Expected severity when it differs from the rule's (e.g. a warning-level finding). */
  severity?: 'error' | 'warning';
  /** Expected related locations (file:line:column), when asserted. */
  related?: string[];
}

/** A multi-file test case. */
export interface RuleTestCase {
  name: string;
  /** Repo-relative path → file text. */
  files: Record<string, string>;
  /** Rule options (merged over the rule's defaults). */
  options?: Record<string, unknown>;
  /** Settings (merged over the defaults). */
  settings?: Partial<Settings>;
}

/** A case that must report exactly `errors`. */
export interface InvalidRuleTestCase extends RuleTestCase {
  errors: ExpectedError[];
}

/** Test framework hooks (vitest's `describe`/`it`), so core does not depend on a runner. */
export interface TestHooks {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void> | void): void;
}

/** Run one rule over in-memory files and return its diagnostics (after suppressions). */
export async function lintFiles(
  rule: AnyRule,
  files: Record<string, string>,
  opts: { options?: Record<string, unknown>; settings?: Partial<Settings> } = {},
): Promise<Diagnostic[]> {
  const parsed = await parseAll(Object.entries(files).map(([path, text]) => ({ path, text: text.replace(/^\uFEFF/, '') })));
  const config: RunConfig = {
    rules: { [rule.id]: { severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions as object), ...(opts.options ?? {}) } } },
    overrides: [],
    settings: { ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) },
  };
  return lintParsed({ root: '/virtual', parsed, rules: new Map([[rule.id, rule]]), config }).diagnostics;
}

function show(d: Diagnostic): string {
  return `${d.ruleId}/${d.messageId ?? ''} ${d.loc.file}:${d.loc.start.line}:${d.loc.start.column}-${d.loc.end.line}:${d.loc.end.column} ${d.message}`;
}

/**
 * typescript-eslint's RuleTester, multi-file: every valid case reports nothing from the rule (and no
 * parse error); every invalid case reports exactly the listed diagnostics, with messageId, file and
 * the full range, in output order.
 */
export class RuleTester {
  constructor(private readonly hooks: TestHooks) {}

  run(id: string, rule: AnyRule, cases: { valid: RuleTestCase[]; invalid: InvalidRuleTestCase[] }): void {
    const { describe, it } = this.hooks;
    assert.equal(rule.id, id, `rule id "${rule.id}" does not match "${id}"`);
    describe(id, () => {
      describe('valid', () => {
        for (const c of cases.valid) {
          it(c.name, async () => {
            const ds = await lintFiles(rule, c.files, c);
            assert.deepEqual(ds.map(show), [], `expected no diagnostics for "${c.name}"`);
          });
        }
      });
      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(c.name, async () => {
            assert.ok(c.errors.length > 0, 'an invalid case lists at least one error');
            const ds = await lintFiles(rule, c.files, c);
            const parseErrors = ds.filter((d) => d.ruleId === 'parse-error');
            assert.deepEqual(parseErrors.map(show), [], 'test files must parse');
            const actual = ds.map((d) => {
              const e: ExpectedError = {
                messageId: d.messageId ?? d.ruleId,
                file: d.loc.file,
                line: d.loc.start.line,
                column: d.loc.start.column,
                endLine: d.loc.end.line,
                endColumn: d.loc.end.column,
              };
              if (d.severity !== rule.meta.severity) e.severity = d.severity;
              if (c.errors.some((x) => x.related)) e.related = (d.related ?? []).map((r) => `${r.loc.file}:${r.loc.start.line}:${r.loc.start.column}`);
              return e;
            });
            const expected = c.errors.map((e) => (c.errors.some((x) => x.related) && !e.related ? { ...e, related: [] } : e));
            assert.deepEqual(actual, expected, `diagnostics of "${c.name}":\n${ds.map(show).join('\n')}`);
          });
        }
      });
    });
  }
}
