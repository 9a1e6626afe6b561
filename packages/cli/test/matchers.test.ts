/*
 * The problem matchers that read `--format compact`: GitHub Actions'
 * (.github/infralint-problem-matcher.json, enabled with `echo "::add-matcher::.github/infralint-problem-matcher.json"`)
 * and VS Code's (editors/vscode/tasks.json). Both use one regexp, written in the syntax that
 * .NET (the Actions runner) and JavaScript (VS Code) read alike:
 *   ^(.+?):(\d+):(\d+): (error|warning): (.*) \[([^\s\[\]]+)\]$
 * The file is the shortest prefix followed by `:LINE:COL: SEVERITY: `, so file names with spaces,
 * commas or colons (even `:1:2` in them) are read whole, and a message may hold colons, brackets
 * or text that looks like a compact line; the rule id is the last bracketed word.
 * Limits: a file name containing `:LINE:COL: error: ` (or `warning`) itself is cut there; a rule
 * id with whitespace or brackets does not match; a message's line breaks arrive as spaces
 * (compact writes one line per diagnostic); file paths are relative to the repo root, so the
 * matchers place them right only when the workspace (VS Code) or checkout (Actions) is that root.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Position } from '../../core/src/index.js';
import compact from '../src/formatters/compact.js';
import type { FormatContext } from '../src/formatters/index.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  message: number;
  code: number;
}

const githubMatcher = JSON.parse(read('../../../.github/infralint-problem-matcher.json')) as {
  problemMatcher: { owner: string; pattern: Pattern[] }[];
};
const vscodeTasks = JSON.parse(read('../../../editors/vscode/tasks.json')) as {
  version: string;
  tasks: {
    label: string;
    type: string;
    command: string;
    args: string[];
    options?: { cwd?: string };
    problemMatcher: { owner: string; fileLocation: string[]; pattern: Pattern };
  }[];
};

const CTX: FormatContext = { root: '/repo', rules: new Map(), version: '0.0.0', color: false };
const pos = (line: number, column: number): Position => ({ line, column, offset: 0 });

/** The fixed report of formatters.test.ts, read back from its hand-written JSON expectation. */
function fixedReport(): Diagnostic[] {
  const report = JSON.parse(read('expected/formatters.json')) as {
    filePath: string;
    messages: { ruleId: string; severity: Diagnostic['severity']; message: string; line: number; column: number; endLine: number; endColumn: number }[];
  }[];
  return report.flatMap((f) =>
    f.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      loc: { file: f.filePath, start: pos(m.line, m.column), end: pos(m.endLine, m.endColumn) },
    })),
  );
}

/** Awkward but legal names and messages the regexp must still read right. */
const EDGE_CASES: Diagnostic[] = [
  { ruleId: 'no-live-kong', severity: 'error', message: 'Host "x" [legacy] still uses kong: move it', loc: { file: 'apps/a,b:c.yaml', start: pos(3, 5), end: pos(3, 9) } },
  { ruleId: 'acme/require-owner-label', severity: 'warning', message: 'see other.tf:1:2: error: fake [x]', loc: { file: 'dir with space/x:1:2.yaml', start: pos(10, 1), end: pos(10, 4) } },
  { ruleId: '@acme/plugin/rule_2', severity: 'error', message: '', loc: { file: 'C-drive/weird [name].tf', start: pos(1, 1), end: pos(1, 2) } },
];

const MATCHERS: [string, Pattern][] = [
  ['GitHub Actions', githubMatcher.problemMatcher[0]!.pattern[0]!],
  ['VS Code', vscodeTasks.tasks[0]!.problemMatcher.pattern],
];

describe('matcher files', () => {
  it('GitHub: one matcher, owner infralint, one pattern with every group', () => {
    expect(githubMatcher.problemMatcher).toHaveLength(1);
    expect(githubMatcher.problemMatcher[0]!.owner).toBe('infralint');
    expect(githubMatcher.problemMatcher[0]!.pattern).toHaveLength(1);
  });

  it('VS Code: an "infralint" task running the CLI in compact format from the workspace folder', () => {
    expect(vscodeTasks.version).toBe('2.0.0');
    const task = vscodeTasks.tasks.find((t) => t.label === 'infralint')!;
    expect([task.command, ...task.args].join(' ')).toBe('node packages/cli/bin/infralint.js --format compact');
    expect(task.options?.cwd).toBe('${workspaceFolder}');
    expect(task.problemMatcher.owner).toBe('infralint');
    expect(task.problemMatcher.fileLocation).toEqual(['relative', '${workspaceFolder}']);
  });

  it('both use the same pattern', () => {
    expect(MATCHERS[0]![1]).toEqual(MATCHERS[1]![1]);
  });
});

describe.each(MATCHERS)('%s problem matcher on compact output', (_name, pattern) => {
  const regexp = new RegExp(pattern.regexp);
  const match = (line: string) => {
    const m = regexp.exec(line);
    if (!m) return undefined;
    return {
      file: m[pattern.file],
      line: Number(m[pattern.line]),
      column: Number(m[pattern.column]),
      severity: m[pattern.severity],
      message: m[pattern.message],
      code: m[pattern.code],
    };
  };
  const expectedOf = (d: Diagnostic) => ({
    file: d.loc.file,
    line: d.loc.start.line,
    column: d.loc.start.column,
    severity: d.severity,
    message: d.message.replace(/\r\n|\r|\n/g, ' '),
    code: d.ruleId,
  });

  it.each([
    ['the fixed report', fixedReport()],
    ['awkward names and messages', EDGE_CASES],
  ])('reads every diagnostic of %s', (_what, diagnostics) => {
    expect(diagnostics.length).toBeGreaterThan(0);
    const lines = compact(diagnostics, CTX).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map(match)).toEqual(diagnostics.map(expectedOf));
  });

  it('matches nothing in other output (a blank line, a stylish summary)', () => {
    for (const line of ['', '✖ 2 problems (1 error, 1 warning)', '  3:5  error  message  rule-id']) {
      expect(match(line)).toBeUndefined();
    }
  });

  it('limit: a file name holding ":LINE:COL: error: " is cut there', () => {
    const d: Diagnostic = { ruleId: 'r', severity: 'error', message: 'm', loc: { file: 'odd:1:2: error: x.yaml', start: pos(3, 4), end: pos(3, 5) } };
    expect(match(compact([d], CTX).trimEnd())?.file).toBe('odd');
  });
});
