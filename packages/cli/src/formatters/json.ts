/*
 * `json` (CONTRACT §4): an array with one element per file that has diagnostics, in input order:
 * `{ filePath, messages, errorCount, warningCount }`. `filePath` is repo-relative with `/` (as in
 * every format); `severity` is the word. Each message always has `related` (an empty array when
 * the finding has no related locations), so consumers need no existence check. Messages keep
 * their line breaks. Pretty-printed with two spaces and a final newline; `[]` when nothing was found.
 */
import type { Diagnostic } from '@infralint/core';
import { countSeverities, groupByFile, type Formatter } from './index.js';

/** One element of the JSON report. */
export interface JsonFileResult {
  /** Repo-relative path with `/`. */
  filePath: string;
  /** The file's diagnostics in order. */
  messages: JsonMessage[];
  /** How many of `messages` are errors. */
  errorCount: number;
  /** How many of `messages` are warnings. */
  warningCount: number;
}

/** One diagnostic in the JSON report. Columns are 1-based; `endColumn` is exclusive. */
export interface JsonMessage {
  ruleId: string;
  severity: Diagnostic['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Always present; [] when there are none. */
  related: { filePath: string; line: number; column: number; message: string }[];
}

function toMessage(d: Diagnostic): JsonMessage {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    line: d.loc.start.line,
    column: d.loc.start.column,
    endLine: d.loc.end.line,
    endColumn: d.loc.end.column,
    related: (d.related ?? []).map((r) => ({
      filePath: r.loc.file,
      line: r.loc.start.line,
      column: r.loc.start.column,
      message: r.message,
    })),
  };
}

const json: Formatter = (diagnostics) => {
  const results: JsonFileResult[] = [...groupByFile(diagnostics)].map(([filePath, group]) => ({
    filePath,
    messages: group.map(toMessage),
    ...countSeverities(group),
  }));
  return `${JSON.stringify(results, null, 2)}\n`;
};

export default json;
