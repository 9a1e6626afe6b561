import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/custom-domain-issuer.js';

new RuleTester({ describe, it }).run('custom-domain-issuer', rule, {
  valid: [
    {
      name: 'standard subdomain with letsencrypt-prod (networking.k8s.io/v1)',
      files: {
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  ingressClassName: traefik
  tls:
    - hosts:
        - app.lumie-infra.com
      secretName: web-tls
`,
      },
    },
    {
      name: 'host exactly lumie-infra.com with letsencrypt-staging',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: apex
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-staging
spec:
  tls:
    - hosts: [lumie-infra.com]
      secretName: apex-tls
`,
      },
    },
    {
      name: 'wildcard and upper-case standard hosts are standard',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: wildcard
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  tls:
    - hosts:
        - "*.lumie-infra.com"
        - API.Lumie-Infra.com.
      secretName: wildcard-tls
`,
      },
    },
    {
      name: 'custom domain with letsencrypt-customdomain (networking.k8s.io/v1beta1)',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-customdomain
spec:
  tls:
    - hosts:
        - shop.acme.com
      secretName: shop-tls
`,
      },
    },
    {
      name: 'standard and custom hosts together use the custom-domain issuer (extensions/v1beta1)',
      files: {
        'ingress.yaml': `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-customdomain
spec:
  tls:
    - hosts:
        - shop.lumie-infra.com
      secretName: shop-lumie-tls
    - hosts:
        - notlumie-infra.com
      secretName: shop-custom-tls
`,
      },
    },
    {
      name: 'an Ingress without TLS hosts is not checked, whatever its annotations',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: internal
  annotations:
    cert-manager.io/issuer: some-issuer
spec:
  rules:
    - host: shop.acme.com
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: secret-only
spec:
  tls:
    - secretName: imported-cert
`,
      },
    },
    {
      name: 'Ingress under a legacy path is not checked',
      files: {
        'bootstrap/kong/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kong
spec:
  tls:
    - hosts: [shop.acme.com]
`,
      },
    },
    {
      name: 'options: another custom-domain issuer and standard issuers',
      options: { customDomainIssuer: 'dns01', standardIssuers: ['http01'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: dns01
spec:
  tls:
    - hosts: [shop.acme.com]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: http01
spec:
  tls:
    - hosts: [web.lumie-infra.com]
`,
      },
    },
    {
      name: 'settings: several standard domains',
      settings: { standardDomains: ['lumie-infra.com', 'lumie.app'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  tls:
    - hosts: [lumie.app, www.lumie.app]
`,
      },
    },
    {
      name: 'hosts and issuer through YAML aliases',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  labels:
    issuer: &issuer letsencrypt-customdomain
  annotations:
    cert-manager.io/cluster-issuer: *issuer
spec:
  rules:
    - host: &shop shop.acme.com
  tls:
    - hosts:
        - *shop
`,
      },
    },
  ],
  invalid: [
    {
      name: 'notlumie-infra.com is a custom domain, not under lumie-infra.com',
      files: {
        'applications/lumie/shop/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  ingressClassName: traefik
  tls:
    - hosts:
        - notlumie-infra.com
      secretName: shop-tls
`,
      },
      errors: [
        {
          messageId: 'customDomainWrongIssuer',
          file: 'applications/lumie/shop/ingress.yaml',
          line: 6,
          column: 37,
          endLine: 6,
          endColumn: 53,
          related: ['applications/lumie/shop/ingress.yaml:11:11'],
        },
      ],
    },
    {
      name: 'custom domain with letsencrypt-staging (networking.k8s.io/v1beta1)',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-staging
spec:
  tls:
    - hosts:
        - shop.lumie-infra.com
        - shop.acme.com
`,
      },
      errors: [{ messageId: 'customDomainWrongIssuer', file: 'ingress.yaml', line: 6, column: 37, endLine: 6, endColumn: 56 }],
    },
    {
      name: 'host exactly lumie-infra.com with the custom-domain issuer',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: apex
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-customdomain
spec:
  tls:
    - hosts:
        - lumie-infra.com
`,
      },
      errors: [{ messageId: 'standardDomainWrongIssuer', file: 'ingress.yaml', line: 6, column: 37, endLine: 6, endColumn: 61 }],
    },
    {
      name: 'missing cluster-issuer on standard hosts reports at the kind (extensions/v1beta1)',
      files: {
        'ingress.yaml': `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts:
        - web.lumie-infra.com
`,
      },
      errors: [{ messageId: 'missingIssuer', file: 'ingress.yaml', line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'missing cluster-issuer on a custom host points at the host as related',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  tls:
    - hosts:
        - app.lumie-infra.com
        - shop.acme.com
      secretName: shop-tls
`,
      },
      errors: [
        { messageId: 'missingIssuer', file: 'ingress.yaml', line: 2, column: 7, endLine: 2, endColumn: 14, related: ['ingress.yaml:9:11'] },
      ],
    },
    {
      name: 'namespaced issuer alone is reported once, at its value',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/issuer: letsencrypt-prod
spec:
  tls:
    - hosts: [web.lumie-infra.com]
`,
      },
      errors: [{ messageId: 'namespacedIssuer', file: 'ingress.yaml', line: 6, column: 29, endLine: 6, endColumn: 45 }],
    },
    {
      name: 'namespaced issuer beside a correct cluster-issuer',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
    cert-manager.io/issuer: my-issuer
spec:
  tls:
    - hosts: [web.lumie-infra.com]
`,
      },
      errors: [{ messageId: 'namespacedIssuer', file: 'ingress.yaml', line: 7, column: 29, endLine: 7, endColumn: 38 }],
    },
    {
      name: 'multi-document file',
      files: {
        'applications/lumie/shop/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop-a
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-customdomain
spec:
  tls:
    - hosts: [a.acme.com]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop-b
  annotations:
    cert-manager.io/cluster-issuer: "letsencrypt-prod"
spec:
  tls:
    - hosts: [b.acme.com]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: plain-http
spec:
  rules:
    - host: c.acme.com
`,
      },
      errors: [{ messageId: 'customDomainWrongIssuer', file: 'applications/lumie/shop/ingress.yaml', line: 16, column: 37, endLine: 16, endColumn: 55 }],
    },
    {
      name: 'issuer and host through YAML aliases report where the aliases are written',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  labels:
    issuer: &issuer letsencrypt-prod
  annotations:
    cert-manager.io/cluster-issuer: *issuer
spec:
  rules:
    - host: &shop shop.acme.com
  tls:
    - hosts:
        - *shop
`,
      },
      errors: [
        { messageId: 'customDomainWrongIssuer', file: 'ingress.yaml', line: 8, column: 37, endLine: 8, endColumn: 44, related: ['ingress.yaml:14:11'] },
      ],
    },
    {
      name: 'settings: a host outside the configured standard domains is custom',
      settings: { standardDomains: ['example.org'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  tls:
    - hosts: [app.lumie-infra.com]
`,
      },
      errors: [{ messageId: 'customDomainWrongIssuer', file: 'ingress.yaml', line: 6, column: 37, endLine: 6, endColumn: 53 }],
    },
    {
      name: 'options: standardIssuers restricts the standard issuers',
      options: { standardIssuers: ['letsencrypt-prod'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-staging
spec:
  tls:
    - hosts: [app.lumie-infra.com]
`,
      },
      errors: [{ messageId: 'standardDomainWrongIssuer', file: 'ingress.yaml', line: 6, column: 37, endLine: 6, endColumn: 56 }],
    },
  ],
});
