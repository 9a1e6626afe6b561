import { lineIndex, locOf, parseYaml, positionAt, type Locatable, type Location, type ParsedFile, type YScalar } from '@infralint/core';

/**
 * YAML held in a string scalar of another YAML file: a HelmChartConfig's `valuesContent`, a
 * HelmChart's values, a ConfigMap entry. It is parsed on its own, and its positions are mapped back
 * into the outer file so that a finding inside it points at the right line and column there.
 *
 * The model keeps no source text of YAML files, so the mapping is derived from what it does keep:
 * the scalar's decoded value and its location (from the first character of the scalar, which is the
 * `|`/`>` indicator of a block scalar, to just after its last non-blank character):
 *
 * - **Block scalar** (`|`, `|-`, `|+`, with or without an indentation indicator, and `>` when no
 *   line was folded): content line k of the value is outer line `header line + k`, and its column c
 *   is outer column `c + indentation`. The indentation is the scalar's end column minus the length
 *   of the value's last non-blank line. The shape is recognised by the value having exactly as many
 *   lines (up to its last non-blank one) as the scalar spans after its header line; a folded scalar
 *   whose lines were joined fails that test and is not mapped.
 * - **Single-line scalar**: plain or quoted without escapes (the written width is the value's
 *   length, plus two for the quotes); columns are shifted by the start column (and the quote).
 * - Anything else (a multi-line quoted or plain scalar, escapes): positions cannot be mapped, and
 *   every inner position becomes the scalar's own location.
 *
 * Line and column are exact for the mapped shapes. Offsets of block scalars assume `\n` line breaks
 * and blank lines without spaces (nothing downstream reads offsets of findings; they only order them).
 */
export interface EmbeddedYaml {
  /** The embedded text: the scalar's value. */
  text: string;
  /** The text parsed as YAML under the outer file's path; its positions are inner (line 1 is the value's first line). */
  parsed: ParsedFile;
  /** How inner positions map to the outer file. */
  mapping: 'block' | 'inline' | 'none';
  /** The outer location of an inner node or location (the scalar's location when not mappable). */
  locate(node: Locatable): Location;
  /** The outer location of the inner offset range `[start, end)` of {@link EmbeddedYaml.text}. */
  locateRange(start: number, end: number): Location;
}

/** Line break and blank characters exactly as the YAML parser trims them from a block scalar's end. */
function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function trimBlankEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isBlank(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** A position mapper for one of the shapes, or undefined when none applies. */
type Mapper = (line: number, column: number) => { line: number; column: number; offset: number };

function blockMapper(scalar: YScalar, text: string): Mapper | undefined {
  const { start, end } = scalar.loc;
  const lines = text.split('\n');
  const content = trimBlankEnd(text);
  if (content === '') return undefined;
  const last = content.split('\n').length; // 1-based index of the last non-blank line
  if (end.line !== start.line + last) return undefined;
  const indent = end.column - 1 - trimBlankEnd(lines[last - 1]!).length;
  if (indent < 0) return undefined;
  // Outer offsets of each content line's start, counted back from the last line (whose start is exact).
  const lineStart: number[] = [];
  lineStart[last] = end.offset - (end.column - 1);
  for (let k = last - 1; k >= 1; k--) {
    const inner = lines[k - 1]!;
    lineStart[k] = lineStart[k + 1]! - ((inner === '' ? 0 : indent + inner.length) + 1);
  }
  for (let k = last + 1; k <= lines.length; k++) {
    const prev = lines[k - 2]!;
    lineStart[k] = lineStart[k - 1]! + (prev === '' ? 0 : indent + prev.length) + 1;
  }
  return (line, column) => {
    const k = Math.max(1, Math.min(line, lines.length));
    return { line: start.line + k, column: column + indent, offset: lineStart[k]! + indent + column - 1 };
  };
}

function inlineMapper(scalar: YScalar, text: string): Mapper | undefined {
  const { start, end } = scalar.loc;
  if (start.line !== end.line || text.includes('\n') || text.includes('\r')) return undefined;
  const width = end.column - start.column;
  const quote = width === text.length ? 0 : width === text.length + 2 ? 1 : -1;
  if (quote < 0) return undefined;
  return (_line, column) => ({ line: start.line, column: start.column + quote + column - 1, offset: start.offset + quote + column - 1 });
}

/**
 * Parse the YAML held in a string scalar and map its positions into the outer file (see
 * {@link EmbeddedYaml}). The scalar's value must be a string; a non-string scalar is parsed as its
 * text and not mapped.
 */
export function parseEmbeddedYaml(scalar: YScalar): EmbeddedYaml {
  const text = typeof scalar.value === 'string' ? scalar.value : scalar.value === null ? '' : String(scalar.value);
  const file = scalar.loc.file;
  const parsed = parseYaml(text, file);
  const index = lineIndex(file, text);
  const isString = typeof scalar.value === 'string';
  const block = isString && scalar.loc.start.line < scalar.loc.end.line ? blockMapper(scalar, text) : undefined;
  const inline = isString && !block ? inlineMapper(scalar, text) : undefined;
  const mapper = block ?? inline;
  const mapping: EmbeddedYaml['mapping'] = block ? 'block' : inline ? 'inline' : 'none';

  const locate = (node: Locatable): Location => {
    if (!mapper) return scalar.loc;
    const l = locOf(node);
    return { file, start: mapper(l.start.line, l.start.column), end: mapper(l.end.line, l.end.column) };
  };
  const locateRange = (from: number, to: number): Location =>
    locate({ file, start: positionAt(index, from), end: positionAt(index, Math.max(from, to)) });
  return { text, parsed, mapping, locate, locateRange };
}
