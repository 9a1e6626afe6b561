import { defineRule, deref, str, type K8sObject, type Model } from '@infralint/core';
import { normalizeHost } from './utils/hosts.js';
import { annotation, ingresses, ingressView, onceReporter, valueLoc } from './utils/ingress.js';

/** Options of tls-host-coverage. */
export interface TlsHostCoverageOptions {
  /** Traefik entry points that terminate TLS. */
  tlsEntryPoints: string[];
}

const ENTRYPOINTS = 'traefik.ingress.kubernetes.io/router.entrypoints';
const ROUTER_TLS = 'traefik.ingress.kubernetes.io/router.tls';
const CERT_RESOLVER = 'traefik.ingress.kubernetes.io/router.tls.certresolver';

/**
 * True when the TLS host `tlsHost` covers the routed host `host`: the same name, or a wildcard
 * `*.example.com` and a name exactly one label under `example.com` (a certificate wildcard never
 * spans dots, RFC 6125 §6.4.3). A wildcard routed host is covered only by the same wildcard.
 */
export function coversHost(tlsHost: string, host: string): boolean {
  const t = normalizeHost(tlsHost);
  const h = normalizeHost(host);
  if (t === h) return true;
  if (!t.startsWith('*.') || h.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === t.slice(2);
}

/**
 * An Ingress router on a plain-HTTP entry point only (`router.entrypoints: web`, without
 * `router.tls: "true"`) serves no TLS by design, so its hosts need no certificate.
 */
function isPlainHttpOnly(model: Model, obj: K8sObject, tlsEntryPoints: readonly string[]): boolean {
  const eps = str(deref(annotation(model, obj, ENTRYPOINTS)?.value));
  if (eps === undefined) return false;
  const list = eps.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (list.length === 0 || list.some((e) => tlsEntryPoints.includes(e))) return false;
  return str(deref(annotation(model, obj, ROUTER_TLS)?.value))?.trim().toLowerCase() !== 'true';
}

/**
 * Traefik terminates TLS for a routed host with the certificate of the `spec.tls` entry that lists
 * it; a host that no entry lists (or an entry without `secretName`) gets Traefik's self-signed
 * default certificate, and cert-manager issues nothing for it. A TLS host that no rule routes asks
 * cert-manager for a certificate nobody is served, usually a renamed host left behind.
 */
export default defineRule<TlsHostCoverageOptions>({
  id: 'tls-host-coverage',
  meta: {
    description:
      'Every host an Ingress rule routes is listed in a `spec.tls[].hosts` entry with a `secretName`, and every TLS host is routed by a rule.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'List each routed host under `spec.tls[].hosts` of an entry that has a `secretName` (a wildcard such as `*.lumie-infra.com` covers one label), and remove TLS hosts that no rule routes.',
    messages: {
      hostNotCovered:
        'Ingress "{{name}}" routes host "{{host}}", but no `spec.tls` entry lists it, so Traefik serves its default self-signed certificate for it; add "{{host}}" to `spec.tls[].hosts` with a `secretName`.',
      missingSecret:
        'Ingress "{{name}}" routes host "{{host}}", but the `spec.tls` entry that lists it has no `secretName`, so cert-manager has nowhere to store the certificate and Traefik serves its default one; add a `secretName` to that entry.',
      tlsHostNotRouted:
        'Ingress "{{name}}" lists TLS host "{{host}}", but none of its rules routes that host, so its certificate is never served; remove it from `spec.tls[].hosts` or add a rule for it.',
      tlsHostHere: 'TLS host "{{host}}" listed here, in an entry without `secretName`.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        tlsEntryPoints: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          uniqueItems: true,
          description:
            'Traefik entry points that terminate TLS. An Ingress whose `traefik.ingress.kubernetes.io/router.entrypoints` names none of them (and that does not set `router.tls: "true"`) is plain HTTP by design and is not checked.',
        },
      },
    },
    defaultOptions: { tlsEntryPoints: ['websecure'] },
  },
  check(ctx, options) {
    const report = onceReporter(ctx);
    for (const obj of ingresses(ctx.model)) {
      if (isPlainHttpOnly(ctx.model, obj, options.tlsEntryPoints)) continue;
      const name = obj.name;
      const view = ingressView(ctx.model, obj);
      const entries = view.tls;
      // With a Traefik ACME resolver, Traefik obtains certificates for the router's hosts itself: no Secret is involved.
      const resolver = str(deref(annotation(ctx.model, obj, CERT_RESOLVER)?.value))?.trim();
      const needsSecret = resolver === undefined || resolver === '';
      const rules = view.rules;
      const routed: string[] = [];
      // A rule without a host, or a default backend, answers for every host: any TLS host is routed.
      let routesAnyHost = view.defaultBackend !== undefined;
      for (const rule of rules) {
        if (rule.hostPair === undefined || (rule.host !== undefined && rule.host.trim() === '')) {
          routesAnyHost = true;
          continue;
        }
        const routedHost = rule.host;
        if (routedHost === undefined) continue;
        routed.push(routedHost);
        if (!needsSecret) continue;
        const listing = entries.flatMap((e) => e.hosts.filter((h) => coversHost(h.host, routedHost)).map((h) => ({ entry: e, h })));
        if (listing.some((l) => l.entry.hasSecret)) continue;
        const host = routedHost.trim();
        const first = listing[0];
        if (first === undefined) {
          report({ node: valueLoc(rule.hostPair), messageId: 'hostNotCovered', data: { name, host } });
        } else {
          report({
            node: valueLoc(rule.hostPair),
            messageId: 'missingSecret',
            data: { name, host },
            related: [{ node: first.h.node, messageId: 'tlsHostHere', data: { host: first.h.host.trim() } }],
          });
        }
      }
      if (routesAnyHost) continue;
      for (const e of entries) {
        for (const h of e.hosts) {
          if (routed.some((r) => coversHost(h.host, r))) continue;
          report({ node: h.node, messageId: 'tlsHostNotRouted', data: { name, host: h.host.trim() }, severity: 'warning' });
        }
      }
    }
  },
});
