/*
 * `stylish` (CONTRACT §4), after ESLint's stylish formatter: a blank line, then per file its path
 * (underlined when coloured) and one row per diagnostic,
 * `  LINE:COL  SEVERITY  MESSAGE  RULE-ID`, columns aligned within the file (line numbers
 * right-aligned, columns left-aligned, trailing spaces trimmed), and a blank line; then
 * `✖ N problems (E errors, W warnings)`. Nothing at all when there are no diagnostics.
 * Decisions:
 * - Each related location gets its own row under its diagnostic, starting at the message column:
 *   `↳ FILE:LINE:COL: MESSAGE` (terminals make `FILE:LINE:COL` clickable).
 * - Line breaks in messages become spaces, so the table stays a table.
 * - Colour is raw SGR codes, only when `ctx.color`: path underlined; line:col, rule id and related
 *   rows dim; `error` red, `warning` yellow; summary bold, red when there are errors, else yellow.
 */
import type { Diagnostic } from '@infralint/core';
import { countSeverities, groupByFile, oneLine, relatedPosition, type Formatter } from './index.js';

/** SGR open/close pairs; closing codes reset only their own attribute. */
const SGR = {
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  underline: ['\x1b[4m', '\x1b[24m'],
  red: ['\x1b[31m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
} as const;

type Style = keyof typeof SGR;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const stylish: Formatter = (diagnostics, ctx) => {
  if (diagnostics.length === 0) return '';
  const paint = (text: string, ...styles: Style[]) =>
    ctx.color ? styles.reduceRight((s, style) => `${SGR[style][0]}${s}${SGR[style][1]}`, text) : text;

  let out = '\n';
  for (const [file, group] of groupByFile(diagnostics)) {
    const rows = group.map((d) => ({ d, message: oneLine(d.message) }));
    const lineWidth = Math.max(...rows.map(({ d }) => String(d.loc.start.line).length));
    const columnWidth = Math.max(...rows.map(({ d }) => String(d.loc.start.column).length));
    const severityWidth = Math.max(...rows.map(({ d }) => d.severity.length));
    const messageWidth = Math.max(...rows.map(({ message }) => message.length));
    const messageIndent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2);

    out += `${paint(file, 'underline')}\n`;
    for (const { d, message } of rows) {
      const position = `${String(d.loc.start.line).padStart(lineWidth)}:${String(d.loc.start.column).padEnd(columnWidth)}`;
      const severityPad = ' '.repeat(severityWidth - d.severity.length);
      const row =
        `  ${paint(position, 'dim')}` +
        `  ${paint(d.severity, d.severity === 'error' ? 'red' : 'yellow')}${severityPad}` +
        `  ${message.padEnd(messageWidth)}` +
        `  ${paint(d.ruleId, 'dim')}`;
      out += `${row.trimEnd()}\n`;
      for (const r of d.related ?? []) {
        out += `${messageIndent}${paint(`↳ ${relatedPosition(r)}: ${oneLine(r.message)}`, 'dim')}\n`;
      }
    }
    out += '\n';
  }

  const { errorCount, warningCount } = countSeverities(diagnostics);
  const summary = `✖ ${plural(diagnostics.length, 'problem')} (${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')})`;
  return `${out}${paint(summary, errorCount > 0 ? 'red' : 'yellow', 'bold')}\n`;
};

export default stylish;
