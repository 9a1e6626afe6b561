import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { Severity } from '../model/types.js';
import type { AnyRule, Settings } from '../rule.js';
import type { Override, RuleSetting, RunConfig } from '../runner.js';
import { baseConfigSchema } from './schema.js';
import { DEFAULT_MAX_BYTES, entryExists } from '../discovery.js';
import { validate as validateBase } from './validate-config.generated.js';

/** Names of the config files looked up at the repo root, in order. */
export const CONFIG_FILES = ['infralint.config.yaml', 'infralint.config.json'] as const;

/** Rules whose findings can be neither turned off nor suppressed (load problems). */
const UNSUPPRESSIBLE = new Set(['parse-error', 'file-error']);

/** Defaults for `settings` (the seed's facts). */
export const DEFAULT_SETTINGS: Settings = { standardDomains: ['lumie-infra.com'], legacyPaths: ['bootstrap/kong/'] };

/** The config could not be used: exit 2 naming the file, line and problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
  }
}

/** The resolved config. */
export interface ResolvedConfig extends RunConfig {
  /** Absolute path of the config file, or undefined when none was found. */
  file?: string;
  /** Ignore globs. */
  ignore: string[];
  /** Every rule known to this run (built-ins plus plugin rules). */
  allRules: Map<string, AnyRule>;
  /** Plugin specifiers as written. */
  plugins: string[];
  /** Size limit per file, in bytes. */
  maxFileBytes: number;
}

/** What a plugin module's default export looks like. */
export interface Plugin {
  /** Prefix of its rule ids (`acme` → `acme/require-owner-label`). */
  name: string;
  /** Rules keyed by id (without the prefix). */
  rules: Record<string, AnyRule>;
}

/** Find the config file at the repo root; both names at once is an error (which one would win is a guess). */
export function findConfigFile(root: string): string | undefined {
  const found = CONFIG_FILES.map((name) => path.join(root, name)).filter(entryExists);
  if (found.length > 1) {
    throw new ConfigError(path.relative(process.cwd(), found[1]!) || found[1]!, undefined, `both ${CONFIG_FILES.join(' and ')} exist at the repo root: keep one`);
  }
  return found[0];
}

type Raw = {
  ignore?: string[];
  maxFileBytes?: number;
  plugins?: string[];
  rules?: Record<string, unknown>;
  settings?: Partial<Settings>;
  overrides?: { files: string[]; rules: Record<string, unknown> }[];
};

function nodeAt(doc: Document, keys: (string | number)[], wantKey: boolean): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) return node as YamlNode;
      if (wantKey && i === keys.length - 1) return pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(k)];
    } else break;
  }
  return (node as YamlNode | undefined) ?? undefined;
}

function lineOf(doc: Document, lc: LineCounter, keys: (string | number)[], wantKey = false): number | undefined {
  const node = nodeAt(doc, keys, wantKey);
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lc.linePos(offset).line;
}

function describeAjvError(e: ErrorObject): { keys: (string | number)[]; wantKey: boolean; text: string } {
  const keys = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = keys.length ? `"${keys.join('.')}"` : 'the config';
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys(
      keys.length === 0 ? baseConfigSchema.properties : keys[0] === 'settings' ? baseConfigSchema.properties.settings.properties : { files: 1, rules: 1 },
    );
    return { keys: [...keys, extra], wantKey: true, text: `unknown key "${extra}" in ${where}; allowed keys: ${allowed.join(', ')}` };
  }
  return { keys, wantKey: false, text: `${where} ${e.message ?? 'is invalid'}` };
}

function normaliseSeverity(s: string): Severity | 'off' {
  return s === 'warn' ? 'warning' : (s as Severity | 'off');
}

/**
 * `import()` of a plugin. The bundled CLI runs as a script that cannot import ES modules itself, so
 * its launcher (packages/cli/bin/infralint.js) lends its own `import` under this symbol.
 */
function importModule(url: string): Promise<unknown> {
  const lent = (globalThis as Record<symbol, unknown>)[Symbol.for('infralint.import')];
  return typeof lent === 'function' ? (lent as (u: string) => Promise<unknown>)(url) : import(url);
}

