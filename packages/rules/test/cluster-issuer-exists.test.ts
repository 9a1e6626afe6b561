import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/cluster-issuer-exists.js';

// The ClusterIssuers live in applications/cluster-bootstrap/manifests/, the Cloudflare token in
// platform/cert-manager/, the Ingresses under applications/lumie/: every case is multi-file.
new RuleTester({ describe, it }).run('cluster-issuer-exists', rule, {
  valid: [
    {
      name: 'the issuers exist and the custom-domain issuer solves Cloudflare DNS-01 with an ExternalSecret token',
      files: {
        'applications/cluster-bootstrap/manifests/cluster-issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef:
      name: letsencrypt-prod-account-key
    solvers:
      - http01:
          ingress:
            ingressClassName: traefik
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef:
      name: letsencrypt-customdomain-account-key
    solvers:
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-api-token
              key: api-token
`,
        'platform/cert-manager/cloudflare-api-token.yaml': `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: cloudflare-api-token-sync
  namespace: cert-manager
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: oci-vault
  target:
    name: cloudflare-api-token
  data:
    - secretKey: api-token
      remoteRef:
        key: lumie-cloudflare-dns01-token
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  ingressClassName: traefik
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: customdomain-brightpath-academy
  namespace: lumie
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-customdomain
spec:
  ingressClassName: traefik
`,
      },
    },
    {
      name: 'the token as a plain Secret, and as an ExternalSecret named like the Secret (no spec.target.name)',
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-api-token
              key: api-token
      - selector:
          dnsZones: [lumie-infra.com]
        dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-lumie-zone-token
              key: api-token
`,
        'platform/cert-manager/secrets.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: cloudflare-api-token
  namespace: cert-manager
type: Opaque
stringData:
  api-token: replaced-by-ci
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: cloudflare-lumie-zone-token
  namespace: cert-manager
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: oci-vault
  data:
    - secretKey: api-token
      remoteRef:
        key: lumie-zone-token
`,
      },
    },
    {
      name: 'the token as a SealedSecret (its own name, or spec.template.metadata.name)',
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-api-token
              key: api-token
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-zone-token
              key: api-token
`,
        'platform/cert-manager/sealed.yaml': `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: cloudflare-api-token
  namespace: cert-manager
spec:
  encryptedData:
    api-token: AgBy8hCi8
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: zone-token-sealed
  namespace: cert-manager
spec:
  encryptedData:
    api-token: AgCx9dQ
  template:
    metadata:
      name: cloudflare-zone-token
`,
      },
    },
    {
      name: 'a token without metadata.namespace in a folder whose kustomization sets namespace: cert-manager',
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-api-token
              key: api-token
`,
        'platform/cert-manager/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: cert-manager
resources:
  - cloudflare-api-token.yaml
`,
        'platform/cert-manager/cloudflare-api-token.yaml': `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: cloudflare-api-token
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: oci-vault
  data:
    - secretKey: api-token
      remoteRef:
        key: lumie-cloudflare-dns01-token
`,
      },
    },
    {
      name: 'the deprecated apiKeySecretRef names the Secret too',
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - dns01:
          cloudflare:
            email: ops@lumie-infra.com
            apiKeySecretRef:
              name: cloudflare-api-key
              key: api-key
`,
        'secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: cloudflare-api-key
  namespace: cert-manager
`,
      },
    },
    {
      name: 'a Gateway naming a defined ClusterIssuer',
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
spec:
  acme:
    solvers:
      - http01:
          gatewayHTTPRoute: {}
`,
        'gateway.yaml': `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  gatewayClassName: traefik
`,
      },
    },
    {
      name: 'nothing to check: no annotations, no custom-domain issuer; legacy paths are not read',
      files: {
        'applications/lumie/api/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-api
  annotations:
    cert-manager.io/issuer: letsencrypt-prod
spec:
  ingressClassName: traefik
`,
        'bootstrap/kong/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kong
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-kong
`,
        'bootstrap/kong/issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - http01: {}
`,
      },
    },
    {
      name: 'options: another custom-domain issuer and cluster resource namespace',
      options: { customDomainIssuer: 'dns01-cloudflare', clusterResourceNamespace: 'security' },
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: dns01-cloudflare
spec:
  acme:
    solvers:
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-api-token
              key: api-token
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - http01: {}
`,
        'secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: cloudflare-api-token
  namespace: security
`,
      },
    },
  ],
  invalid: [
    {
      name: 'an Ingress names a ClusterIssuer the repo does not define',
      files: {
        'applications/cluster-bootstrap/manifests/cluster-issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
spec:
  acme:
    solvers:
      - http01: {}
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-staging
spec:
  acme:
    solvers:
      - http01: {}
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-production
spec:
  ingressClassName: traefik
`,
      },
      errors: [{ messageId: 'issuerMissing', file: 'applications/lumie/web/ingress.yaml', line: 7, column: 37, endLine: 7, endColumn: 59 }],
    },
    {
      name: 'no ClusterIssuer at all; a namespaced Issuer of the name does not count; Gateways are checked',
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: letsencrypt-prod
  namespace: lumie
`,
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: "letsencrypt-prod"
`,
        'gateway.yaml': `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
`,
      },
      errors: [
        { messageId: 'issuerMissing', file: 'gateway.yaml', line: 6, column: 37, endLine: 6, endColumn: 53 },
        { messageId: 'issuerMissing', file: 'ingress.yaml', line: 6, column: 37, endLine: 6, endColumn: 55 },
      ],
    },
    {
      name: 'an empty annotation value names no issuer',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer:
`,
      },
      errors: [{ messageId: 'issuerMissing', file: 'ingress.yaml', line: 6, column: 5, endLine: 6, endColumn: 35 }],
    },
    {
      name: 'the custom-domain issuer solves HTTP-01: reported at solvers',
      files: {
        'applications/cluster-bootstrap/manifests/cluster-issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef:
      name: letsencrypt-customdomain-account-key
    solvers:
      - http01:
          ingress:
            ingressClassName: traefik
      - dns01:
          route53:
            region: eu-west-1
`,
        'applications/lumie/white-label/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: customdomain-hanbit-edu
  namespace: lumie
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-customdomain
`,
      },
      errors: [{ messageId: 'notCloudflareDns01', file: 'applications/cluster-bootstrap/manifests/cluster-issuer.yaml', line: 10, column: 5, endLine: 10, endColumn: 12 }],
    },
    {
      name: 'the custom-domain issuer is not ACME at all: reported at its kind',
      files: {
        'issuer.yaml': `# A CA issuer cannot prove control of a customer's domain.
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  ca:
    secretName: lumie-root-ca
`,
      },
      errors: [{ messageId: 'notCloudflareDns01', file: 'issuer.yaml', line: 3, column: 7, endLine: 3, endColumn: 20 }],
    },
    {
      name: 'the token Secret is not provided in cert-manager: wrong namespace, wrong target name, wrong kind',
      files: {
        'applications/cluster-bootstrap/manifests/cluster-issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: cloudflare-api-token
              key: api-token
`,
        'platform/cert-manager/cloudflare-api-token.yaml': `# Synced into the wrong namespace: cert-manager reads ClusterIssuer secrets from its own.
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: cloudflare-api-token
  namespace: lumie
spec:
  target:
    name: cloudflare-api-token
---
# Right namespace, but it writes another Secret.
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: cloudflare-api-token
  namespace: cert-manager
spec:
  target:
    name: cloudflare-token
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cloudflare-api-token
  namespace: cert-manager
`,
      },
      errors: [{ messageId: 'tokenSecretMissing', file: 'applications/cluster-bootstrap/manifests/cluster-issuer.yaml', line: 11, column: 21, endLine: 11, endColumn: 41 }],
    },
    {
      name: 'a Cloudflare solver without a token reference, and one with an empty name',
      files: {
        'issuer.yaml': `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-customdomain
spec:
  acme:
    solvers:
      - dns01:
          cloudflare:
            email: ops@lumie-infra.com
      - dns01:
          cloudflare:
            apiTokenSecretRef:
              name: ""
              key: api-token
`,
      },
      errors: [
        { messageId: 'tokenRefMissing', file: 'issuer.yaml', line: 9, column: 11, endLine: 9, endColumn: 21 },
        { messageId: 'tokenRefMissing', file: 'issuer.yaml', line: 14, column: 21, endLine: 14, endColumn: 23 },
      ],
    },
  ],
});
