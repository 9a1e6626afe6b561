import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  applyRuleFlags,
  ConfigError,
  findRepoRoot,
  initHcl,
  listSources,
  loadSources,
  openCache,
  prefetchCache,
  lintParsed,
  loadConfig,
  now,
  RuleCrashError,
  ruleSummaryPage,
  type AnyRule,
  type Diagnostic,
  type Fact,
  type ResolvedConfig,
} from '@infralint/core';
import { FORMAT_NAMES, loadFormatter, useColor } from './formatters/index.js';
import { cacheKey } from './cache-key.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Where the rule docs live (the repo's `rule-docs/`, beside `packages/`). */
const RULE_DOCS = path.resolve(HERE, '../../../rule-docs');

/** Exit codes (CONTRACT §3). */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

const HELP = `Usage: infralint [options] [paths...]

Lint a Terraform + Kubernetes repo (HCL and YAML) against the networking contract.
The whole repo is always loaded so that cross-file rules stay correct; paths only
restrict which findings are reported (a finding counts when its file or one of its
related locations is under a given path). Paths default to ".".

Options:
  -f, --format NAME        stylish (default), compact, json, sarif, github
  -o, --output-file FILE   write the report to FILE instead of stdout
  -c, --config FILE        use this config instead of infralint.config.yaml|json
      --max-warnings N     exit 1 when there are more than N warnings (-1: no limit)
      --quiet              report errors only
      --rule ID:SEVERITY   override one rule (off, warn, error); repeatable
      --list-rules         print every rule with its default severity and description
      --explain ID         print a rule's documentation page
      --print-config       print the resolved config as JSON
      --cache              reuse parses of unchanged files (never findings: rules
                           always run over the whole repo)
      --cache-location P   cache file (default .infralintcache in the repo root)
      --debug              print discovery, skipped files and timings to stderr
  -h, --help               show this help
  -v, --version            print the version

Exit codes: 0 no errors (and warnings within --max-warnings); 1 errors found, or too
many warnings; 2 the run could not be done (bad arguments, bad config, a crash).

Config: infralint.config.yaml (or .json) at the repo root: ignore, rules, settings
(standardDomains, legacyPaths), overrides, plugins. \`infralint --print-config\` shows it.
Suppress one finding: # infralint-disable-next-line RULE-ID -- reason
(also infralint-disable-line and infralint-disable-file; // and /* */ in HCL).

Examples:
  infralint                                  lint the repo from its root
  infralint --format compact                 one line per finding, for editors
  infralint --format sarif -o infralint.sarif
  infralint applications/lumie/api/ingress.yaml   report on one file (model is still the whole repo)
  infralint --rule no-live-kong:warn --max-warnings 0
`;

/** What the process should do: text for stdout/stderr and an exit code. */
interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How the launcher loaded the CLI (bundle, code cache), for --debug. */
  startup?: string;
}

class UsageError extends Error {}

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(HERE, '../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The built-in rules, and the facts they read (kept in the parse cache). */
async function loadRules(): Promise<{ rules: ReadonlyMap<string, AnyRule>; facts: readonly Fact<unknown>[] }> {
  const { rules, facts } = await import('@infralint/rules');
  return { rules, facts };
}

function parseCli(argv: string[]) {
  // parseArgs reads `--max-warnings -1` as two options; join the pair.
  const args = argv.flatMap((a, i) => (a === '--max-warnings' && argv[i + 1] === '-1' ? ['--max-warnings=-1'] : argv[i - 1] === '--max-warnings' && a === '-1' ? [] : [a]));
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        'list-rules': { type: 'boolean' },
        explain: { type: 'string' },
        'print-config': { type: 'boolean' },
        debug: { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]}\nRun \`infralint --help\` for the options.`);
  }
}

/** Is `file` (repo-relative) one of the targets or under one ('' = everything)? Set lookups per folder level, so passing every file (pre-commit --all-files) stays linear. */
function inTargets(file: string, targets: ReadonlySet<string>): boolean {
  if (targets.has('') || targets.has(file)) return true;
  for (let i = file.lastIndexOf('/'); i > 0; i = file.lastIndexOf('/', i - 1)) if (targets.has(file.slice(0, i))) return true;
  return false;
}

