/*
 * `sarif` (CONTRACT §4): a SARIF 2.1.0 log with one run, valid against sarif-schema-2.1.0.json.
 * Decisions:
 * - `tool.driver.rules` lists every enabled rule sorted by id (code-unit order, so the output is
 *   stable), then a bare `{ id }` descriptor for any rule id that has results but is not in
 *   `ctx.rules`, so every result can carry a `ruleIndex`. `helpUri` is omitted when `ruleDocsUrl`
 *   gives '' (plugin rules); `defaultConfiguration.level` is the rule's default severity, each
 *   result's `level` the severity it was reported with.
 * - Locations are relative to `%SRCROOT%` (the repo root, declared in `originalUriBaseIds` as a
 *   file URL ending in `/`); each path segment is percent-encoded. Columns count UTF-16 code units
 *   (`columnKind`) and `endColumn` is exclusive, as infralint's own positions are.
 * - `relatedLocations` (ids from 1) are written whenever a diagnostic has related locations.
 */
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl, type Diagnostic, type Location } from '@infralint/core';
import type { FormatContext, Formatter } from './index.js';

/** Where the schema lives; the location GitHub and most SARIF producers cite. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project's home page (`tool.driver.informationUri`). */
export const INFORMATION_URI = 'https://github.com/infralint/infralint';
const SRCROOT = '%SRCROOT%';

/** A repo-relative path as a relative URI reference: every segment percent-encoded. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The repo root as a file URL ending in `/`. */
export function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function physicalLocation(loc: Location) {
  return {
    artifactLocation: { uri: relativeUri(loc.file), uriBaseId: SRCROOT },
    region: {
      startLine: loc.start.line,
      startColumn: loc.start.column,
      endLine: loc.end.line,
      endColumn: loc.end.column,
    },
  };
}

function ruleDescriptors(diagnostics: readonly Diagnostic[], ctx: FormatContext) {
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const enabled = [...ctx.rules.keys()].sort(byCodeUnits);
  const extra = [...new Set(diagnostics.map((d) => d.ruleId))].filter((id) => !ctx.rules.has(id)).sort(byCodeUnits);
  const descriptors = [
    ...enabled.map((id) => {
      const rule = ctx.rules.get(id)!;
      const helpUri = ruleDocsUrl(id, rule.meta);
      return {
        id,
        shortDescription: { text: rule.meta.description },
        ...(helpUri ? { helpUri } : {}),
        defaultConfiguration: { level: rule.meta.severity },
      };
    }),
    ...extra.map((id) => ({ id })),
  ];
  return { descriptors, index: new Map([...enabled, ...extra].map((id, i) => [id, i])) };
}

const sarif: Formatter = (diagnostics, ctx) => {
  const { descriptors, index } = ruleDescriptors(diagnostics, ctx);
  const results = diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: index.get(d.ruleId)!,
    level: d.severity,
    message: { text: d.message },
    locations: [{ physicalLocation: physicalLocation(d.loc) }],
    ...(d.related?.length
      ? {
          relatedLocations: d.related.map((r, i) => ({
            id: i + 1,
            physicalLocation: physicalLocation(r.loc),
            message: { text: r.message },
          })),
        }
      : {}),
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'infralint',
            version: ctx.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(ctx.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export default sarif;
