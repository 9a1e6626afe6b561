import {
  apiGroup,
  defineRule,
  deref,
  get,
  getPath,
  pairOf,
  type K8sObject,
  type Location,
  type YNode,
  type YScalar,
} from '@infralint/core';
import { parseEmbeddedYaml, type EmbeddedYaml } from './utils/embedded-yaml.js';
import { onceReporter, valueLoc } from './utils/ingress.js';

/** Options of `traefik-timeouts`. */
export interface TraefikTimeoutsOptions {
  /** The shortest accepted responding timeout, in seconds. */
  minSeconds: number;
}

/** The entry point that serves HTTPS behind the main NLB (Traefik's chart names it `websecure`). */
const ENTRY_POINT = 'websecure';

/** The three responding timeouts, in the order they are listed in messages. */
const TIMEOUTS = ['readTimeout', 'writeTimeout', 'idleTimeout'] as const;
type TimeoutName = (typeof TIMEOUTS)[number];

/**
 * `--entryPoints.websecure.transport.respondingTimeouts.readTimeout=600s`. Traefik reads its static
 * configuration flags case-insensitively, so `--entrypoints...` (the spelling of Traefik's own docs)
 * and `--entryPoints...` (the Helm chart's) are the same flag.
 */
const ARGUMENT = new RegExp(`^--entrypoints\\.${ENTRY_POINT}\\.transport\\.respondingtimeouts\\.(readtimeout|writetimeout|idletimeout)=(.*)$`, 'is');

