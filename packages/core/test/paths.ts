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
