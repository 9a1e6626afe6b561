import type { Location, Position } from './types.js';

/** Line starts of a text, for turning offsets into 1-based line/column once, at the parser boundary. */
export interface LineIndex {
  /** Repo-relative file the index belongs to. */
  file: string;
  /** 0-based UTF-16 offsets where each line starts. */
  lineStarts: number[];
  /** Length of the text. */
  length: number;
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
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: o - starts[lo]! + 1, offset: o };
}

/** Location of the half-open offset range `[start, end)`. */
export function locationAt(index: LineIndex, start: number, end: number): Location {
  return { file: index.file, start: positionAt(index, start), end: positionAt(index, Math.max(start, end)) };
}
