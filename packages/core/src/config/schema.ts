import type { AnyRule, JsonSchema } from '../rule.js';

const severity = { enum: ['off', 'warn', 'error'], description: 'off, warn or error' };

/** The config file's JSON Schema; rule entries are added per known rule by `configSchema`. */
export const baseConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'infralint config',
  type: 'object',
  additionalProperties: false,
  properties: {
    ignore: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs, relative to the repo root, of files never read.' },
    plugins: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Plugin modules: a path relative to the config file, or a package name resolved from the repo root.',
    },
    rules: { type: 'object', description: 'Rule id: off | warn | error | [severity, options].' },
    maxFileBytes: {
      type: 'integer',
      minimum: 1,
      description: 'Files larger than this many bytes are reported as file-error instead of being parsed (default 5 MB).',
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      description: 'Facts shared by several rules.',
      properties: {
        standardDomains: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Hosts equal to or under these are standard domains; any other host is a custom domain.',
        },
        legacyPaths: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description: 'Repo-relative path prefixes of retained reference material that is never live.',
        },
      },
    },
    overrides: {
      type: 'array',
      description: 'Ordered per-glob rule settings; later entries win.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files', 'rules'],
        properties: {
          files: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Globs relative to the repo root.' },
          rules: { type: 'object', description: 'Rule settings for those files.' },
        },
      },
    },
  },
} as const;

/** The schema of one rule's entry: a severity, or `[severity]`, or `[severity, options]`. */
export function ruleEntrySchema(rule: AnyRule): JsonSchema {
  return {
    oneOf: [
      severity,
      { type: 'array', items: [severity], minItems: 1, maxItems: 1 },
      { type: 'array', items: [severity, rule.meta.schema], minItems: 2, maxItems: 2 },
    ],
  };
}

/** The full schema with every known rule's entry embedded (unknown rule ids are rejected). */
export function configSchema(rules: ReadonlyMap<string, AnyRule>): JsonSchema {
  const ruleProps: Record<string, JsonSchema> = {};
  for (const [id, rule] of rules) ruleProps[id] = ruleEntrySchema(rule);
  const rulesSchema = { type: 'object', additionalProperties: false, properties: ruleProps };
  return {
    ...baseConfigSchema,
    properties: {
      ...baseConfigSchema.properties,
      rules: { ...rulesSchema, description: baseConfigSchema.properties.rules.description },
      overrides: {
        ...baseConfigSchema.properties.overrides,
        items: {
          ...baseConfigSchema.properties.overrides.items,
          properties: { ...baseConfigSchema.properties.overrides.items.properties, rules: rulesSchema },
        },
      },
    },
  };
}
