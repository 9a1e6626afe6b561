import { UNKNOWN, type HclBlock, type HclExpr, type HclTraversal, type Location, type TerraformModel, type Value } from '@infralint/core';

/** Terraform resource types of an OCI Network Load Balancer and its parts. */
export const NLB_TYPES = {
  nlb: 'oci_network_load_balancer_network_load_balancer',
  listener: 'oci_network_load_balancer_listener',
  backendSet: 'oci_network_load_balancer_backend_set',
  backend: 'oci_network_load_balancer_backend',
} as const;

/** An NLB with the listeners, backend sets and backends that reference it. */
export interface NlbParts {
  /** The `oci_network_load_balancer_network_load_balancer` block. */
  nlb: HclBlock;
  /** Listeners whose `network_load_balancer_id` references the NLB. */
  listeners: HclBlock[];
  /** Backend sets whose `network_load_balancer_id` references the NLB. */
  backendSets: HclBlock[];
  /**
   * Backends whose `network_load_balancer_id` references the NLB, or whose `backend_set_name`
   * references one of its backend sets (either link is enough: modules often pass one as a variable).
   */
  backends: HclBlock[];
}

/** The traversal an expression is, also through a lone `"${...}"` interpolation (Terraform 0.11 style). */
export function traversalOf(expr: HclExpr): HclTraversal | undefined {
  if (expr.kind === 'traversal') return expr;
  if (expr.kind === 'template' && !expr.directives && expr.parts.length === 1) {
    const only = expr.parts[0];
    if (only !== undefined && typeof only !== 'string' && only.kind === 'traversal') return only;
  }
  return undefined;
}

/** The resource block that an attribute of `block` references (`oci_x.name.id`), if any. */
export function referencedBy(tf: TerraformModel, block: HclBlock, attrName: string): HclBlock | undefined {
  const a = tf.attr(block, attrName);
  const t = a && traversalOf(a.expr);
  return t && tf.referencedResource(t);
}

/** Every OCI NLB resource of the repo, in path order. */
export function nlbs(tf: TerraformModel): HclBlock[] {
  return tf.resources(NLB_TYPES.nlb);
}

/** The resource name (second label) of a resource block. */
export function resourceName(block: HclBlock): string {
  return block.labels[1] ?? '';
}

/** `type.name` of a resource block, as Terraform addresses it. */
export function resourceAddress(block: HclBlock): string {
  return block.labels.join('.');
}

/**
 * True when the NLB's resource name or its `display_name` (any statically known instance value)
 * contains `word`, case-insensitively. An unknown `display_name` only leaves the label to decide.
 */
export function nlbNameContains(tf: TerraformModel, nlb: HclBlock, word: string): boolean {
  const needle = word.toLowerCase();
  if (resourceName(nlb).toLowerCase().includes(needle)) return true;
  const names = tf.valuesOf(nlb, 'display_name');
  if (names === undefined || names === UNKNOWN) return false;
  return names.some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
}

/** The Teleport NLBs (CONTRACT §7): label or `display_name` contains `teleport`. */
export function teleportNlbs(tf: TerraformModel): HclBlock[] {
  return nlbs(tf).filter((b) => nlbNameContains(tf, b, 'teleport'));
}

/**
 * True when the NLB is known to be public: `is_private` is absent (the provider's default is a
 * public NLB) or false in every instance. An unknown `is_private` is not known to be public, so the
 * rules that require things of public NLBs stay silent about it.
 */
export function isPublicNlb(tf: TerraformModel, nlb: HclBlock): boolean {
  const values = tf.valuesOf(nlb, 'is_private');
  if (values === undefined) return true;
  if (values === UNKNOWN) return false;
  return values.every((v) => v === false || v === 'false');
}

