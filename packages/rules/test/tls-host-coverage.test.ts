import { describe, expect, it } from 'vitest';
import { lintFiles, RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/tls-host-coverage.js';

new RuleTester({ describe, it }).run('tls-host-coverage', rule, {
  valid: [
    {
      name: 'every routed host is listed in a TLS entry with a secret (two Ingresses, two files)',
      files: {
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
spec:
  ingressClassName: traefik
  tls:
    - hosts:
        - lumie-infra.com
        - www.lumie-infra.com
      secretName: lumie-infra-com-tls
  rules:
    - host: lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: lumie-web
                port:
                  number: 80
    - host: www.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: lumie-web
                port:
                  number: 80
`,
        'applications/lumie/white-label/ingress-customdomains.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: customdomain-hanbit-edu
  namespace: lumie
spec:
  ingressClassName: traefik
  tls:
    - hosts: [class.hanbit-edu.co.kr]
      secretName: class-hanbit-edu-co-kr-tls
    - hosts: ["learn.hanbit-edu.co.kr"]
      secretName: learn-hanbit-edu-co-kr-tls
  rules:
    - host: class.hanbit-edu.co.kr
    - host: learn.hanbit-edu.co.kr
`,
      },
    },
    {
      name: 'a wildcard TLS host covers names one label under it; case and a trailing dot do not matter',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: apps
spec:
  tls:
    - hosts:
        - "*.lumie-infra.com"
      secretName: wildcard-lumie-infra-com-tls
  rules:
    - host: App.Lumie-Infra.com.
    - host: admin.lumie-infra.com
    - host: "*.lumie-infra.com"
`,
      },
    },
    {
      name: 'a rule without a host, or a default backend, routes every TLS host',
      files: {
        'catch-all.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: catch-all
spec:
  tls:
    - hosts: [status.lumie-infra.com]
      secretName: status-tls
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: status
                port:
                  number: 80
`,
        'default-backend.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: default-backend
spec:
  tls:
    - hosts: [fallback.lumie-infra.com]
      secretName: fallback-tls
  defaultBackend:
    service:
      name: fallback
      port:
        number: 80
`,
      },
    },
    {
      name: 'a router on the plain-HTTP entry point only needs no TLS',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: http-redirect
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: web
spec:
  rules:
    - host: lumie-infra.com
`,
      },
    },
    {
      name: 'an Ingress under a legacy path is not checked',
      files: {
        'bootstrap/kong/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kong
spec:
  rules:
    - host: api.lumie-infra.com
`,
      },
    },
    {
      name: 'other kinds and API groups are not Ingresses',
      files: {
        'route.yaml': `apiVersion: traefik.io/v1alpha1
kind: Ingress
metadata:
  name: not-networking
spec:
  rules:
    - host: api.lumie-infra.com
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
spec:
  hostnames: [api.lumie-infra.com]
`,
      },
    },
    {
      name: 'a Traefik ACME resolver issues certificates for the routed hosts without a Secret',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: nginx-ingress
  annotations:
    traefik.ingress.kubernetes.io/router.tls: "true"
    traefik.ingress.kubernetes.io/router.tls.certresolver: le
spec:
  tls:
    - hosts:
        - example.com
  rules:
    - host: example.com
    - host: www.example.com
`,
      },
    },
    {
      name: 'option tlsEntryPoints: an entry point that is not listed is plain HTTP',
      options: { tlsEntryPoints: ['https'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: internal
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: websecure
spec:
  rules:
    - host: internal.lumie-infra.com
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a routed host missing from spec.tls, next to a covered one',
      files: {
        'applications/lumie/api/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-api
  namespace: lumie
spec:
  ingressClassName: traefik
  tls:
    - hosts:
        - api.lumie-infra.com
      secretName: api-lumie-infra-com-tls
  rules:
    - host: api.lumie-infra.com
    - host: api-v2.lumie-infra.com
`,
        'applications/lumie/admin/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-admin
  namespace: lumie
spec:
  ingressClassName: traefik
  rules:
    - host: admin.lumie-infra.com
`,
      },
      errors: [
        { messageId: 'hostNotCovered', file: 'applications/lumie/admin/ingress.yaml', line: 9, column: 13, endLine: 9, endColumn: 34 },
        { messageId: 'hostNotCovered', file: 'applications/lumie/api/ingress.yaml', line: 14, column: 13, endLine: 14, endColumn: 35 },
      ],
    },
    {
      name: 'a wildcard covers exactly one label: not the apex, not two labels deep',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: apps
spec:
  tls:
    - hosts: ["*.lumie-infra.com"]
      secretName: wildcard-tls
  rules:
    - host: lumie-infra.com
    - host: eu.api.lumie-infra.com
    - host: api.lumie-infra.com
`,
      },
      errors: [
        { messageId: 'hostNotCovered', file: 'ingress.yaml', line: 10, column: 13, endLine: 10, endColumn: 28 },
        { messageId: 'hostNotCovered', file: 'ingress.yaml', line: 11, column: 13, endLine: 11, endColumn: 35 },
      ],
    },
    {
      name: 'a TLS entry without secretName, with the TLS host as related location',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts:
        - app.lumie-infra.com
  rules:
    - host: app.lumie-infra.com
`,
      },
      errors: [{ messageId: 'missingSecret', file: 'ingress.yaml', line: 10, column: 13, endLine: 10, endColumn: 32, related: ['ingress.yaml:8:11'] }],
    },
    {
      name: 'an empty secretName counts as none; another entry with a secret covers the host',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts: [app.lumie-infra.com, docs.lumie-infra.com]
      secretName: ""
    - hosts: ["*.lumie-infra.com"]
      secretName: wildcard-tls
  rules:
    - host: docs.lumie-infra.com
    - host: app.eu.lumie-infra.com
`,
      },
      errors: [
        { messageId: 'tlsHostNotRouted', file: 'ingress.yaml', line: 7, column: 15, endLine: 7, endColumn: 34, severity: 'warning' },
        { messageId: 'hostNotCovered', file: 'ingress.yaml', line: 13, column: 13, endLine: 13, endColumn: 35 },
      ],
    },
    {
      name: 'TLS hosts that no rule routes are warnings',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts:
        - app.lumie-infra.com
        - old-app.lumie-infra.com
        - "*.preview.lumie-infra.com"
      secretName: web-tls
  rules:
    - host: app.lumie-infra.com
`,
      },
      errors: [
        { messageId: 'tlsHostNotRouted', file: 'ingress.yaml', line: 9, column: 11, endLine: 9, endColumn: 34, severity: 'warning' },
        { messageId: 'tlsHostNotRouted', file: 'ingress.yaml', line: 10, column: 11, endLine: 10, endColumn: 38, severity: 'warning' },
      ],
    },
    {
      name: 'an Ingress with TLS hosts and no rules at all routes none of them',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: cert-only
spec:
  tls:
    - hosts: [cert.lumie-infra.com]
      secretName: cert-tls
`,
      },
      errors: [{ messageId: 'tlsHostNotRouted', file: 'ingress.yaml', line: 7, column: 15, endLine: 7, endColumn: 35, severity: 'warning' }],
    },
    {
      name: 'networking.k8s.io/v1beta1 and extensions/v1beta1 Ingresses are checked too',
      files: {
        'legacy-api.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: old-web
spec:
  rules:
    - host: old.lumie-infra.com
      http:
        paths:
          - backend:
              serviceName: web
              servicePort: 80
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: older-web
spec:
  rules:
    - host: older.lumie-infra.com
`,
      },
      errors: [
        { messageId: 'hostNotCovered', file: 'legacy-api.yaml', line: 7, column: 13, endLine: 7, endColumn: 32 },
        { messageId: 'hostNotCovered', file: 'legacy-api.yaml', line: 20, column: 13, endLine: 20, endColumn: 34 },
      ],
    },
    {
      name: 'router.tls "true" on the web entry point still serves TLS',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: web
    traefik.ingress.kubernetes.io/router.tls: "true"
spec:
  rules:
    - host: app.lumie-infra.com
`,
      },
      errors: [{ messageId: 'hostNotCovered', file: 'ingress.yaml', line: 10, column: 13, endLine: 10, endColumn: 32 }],
    },
    {
      name: 'a host written through an alias is reported where the alias is written',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  labels:
    host: &host app.lumie-infra.com
spec:
  tls:
    - hosts: [other.lumie-infra.com]
      secretName: other-tls
  rules:
    - host: *host
`,
      },
      errors: [
        { messageId: 'tlsHostNotRouted', file: 'ingress.yaml', line: 9, column: 15, endLine: 9, endColumn: 36, severity: 'warning' },
        { messageId: 'hostNotCovered', file: 'ingress.yaml', line: 12, column: 13, endLine: 12, endColumn: 18 },
      ],
    },
    {
      name: 'with a Traefik ACME resolver, a TLS host that no rule routes is still a warning',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.tls.certresolver: le
spec:
  tls:
    - hosts: [old.example.com]
  rules:
    - host: example.com
`,
      },
      errors: [{ messageId: 'tlsHostNotRouted', file: 'ingress.yaml', line: 9, column: 15, endLine: 9, endColumn: 30, severity: 'warning' }],
    },
    {
      name: 'option tlsEntryPoints: a listed entry point is checked',
      options: { tlsEntryPoints: ['websecure', 'internal-https'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: internal
  annotations:
    traefik.ingress.kubernetes.io/router.entrypoints: internal-https
spec:
  rules:
    - host: internal.lumie-infra.com
`,
      },
      errors: [{ messageId: 'hostNotCovered', file: 'ingress.yaml', line: 9, column: 13, endLine: 9, endColumn: 37 }],
    },
    {
      name: 'hosts in upper case are matched case-insensitively and reported where written',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts:
        - LUMIE-INFRA.COM
    - hosts:
        - Docs.Lumie-Infra.com
      secretName: docs-tls
  rules:
    - host: lumie-infra.com
    - host: API.LUMIE-INFRA.COM
`,
      },
      errors: [
        { messageId: 'tlsHostNotRouted', file: 'ingress.yaml', line: 10, column: 11, endLine: 10, endColumn: 31, severity: 'warning', related: [] },
        { messageId: 'missingSecret', file: 'ingress.yaml', line: 13, column: 13, endLine: 13, endColumn: 28, related: ['ingress.yaml:8:11'] },
        { messageId: 'hostNotCovered', file: 'ingress.yaml', line: 14, column: 13, endLine: 14, endColumn: 32, related: [] },
      ],
    },
  ],
});

describe('tls-host-coverage messages', () => {
  it('show hosts as written, not lowercased', async () => {
    const ds = await lintFiles(rule, {
      'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts:
        - LUMIE-INFRA.COM
    - hosts:
        - Docs.Lumie-Infra.com
      secretName: docs-tls
  rules:
    - host: lumie-infra.com
    - host: API.LUMIE-INFRA.COM
`,
    });
    expect(ds.map((d) => [d.message, (d.related ?? []).map((r) => r.message)])).toEqual([
      [
        'Ingress "web" lists TLS host "Docs.Lumie-Infra.com", but none of its rules routes that host, so its certificate is never served; remove it from `spec.tls[].hosts` or add a rule for it.',
        [],
      ],
      [
        'Ingress "web" routes host "lumie-infra.com", but the `spec.tls` entry that lists it has no `secretName`, so cert-manager has nowhere to store the certificate and Traefik serves its default one; add a `secretName` to that entry.',
        ['TLS host "LUMIE-INFRA.COM" listed here, in an entry without `secretName`.'],
      ],
      [
        'Ingress "web" routes host "API.LUMIE-INFRA.COM", but no `spec.tls` entry lists it, so Traefik serves its default self-signed certificate for it; add "API.LUMIE-INFRA.COM" to `spec.tls[].hosts` with a `secretName`.',
        [],
      ],
    ]);
  });
});
