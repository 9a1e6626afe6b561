import type { Language } from './model/types.js';

/** The language of a path by its extension, or undefined when infralint does not read it (CONTRACT §1). */
export function languageOf(path: string): Language | undefined {
  if (path.endsWith('.tf') || path.endsWith('.tfvars')) return 'hcl';
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return 'yaml';
  if (path.endsWith('.md')) return 'markdown';
  return undefined;
}
