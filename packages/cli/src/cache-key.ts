import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

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

/**
 * The id `pnpm build` gives the bundled CLI (a hash of its code, in dist/build-id), or 'unbundled'.
 * Rule facts are cached with the parses, and a rule's code can change without a version bump.
 */
export function buildId(): string {
  try {
    return fs.readFileSync(new URL('./build-id', import.meta.url), 'utf8').trim() || 'unbundled';
  } catch {
    return 'unbundled';
  }
}

/** Everything a cached parse and its facts depend on: infralint's version and build, the parsers' versions and the cache layout. */
export function cacheKey(infralintVersion: string): string {
  return ['layout-9', `infralint@${infralintVersion}`, `build@${buildId()}`, ...PARSER_PACKAGES.map((p) => `${p}@${versionOf(p)}`)].join(' ');
}
