import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, lintParsed, listSources, loadConfig, loadSources, type Diagnostic, type ResolvedConfig } from '../../core/src/index.js';
import { rules } from '../src/index.js';
import { CORPUS, FIXTURES } from '../../core/test/paths.js';

/**
 * Real data: every built-in rule, at its defaults, over each upstream repo of the shared corpus
 * (corpus/realistic and corpus/kubernetes), loaded exactly as the CLI loads a repo. The findings
 * must equal the reviewed list in corpus-findings.expected.txt, where every group of lines says why
 * those findings are right. A finding that is not in the list is a new false positive (or a finding
 * that needs review); a listed one that is gone is a regression.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXPECTED_FILE = path.join(HERE, 'corpus-findings.expected.txt');
const CORPUS_SETS = ['realistic', 'kubernetes'] as const;

/** One upstream repo of the corpus: `SET/NAME`, linted with that folder as its repo root. */
function corpusRepos(): { set: string; name: string; root: string }[] {
  const out: { set: string; name: string; root: string }[] = [];
  for (const set of CORPUS_SETS) {
    const dir = path.join(CORPUS, set);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) out.push({ set, name: entry.name, root: path.join(dir, entry.name) });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Load and lint one repo as the CLI does: discovery, loading (one thread), every enabled rule. */
async function lintRepo(root: string, config: ResolvedConfig): Promise<{ files: number; diagnostics: Diagnostic[] }> {
  const listed = await listSources({ root, ignore: config.ignore });
  const loaded = await loadSources({ candidates: listed.candidates, threads: 1 });
  const enabled = new Map([...config.allRules].filter(([id]) => config.rules[id]?.severity !== 'off'));
  const result = lintParsed({ root, parsed: loaded.parsed, rules: enabled, config, extraDiagnostics: loaded.diagnostics });
  return { files: loaded.parsed.length, diagnostics: result.diagnostics };
}

/** `RULE-ID REPO/FILE:LINE:COL`, the form of the expected list. */
function line(repo: string, d: Diagnostic): string {
  return `${d.ruleId} ${repo}/${d.loc.file}:${d.loc.start.line}:${d.loc.start.column}`;
}

/** The reviewed list: finding lines in order, comments (`#`) and blank lines dropped. */
function expectedLines(): string[] {
  return fs
    .readFileSync(EXPECTED_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

describe('real data: the shared corpus', () => {
  let emptyDir: string;
  let config: ResolvedConfig;
  const actual: string[] = [];
  const byRepo = new Map<string, Diagnostic[]>();
  const loadedFiles = new Map<string, number>();

  beforeAll(async () => {
    // Defaults: no config file in the repo root, so every recommended rule at its default
    // severity and options, and the default settings.
    emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-corpus-'));
    config = await loadConfig({ root: emptyDir, builtins: rules });
    for (const repo of corpusRepos()) {
      const { files, diagnostics } = await lintRepo(repo.root, config);
      loadedFiles.set(repo.name, files);
      byRepo.set(repo.name, diagnostics);
      for (const d of diagnostics) actual.push(line(repo.name, d));
    }
  }, 120_000);

  afterAll(() => {
    if (emptyDir) fs.rmSync(emptyDir, { recursive: true, force: true });
  });

  it('runs every built-in rule at its defaults', () => {
    expect(Object.keys(config.rules).sort()).toEqual([...rules.keys()].sort());
    for (const [id, rule] of rules) {
      expect(config.rules[id]?.severity, id).toBe(rule.meta.recommended ? rule.meta.severity : 'off');
      expect(config.rules[id]?.options, id).toEqual(rule.meta.defaultOptions);
    }
    expect(config.settings).toEqual(DEFAULT_SETTINGS);
    // Every corpus repo was found and had files to lint.
    expect(loadedFiles.size).toBeGreaterThanOrEqual(8);
    for (const [repo, count] of loadedFiles) expect(count, repo).toBeGreaterThan(0);
  });

  it('gives exactly the reviewed findings', () => {
    const expected = expectedLines();
    // Name the difference first: a new finding needs review (a false positive is a rule bug, not a
    // line to add); a missing one is a regression or a fixed false positive to take out of the list.
    const unexpected = actual.filter((l) => !expected.includes(l));
    const missing = expected.filter((l) => !actual.includes(l));
    expect({ unexpected, missing }).toEqual({ unexpected: [], missing: [] });
    // Same lines, in output order.
    expect(actual).toEqual(expected);
  });

  it('reports live Kong in the Kong ingress-controller examples', () => {
    const kong = (byRepo.get('Kong__kubernetes-ingress-controller') ?? []).filter((d) => d.ruleId === 'no-live-kong');
    expect(kong.length).toBeGreaterThan(0);
    expect(kong.some((d) => d.loc.file.startsWith('examples/'))).toBe(true);
  });
});

describe('fixtures/lumie-infra', () => {
  it('gives no findings with its own config, loaded as the CLI loads it', async () => {
    const root = path.join(FIXTURES, 'lumie-infra');
    const config = await loadConfig({ root, builtins: rules });
    expect(config.file).toBe(path.join(root, 'infralint.config.yaml'));
    const { files, diagnostics } = await lintRepo(root, config);
    expect(files).toBeGreaterThan(20);
    expect(diagnostics.map((d) => `${line('lumie-infra', d)} ${d.message}`)).toEqual([]);
  });
});