function printConfig(config: ResolvedConfig): string {
  const rules: Record<string, unknown> = {};
  for (const id of [...Object.keys(config.rules)].sort()) {
    const s = config.rules[id]!;
    const sev = s.severity === 'warning' ? 'warn' : s.severity;
    rules[id] = Object.keys(s.options).length ? [sev, s.options] : sev;
  }
  const out = {
    configFile: config.file ?? null,
    ignore: config.ignore,
    maxFileBytes: config.maxFileBytes,
    plugins: config.plugins,
    settings: config.settings,
    rules,
    overrides: config.overrides.map((o) => ({
      files: o.files,
      rules: Object.fromEntries(Object.entries(o.rules).map(([id, s]) => [id, [s.severity === 'warning' ? 'warn' : s.severity, s.options]])),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Run the CLI; returns the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const t0 = now();
  const debugLines: string[] = [];
  const debug = (msg: string) => debugLines.push(msg);
  if (io.startup !== undefined) debug(`start: ${io.startup}`);
  try {
    const { values: opts, positionals } = parseCli(argv);
    if (opts.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (opts.version) {
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    const format = opts.format ?? 'stylish';
    if (!(FORMAT_NAMES as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format "${format}": use one of ${FORMAT_NAMES.join(', ')}`);
    }
    let maxWarnings = -1;
    if (opts['max-warnings'] !== undefined) {
      // -1 means no limit, as in ESLint.
      if (!/^(\d+|-1)$/.test(opts['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number (or -1 for no limit), not "${opts['max-warnings']}"`);
      maxWarnings = Number(opts['max-warnings']);
    }
    if (opts.config !== undefined && !fs.existsSync(path.resolve(io.cwd, opts.config))) {
      throw new ConfigError(opts.config, undefined, 'config file not found');
    }

    if (!opts['list-rules'] && opts.explain === undefined && !opts['print-config'] && !opts.cache) {
      // A lint run: start the HCL parser's WASM set-up now, so that it overlaps loading the config
      // and discovery (in a repo without .tf files it is a wasted background compile). A failure
      // is reported where the parse waits for it; here it is only marked as handled. With --cache,
      // most runs parse no .tf file at all, and the set-up (about 60 ms of this thread, mostly a
      // first parse through cold WASM code) waits until one has to be parsed.
      initHcl().catch(() => undefined);
    }
    const { rules: builtins, facts: builtinFacts } = await loadRules();
    const root = findRepoRoot(io.cwd);
    debug(`root: ${root}`);
    const config = await loadConfig({ root, builtins, ...(opts.config ? { configFile: path.resolve(io.cwd, opts.config) } : {}) });
    debug(`config: ${config.file ?? '(none: defaults)'}`);
    applyRuleFlags(config, opts.rule ?? []);
    if (opts['list-rules']) {
      // After the config, so that plugin rules are listed too.
      const all = [...config.allRules].sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const width = Math.max(...all.map(([k]) => k.length));
      for (const [id, rule] of all) {
        const sev = rule.meta.recommended ? rule.meta.severity : 'off';
        io.stdout.write(`${id.padEnd(width)}  ${sev.padEnd(7)}  ${rule.meta.description}\n`);
      }
      return EXIT.ok;
    }
    if (opts.explain !== undefined) {
      const id = opts.explain;
      const rule = config.allRules.get(id);
      if (!rule) throw new UsageError(`no rule "${id}": run \`infralint --list-rules\` to see the rule ids`);
      const page = path.join(RULE_DOCS, `${id}.md`);
      io.stdout.write(!id.includes('/') && fs.existsSync(page) ? fs.readFileSync(page, 'utf8') : ruleSummaryPage(rule));
      return EXIT.ok;
    }
    if (opts['print-config']) {
      io.stdout.write(printConfig(config));
      return EXIT.ok;
    }

    const targets = new Set((positionals.length ? positionals : ['.']).map((p) => {
      const abs = path.resolve(io.cwd, p);
      if (!fs.existsSync(abs)) throw new UsageError(`no such file or directory: ${p}`);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (rel.startsWith('..')) throw new UsageError(`${p} is outside the repo root ${root}`);
      return rel;
    }));

    const cacheFile = opts['cache-location'] ? path.resolve(io.cwd, opts['cache-location']) : path.join(root, '.infralintcache');
    // The cache file is read while the walk runs.
    const cacheBytes = opts.cache ? prefetchCache(cacheFile) : undefined;
    const tDiscover = now();
    const listed = await listSources({ root, ignore: config.ignore });
    debug(`discovered ${listed.candidates.length} files in ${(now() - tDiscover).toFixed(1)} ms`);
    for (const s of listed.ignored) debug(`ignored ${s.path}: ${s.reason}`);
    for (const s of listed.skipped) debug(`skipped ${s.path}: ${s.reason}`);

    const tParse = now();
    const cache = cacheBytes ? openCache(cacheFile, `${cacheKey(version())} max-bytes@${config.maxFileBytes}`, await cacheBytes) : undefined;
    if (cache?.rejected) debug(`cache ${cacheFile} ignored (${cache.rejected}); rebuilding it`);
    const loaded = await loadSources({ candidates: listed.candidates, maxBytes: config.maxFileBytes, ...(cache ? { cache } : {}) });
    const parsed = loaded.parsed;
    for (const f of parsed) if (f.skipped) debug(`skipped ${f.path}: ${f.skipped}`);
    for (const f of loaded.skipped) debug(`skipped ${f.path}: ${f.reason}`);
    const st = loaded.stats;
    debug(`parsed ${st.parsed} files, ${st.fromCache} from cache, on ${st.threads} thread(s) in ${(now() - tParse).toFixed(1)} ms`);

    const enabled = new Map<string, AnyRule>();
    for (const [id, rule] of config.allRules) {
      const on = config.rules[id]?.severity !== 'off' || config.overrides.some((o) => o.rules[id] && o.rules[id]!.severity !== 'off');
      if (on) enabled.set(id, rule);
    }
    const tRules = now();
    const timings = new Map<string, number>();
    const result = lintParsed({ root, parsed, rules: enabled, config, extraDiagnostics: loaded.diagnostics, timings, cachedFacts: new Set(builtinFacts) });
    debug(`rules (${enabled.size}) ran in ${(now() - tRules).toFixed(1)} ms; ${result.suppressed.length} findings suppressed`);
    const facts = result.model.facts;
    debug(`facts: ${facts.counts.derived} derived from trees, ${facts.counts.stored} read from the cache`);
    const slowest = [...timings].sort((a, b) => b[1] - a[1]).slice(0, 5);
    debug(`slowest rules: ${slowest.map(([id, ms]) => `${id} ${ms.toFixed(1)} ms`).join(', ')}`);
    if (cache) {
      // After the rules: a cached tree found unreadable while they read it is dropped from the file.
      const tSave = now();
      // Facts derived from trees this run go beside their files' parses, for the next run to read.
      for (const [file, json] of facts.derived()) cache.setFacts(file, json);
      const wrote = cache.save();
      debug(wrote ? `cache written to ${cacheFile} in ${(now() - tSave).toFixed(1)} ms` : `cache ${cacheFile} unchanged`);
    }

    let diagnostics: Diagnostic[] = result.diagnostics.filter(
      (d) => inTargets(d.loc.file, targets) || (d.related ?? []).some((r) => inTargets(r.loc.file, targets)),
    );
    if (opts.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');

    const formatter = (await loadFormatter(format))!;
    const toFile = opts['output-file'] !== undefined;
    const text = formatter(diagnostics, {
      root,
      rules: enabled,
      version: version(),
      color: !toFile && format === 'stylish' && useColor(io.stdout, io.env),
    });
    if (toFile) {
      const out = path.resolve(io.cwd, opts['output-file']!);
      try {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, text);
      } catch (e) {
        throw new UsageError(`cannot write the report to ${opts['output-file']}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    } else io.stdout.write(text);

    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    debug(`total ${(now() - t0).toFixed(1)} ms: ${errors} errors, ${warnings} warnings`);
    if (errors > 0) return EXIT.findings;
    if (maxWarnings >= 0 && warnings > maxWarnings) {
      if (format === 'stylish' || format === 'compact') {
        io.stderr.write(`infralint found too many warnings (maximum: ${maxWarnings}).\n`);
      }
      return EXIT.findings;
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) io.stderr.write(`infralint: ${e.message}\n`);
    else if (e instanceof ConfigError) io.stderr.write(`infralint: invalid config: ${e.message}\n`);
    else if (e instanceof RuleCrashError) {
      io.stderr.write(`infralint: ${e.message}\nThis is a bug in the rule; please report it with the file above.\n`);
      if (e.cause instanceof Error && e.cause.stack) debug(e.cause.stack);
    } else io.stderr.write(`infralint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failure;
  } finally {
    if (argv.includes('--debug')) for (const l of debugLines) io.stderr.write(`[debug] ${l}\n`);
  }
}