/** Load plugin modules and add their rules as `NAME/ID`. */
async function loadPlugins(specs: string[], configFile: string, root: string, lineFor: (i: number) => number | undefined, rules: Map<string, AnyRule>) {
  const req = createRequire(path.join(root, 'package.json'));
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const fail = (why: string) => new ConfigError(configFile, lineFor(i), `plugin "${spec}" ${why}`);
    let url: string;
    try {
      url = spec.startsWith('.') || path.isAbsolute(spec) ? pathToFileURL(path.resolve(path.dirname(configFile), spec)).href : pathToFileURL(req.resolve(spec)).href;
    } catch {
      throw fail('could not be found: give a path relative to the config file, or install the package in the repo');
    }
    let mod: { default?: Plugin };
    try {
      mod = (await importModule(url)) as { default?: Plugin };
    } catch (e) {
      throw fail(`failed to load: ${e instanceof Error ? e.message : String(e)}`);
    }
    const plugin = mod.default;
    if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string' || !plugin.name) {
      throw fail('has no default export of the form { name, rules }');
    }
    const entries = plugin.rules && typeof plugin.rules === 'object' ? Object.entries(plugin.rules) : [];
    if (entries.length === 0) throw fail('exports no rules: its default export needs { name, rules: { id: defineRule(...) } }');
    for (const [id, rule] of entries) {
      if (!rule || typeof rule.check !== 'function' || !rule.meta || typeof rule.meta.messages !== 'object') {
        throw fail(`rule "${id}" is not a rule: write it with defineRule({ id, meta, check })`);
      }
      if (rule.meta.severity !== 'error' && rule.meta.severity !== 'warning') {
        throw fail(`rule "${id}" has meta.severity ${JSON.stringify(rule.meta.severity)}: use "error" or "warning"`);
      }
      const full = `${plugin.name}/${id}`;
      rules.set(full, { ...rule, id: full });
    }
  }
}

/**
 * Load, validate and resolve the config. With no file, every recommended rule is on at its default severity.
 * Throws ConfigError (exit 2) naming the file, line and problem.
 */
