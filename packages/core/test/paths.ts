import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root (the folder holding pnpm-workspace.yaml). */
export const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
/** `../shared` beside the project: corpus, schemas, seeds. */
export const SHARED = path.resolve(ROOT, '../shared');
/** The shared test corpus. */
export const CORPUS = path.join(SHARED, 'corpus');
/** The project's fixtures. */
export const FIXTURES = path.join(ROOT, 'fixtures');

/** Every file under `dir` (recursively) whose name matches `name`, sorted. */
export function filesUnder(dir: string, name: RegExp): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && name.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
