import {
  apiGroup,
  defineFact,
  deref,
  get,
  locOf,
  pairOf,
  shallow,
  shallowPair,
  str,
  type K8sObject,
  type Locatable,
  type Location,
  type Model,
  type Report,
  type RuleContext,
  type YNode,
  type YPair,
  type YValueNode,
} from '@infralint/core';

/**
 * Kubernetes helpers shared by the Ingress rules (ingress-class-traefik, custom-domain-issuer,
 * dev-host-api-only, no-live-kong, tls-host-coverage, cluster-issuer-exists, middleware-ref-exists,
 * backend-service-exists, duplicate-object).
 *
 * Positions: every helper keeps the node *as written* next to the value it stands for, because a
 * value that comes through an alias (`host: *devHost`) is reported where the alias is written in
 * this object, not at the anchor, which may be far away or shared by several places.
 */

/** API groups that serve `Ingress`: `networking.k8s.io/v1`, `networking.k8s.io/v1beta1` and `extensions/v1beta1`. */
export const INGRESS_GROUPS: readonly string[] = ['networking.k8s.io', 'extensions'];

/** The deprecated annotation that named the Ingress class before `spec.ingressClassName` (Kubernetes 1.18). */
export const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** Every Ingress of the model, whichever of its API versions it is written in, in path order. */
export function ingresses(model: Model): K8sObject[] {
  return model.kubernetes.objects({ kind: 'Ingress' }).filter((o) => INGRESS_GROUPS.includes(apiGroup(o.apiVersion)));
}

/** A sequence item: the node as written (for positions) and the node it stands for. */
export interface WrittenItem {
  /** The item as written: an alias stays an alias, so its location is where `*name` is written. */
  written: YNode;
  /** The item with aliases followed. */
  value: YValueNode;
}

/** The items of a sequence with their written nodes; `[]` when `node` is not a sequence. Unresolved aliases are left out. */
export function writtenItems(node: YNode | undefined): WrittenItem[] {
  const seq = deref(node);
  if (seq?.kind !== 'seq') return [];
  const out: WrittenItem[] = [];
  for (const written of seq.items) {
    const value = deref(written);
    if (value !== undefined) out.push({ written, value });
  }
  return out;
}

/**
 * Where a finding about a pair's value points: the value as written, or the whole pair when the
 * value is empty (`key:` parses as a zero-width null, which an editor could not show).
 */
export function valueLoc(pair: YPair): Location {
  const l = pair.value.loc;
  return l.start.offset === l.end.offset ? pair.loc : l;
}

/** A scalar's value as text for a message: strings as they are, other scalars in their YAML spelling, collections as `(a mapping)` / `(a sequence)`. */
export function displayValue(node: YNode | undefined): string {
  const n = deref(node);
  if (n === undefined) return '(nothing)';
  if (n.kind === 'map') return '(a mapping)';
  if (n.kind === 'seq') return '(a sequence)';
  return typeof n.value === 'string' ? n.value : String(n.value);
}

/** The effective `metadata.annotations` pairs of a document (merge keys applied), as written. */
export const annotationsFact = defineFact('annotations', (root): YPair[] => {
  const m = get(get(root, 'metadata'), 'annotations');
  return m?.kind === 'map' ? m.pairs.map(shallowPair) : [];
});

/**
 * The effective `metadata.annotations` pairs of an object (merge keys applied), in written order,
 * {@link shallow}: a rule reads an annotation's value, not a tree under it.
 */
export function annotationPairs(model: Model, obj: K8sObject): YPair[] {
  // The model lists every object's annotation keys: an object without any is not read at all.
  if (obj.annotationKeys.length === 0) return [];
  return model.facts.of(annotationsFact, obj);
}

/** The annotation pair with key `key` ({@link shallow}), or undefined. */
export function annotation(model: Model, obj: K8sObject, key: string): YPair | undefined {
  if (!obj.annotationKeys.includes(key)) return undefined;
  return annotationPairs(model, obj).find((p) => p.keyText === key);
}

/** One `spec.rules[].http.paths[]` entry. */
export interface IngressPath {
  /** The entry as written. */
  entry: YNode;
  /** The `path:` pair, absent when the entry has no path. */
  pathPair?: YPair;
}

/** One `spec.rules[]` entry. */
export interface IngressRule {
  /** The entry as written. */
  entry: YNode;
  /** The `host:` pair, absent for a rule that matches every host. */
  hostPair?: YPair;
  /** The host when it is a string. */
  host?: string;
  /** The `http:` pair, absent for a rule that routes no paths. */
  httpPair?: YPair;
  /** The entries of `http.paths`. */
  paths: IngressPath[];
}

