import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashText } from '@infralint/core';

const require = createRequire(import.meta.url);

/**
 * The installed version of a parser package, or 'unknown'. Resolved from @infralint/core, whose
 * dependencies the parsers are. A package whose `exports` hide its package.json (web-tree-sitter)
 * is found from its entry point, walking up to the package.json that carries its name.
 */
export function versionOf(pkg: string): string {
  try {
    const local = createRequire(require.resolve('@infralint/core'));
    let dir: string;
    try {
      return (JSON.parse(fs.readFileSync(local.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      dir = path.dirname(local.resolve(pkg));
    }
    for (;;) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (json.name === pkg && typeof json.version === 'string') return json.version;
      }
      const up = path.dirname(dir);
      if (up === dir) return 'unknown';
      dir = up;
    }
  } catch {
    return 'unknown';
  }
}

/** The parser packages a cached parse depends on. */
export const PARSER_PACKAGES = ['yaml', 'web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl'] as const;

/** The bundle (tools/bundle.mjs) defines this; the compiled modules do not. */
declare const INFRALINT_WORKER: string | undefined;

/**
 * The id `pnpm build` gives the bundled CLI (dist/build-id: a hash of the bundles, which hold the
 * YAML parser and web-tree-sitter, and of the parser's and grammar's WASM), or undefined when the
 * CLI runs unbundled (a build-id beside the compiled modules belongs to the last bundle, not to them).
 * Rule facts are cached with the parses, and a rule's code can change without a version bump.
 */
export function buildId(): string | undefined {
  if (typeof INFRALINT_WORKER !== 'string') return undefined;
  try {
    return fs.readFileSync(new URL('./build-id', import.meta.url), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * For a run of the compiled modules (no bundle): a hash of the paths, sizes and modification times
 * of the compiled code of core, rules and the CLI, so that a `tsc` rebuild with changed code does
 * not trust facts or parses cached by the old code.
 */
export function unbundledCodeId(): string {
  const parts: string[] = [];
  const dirs = [path.dirname(fileURLToPath(import.meta.url))];
  for (const pkg of ['@infralint/core', '@infralint/rules']) {
    try {
      dirs.push(path.dirname(require.resolve(pkg)));
    } catch {
      parts.push(`${pkg} not found`);
    }
  }
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith('.js')).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      const st = fs.statSync(path.join(dir, n), { throwIfNoEntry: false });
      parts.push(`${dir}/${n}\0${st?.size}\0${st?.mtimeMs}`);
    }
  }
  return hashText(parts.join('\n'));
}

/**
 * Everything a cached parse and its facts depend on: the cache layout, infralint's version, and its
 * build (which covers the parsers' code) or, unbundled, its compiled code and the parsers' installed
 * versions.
 */
export function cacheKey(infralintVersion: string, build = buildId()): string {
  const code = build !== undefined ? [`build@${build}`] : [`code@${unbundledCodeId()}`, ...PARSER_PACKAGES.map((p) => `${p}@${versionOf(p)}`)];
  return ['layout-9', `infralint@${infralintVersion}`, ...code].join(' ');
}
