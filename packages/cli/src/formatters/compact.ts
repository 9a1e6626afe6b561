/*
 * `compact` (CONTRACT §4): one line per diagnostic, `FILE:LINE:COL: SEVERITY: MESSAGE [RULE-ID]`,
 * nothing else, '' when there are no diagnostics. This is what problem matchers read
 * (.github/infralint-problem-matcher.json, editors/vscode/tasks.json), so a line break anywhere in
 * a field (a multi-line parse error, an odd file name) becomes a space. Related locations are not
 * shown: the other formats carry them.
 */
import type { Diagnostic } from '@infralint/core';
import { oneLine, type Formatter } from './index.js';

/** The compact line of one diagnostic, without its line break. */
export function compactLine(d: Diagnostic): string {
  const { file, start } = d.loc;
  return oneLine(`${file}:${start.line}:${start.column}: ${d.severity}: ${d.message} [${d.ruleId}]`);
}

const compact: Formatter = (diagnostics) => diagnostics.map((d) => `${compactLine(d)}\n`).join('');

export default compact;