/** The listeners, backend sets and backends of one NLB. */
export function nlbParts(tf: TerraformModel, nlb: HclBlock): NlbParts {
  const refsNlb = (b: HclBlock) => referencedBy(tf, b, 'network_load_balancer_id') === nlb;
  const listeners = tf.resources(NLB_TYPES.listener).filter(refsNlb);
  const backendSets = tf.resources(NLB_TYPES.backendSet).filter(refsNlb);
  const sets = new Set(backendSets);
  const backends = tf.resources(NLB_TYPES.backend).filter((b) => {
    if (refsNlb(b)) return true;
    const set = referencedBy(tf, b, 'backend_set_name');
    return set !== undefined && sets.has(set);
  });
  return { nlb, listeners, backendSets, backends };
}

/**
 * The values an attribute takes across the instances of `owner` (its `for_each`/`count`), where the
 * attribute is written in `body`: `owner` itself or one of its nested blocks (`health_checker`).
 * `undefined` when the attribute is not written; UNKNOWN when any instance's value is unknown.
 */
export function valuesIn(tf: TerraformModel, owner: HclBlock, body: HclBlock, attrName: string): Value[] | typeof UNKNOWN | undefined {
  const a = tf.attr(body, attrName);
  return a ? tf.valuesAcross(owner, a.expr) : undefined;
}

/**
 * A port number from a resolved value: a number, or a string of digits (Terraform converts
 * `"443"` to a number for a number attribute). Anything else is not a port and gives undefined.
 */
export function portNumber(v: Value): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/**
 * A string value as a rule compares and shows it: without surrounding whitespace, so a heredoc's
 * trailing newline (`<<EOT\nUDP\nEOT` is `"UDP\n"`) neither makes `TCP` look wrong nor ends up in
 * a message.
 */
export function trimmed(v: Value): Value {
  return typeof v === 'string' ? v.trim() : v;
}

/**
 * Wrong values for a message, with the expression they came from when it is not a literal:
 * `30080`, or `30080, 30081 (from \`var.node_port\`)`. Strings are shown trimmed.
 */
export function shownValues(expr: HclExpr, values: (number | string)[]): string {
  const list = [...new Set(values.map((v) => (typeof v === 'string' ? v.trim() : v)))].join(', ');
  const literal = expr.kind === 'literal' || (expr.kind === 'template' && expr.parts.every((p) => typeof p === 'string'));
  return literal ? list : `${list} (from \`${expr.text}\`)`;
}

/** Where a Terraform value was set, for a related location of a finding about that value. */
export interface ValueOrigin {
  /** The `.tfvars` assignment, the variable's `default` attribute, or the local's definition. */
  loc: Location;
  /** `tfvars`: a `.tfvars` assignment; `default`: a variable's `default`; `local`: a local. */
  source: 'tfvars' | 'default' | 'local';
  /** The variable or local name. */
  name: string;
  /** The file name (without directories) of `loc`. */
  fileName: string;
}

const EACH_OR_COUNT = /\b(?:each|count)\s*\./;

/**
 * Where the value of `expr` comes from when it is not written in place: the `.tfvars` assignments,
 * variable defaults and locals it reads (transitively, through TerraformModel.origins), plus those
 * of `owner`'s `for_each`/`count` when the expression reads `each` or `count`. Rules give them as
 * related locations so that a finding caused by a `.tfvars` value is shown when only that file is
 * linted (pre-commit lints staged files: a finding is kept when its primary or a related location
 * is in one).
 */
export function valueOrigins(tf: TerraformModel, expr: HclExpr, owner?: HclBlock): ValueOrigin[] {
  const found = tf.origins(expr);
  if (owner && EACH_OR_COUNT.test(expr.text)) {
    const iter = tf.attr(owner, 'for_each') ?? tf.attr(owner, 'count');
    if (iter) found.push(...tf.origins(iter.expr));
  }
  const seen = new Set<string>();
  const out: ValueOrigin[] = [];
  for (const o of found) {
    const key = `${o.loc.file}:${o.loc.start.offset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const source = o.kind === 'local' ? 'local' : o.loc.file.endsWith('.tfvars') ? 'tfvars' : 'default';
    out.push({ loc: o.loc, source, name: o.name, fileName: o.loc.file.slice(o.loc.file.lastIndexOf('/') + 1) });
  }
  return out;
}