/** The rules of an Ingress (`spec.rules`), with positions; entries that are not mappings are skipped. */
function rulesOf(root: YNode | undefined): IngressRule[] {
  const out: IngressRule[] = [];
  for (const { written, value } of writtenItems(get(get(root, 'spec'), 'rules'))) {
    if (value.kind !== 'map') continue;
    const rule: IngressRule = { entry: written, paths: [] };
    const hostPair = pairOf(value, 'host');
    if (hostPair) {
      rule.hostPair = hostPair;
      const h = deref(hostPair.value);
      if (h?.kind === 'scalar' && typeof h.value === 'string') rule.host = h.value;
    }
    const httpPair = pairOf(value, 'http');
    if (httpPair) {
      rule.httpPair = httpPair;
      for (const p of writtenItems(get(httpPair.value, 'paths'))) {
        const path: IngressPath = { entry: p.written };
        const pathPair = pairOf(p.value, 'path');
        if (pathPair) path.pathPair = pathPair;
        rule.paths.push(path);
      }
    }
    out.push(rule);
  }
  return out;
}

/** The default backend pair: `spec.defaultBackend` (v1) or `spec.backend` (v1beta1). */
function defaultBackendOf(root: YNode | undefined): YPair | undefined {
  const spec = get(root, 'spec');
  return pairOf(spec, 'defaultBackend') ?? pairOf(spec, 'backend');
}

/** A host listed under `spec.tls[].hosts`. */
export interface TlsHost {
  /** The host as written. */
  node: YNode;
  /** The host. */
  host: string;
}

/** One `spec.tls[]` entry. */
export interface TlsEntry {
  /** The string hosts it lists, as written (non-string and empty entries are skipped). */
  hosts: TlsHost[];
  /** True when it names a non-empty `secretName`. */
  hasSecret: boolean;
}

/** The entries of `spec.tls`, in written order. */
function tlsOf(root: YNode | undefined): TlsEntry[] {
  const out: TlsEntry[] = [];
  for (const tls of writtenItems(get(get(root, 'spec'), 'tls'))) {
    const hosts: TlsHost[] = [];
    for (const h of writtenItems(get(tls.value, 'hosts'))) {
      if (h.value.kind === 'scalar' && typeof h.value.value === 'string' && h.value.value.trim() !== '') {
        hosts.push({ node: h.written, host: h.value.value });
      }
    }
    const secret = str(get(tls.value, 'secretName'));
    out.push({ hosts, hasSecret: secret !== undefined && secret.trim() !== '' });
  }
  return out;
}

/**
 * A `report` that drops repeats of the same messageId at the same place. One anchored mapping may be
 * aliased twice in one object (`- *apiRule` twice under `rules:`), and the finding inside it would
 * otherwise be reported once per alias at one location.
 */
export function onceReporter(ctx: RuleContext): (report: Report) => void {
  const seen = new Set<string>();
  return (report) => {
    const l = locOf(report.node as Locatable);
    const key = `${report.messageId}\0${l.file}\0${l.start.offset}\0${l.end.offset}`;
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report(report);
  };
}

/** One backend of an Ingress: a rule path's `backend` or the default backend. */
export interface IngressBackend {
  /** The `backend:` (or `defaultBackend:`) pair as written. */
  pair: YPair;
  /** True for `spec.defaultBackend` / `spec.backend`. */
  isDefault: boolean;
  /** The Service it names, if it names one. */
  service?: ServiceRef;
}

/** Every backend of an Ingress: each `spec.rules[].http.paths[].backend`, then the default backend. */
function backendsOf(rules: readonly IngressRule[], def: YPair | undefined): IngressBackend[] {
  const out: IngressBackend[] = [];
  const add = (pair: YPair, isDefault: boolean) => {
    const b: IngressBackend = { pair, isDefault };
    const ref = serviceRef(pair.value);
    if (ref) b.service = ref;
    out.push(b);
  };
  for (const rule of rules) {
    for (const p of rule.paths) {
      const pair = pairOf(p.entry, 'backend');
      if (pair) add(pair, false);
    }
  }
  if (def) add(def, true);
  return out;
}

/** The Service a backend routes to, in either API shape, with the pairs as written. */
export interface ServiceRef {
  /** `service.name` (networking.k8s.io/v1) or `serviceName` (v1beta1). */
  namePair: YPair;
  /** The Service name when it is a string. */
  name?: string;
  /** `service.port.number` or `service.port.name` (v1), or `servicePort` (v1beta1); absent when not written. */
  portPair?: YPair;
  /** The port: a number, or a port name. A v1beta1 `servicePort: "80"` (digits in a string) is the number 80. */
  port?: number | string;
}

/**
 * The Service a backend names, or undefined when it names none (a `resource:` backend, or a
 * backend with neither `service.name` nor `serviceName`).
 */
