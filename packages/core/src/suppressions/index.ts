import type { Comment, Diagnostic, Location } from '../model/types.js';

/** The rule id of a directive that silenced nothing. */
export const UNUSED_DIRECTIVE = 'unused-disable-directive';

/** A parsed `infralint-disable-*` comment. */
export interface Directive {
  kind: 'next-line' | 'line' | 'file';
  /** Rule ids it names; empty means every rule (ESLint's convention). */
  rules: string[];
  /** The text after `--`, if any. */
  reason?: string;
  /** Where the comment is. */
  loc: Location;
}

/** A diagnostic that a directive silenced, kept with its justification (ESLint's suppressedMessages). */
export interface Suppressed {
  diagnostic: Diagnostic;
  /** The directive's reason, if it gave one. */
  reason?: string;
}

const DIRECTIVE = /^infralint-disable-(next-line|line|file)(?=\s|$)\s*(.*)$/s;

/** Parse one comment; undefined when it is not a directive. */
export function parseDirective(comment: Comment): Directive | undefined {
  const m = DIRECTIVE.exec(comment.text.trim());
  if (!m) return undefined;
  const [body = '', reason] = m[2]!.split(/\s+--\s*|^--\s*/, 2);
  const rules = body
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const d: Directive = { kind: m[1] as Directive['kind'], rules, loc: comment.loc };
  if (reason !== undefined && reason.trim()) d.reason = reason.trim();
  return d;
}

/**
 * Apply directives after the rules ran (rules never see them). `parse-error` and `file-error` cannot be
 * suppressed. Every directive, or rule named in one, that silenced nothing is reported as
 * `unused-disable-directive` (a warning) at the comment.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  commentsByFile: ReadonlyMap<string, readonly Comment[]>,
  options: { reportUnused: boolean } = { reportUnused: true },
): { diagnostics: Diagnostic[]; suppressed: Suppressed[] } {
  const directivesByFile = new Map<string, Directive[]>();
  for (const [file, comments] of commentsByFile) {
    const ds = comments.map(parseDirective).filter((d): d is Directive => d !== undefined);
    if (ds.length > 0) directivesByFile.set(file, ds);
  }
  const used = new Map<Directive, Set<string>>();
  const kept: Diagnostic[] = [];
  const suppressed: Suppressed[] = [];
  for (const d of diagnostics) {
    const ds = directivesByFile.get(d.loc.file);
    const unsuppressible = d.ruleId === 'parse-error' || d.ruleId === 'file-error';
    const hit =
      ds && !unsuppressible
        ? ds.find((x) => (x.rules.length === 0 || x.rules.includes(d.ruleId)) && appliesTo(x, d.loc.start.line))
        : undefined;
    if (!hit) {
      kept.push(d);
      continue;
    }
    let set = used.get(hit);
    if (!set) used.set(hit, (set = new Set()));
    set.add(d.ruleId);
    suppressed.push(hit.reason === undefined ? { diagnostic: d } : { diagnostic: d, reason: hit.reason });
  }
  if (options.reportUnused) {
    for (const ds of directivesByFile.values()) {
      for (const x of ds) {
        const u = used.get(x);
        const unused = x.rules.length === 0 ? (u ? [] : ['(all rules)']) : x.rules.filter((r) => !u?.has(r));
        if (unused.length === 0) continue;
        kept.push({
          ruleId: UNUSED_DIRECTIVE,
          severity: 'warning',
          message:
            x.rules.length === 0
              ? `Unused infralint-disable-${x.kind} directive: nothing was reported here. Remove the comment.`
              : `Unused infralint-disable-${x.kind} directive: ${unused.map((r) => `"${r}"`).join(', ')} reported nothing here. Remove ${unused.length === x.rules.length ? 'the comment' : 'those rule ids from it'}.`,
          loc: x.loc,
        });
      }
    }
  }
  return { diagnostics: kept, suppressed };
}

function appliesTo(d: Directive, line: number): boolean {
  if (d.kind === 'file') return true;
  if (d.kind === 'line') return d.loc.start.line === line;
  return d.loc.end.line + 1 === line;
}
