import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/middleware-ref-exists.js';

// Middlewares live beside the Ingresses that use them (applications/lumie/web/middlewares.yaml) or
// in another folder; every case is multi-file. Findings are narrowed to the offending entry of the
// annotation when the value is a one-line plain or quoted scalar.
new RuleTester({ describe, it }).run('middleware-ref-exists', rule, {
  valid: [
    {
      name: 'two entries, both resolved (traefik.io/v1alpha1)',
      files: {
        'applications/lumie/web/middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
  namespace: lumie
spec:
  headers:
    frameDeny: true
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: redirect-www
  namespace: lumie
spec:
  redirectRegex:
    regex: ^https://www\\.lumie-infra\\.com/(.*)
    replacement: https://lumie-infra.com/\${1}
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: lumie-redirect-www@kubernetescrd, lumie-secure-headers@kubernetescrd
spec:
  ingressClassName: traefik
`,
      },
    },
    {
      name: 'namespaces and names with dashes are resolved against the Middlewares that exist',
      files: {
        'applications/lumie-dev/middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: strip-api-prefix
  namespace: lumie-dev
spec:
  stripPrefix:
    prefixes: [/api]
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: dev-strip-api-prefix
  namespace: lumie
spec:
  stripPrefix:
    prefixes: [/api]
`,
        'applications/lumie-dev/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-dev
  namespace: lumie-dev
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: lumie-dev-strip-api-prefix@kubernetescrd
`,
      },
    },
    {
      name: 'traefik.containo.us/v1alpha1 Middlewares, and a Middleware without namespace is in default',
      files: {
        'middlewares.yaml': `apiVersion: traefik.containo.us/v1alpha1
kind: Middleware
metadata:
  name: compress
  namespace: lumie
spec:
  compress: {}
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: rate-limit
spec:
  rateLimit:
    average: 100
`,
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: "lumie-compress@kubernetescrd,default-rate-limit@kubernetescrd"
`,
      },
    },
    {
      name: 'entries of other providers are out of scope; empty entries are ignored',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: auth@file, ratelimit@kubernetesgateway,,
`,
      },
    },
    {
      name: 'a Middleware without metadata.namespace takes the namespace of its kustomization',
      files: {
        'apps/web/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: web
resources:
  - middleware.yaml
  - ingress.yaml
`,
        'apps/web/middleware.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
spec:
  headers:
    frameDeny: true
`,
        'apps/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: web-secure-headers@kubernetescrd
`,
      },
    },
    {
      name: 'an Ingress under a legacy path is not checked, and other kinds carry no router',
      files: {
        'bootstrap/kong/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kong
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: kong-gone@kubernetescrd
`,
        'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: nowhere-gone@kubernetescrd
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a reference to a Middleware that does not exist, narrowed to the entry (plain scalar)',
      files: {
        'applications/lumie/web/middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
  namespace: lumie
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: lumie-redirect-www@kubernetescrd, lumie-secure-headers@kubernetescrd
`,
      },
      errors: [{ messageId: 'middlewareMissing', file: 'applications/lumie/web/ingress.yaml', line: 7, column: 55, endLine: 7, endColumn: 87 }],
    },
    {
      name: 'the second entry of a double-quoted value, and of a single-quoted one',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: "lumie-secure-headers@kubernetescrd,lumie-compress@kubernetescrd"
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: 'lumie-secure-headers@kubernetescrd,  lumie-ratelimit@kubernetescrd'
`,
        'middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
  namespace: lumie
`,
      },
      errors: [
        { messageId: 'middlewareMissing', file: 'ingress.yaml', line: 7, column: 91, endLine: 7, endColumn: 119 },
        { messageId: 'middlewareMissing', file: 'ingress.yaml', line: 15, column: 93, endLine: 15, endColumn: 122 },
      ],
    },
    {
      name: 'a Middleware of that name in another namespace is named in the message, with its location',
      files: {
        'applications/lumie/web/middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
  namespace: lumie
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: default-secure-headers@kubernetescrd
`,
        'applications/lumie/api/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-api
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: secure-headers@kubernetescrd
`,
      },
      errors: [
        { messageId: 'middlewareInOtherNamespace', file: 'applications/lumie/api/ingress.yaml', line: 7, column: 55, endLine: 7, endColumn: 83, related: ['applications/lumie/web/middlewares.yaml:2:7'] },
        { messageId: 'middlewareInOtherNamespace', file: 'applications/lumie/web/ingress.yaml', line: 7, column: 55, endLine: 7, endColumn: 91, related: ['applications/lumie/web/middlewares.yaml:2:7'] },
      ],
    },
    {
      name: 'of several Middlewares of that name, the one in the Ingress namespace is suggested',
      files: {
        'a/middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
  namespace: lumie
`,
        'b/middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
  namespace: monitoring
`,
        'b/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: grafana
  namespace: monitoring
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: secure-headers@kubernetescrd
`,
      },
      errors: [{ messageId: 'middlewareInOtherNamespace', file: 'b/ingress.yaml', line: 7, column: 55, endLine: 7, endColumn: 83, related: ['b/middlewares.yaml:2:7'] }],
    },
    {
      name: 'entries not of the form <namespace>-<name>@kubernetescrd',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: lumie-secure-headers, compress@kubernetescrd, -x@kubernetescrd
`,
      },
      errors: [
        { messageId: 'malformedEntry', file: 'ingress.yaml', line: 6, column: 55, endLine: 6, endColumn: 75 },
        { messageId: 'malformedEntry', file: 'ingress.yaml', line: 6, column: 77, endLine: 6, endColumn: 99 },
        { messageId: 'malformedEntry', file: 'ingress.yaml', line: 6, column: 101, endLine: 6, endColumn: 117 },
      ],
    },
    {
      name: 'a value on several lines, or written through an alias, is reported as a whole',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: >-
      lumie-secure-headers@kubernetescrd,
      lumie-gone@kubernetescrd
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: lumie
  labels:
    mw: &mw lumie-gone@kubernetescrd
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: *mw
`,
        'middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: secure-headers
  namespace: lumie
`,
      },
      errors: [
        { messageId: 'middlewareMissing', file: 'ingress.yaml', line: 7, column: 55, endLine: 9, endColumn: 31 },
        { messageId: 'middlewareMissing', file: 'ingress.yaml', line: 19, column: 55, endLine: 19, endColumn: 58 },
      ],
    },
    {
      name: 'a Middleware of another kind or API group does not count',
      files: {
        'middlewares.yaml': `apiVersion: traefik.io/v1alpha1
kind: MiddlewareTCP
metadata:
  name: ip-allowlist
  namespace: lumie
---
apiVersion: example.com/v1
kind: Middleware
metadata:
  name: ip-allowlist
  namespace: lumie
`,
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  namespace: lumie
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: lumie-ip-allowlist@kubernetescrd
`,
      },
      errors: [{ messageId: 'middlewareMissing', file: 'ingress.yaml', line: 7, column: 55, endLine: 7, endColumn: 87 }],
    },
  ],
});