export async function loadConfig(opts: { root: string; configFile?: string; builtins: ReadonlyMap<string, AnyRule> }): Promise<ResolvedConfig> {
  const allRules = new Map(opts.builtins);
  const file = opts.configFile ? path.resolve(opts.configFile) : findConfigFile(opts.root);
  let raw: Raw = {};
  let lineFor: (keys: (string | number)[], wantKey?: boolean) => number | undefined = () => undefined;
  const shown = file ? path.relative(process.cwd(), file) || file : '';
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(shown, undefined, `cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    if (file.endsWith('.json')) {
      // JSON is read through the YAML parser for positions, but must be strict JSON.
      try {
        const v: unknown = JSON.parse(text);
        if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(shown, 1, 'the config must be a JSON object');
      } catch (e) {
        if (e instanceof ConfigError) throw e;
        const pos = /position (\d+)/.exec((e as Error).message);
        throw new ConfigError(shown, pos ? lc.linePos(Number(pos[1])).line : undefined, `JSON syntax error: ${(e as Error).message}`);
      }
    }
    const err = doc.errors[0];
    if (err) throw new ConfigError(shown, lc.linePos(err.pos[0]).line, `syntax error: ${err.message.split('\n')[0]}`);
    raw = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Raw;
    lineFor = (keys, wantKey = false) => lineOf(doc, lc, keys, wantKey);
    // Compiled ahead of time (tools/gen-config-schema.mjs): no schema compilation at start-up.
    const validate = validateBase as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
    if (!validate(raw)) {
      const d = describeAjvError(validate.errors![0]!);
      throw new ConfigError(shown, lineFor(d.keys, d.wantKey), d.text);
    }
  }
  if (raw.plugins?.length) await loadPlugins(raw.plugins, file!, opts.root, (i) => lineFor(['plugins', i]), allRules);

  // ajv is loaded only when the config gives rule options to validate.
  let ajv: import('ajv').Ajv | undefined;
  const needsAjv = (entries: Record<string, unknown>) => Object.values(entries).some((e) => Array.isArray(e) && e.length > 1);
  if (needsAjv(raw.rules ?? {}) || (raw.overrides ?? []).some((o) => needsAjv(o.rules ?? {}))) {
    const { Ajv } = await import('ajv');
    ajv = new Ajv({ allErrors: false, strict: false, useDefaults: false });
  }
  const checkEntries = (entries: Record<string, unknown>, base: (string | number)[]): Record<string, RuleSetting> => {
    const out: Record<string, RuleSetting> = {};
    for (const [id, entry] of Object.entries(entries)) {
      const rule = allRules.get(id);
      if (!rule) {
        const hint = id.includes('/') ? 'add the plugin that defines it to "plugins"' : 'run `infralint --list-rules` to see the rule ids';
        throw new ConfigError(shown, lineFor([...base, id], true), `unknown rule "${id}": ${hint}`);
      }
      const [sev, options] = Array.isArray(entry) ? entry : [entry, undefined];
      if (Array.isArray(entry) && entry.length === 0) {
        throw new ConfigError(shown, lineFor([...base, id]), `rule "${id}" has an empty entry: give a severity (off, warn or error), or [severity, { options }]`);
      }
      if (typeof sev !== 'string' || !['off', 'warn', 'error'].includes(sev)) {
        throw new ConfigError(
          shown,
          lineFor(Array.isArray(entry) ? [...base, id, 0] : [...base, id]),
          `rule "${id}" has severity ${JSON.stringify(sev)}: use off, warn or error`,
        );
      }
      if (UNSUPPRESSIBLE.has(id) && sev !== 'error') {
        throw new ConfigError(shown, lineFor([...base, id], true), `rule "${id}" cannot be turned off or lowered: a file that cannot be read or parsed is never silently skipped; fix the file or add it to "ignore"`);
      }
      if (Array.isArray(entry) && entry.length > 2) {
        throw new ConfigError(shown, lineFor([...base, id]), `rule "${id}" takes [severity, options]: remove the extra items`);
      }
      if (options !== undefined) {
        const validate = ajv!.compile(rule.meta.schema);
        if (!validate(options)) {
          const e = validate.errors![0]!;
          const d = describeAjvError(e);
          const detail =
            e.keyword === 'additionalProperties'
              ? `unknown option "${(e.params as { additionalProperty: string }).additionalProperty}"; allowed: ${Object.keys((rule.meta.schema.properties as object) ?? {}).join(', ')}`
              : `option ${d.keys.length ? `"${d.keys.join('.')}"` : 'object'} ${e.message ?? 'is invalid'}`;
          throw new ConfigError(shown, lineFor([...base, id, 1, ...d.keys], d.wantKey) ?? lineFor([...base, id]), `rule "${id}": ${detail}`);
        }
      }
      out[id] = { severity: normaliseSeverity(sev), options: { ...(rule.meta.defaultOptions as object), ...((options as object) ?? {}) } };
    }
    return out;
  };

  const configured = checkEntries(raw.rules ?? {}, ['rules']);
  const rules: Record<string, RuleSetting> = {};
  for (const [id, rule] of allRules) {
    rules[id] = configured[id] ?? {
      severity: rule.meta.recommended ? rule.meta.severity : 'off',
      options: { ...(rule.meta.defaultOptions as object) },
    };
  }
  const overrides: Override[] = (raw.overrides ?? []).map((o, i) => {
    const entries = checkEntries(o.rules, ['overrides', i, 'rules']);
    // An override that changes only the severity keeps the options of the base setting.
    for (const [id, s] of Object.entries(entries)) {
      const given = o.rules[id];
      if (!Array.isArray(given) || given.length < 2) s.options = rules[id]!.options;
    }
    return { files: o.files.map(normaliseGlob), rules: entries };
  });
  const settings: Settings = {
    // `.lumie-infra.com` and `*.lumie-infra.com` both mean the domain and everything under it.
    standardDomains: (raw.settings?.standardDomains ?? DEFAULT_SETTINGS.standardDomains).map((d) => d.toLowerCase().replace(/^(\*\.|\.)/, '').replace(/\.$/, '')),
    // Prefixes: `./bootstrap/kong`, `/bootstrap/kong/` and `bootstrap/kong/**` all mean the folder.
    legacyPaths: (raw.settings?.legacyPaths ?? DEFAULT_SETTINGS.legacyPaths).map((p) => `${normaliseGlob(p).replace(/\/\*\*?$/, '')}/`),
  };
  const resolved: ResolvedConfig = {
    rules,
    overrides,
    settings,
    ignore: (raw.ignore ?? []).map(normaliseGlob),
    allRules,
    plugins: raw.plugins ?? [],
    maxFileBytes: raw.maxFileBytes ?? DEFAULT_MAX_BYTES,
  };
  if (file) resolved.file = file;
  return resolved;
}

/**
 * Globs are relative to the repo root, as in .gitignore: a leading `./` or `/` is dropped, and a
 * trailing `/` means the folder's contents (`scratch/` → `scratch/**`).
 */
function normaliseGlob(g: string): string {
  let out = g.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  if (out.endsWith('/')) out = `${out}**`;
  return out;
}

/** Apply `--rule ID:SEVERITY` overrides from the command line. */
export function applyRuleFlags(config: ResolvedConfig, flags: string[]): void {
  for (const flag of flags) {
    const i = flag.lastIndexOf(':');
    const id = flag.slice(0, i);
    const sev = flag.slice(i + 1);
    if (i <= 0 || !['off', 'warn', 'error'].includes(sev)) {
      throw new ConfigError('--rule', undefined, `"${flag}" is not ID:SEVERITY with SEVERITY off, warn or error`);
    }
    const base = Object.hasOwn(config.rules, id) ? config.rules[id] : undefined;
    if (!base) throw new ConfigError('--rule', undefined, `unknown rule "${id}": run \`infralint --list-rules\` to see the rule ids`);
    if (UNSUPPRESSIBLE.has(id) && sev !== 'error') {
      throw new ConfigError('--rule', undefined, `rule "${id}" cannot be turned off or lowered: a file that cannot be read or parsed is never silently skipped; use "ignore" in the config for files not meant to be linted`);
    }
    config.rules[id] = { severity: normaliseSeverity(sev), options: base.options };
    // The command line wins over the config, overrides included (as in ESLint).
    for (const o of config.overrides) delete o.rules[id];
  }
}