function serviceRef(backend: YNode): ServiceRef | undefined {
  const service = get(backend, 'service');
  const namePair = service !== undefined ? pairOf(service, 'name') : pairOf(backend, 'serviceName');
  if (namePair === undefined) return undefined;
  const ref: ServiceRef = { namePair };
  const name = deref(namePair.value);
  if (name?.kind === 'scalar' && typeof name.value === 'string') ref.name = name.value;
  const portPair = service !== undefined ? (pairOf(get(service, 'port'), 'number') ?? pairOf(get(service, 'port'), 'name')) : pairOf(backend, 'servicePort');
  if (portPair) {
    ref.portPair = portPair;
    const v = deref(portPair.value);
    if (v?.kind === 'scalar') {
      if (typeof v.value === 'number') ref.port = v.value;
      else if (typeof v.value === 'string' && v.value.trim() !== '') ref.port = /^\d+$/.test(v.value.trim()) ? Number(v.value.trim()) : v.value;
    }
  }
  return ref;
}

/**
 * What the Ingress rules read of an Ingress's `spec`, taken from its tree once per file content
 * (a fact: with `--cache`, unchanged Ingresses are not rebuilt at all). Nodes are {@link shallow}:
 * positions and scalars as written, no subtrees.
 */
export interface IngressView {
  /** `spec.rules`. */
  rules: IngressRule[];
  /** `spec.tls`. */
  tls: TlsEntry[];
  /** `spec.ingressClassName`, when written. */
  classPair?: YPair;
  /** `spec.defaultBackend` (v1) or `spec.backend` (v1beta1), when written. */
  defaultBackend?: YPair;
  /** Every backend: each rule path's, then the default one. */
  backends: IngressBackend[];
}

export const ingressFact = defineFact('ingress', (root): IngressView => {
  const rules = rulesOf(root);
  const def = defaultBackendOf(root);
  const backends = backendsOf(rules, def).map((b) => {
    const out: IngressBackend = { pair: shallowPair(b.pair), isDefault: b.isDefault };
    if (b.service) out.service = shallowRef(b.service);
    return out;
  });
  const view: IngressView = {
    rules: rules.map((r) => {
      const out: IngressRule = { entry: shallow(r.entry), paths: r.paths.map((p) => (p.pathPair ? { entry: shallow(p.entry), pathPair: shallowPair(p.pathPair) } : { entry: shallow(p.entry) })) };
      if (r.hostPair) out.hostPair = shallowPair(r.hostPair);
      if (r.host !== undefined) out.host = r.host;
      if (r.httpPair) out.httpPair = shallowPair(r.httpPair);
      return out;
    }),
    tls: tlsOf(root).map((t) => ({ hosts: t.hosts.map((h) => ({ node: shallow(h.node), host: h.host })), hasSecret: t.hasSecret })),
    backends,
  };
  const classPair = pairOf(get(root, 'spec'), 'ingressClassName');
  if (classPair) view.classPair = shallowPair(classPair);
  if (def) view.defaultBackend = shallowPair(def);
  return view;
});

function shallowRef(ref: ServiceRef): ServiceRef {
  const out: ServiceRef = { namePair: shallowPair(ref.namePair) };
  if (ref.name !== undefined) out.name = ref.name;
  if (ref.portPair) out.portPair = shallowPair(ref.portPair);
  if (ref.port !== undefined) out.port = ref.port;
  return out;
}

/** What the Ingress rules read of an Ingress (see {@link IngressView}); the same object for every rule in a run. */
export function ingressView(model: Model, obj: K8sObject): IngressView {
  return model.facts.of(ingressFact, obj);
}

/** The rules of an Ingress (`spec.rules`), with positions as written; entries that are not mappings are skipped. */
export function ingressRules(model: Model, obj: K8sObject): IngressRule[] {
  return ingressView(model, obj).rules;
}

/** Every string host of `spec.tls[].hosts`, in written order (non-string and empty entries are skipped). */
export function tlsHosts(model: Model, obj: K8sObject): TlsHost[] {
  return ingressView(model, obj).tls.flatMap((t) => t.hosts);
}

/** The default backend pair: `spec.defaultBackend` (v1) or `spec.backend` (v1beta1). */
export function defaultBackendPair(model: Model, obj: K8sObject): YPair | undefined {
  return ingressView(model, obj).defaultBackend;
}

/** Every backend of an Ingress: each `spec.rules[].http.paths[].backend`, then the default backend. */
export function ingressBackends(model: Model, obj: K8sObject): IngressBackend[] {
  return ingressView(model, obj).backends;
}

/**
 * Where an object's name is written: the `metadata.name` value (as written, so an alias points at
 * the alias), or the object's header when it has none.
 */
export function nameLoc(obj: K8sObject): Location {
  if (obj.nameLoc) return obj.nameLoc;
  const pair = pairOf(get(obj.root, 'metadata'), 'name');
  return pair ? valueLoc(pair) : obj.headerLoc;
}
