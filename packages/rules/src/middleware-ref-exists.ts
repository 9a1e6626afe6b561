import { apiGroup, defineRule, str, type K8sObject, type Location, type YPair } from '@infralint/core';
import { annotation, ingresses, onceReporter, valueLoc } from './utils/ingress.js';
import { kustomizeIndex, namespacesOf } from './utils/kustomize.js';

const MIDDLEWARES = 'traefik.ingress.kubernetes.io/router.middlewares';

/** API groups of Traefik's `Middleware` CRD: v3 and late v2 (`traefik.io`), early v2 (`traefik.containo.us`). */
const MIDDLEWARE_GROUPS = ['traefik.io', 'traefik.containo.us'];

/** The provider suffix of a Middleware defined as a Kubernetes custom resource. */
const CRD_PROVIDER = 'kubernetescrd';

/** One comma-separated entry of the annotation, with its offsets inside the annotation's value. */
interface Entry {
  text: string;
  from: number;
  to: number;
}

function entries(value: string): Entry[] {
  const out: Entry[] = [];
  let start = 0;
  for (const raw of value.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    // Traefik drops empty entries (a trailing comma), so they are not findings.
    if (text !== '') out.push({ text, from: start + lead, to: start + lead + text.length });
    start += raw.length + 1;
  }
  return out;
}

/**
 * Where one entry is written: the characters of the entry inside the annotation's value when the
 * value is a plain or quoted scalar on one line without escapes (its source span is the value,
 * or the value plus its two quotes), otherwise the whole value.
 */
function entryLoc(pair: YPair, value: string, e: Entry): Location {
  const whole = valueLoc(pair);
  const n = pair.value;
  if (n.kind !== 'scalar' || whole !== n.loc || n.loc.start.line !== n.loc.end.line) return whole;
  const span = n.loc.end.offset - n.loc.start.offset;
  const shift = span === value.length ? 0 : span === value.length + 2 ? 1 : undefined;
  if (shift === undefined) return whole;
  const at = (i: number) => ({ line: n.loc.start.line, column: n.loc.start.column + shift + i, offset: n.loc.start.offset + shift + i });
  return { file: n.loc.file, start: at(e.from), end: at(e.to) };
}

/** Every way to read `ref` as `<namespace>-<name>` (namespaces may contain `-`, so each `-` is a candidate split). */
function splits(ref: string): { namespace: string; name: string }[] {
  const out: { namespace: string; name: string }[] = [];
  for (let i = ref.indexOf('-'); i >= 0; i = ref.indexOf('-', i + 1)) {
    const namespace = ref.slice(0, i);
    const name = ref.slice(i + 1);
    if (namespace !== '' && name !== '') out.push({ namespace, name });
  }
  return out;
}

/**
 * Traefik drops a router whose middleware does not resolve: every path of the Ingress answers 404
 * (or, with a typo in a redirect or strip-prefix middleware, the backend sees the wrong path). The
 * reference packs the namespace and the name into one string, so a `-` in either is ambiguous;
 * the rule resolves it against the Middlewares that exist instead of guessing a split.
 */
export default defineRule({
  id: 'middleware-ref-exists',
  meta: {
    description:
      'Each entry of `traefik.ingress.kubernetes.io/router.middlewares` has the form `<namespace>-<name>@kubernetescrd` and names a Traefik Middleware defined in the repo.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'Reference each Middleware as `<namespace>-<name>@kubernetescrd`, with the namespace and name of a `traefik.io/v1alpha1` Middleware in the repo, or add the missing Middleware.',
    messages: {
      malformedEntry:
        'Ingress "{{name}}" lists the middleware "{{entry}}" in `router.middlewares`, but a Kubernetes CRD middleware is referenced as `<namespace>-<name>@kubernetescrd`; Traefik cannot resolve "{{entry}}" and drops the router. Write it as `<namespace>-<name>@kubernetescrd`.',
      middlewareMissing:
        'Ingress "{{name}}" uses the middleware "{{entry}}", but no Traefik Middleware in the repo matches it (read as `<namespace>-<name>`, no namespace/name pair exists), so Traefik drops the router; fix the reference or add the Middleware.',
      middlewareInOtherNamespace:
        'Ingress "{{name}}" uses the middleware "{{entry}}", but the repo defines no such Middleware; a Middleware "{{middleware}}" exists in namespace "{{namespace}}", referenced as "{{suggestion}}". Fix the reference (Traefik drops the router until it resolves).',
      middlewareHere: 'Middleware "{{middleware}}" is defined here, in namespace "{{namespace}}".',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const report = onceReporter(ctx);
    const index = kustomizeIndex(ctx.model);
    const middlewares = ctx.model.kubernetes
      .objects({ kind: 'Middleware' })
      .filter((o) => MIDDLEWARE_GROUPS.includes(apiGroup(o.apiVersion)) && o.name !== '');
    const byName = new Map<string, K8sObject[]>();
    for (const m of middlewares) {
      const list = byName.get(m.name);
      if (list) list.push(m);
      else byName.set(m.name, [m]);
    }
    // Every (namespace, name) a Middleware can be deployed as, computed once.
    const deployed = new Set<string>();
    for (const m of middlewares) for (const ns of namespacesOf(index, m)) deployed.add(`${ns}\0${m.name}`);
    const exists = (namespace: string, name: string) => deployed.has(`${namespace}\0${name}`);

    for (const obj of ingresses(ctx.model)) {
      const pair = annotation(ctx.model, obj, MIDDLEWARES);
      if (pair === undefined) continue;
      const value = str(pair.value);
      if (value === undefined) continue;
      for (const e of entries(value)) {
        const at = e.text.lastIndexOf('@');
        const provider = at >= 0 ? e.text.slice(at + 1) : undefined;
        // Middlewares of other providers (`@file`, `@kubernetesgateway`, ...) are defined outside Kubernetes objects.
        if (provider !== undefined && provider !== CRD_PROVIDER) continue;
        const ref = at >= 0 ? e.text.slice(0, at) : e.text;
        const readings = splits(ref);
        const loc = entryLoc(pair, value, e);
        const data = { name: obj.name, entry: e.text };
        if (provider === undefined || readings.length === 0) {
          report({ node: loc, messageId: 'malformedEntry', data });
          continue;
        }
        if (readings.some((r) => exists(r.namespace, r.name))) continue;
        // A Middleware whose name is the whole reference or one of its tails: most often the namespace prefix is missing or wrong.
        // Prefer one in the Ingress's own namespace: that is the Middleware the author most likely meant.
        const candidates = [ref, ...readings.map((r) => r.name)].flatMap((name) => byName.get(name) ?? []);
        const own = namespacesOf(index, obj);
        const near = candidates.find((m) => namespacesOf(index, m).some((ns) => own.includes(ns))) ?? candidates[0];
        if (near === undefined) {
          report({ node: loc, messageId: 'middlewareMissing', data });
          continue;
        }
        const nearNs = namespacesOf(index, near);
        const ns = nearNs.find((n) => own.includes(n)) ?? nearNs[0] ?? 'default';
        report({
          node: loc,
          messageId: 'middlewareInOtherNamespace',
          data: { ...data, middleware: near.name, namespace: ns, suggestion: `${ns}-${near.name}@${CRD_PROVIDER}` },
          related: [{ node: near.headerLoc, messageId: 'middlewareHere', data: { middleware: near.name, namespace: ns } }],
        });
      }
    }
  },
});