/** Seconds per Go duration unit (https://pkg.go.dev/time#ParseDuration). */
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const GO_DURATION = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * Seconds of a Traefik duration: a Go duration string (`600s`, `10m`, `1h30m`) or a bare number of
 * seconds (Traefik's `ptypes.Duration` reads an integer as seconds), or undefined when it is neither.
 */
export function durationSeconds(value: string | number | boolean | null): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  if (!GO_DURATION.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(DURATION_PART)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return s.startsWith('-') ? -total : total;
}

/** One place a timeout is set: the value and where it is written in the outer file. */
interface Setting {
  name: TimeoutName;
  value: string | number | boolean | null;
  /** Display text of the value. */
  text: string;
  loc: Location;
}

function timeoutName(lower: string): TimeoutName {
  return TIMEOUTS.find((t) => t.toLowerCase() === lower.toLowerCase())!;
}

/** `additionalArguments` entries that set a websecure responding timeout, located at their value. */
function argumentSettings(values: YNode | undefined, emb: EmbeddedYaml): Setting[] {
  const out: Setting[] = [];
  const seq = getPath(values, ['additionalArguments']);
  if (seq?.kind !== 'seq') return out;
  for (const written of seq.items) {
    const item = deref(written);
    if (item?.kind !== 'scalar' || typeof item.value !== 'string') continue;
    const m = ARGUMENT.exec(item.value);
    if (!m) continue;
    const arg = m[2]!;
    out.push({ name: timeoutName(m[1]!), value: arg, text: arg, loc: argumentValueLoc(item, written, arg, emb) });
  }
  return out;
}

/**
 * The value part (after `=`) of an argument scalar, when the scalar is written without escapes (its
 * source is the value, perhaps between quotes); otherwise the whole item as written.
 */
function argumentValueLoc(item: YScalar, written: YNode, arg: string, emb: EmbeddedYaml): Location {
  if (written !== item) return emb.locate(written); // through an alias: report where the alias is written
  const value = item.value as string;
  const { start, end } = item.loc;
  const source = emb.text.slice(start.offset, end.offset);
  const quote = source.length === value.length ? 0 : source.length === value.length + 2 ? 1 : -1;
  if (quote < 0 || source.slice(quote, quote + value.length) !== value) return emb.locate(item);
  const from = start.offset + quote + value.length - arg.length;
  return emb.locateRange(from, from + arg.length);
}

/** `ports.websecure.transport.respondingTimeouts.*` values, located at the value as written. */
function structuredSettings(values: YNode | undefined, emb: EmbeddedYaml): Setting[] {
  const out: Setting[] = [];
  const timeouts = getPath(values, ['ports', ENTRY_POINT, 'transport', 'respondingTimeouts']);
  for (const name of TIMEOUTS) {
    const pair = pairOf(timeouts, name);
    if (!pair) continue;
    const v = deref(pair.value);
    if (v === undefined || v.kind !== 'scalar') {
      out.push({ name, value: null, text: v === undefined ? '(an unknown alias)' : v.kind === 'map' ? '(a mapping)' : '(a sequence)', loc: emb.locate(valueLoc(pair)) });
      continue;
    }
    out.push({ name, value: v.value, text: v.value === null ? '(empty)' : String(v.value), loc: emb.locate(valueLoc(pair)) });
  }
  return out;
}

/** Whether the object is the patch of k3s's bundled Traefik HelmChart (`kube-system/traefik`). */
function isTraefikPatch(o: K8sObject): boolean {
  return apiGroup(o.apiVersion) === 'helm.cattle.io' && o.name === 'traefik' && (o.namespace === undefined || o.namespace === 'kube-system');
}

/**
 * Traefik's default responding timeouts (60s read since v3, 180s idle) cut off long requests: large
 * Zot image uploads through the ingress path failed until the websecure timeouts were extended
 * cluster-wide in the k3s Traefik patch (seeds/networking-overview.txt, Operational Notes). A k3s
 * upgrade or a rewrite of the patch silently drops them.
 */
export default defineRule<TraefikTimeoutsOptions>({
  id: 'traefik-timeouts',
  meta: {
    description:
      "The HelmChartConfig that patches k3s's Traefik sets the websecure entry point's read, write and idle responding timeouts to at least 600 seconds.",
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'In the `kube-system/traefik` HelmChartConfig, set `ports.websecure.transport.respondingTimeouts.readTimeout`, `writeTimeout` and `idleTimeout` to `600s` (or more) in `spec.valuesContent`.',
    messages: {
      valuesMissing:
        'HelmChartConfig `{{name}}` patches k3s\'s Traefik but has no `spec.valuesContent`, so the websecure entry point keeps Traefik\'s short default timeouts; add `valuesContent` setting `ports.websecure.transport.respondingTimeouts` (readTimeout, writeTimeout, idleTimeout) to at least {{min}}s.',
      invalidValues:
        'The `valuesContent` of HelmChartConfig `{{name}}` is not a valid values document ({{problem}}), so k3s cannot apply the Traefik patch; fix the embedded YAML.',
      timeoutsMissing:
        'The `valuesContent` of HelmChartConfig `{{name}}` does not set the websecure {{timeouts}}, so Traefik\'s default (60s read) cuts off large uploads; set `ports.websecure.transport.respondingTimeouts.<timeout>: {{min}}s` for each.',
      tooShort:
        'The websecure `{{timeout}}` in HelmChartConfig `{{name}}` is {{value}}, shorter than {{min}}s, so large uploads through the ingress are cut off; set it to at least `{{min}}s`.',
      invalidDuration:
        'The websecure `{{timeout}}` in HelmChartConfig `{{name}}` is {{value}}, which is not a duration Traefik reads, so Traefik fails to start or ignores it; write a Go duration such as `{{min}}s`.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minSeconds: {
          type: 'integer',
          minimum: 1,
          description: 'The shortest accepted websecure readTimeout, writeTimeout and idleTimeout, in seconds.',
        },
      },
    },
    defaultOptions: { minSeconds: 600 },
  },
  check(ctx, options) {
    const report = onceReporter(ctx);
    const min = options.minSeconds;
    for (const obj of ctx.model.kubernetes.objects({ kind: 'HelmChartConfig' })) {
      if (!isTraefikPatch(obj)) continue;
      const name = `${obj.namespace ?? 'kube-system'}/${obj.name}`;
      const pair = pairOf(get(obj.root, 'spec'), 'valuesContent');
      if (!pair) {
        report({ node: obj.headerLoc, messageId: 'valuesMissing', data: { name, min } });
        continue;
      }
      const content = deref(pair.value);
      if (content === undefined || content.kind !== 'scalar' || (content.value !== null && typeof content.value !== 'string')) {
        const problem = content?.kind === 'map' ? '`valuesContent` must be a string holding YAML, not a mapping' : '`valuesContent` must be a string holding YAML';
        report({ node: valueLoc(pair), messageId: 'invalidValues', data: { name, problem } });
        continue;
      }
      const emb = parseEmbeddedYaml(content);
      const syntax = emb.parsed.diagnostics[0];
      if (syntax) {
        report({ node: emb.locate(syntax.loc), messageId: 'invalidValues', data: { name, problem: syntax.message.replace(/\.$/, '') } });
        continue;
      }
      const root = emb.parsed.documents?.[0]?.root;
      const values = deref(root);
      if (root !== undefined && values?.kind !== 'map') {
        report({ node: emb.locate(root), messageId: 'invalidValues', data: { name, problem: 'the values must be a mapping' } });
        continue;
      }
      const settings = [...structuredSettings(values, emb), ...argumentSettings(values, emb)];
      const missing = TIMEOUTS.filter((t) => !settings.some((s) => s.name === t));
      if (missing.length > 0) {
        report({ node: pair.key, messageId: 'timeoutsMissing', data: { name, timeouts: missing.join(', '), min } });
      }
      for (const s of settings) {
        const seconds = durationSeconds(s.value);
        if (seconds === undefined) {
          report({ node: s.loc, messageId: 'invalidDuration', data: { name, timeout: s.name, value: `\`${s.text}\``, min } });
        } else if (seconds > 0 && seconds < min) {
          // 0 (or a negative duration) means "no timeout" to Traefik, which more than satisfies the minimum.
          const value = s.text === `${seconds}s` ? `\`${s.text}\`` : `\`${s.text}\` (${seconds}s)`;
          report({ node: s.loc, messageId: 'tooShort', data: { name, timeout: s.name, value, min } });
        }
      }
    }
  },
});
