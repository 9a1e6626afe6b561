/*
 * `github` (CONTRACT §4): one GitHub Actions workflow command per diagnostic,
 * `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE-ID::MESSAGE` (`::warning` for
 * warnings), '' when there are no diagnostics. Escaping is the one GitHub's own toolkit applies
 * (actions/toolkit packages/core/src/command.ts, escapeData / escapeProperty).
 * Decisions:
 * - `col` and `endColumn` are left out when the range spans several lines: the runner drops
 *   them then anyway ("'col' and 'endColumn' cannot be set if 'line' and 'endLine' are different
 *   values", actions/runner ActionCommandManager ValidateLinesAndColumns).
 * - Related locations are appended to the message, one per line:
 *   `related: FILE:LINE:COL: MESSAGE` (the line breaks are escaped as `%0A`, so the annotation
 *   shows them on separate lines).
 */
import type { Diagnostic } from '@infralint/core';
import { relatedPosition, type Formatter } from './index.js';

/** Escape a command's data (the message). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a command property's value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The workflow command of one diagnostic, without its line break. */
export function githubCommand(d: Diagnostic): string {
  const { file, start, end } = d.loc;
  const props: [string, string | number][] = [['file', file], ['line', start.line]];
  if (start.line === end.line) props.push(['col', start.column], ['endLine', end.line], ['endColumn', end.column]);
  else props.push(['endLine', end.line]);
  props.push(['title', d.ruleId]);
  const message = [d.message, ...(d.related ?? []).map((r) => `related: ${relatedPosition(r)}: ${r.message}`)].join('\n');
  return `::${d.severity} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(message)}`;
}

const github: Formatter = (diagnostics) => diagnostics.map((d) => `${githubCommand(d)}\n`).join('');

export default github;
