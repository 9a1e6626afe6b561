import { apiGroup, defineRule, deref, get, getPath, pairOf, scalar, str, type K8sObject, type Model, type YMap, type YPair } from '@infralint/core';
import { annotation, displayValue, ingresses, onceReporter, valueLoc, writtenItems } from './utils/ingress.js';
import { inNamespace, kustomizeIndex, type KustomizeIndex } from './utils/kustomize.js';

/** Options of cluster-issuer-exists. */
export interface ClusterIssuerExistsOptions {
  /** The ClusterIssuer that issues certificates for custom domains. */
  customDomainIssuer: string;
  /** cert-manager's cluster resource namespace. */
  clusterResourceNamespace: string;
}

const CLUSTER_ISSUER = 'cert-manager.io/cluster-issuer';
const CERT_MANAGER_GROUP = 'cert-manager.io';

/** Objects whose `cert-manager.io/cluster-issuer` annotation cert-manager reads: Ingresses (ingress-shim) and Gateways (gateway-shim). */
function annotated(model: Model): K8sObject[] {
  const gateways = model.kubernetes.objects({ kind: 'Gateway', group: 'gateway.networking.k8s.io' });
  return [...ingresses(model), ...gateways];
}

/**
 * True when a Secret of that name exists in `namespace`: a `Secret`, an `ExternalSecret` that
 * writes it (`spec.target.name`, default its own name), or a `SealedSecret` that unseals to it
 * (its own name, or `spec.template.metadata.name`).
 */
function secretProvided(model: Model, index: KustomizeIndex, namespace: string, name: string): boolean {
  const candidates = model.kubernetes.objects({ kind: ['Secret', 'ExternalSecret', 'SealedSecret'] });
  return candidates.some((o) => {
    if (!inNamespace(index, o, namespace)) return false;
    const group = apiGroup(o.apiVersion);
    if (o.kind === 'Secret') return group === '' && o.name === name;
    if (o.kind === 'ExternalSecret') {
      // external-secrets.io writes spec.target.name; the retired kubernetes-client.io operator always used the object's name.
      if (group === 'external-secrets.io') return (str(getPath(o.root, ['spec', 'target', 'name'])) ?? o.name) === name;
      return group === 'kubernetes-client.io' && o.name === name;
    }
    return group === 'bitnami.com' && (o.name === name || str(getPath(o.root, ['spec', 'template', 'metadata', 'name'])) === name);
  });
}

/** A `dns01.cloudflare` solver of a ClusterIssuer, with the pair that holds it. */
interface CloudflareSolver {
  /** The `cloudflare:` pair. */
  pair: YPair;
  /** Its mapping. */
  value: YMap | undefined;
}

function cloudflareSolvers(solvers: YPair): CloudflareSolver[] {
  const out: CloudflareSolver[] = [];
  for (const s of writtenItems(solvers.value)) {
    const pair = pairOf(get(s.value, 'dns01'), 'cloudflare');
    if (!pair) continue;
    const v = deref(pair.value);
    out.push({ pair, value: v?.kind === 'map' ? v : undefined });
  }
  return out;
}

/**
 * An Ingress that names a ClusterIssuer the repo does not define gets no certificate (cert-manager
 * logs an error nobody reads, and Traefik serves its default certificate). The custom-domain issuer
 * must solve DNS-01 through Cloudflare, since custom domains are often proxied elsewhere and fail
 * HTTP-01; its Cloudflare token must exist where cert-manager reads ClusterIssuer secrets.
 */
