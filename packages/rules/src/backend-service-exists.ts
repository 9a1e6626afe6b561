import { defineFact, defineRule, getPath, items, pairOf, scalar, str, type K8sObject } from '@infralint/core';
import { ingressBackends, ingresses, onceReporter, valueLoc } from './utils/ingress.js';
import { kustomizeIndex, namespacesOf } from './utils/kustomize.js';

/** What the rule reads of a Service: the ports it exposes, and whether it is an ExternalName Service. */
interface ServiceFacts {
  /** `spec.ports[].port` numbers (digits in a string count as the number). */
  numbers: number[];
  /** `spec.ports[].name`s. */
  names: string[];
  /** `80, 443 (https)`-style list of what it exposes, for messages. */
  described: string;
  /** `spec.type: ExternalName`. */
  externalName: boolean;
}

export const serviceFact = defineFact('service-ports', (root): ServiceFacts => {
  const out: ServiceFacts = { numbers: [], names: [], described: '', externalName: str(getPath(root, ['spec', 'type'])) === 'ExternalName' };
  const shown: string[] = [];
  for (const p of items(getPath(root, ['spec', 'ports']))) {
    const port = scalar(pairOf(p, 'port')?.value);
    if (typeof port === 'number') out.numbers.push(port);
    else if (typeof port === 'string' && /^\d+$/.test(port.trim())) out.numbers.push(Number(port.trim()));
    const name = str(pairOf(p, 'name')?.value);
    if (name !== undefined && name !== '') out.names.push(name);
    const at = port === undefined || port === null ? '?' : String(port);
    shown.push(name ? `${at} (${name})` : at);
  }
  out.described = shown.length > 0 ? shown.join(', ') : 'no ports';
  return out;
});

function exposes(ports: ServiceFacts, port: number | string): boolean {
  return typeof port === 'number' ? ports.numbers.includes(port) : ports.names.includes(port);
}

/**
 * Traefik answers 404 (or 503) for every path whose backend Service does not exist in the
 * Ingress's namespace or does not expose the port the Ingress names, and it only logs it; nothing
 * fails at deploy time. Ingresses cannot reach Services in other namespaces, so a Service of the
 * right name elsewhere does not count.
 */
export default defineRule({
  id: 'backend-service-exists',
  meta: {
    description:
      "Every Ingress backend names a Service defined in the Ingress's namespace that exposes the backend's port number or port name.",
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      "Point the backend at a Service in the Ingress's namespace and at a port that Service lists in `spec.ports` (by `port` number or by `name`), or add the Service or the port.",
    messages: {
      serviceMissing:
        'Ingress "{{name}}" routes to the Service "{{service}}", but no Service of that name is defined in namespace "{{namespace}}", so Traefik answers these requests with an error; fix the name or add the Service.',
      serviceInOtherNamespace:
        'Ingress "{{name}}" routes to the Service "{{service}}" in namespace "{{namespace}}", but that Service is defined in namespace "{{otherNamespace}}", and an Ingress only reaches Services of its own namespace; move the Ingress or the Service, or point at an ExternalName Service in "{{namespace}}".',
      portNotExposed:
        'Ingress "{{name}}" routes to port {{port}} of the Service "{{service}}", but that Service exposes {{ports}}, so Traefik cannot build the route; use one of its ports (by `port` number or `name`) or add the port to the Service.',
      serviceHere: 'Service "{{service}}" is defined here.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const report = onceReporter(ctx);
    const index = kustomizeIndex(ctx.model);
    const facts = (svc: K8sObject) => ctx.model.facts.of(serviceFact, svc);
    const byName = new Map<string, K8sObject[]>();
    for (const svc of ctx.model.kubernetes.objects({ kind: 'Service', group: '' })) {
      if (svc.name === '') continue;
      const list = byName.get(svc.name);
      if (list) list.push(svc);
      else byName.set(svc.name, [svc]);
    }
    for (const ing of ingresses(ctx.model)) {
      const namespaces = namespacesOf(index, ing);
      const namespace = namespaces[0] ?? 'default';
      for (const backend of ingressBackends(ctx.model, ing)) {
        const ref = backend.service;
        if (ref?.name === undefined || ref.name.trim() === '') continue;
        const service = ref.name.trim();
        const named = byName.get(service) ?? [];
        const here = named.filter((svc) => namespacesOf(index, svc).some((ns) => namespaces.includes(ns)));
        const data = { name: ing.name, service, namespace };
        if (here.length === 0) {
          const other = named[0];
          if (other === undefined) {
            report({ node: valueLoc(ref.namePair), messageId: 'serviceMissing', data });
          } else {
            report({
              node: valueLoc(ref.namePair),
              messageId: 'serviceInOtherNamespace',
              data: { ...data, otherNamespace: namespacesOf(index, other)[0] ?? 'default' },
              related: [{ node: other.headerLoc, messageId: 'serviceHere', data: { service } }],
            });
          }
          continue;
        }
        // An ExternalName Service has no endpoints to match: Traefik forwards to the external name on the backend's port.
        if (here.some((svc) => facts(svc).externalName)) continue;
        const port = ref.port;
        if (ref.portPair === undefined || port === undefined) continue;
        if (here.some((svc) => exposes(facts(svc), port))) continue;
        const svc = here[0]!;
        report({
          node: valueLoc(ref.portPair),
          messageId: 'portNotExposed',
          data: { ...data, port: typeof port === 'number' ? String(port) : `"${port}"`, ports: facts(svc).described },
          related: [{ node: svc.headerLoc, messageId: 'serviceHere', data: { service } }],
        });
      }
    }
  },
});
