import { defineRule, deref } from '@infralint/core';
import { isStandardHost, normalizeHost } from './utils/hosts.js';
import { annotation, displayValue, ingresses, onceReporter, tlsHosts, valueLoc } from './utils/ingress.js';

/** Options of custom-domain-issuer. */
export interface CustomDomainIssuerOptions {
  /** ClusterIssuer for white-label custom domains. */
  customDomainIssuer: string;
  /** ClusterIssuers allowed for standard domains. */
  standardIssuers: string[];
}

const CLUSTER_ISSUER = 'cert-manager.io/cluster-issuer';
const NAMESPACED_ISSUER = 'cert-manager.io/issuer';

/**
 * Custom domains are often proxied by the customer's CDN, so HTTP-01 challenges for them fail; only
 * the DNS-01 `letsencrypt-customdomain` ClusterIssuer can issue for them. Standard domains use the
 * HTTP-01 production or staging issuers. A wrong issuer leaves Traefik serving its default
 * certificate for the host.
 */
export default defineRule<CustomDomainIssuerOptions>({
  id: 'custom-domain-issuer',
  meta: {
    description:
      'An Ingress with a custom-domain TLS host uses the `letsencrypt-customdomain` ClusterIssuer, one with only standard-domain TLS hosts uses `letsencrypt-prod` or `letsencrypt-staging`, and none uses a namespaced `cert-manager.io/issuer`.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'Set `cert-manager.io/cluster-issuer: letsencrypt-customdomain` when a TLS host is a custom domain, otherwise `letsencrypt-prod` (or `letsencrypt-staging`), and drop `cert-manager.io/issuer`.',
    messages: {
      missingIssuer:
        'Ingress "{{name}}" lists TLS hosts but has no `cert-manager.io/cluster-issuer` annotation, so cert-manager issues no certificate for it; add `cert-manager.io/cluster-issuer: {{expected}}`.',
      customDomainWrongIssuer:
        'Ingress "{{name}}" has the custom-domain TLS host "{{host}}" but uses the ClusterIssuer "{{value}}"; custom domains need DNS-01 issuance: set `cert-manager.io/cluster-issuer: {{expected}}`.',
      standardDomainWrongIssuer:
        'Ingress "{{name}}" has only standard-domain TLS hosts but uses the ClusterIssuer "{{value}}"; set `cert-manager.io/cluster-issuer` to {{expected}}.',
      namespacedIssuer:
        'Ingress "{{name}}" uses the namespaced `cert-manager.io/issuer: {{value}}` annotation, but the shared ACME issuers are ClusterIssuers; replace it with `cert-manager.io/cluster-issuer: {{expected}}`.',
      customHost: 'Custom-domain TLS host "{{host}}" listed here.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        customDomainIssuer: {
          type: 'string',
          minLength: 1,
          description: 'The ClusterIssuer an Ingress with any custom-domain TLS host must use.',
        },
        standardIssuers: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          uniqueItems: true,
          description: 'The ClusterIssuers an Ingress whose TLS hosts are all standard domains may use.',
        },
      },
    },
    defaultOptions: { customDomainIssuer: 'letsencrypt-customdomain', standardIssuers: ['letsencrypt-prod', 'letsencrypt-staging'] },
  },
  check(ctx, options) {
    const report = onceReporter(ctx);
    const standardList = options.standardIssuers.map((i) => `"${i}"`).join(' or ');
    for (const obj of ingresses(ctx.model)) {
      const hosts = tlsHosts(ctx.model, obj);
      // No TLS hosts: cert-manager's ingress-shim issues nothing for this Ingress, so no issuer matters.
      if (hosts.length === 0) continue;
      const name = obj.name;
      const custom = hosts.find((h) => !isStandardHost(h.host, ctx.settings.standardDomains));
      const expected = custom ? options.customDomainIssuer : options.standardIssuers[0] ?? '';
      const related = custom
        ? [{ node: custom.node, messageId: 'customHost', data: { host: normalizeHost(custom.host) } }]
        : undefined;

      const namespaced = annotation(ctx.model, obj, NAMESPACED_ISSUER);
      if (namespaced) {
        report({ node: valueLoc(namespaced), messageId: 'namespacedIssuer', data: { name, value: displayValue(namespaced.value), expected } });
      }

      const cluster = annotation(ctx.model, obj, CLUSTER_ISSUER);
      if (cluster === undefined) {
        // With a namespaced issuer present, its finding already names the ClusterIssuer to use.
        if (!namespaced) report({ node: obj.headerLoc, messageId: 'missingIssuer', data: { name, expected }, ...(related ? { related } : {}) });
        continue;
      }
      const v = deref(cluster.value);
      const value = v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
      if (custom) {
        if (value !== options.customDomainIssuer) {
          report({
            node: valueLoc(cluster),
            messageId: 'customDomainWrongIssuer',
            data: { name, host: normalizeHost(custom.host), value: displayValue(cluster.value), expected },
            related: related ?? [],
          });
        }
      } else if (value === undefined || !options.standardIssuers.includes(value)) {
        report({
          node: valueLoc(cluster),
          messageId: 'standardDomainWrongIssuer',
          data: { name, value: displayValue(cluster.value), expected: standardList },
        });
      }
    }
  },
});
