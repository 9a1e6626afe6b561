import type { Fact } from './model/facts.js';
import { buildModel, type Model } from './model/model.js';
import type { Comment, Diagnostic, ParsedFile } from './model/types.js';
import { chartDirs, parseSource } from './parsers/index.js';
import { initHcl } from './parsers/hcl.js';
import type { AnyRule, Settings } from './rule.js';
import { compareDiagnostics, runRules, settingResolver, type RunConfig } from './runner.js';
import { applySuppressions, UNUSED_DIRECTIVE, type Suppressed } from './suppressions/index.js';

/** A source file handed to the linter: repo-relative path and decoded text. */
export interface SourceInput {
  /** Repo-relative path with `/` separators. */
  path: string;
  /** Decoded text, BOM stripped. */
  text: string;
}

/** The outcome of a lint run. */
export interface LintResult {
  /** Findings after suppressions, sorted. */
  diagnostics: Diagnostic[];
  /** Findings silenced by directives, with their reasons. */
  suppressed: Suppressed[];
  /** Every parsed file. */
  parsed: ParsedFile[];
  /** The model the rules saw (legacy paths excluded). */
  model: Model;
}

/** True when a repo-relative path is one of the legacy folders (`bootstrap/kong` or `bootstrap/kong/`) or under one. */
export function isLegacyPath(file: string, legacyPaths: readonly string[]): boolean {
  return legacyMatcher(legacyPaths)(file);
}

/** {@link isLegacyPath} for many files: the folders are read once (12,000 files asked one by one made 12,000 closures and regexes). */
export function legacyMatcher(legacyPaths: readonly string[]): (file: string) => boolean {
  const dirs = legacyPaths.map((p) => p.replace(/\/+$/, '')).filter((d) => d !== '');
  if (dirs.length === 0) return () => false;
  const prefixes = dirs.map((d) => `${d}/`);
  return (file) => {
    for (let i = 0; i < dirs.length; i++) if (file === dirs[i] || file.startsWith(prefixes[i]!)) return true;
    return false;
  };
}

/** Parse sources (in this thread). */
export async function parseAll(sources: readonly SourceInput[]): Promise<ParsedFile[]> {
  await initHcl();
  const charts = chartDirs(sources.map((s) => s.path));
  return sources.map((s) => parseSource(s.path, s.text, charts));
}

/**
 * Build the model from parsed files and run the rules, then apply suppressions. Parse and load
 * problems are reported as they are (they cannot be suppressed). Files under legacy paths are
 * left out of the model: no rule checks them.
 */
export function lintParsed(opts: {
  root: string;
  parsed: ParsedFile[];
  rules: ReadonlyMap<string, AnyRule>;
  config: RunConfig;
  /** Load problems from discovery (unreadable, binary, too large). */
  extraDiagnostics?: Diagnostic[];
  /** Receives each rule's run time in milliseconds. */
  timings?: Map<string, number>;
  /** Facts to read from and keep for the parse cache (infralint's own; model/facts.ts). */
  cachedFacts?: ReadonlySet<Fact<unknown>>;
}): LintResult {
  const settings: Settings = opts.config.settings;
  const legacy = legacyMatcher(settings.legacyPaths);
  const live = opts.parsed.filter((f) => !legacy(f.path));
  const model = buildModel(opts.root, live, opts.cachedFacts);
  const found = runRules(model, opts.rules, opts.config, opts.timings);
  const parseDiagnostics: Diagnostic[] = [...(opts.extraDiagnostics ?? [])];
  for (const f of opts.parsed) parseDiagnostics.push(...f.diagnostics);
  const comments = new Map<string, readonly Comment[]>();
  // Directives only in live files: no rule runs under legacy paths, so a directive there could only
  // ever be reported as unused.
  for (const f of live) if (f.comments.length > 0) comments.set(f.path, f.comments);
  const effective = settingResolver(opts.config);
  const { diagnostics, suppressed } = applySuppressions([...parseDiagnostics, ...found], comments);
  const kept = diagnostics.filter((d) => {
    // Parse errors are always errors; only unused-directive reports follow the config.
    if (d.ruleId !== UNUSED_DIRECTIVE) return true;
    const s = effective(d.ruleId, d.loc.file);
    if (!s) return true; // not configured: on, as a warning
    if (s.severity === 'off') return false;
    d.severity = s.severity;
    return true;
  });
  return { diagnostics: kept.sort(compareDiagnostics), suppressed, parsed: opts.parsed, model };
}
