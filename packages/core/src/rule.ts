import type { Model } from './model/model.js';
import type { Location, Severity } from './model/types.js';

/** What a rule reads. */
export type RuleTarget = 'terraform' | 'kubernetes' | 'docs';

/** A JSON Schema (draft-07 subset ajv understands) for a rule's options. */
export type JsonSchema = Record<string, unknown>;

/** Facts shared by several rules (CONTRACT §5 `settings`). */
export interface Settings {
  /** Hosts equal to or under these are standard domains; any other host is a white-label custom domain. */
  standardDomains: string[];
  /** Retained reference material, never live; repo-relative path prefixes. */
  legacyPaths: string[];
}

/** Everything a rule declares about itself. */
export interface RuleMeta<Options> {
  /** One sentence: what the rule checks. */
  description: string;
  /** What it reads. */
  targets: RuleTarget[];
  /** Default severity. */
  severity: Severity;
  /** On in the default config. */
  recommended: boolean;
  /** One or two sentences: how to fix a finding. */
  remediation: string;
  /** All user-facing text, keyed by camelCase messageId, with `{{placeholders}}`. */
  messages: Record<string, string>;
  /** JSON Schema of the options object; every property has a `description`. */
  schema: JsonSchema;
  /** Options used when the config gives none (merged under the configured ones). */
  defaultOptions: Options;
  /** Documentation URL, for plugin rules (built-in rules derive theirs from the id). */
  docsUrl?: string;
}

/** Anything with a location (YAML node, HCL block, attribute or expression) or a bare location. */
export type Locatable = { loc: Location } | Location;

/** A related location in a report. */
export interface RelatedReport {
  /** The node or location. */
  node: Locatable;
  /** Key into `meta.messages`. */
  messageId: string;
  /** Placeholder values. */
  data?: Record<string, string | number>;
}

/** One report from a rule. */
export interface Report {
  /** Where the finding points; `headerLoc` of a block or object for "something is missing". */
  node: Locatable;
  /** Key into `meta.messages`. */
  messageId: string;
  /** Placeholder values. */
  data?: Record<string, string | number>;
  /** Other places involved (the other side of a cross-file finding). */
  related?: RelatedReport[];
  /** Override the rule's severity for this finding (e.g. a warning-level case of an error rule). */
  severity?: Severity;
}

/** What `check` receives. */
export interface RuleContext {
  /** The whole repo, legacy paths excluded. */
  model: Model;
  /** Shared settings. */
  settings: Settings;
  /** Report a finding. */
  report(report: Report): void;
}

/** A rule. */
export interface Rule<Options = Record<string, unknown>> {
  /** The id (file name for built-ins; `NAME/ID` once loaded from a plugin). */
  id: string;
  /** Facts. */
  meta: RuleMeta<Options>;
  /** Query the model and report. */
  check(ctx: RuleContext, options: Options): void;
}

/** Any rule, whatever its options. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/** Declare a rule; returns it unchanged, typed. */
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/**
 * Where a rule's documentation lives: derived from the id for built-in rules, never written by hand;
 * a plugin rule's `meta.docsUrl`, or '' when its plugin gives none.
 */
export function ruleDocsUrl(id: string, meta?: { docsUrl?: string }): string {
  if (id.includes('/')) return meta?.docsUrl ?? '';
  return `https://github.com/infralint/infralint/blob/main/rule-docs/${id}.md`;
}

/** A plain-text page for a rule without a rule-docs page (plugin rules): what `--explain` prints. */
export function ruleSummaryPage(rule: AnyRule): string {
  const props = Object.entries((rule.meta.schema.properties ?? {}) as Record<string, { description?: string }>);
  return [
    `# ${rule.id}`,
    '',
    rule.meta.description,
    '',
    `Default severity: ${rule.meta.severity}; recommended: ${rule.meta.recommended ? 'yes' : 'no'}; targets: ${rule.meta.targets.join(', ')}.`,
    '',
    '## How To Fix',
    '',
    rule.meta.remediation,
    '',
    '## Options',
    '',
    ...(props.length ? props.map(([k, v]) => `- \`${k}\` (default \`${JSON.stringify((rule.meta.defaultOptions as Record<string, unknown>)[k])}\`): ${v.description ?? ''}`) : ['This rule has no options.']),
    ...(rule.meta.docsUrl ? ['', `More: ${rule.meta.docsUrl}`] : []),
    '',
  ].join('\n');
}

/** Turn a Locatable into a Location. */
export function locOf(node: Locatable): Location {
  return 'loc' in node ? node.loc : node;
}

/** Fill `{{name}}` placeholders. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
