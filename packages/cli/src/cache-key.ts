import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    // The parsers are dependencies of @infralint/core; resolve them from there.
    const core = require.resolve('@infralint/core');
    const local = createRequire(core);
    const file = local.resolve(`${pkg}/package.json`);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Everything a cached parse depends on: infralint's version, the parsers' versions and the cache layout. */
export function cacheKey(infralintVersion: string): string {
  return ['layout-6', `infralint@${infralintVersion}`, `yaml@${versionOf('yaml')}`, `web-tree-sitter@${versionOf('web-tree-sitter')}`, `tree-sitter-hcl@${versionOf('@tree-sitter-grammars/tree-sitter-hcl')}`].join(' ');
}
