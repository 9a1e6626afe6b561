import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SHARED } from '../../core/test/paths.js';

/** ajv comes with core; the SARIF schema is draft-07, which ajv's default class speaks. */
type Validate = ((data: unknown) => boolean) & { errors?: unknown };
const Ajv = createRequire(new URL('../../core/package.json', import.meta.url))('ajv') as new (
  options: Record<string, unknown>,
) => { addSchema(schema: object): unknown; compile(schema: object): Validate };
const sarifSchema = JSON.parse(readFileSync(path.join(SHARED, 'schemas/sarif-schema-2.1.0.json'), 'utf8')) as {
  $id: string;
};

/**
 * Validator for SARIF logs. This copy of the schema keeps the log's own constraints in
 * `definitions.Root` and leaves its top level empty, so validating against the top level would accept
 * anything: validate against Root. Formats (uri, date-time) need ajv-formats, which we lack; tests
 * check URIs themselves. The schema's `language` pattern (a stray `]`) is not a valid Unicode-mode
 * RegExp, hence `unicodeRegExp: false`.
 */
export const validateSarif: Validate = (() => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  ajv.addSchema(sarifSchema);
  return ajv.compile({ $ref: `${sarifSchema.$id}#/definitions/Root` });
})();
