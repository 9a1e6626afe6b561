import type { Location, Position } from './types.js';

/** Line starts of a text, for turning offsets into 1-based line/column once, at the parser boundary. */
export interface LineIndex {
  /** Repo-relative file the index belongs to. */
  file: string;
  /** 0-based UTF-16 offsets where each line starts. */
  lineStarts: number[];
  /** Length of the text. */
  length: number;
  /** Line (0-based) of the last position asked for: the next one is usually on it or just after. */
  hint?: number;
}

/**
 * Index the line starts of `text`. A line ends at `\n`, `\r\n` or a lone `\r`,
 * as in YAML and HCL; so a CRLF file counts columns exactly like an LF one.
 */
export function lineIndex(file: string, text: string): LineIndex {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStarts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    }
  }
  return { file, lineStarts, length: text.length };
}

/** Position of a 0-based UTF-16 offset (clamped to the text). */
export function positionAt(index: LineIndex, offset: number): Position {
  const o = Math.max(0, Math.min(offset, index.length));
  const starts = index.lineStarts;
  // Parsers ask in nearly increasing order: try the line of the last answer and the next one first.
  const hint = index.hint ?? 0;
  if (hint < starts.length && starts[hint]! <= o) {
    if (hint + 1 >= starts.length || o < starts[hint + 1]!) return { line: hint + 1, column: o - starts[hint]! + 1, offset: o };
    if (hint + 2 >= starts.length || o < starts[hint + 2]!) {
      index.hint = hint + 1;
      return { line: hint + 2, column: o - starts[hint + 1]! + 1, offset: o };
    }
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  index.hint = lo;
  return { line: lo + 1, column: o - starts[lo]! + 1, offset: o };
}

/** Whether `loc` is exactly what its offsets give in `index`'s file (so storing the offsets loses nothing). */
export function sameAt(index: LineIndex, loc: Location): boolean {
  const l = locationAt(index, loc.start.offset, loc.end.offset);
  return (
    loc.file === index.file &&
    l.start.line === loc.start.line &&
    l.start.column === loc.start.column &&
    l.end.line === loc.end.line &&
    l.end.column === loc.end.column &&
    l.end.offset === loc.end.offset &&
    l.start.offset === loc.start.offset
  );
}

/** Location of the half-open offset range `[start, end)`. */
export function locationAt(index: LineIndex, start: number, end: number): Location {
  const from = positionAt(index, start);
  const e = Math.max(from.offset, Math.min(end, index.length));
  const starts = index.lineStarts;
  // Most ranges end on the line they start on; others are searched from there, leaving the hint
  // at the start (the next node asked for is usually the next child, near it).
  if (from.line >= starts.length || e < starts[from.line]!) return { file: index.file, start: from, end: { line: from.line, column: from.column + e - from.offset, offset: e } };
  let lo = from.line;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= e) lo = mid;
    else hi = mid - 1;
  }
  return { file: index.file, start: from, end: { line: lo + 1, column: e - starts[lo]! + 1, offset: e } };
}