export default defineRule<ClusterIssuerExistsOptions>({
  id: 'cluster-issuer-exists',
  meta: {
    description:
      'The ClusterIssuer named by `cert-manager.io/cluster-issuer` is defined in the repo, and the custom-domain ClusterIssuer solves DNS-01 through Cloudflare with an API token Secret that the repo provides in the `cert-manager` namespace.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'Name a ClusterIssuer the repo defines (or add it to `applications/cluster-bootstrap/manifests/cluster-issuer.yaml`); give `letsencrypt-customdomain` a `dns01.cloudflare` solver whose `apiTokenSecretRef` names a Secret, ExternalSecret or SealedSecret in the `cert-manager` namespace.',
    messages: {
      issuerMissing:
        '{{kind}} "{{name}}" asks for the ClusterIssuer "{{issuer}}", but the repo defines no ClusterIssuer of that name (defined: {{existing}}), so cert-manager never issues its certificate; use one of the defined ClusterIssuers or add "{{issuer}}".',
      notCloudflareDns01:
        'ClusterIssuer "{{issuer}}" issues certificates for custom domains but has no `dns01.cloudflare` solver; HTTP-01 fails for a custom domain proxied elsewhere, so add a solver `dns01: { cloudflare: { apiTokenSecretRef: { name: ..., key: ... } } }`.',
      tokenRefMissing:
        'The Cloudflare DNS-01 solver of ClusterIssuer "{{issuer}}" names no API token Secret, so every challenge fails; add `apiTokenSecretRef: { name: ..., key: ... }` for a Secret in the "{{namespace}}" namespace.',
      tokenSecretMissing:
        'ClusterIssuer "{{issuer}}" reads its Cloudflare API token from the Secret "{{secret}}", but no Secret, ExternalSecret or SealedSecret in the repo provides "{{secret}}" in the "{{namespace}}" namespace, where cert-manager reads ClusterIssuer secrets; add one there (for example an ExternalSecret with `spec.target.name: {{secret}}`).',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        customDomainIssuer: {
          type: 'string',
          minLength: 1,
          description: 'The ClusterIssuer for custom domains, which must solve DNS-01 through Cloudflare with a token the repo provides.',
        },
        clusterResourceNamespace: {
          type: 'string',
          minLength: 1,
          description: "cert-manager's cluster resource namespace (`--cluster-resource-namespace`), where the Secrets a ClusterIssuer names are read from.",
        },
      },
    },
    defaultOptions: { customDomainIssuer: 'letsencrypt-customdomain', clusterResourceNamespace: 'cert-manager' },
  },
  check(ctx, options) {
    const report = onceReporter(ctx);
    const model = ctx.model;
    const issuers = model.kubernetes.objects({ kind: 'ClusterIssuer', group: CERT_MANAGER_GROUP });
    const names = new Set(issuers.map((i) => i.name).filter((n) => n !== ''));
    const existing = names.size > 0 ? [...names].map((n) => `"${n}"`).join(', ') : 'none';

    for (const obj of annotated(model)) {
      const ann = annotation(model, obj, CLUSTER_ISSUER);
      if (ann === undefined) continue;
      const issuer = str(ann.value);
      if (issuer !== undefined && names.has(issuer.trim())) continue;
      // An empty value (`cert-manager.io/cluster-issuer:`) reads as null; show it as "" rather than "null".
      const shown = issuer ?? (scalar(ann.value) === null ? '' : displayValue(ann.value));
      report({ node: valueLoc(ann), messageId: 'issuerMissing', data: { kind: obj.kind, name: obj.name, issuer: shown, existing } });
    }

    const index = kustomizeIndex(model);
    const namespace = options.clusterResourceNamespace;
    for (const ci of issuers) {
      if (ci.name !== options.customDomainIssuer) continue;
      const solvers = pairOf(get(get(ci.root, 'spec'), 'acme'), 'solvers');
      const cloudflare = solvers ? cloudflareSolvers(solvers) : [];
      if (cloudflare.length === 0) {
        report({ node: solvers ? solvers.key : ci.headerLoc, messageId: 'notCloudflareDns01', data: { issuer: ci.name } });
        continue;
      }
      for (const solver of cloudflare) {
        // apiKeySecretRef (global API key plus email) is the deprecated alternative to a token; either names the Secret.
        const ref = get(solver.value, 'apiTokenSecretRef') ?? get(solver.value, 'apiKeySecretRef');
        const namePair = pairOf(ref, 'name');
        const secret = str(namePair?.value);
        if (namePair === undefined || secret === undefined || secret.trim() === '') {
          report({ node: namePair ? valueLoc(namePair) : solver.pair.key, messageId: 'tokenRefMissing', data: { issuer: ci.name, namespace } });
          continue;
        }
        if (!secretProvided(model, index, namespace, secret.trim())) {
          report({ node: valueLoc(namePair), messageId: 'tokenSecretMissing', data: { issuer: ci.name, secret: secret.trim(), namespace } });
        }
      }
    }
  },
});
