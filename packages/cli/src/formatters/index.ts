import type { AnyRule, Diagnostic, RelatedLocation } from '@infralint/core';

/** What every formatter gets besides the diagnostics. */
export interface FormatContext {
  /** Absolute repo root; every diagnostic's `loc.file` is already repo-relative with `/`. */
  root: string;
  /** Enabled rules (for SARIF `tool.driver.rules`), id → rule. */
  rules: ReadonlyMap<string, AnyRule>;
  /** infralint version. */
  version: string;
  /** Colour on (decided by the caller with {@link useColor}). */
  color: boolean;
}

/**
 * Turns diagnostics, already sorted by file, line, column and rule id, into the whole report text
 * (CONTRACT §4). Returns '' when there is nothing to print in that format.
 */
export type Formatter = (diagnostics: readonly Diagnostic[], ctx: FormatContext) => string;

/** Names accepted by `--format`; the first is the default. */
export const FORMAT_NAMES = ['stylish', 'compact', 'json', 'sarif', 'github'] as const;

/** One of {@link FORMAT_NAMES}. */
export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * The formatter called `name`, or undefined for an unknown name. Each format is its own module,
 * imported only when chosen, so a plain run never loads the SARIF or JSON code.
 */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  switch (name) {
    case 'stylish':
      return (await import('./stylish.js')).default;
    case 'compact':
      return (await import('./compact.js')).default;
    case 'json':
      return (await import('./json.js')).default;
    case 'sarif':
      return (await import('./sarif.js')).default;
    case 'github':
      return (await import('./github.js')).default;
    default:
      return undefined;
  }
}

/**
 * Whether to colour output written to `stream`. `FORCE_COLOR` decides when set (`0` or `false`
 * turn colour off, any other value, even empty, turns it on), as in Node's `tty.getColorDepth`;
 * otherwise a non-empty `NO_COLOR` turns it off (https://no-color.org); otherwise colour follows
 * whether the stream is a terminal.
 */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}

/** `text` on one line: each line break (CRLF, CR or LF) becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}

/** `FILE:LINE:COL` of a related location. */
export function relatedPosition(related: RelatedLocation): string {
  return `${related.loc.file}:${related.loc.start.line}:${related.loc.start.column}`;
}

/** Diagnostics grouped by file, files in order of first appearance (the input is sorted by file). */
export function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const group = groups.get(d.loc.file);
    if (group) group.push(d);
    else groups.set(d.loc.file, [d]);
  }
  return groups;
}

/** How many errors and warnings. */
export function countSeverities(diagnostics: readonly Diagnostic[]): { errorCount: number; warningCount: number } {
  let errorCount = 0;
  for (const d of diagnostics) if (d.severity === 'error') errorCount++;
  return { errorCount, warningCount: diagnostics.length - errorCount };
}
