import picomatch from 'picomatch';
import type { Model } from './model/model.js';
import type { Diagnostic, Location, Severity } from './model/types.js';
import { formatMessage, locOf, type AnyRule, type Report, type Settings } from './rule.js';
import { now } from './clock.js';

/** A rule's configured level and options. */
export interface RuleSetting {
  /** `off`, `warn` and `error` are normalised to `off` | `warning` | `error`. */
  severity: Severity | 'off';
  /** Options, defaults merged in. */
  options: Record<string, unknown>;
}

/** An `overrides` entry: rule settings for the files matching `files`. */
export interface Override {
  /** Globs relative to the repo root. */
  files: string[];
  /** Rule settings for those files (options already merged with the rule's defaults). */
  rules: Record<string, RuleSetting>;
}

/** What the runner needs from the config. */
export interface RunConfig {
  /** Base settings for every known rule id. */
  rules: Record<string, RuleSetting>;
  /** Ordered overrides; later ones win. */
  overrides: Override[];
  /** Shared settings. */
  settings: Settings;
}

/** A rule threw: the run cannot be trusted (exit 2). */
export class RuleCrashError extends Error {
  constructor(
    readonly ruleId: string,
    readonly file: string | undefined,
    override readonly cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`rule "${ruleId}" crashed${file ? ` while checking ${file}` : ''}: ${why}`);
  }
}

/** Order diagnostics by file, line, column, rule id (CONTRACT §4). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : 0) ||
    a.loc.start.line - b.loc.start.line ||
    a.loc.start.column - b.loc.start.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Compile the overrides' globs once; returns the effective setting of a rule for a file. */
export function settingResolver(config: RunConfig): (ruleId: string, file: string) => RuleSetting | undefined {
  const matchers = config.overrides.map((o) => ({ match: picomatch(o.files, { dot: true }), rules: o.rules }));
  return (ruleId, file) => {
    let s = config.rules[ruleId];
    for (const m of matchers) {
      const r = m.rules[ruleId];
      if (r && m.match(file)) s = r;
    }
    return s;
  };
}

/**
 * Track the file a rule is working on, for the crash message: arrays the rule gets from the model
 * are wrapped so that reading an element records its file.
 */
function trackingModel(model: Model, onFile: (file: string) => void): Model {
  const wrap = <T extends { file?: string; loc?: Location }>(list: T[]): T[] =>
    new Proxy(list, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof prop === 'string' && v && typeof v === 'object') {
          const item = v as { file?: string; loc?: Location };
          const file = item.file ?? item.loc?.file;
          if (file) onFile(file);
        }
        return v;
      },
    });
  const tf = model.terraform;
  return {
    ...model,
    kubernetes: { objects: (q) => wrap(model.kubernetes.objects(q)) },
    terraform: {
      ...tf,
      blocks: (t) => wrap(tf.blocks(t)),
      resources: (t) => wrap(tf.resources(t)),
      dataSources: (t) => wrap(tf.dataSources(t)),
      resolve: (expr, scope) => {
        onFile(expr.loc.file);
        return tf.resolve(expr, scope);
      },
    },
    yamlDocuments: wrap([...model.yamlDocuments]),
    markdown: wrap([...model.markdown]),
  };
}

/**
 * The file a rule was working on when it threw: the rule is run again (rules are functions of the
 * model) over a model that records each object it reads, and the last one read before it throws
 * names the file. Tracking every read cost a run over 12,000 files about 20 ms, so it is done only
 * after a crash. Undefined when the second run does not throw, or reads nothing with a file.
 */
function crashFile(rule: AnyRule, model: Model, config: RunConfig, options: Record<string, unknown>): string | undefined {
  let file: string | undefined;
  const ctx = {
    model: trackingModel(model, (f) => (file = f)),
    settings: config.settings,
    report(r: Report) {
      file = locOf(r.node).file;
    },
  };
  try {
    rule.check(ctx, options);
  } catch {
    return file;
  }
  return undefined;
}

/**
 * Run every enabled rule once per distinct options object over the whole model, then keep each
 * finding only where the file's effective setting (after overrides) enables that rule with those
 * options. Returns sorted diagnostics. Throws RuleCrashError when a rule throws.
 */
export function runRules(
  model: Model,
  rules: ReadonlyMap<string, AnyRule>,
  config: RunConfig,
  /** When given, receives each rule's run time in milliseconds (ESLint's TIMING). */
  timings?: Map<string, number>,
): Diagnostic[] {
  const effective = settingResolver(config);
  const out: Diagnostic[] = [];
  for (const [id, rule] of rules) {
    const variants = new Map<string, Record<string, unknown>>();
    for (const s of [config.rules[id], ...config.overrides.map((o) => o.rules[id])]) {
      if (s && s.severity !== 'off') variants.set(JSON.stringify(s.options), s.options);
    }
    for (const [key, options] of variants) {
      let currentFile: string | undefined;
      const ctx = {
        model,
        settings: config.settings,
        report(r: Report) {
          const loc = locOf(r.node);
          currentFile = loc.file;
          const s = effective(id, loc.file);
          if (!s || s.severity === 'off' || JSON.stringify(s.options) !== key) return;
          const template = rule.meta.messages[r.messageId];
          if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
          const d: Diagnostic = {
            ruleId: id,
            messageId: r.messageId,
            severity: r.severity === 'warning' ? 'warning' : s.severity,
            message: formatMessage(template, r.data),
            loc,
          };
          if (r.related && r.related.length > 0) {
            d.related = r.related.map((rel) => ({
              loc: locOf(rel.node),
              message: formatMessage(rule.meta.messages[rel.messageId] ?? rel.messageId, rel.data),
            }));
          }
          out.push(d);
        },
      };
      const t0 = now();
      try {
        rule.check(ctx, options);
      } catch (e) {
        throw new RuleCrashError(id, crashFile(rule, model, config, options) ?? currentFile, e);
      }
      timings?.set(id, (timings.get(id) ?? 0) + now() - t0);
    }
  }
  return out.sort(compareDiagnostics);
}
