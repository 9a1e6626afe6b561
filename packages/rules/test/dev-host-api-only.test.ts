import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/dev-host-api-only.js';

new RuleTester({ describe, it }).run('dev-host-api-only', rule, {
  valid: [
    {
      name: '/api and /api/v1 on the dev host (networking.k8s.io/v1)',
      files: {
        'applications/lumie/dev/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev-api
spec:
  ingressClassName: traefik
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
          - path: /api/v1
            pathType: Prefix
            backend: {service: {name: api-v1, port: {number: 80}}}
`,
      },
    },
    {
      name: '/api/ on the dev host (networking.k8s.io/v1beta1)',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: dev-api
spec:
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /api/
            backend: {serviceName: api, servicePort: 80}
`,
      },
    },
    {
      name: 'other hosts may route / and have a default backend',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
  rules:
    - host: app.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
    - host: notdev.lumie-infra.com
`,
      },
    },
    {
      name: 'host-less rules on an Ingress that names the dev host nowhere are not checked',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: catch-all
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
`,
      },
    },
    {
      name: 'host-less rules and a default backend on an Ingress whose rules and TLS name only other hosts',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
  tls:
    - hosts: [app.lumie-infra.com]
      secretName: app-tls
  rules:
    - host: app.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
`,
      },
    },
    {
      name: 'host-less rules with allowed paths, and a host-less rule that routes nothing, on an Ingress that serves the dev host',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
spec:
  tls:
    - hosts: [dev.lumie-infra.com]
      secretName: dev-tls
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
    - http:
        paths:
          - path: /api/v2
            pathType: Prefix
            backend: {service: {name: api-v2, port: {number: 80}}}
    - {}
`,
      },
    },
    {
      name: 'options: another host and more prefixes',
      options: { host: 'staging.lumie-infra.com', allowedPathPrefixes: ['/api', '/graphql/'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: staging
spec:
  rules:
    - host: staging.lumie-infra.com
      http:
        paths:
          - path: /graphql
            pathType: Exact
            backend: {service: {name: gql, port: {number: 80}}}
          - path: /api/v2
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
`,
      },
    },
    {
      name: 'options: a prefix of / allows every path, a missing one included',
      options: { allowedPathPrefixes: ['/'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
spec:
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
          - pathType: ImplementationSpecific
            backend: {service: {name: web, port: {number: 80}}}
`,
      },
    },
    {
      name: 'Ingress under a legacy path is not checked',
      files: {
        'bootstrap/kong/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kong-dev
spec:
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: kong-proxy, port: {number: 80}}}
`,
      },
    },
    {
      name: 'host and paths through YAML aliases',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
  labels:
    host: &dev dev.lumie-infra.com
spec:
  rules:
    - host: *dev
      http:
        paths: &apiPaths
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
    - host: app.lumie-infra.com
      http:
        paths: *apiPaths
`,
      },
    },
  ],
  invalid: [
    {
      name: '/ and /apis on the dev host are reported, /api and /api/v1 are not',
      files: {
        'applications/lumie/dev/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
spec:
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
          - path: /apis
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
          - path: /api/v1
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
`,
      },
      errors: [
        { messageId: 'pathNotAllowed', file: 'applications/lumie/dev/ingress.yaml', line: 10, column: 19, endLine: 10, endColumn: 20 },
        { messageId: 'pathNotAllowed', file: 'applications/lumie/dev/ingress.yaml', line: 13, column: 19, endLine: 13, endColumn: 24 },
      ],
    },
    {
      name: 'another path on networking.k8s.io/v1beta1',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: dev
spec:
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /api/
            backend: {serviceName: api, servicePort: 80}
          - path: /web
            backend: {serviceName: web, servicePort: 80}
`,
      },
      errors: [{ messageId: 'pathNotAllowed', file: 'ingress.yaml', line: 12, column: 19, endLine: 12, endColumn: 23 }],
    },
    {
      name: 'a path entry without path reports at the entry',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
spec:
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - pathType: ImplementationSpecific
            backend: {service: {name: web, port: {number: 80}}}
`,
      },
      errors: [{ messageId: 'missingPath', file: 'ingress.yaml', line: 10, column: 13, endLine: 11, endColumn: 64 }],
    },
    {
      name: 'a dev host rule with no http reports at the host',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
spec:
  rules:
    - host: dev.lumie-infra.com
`,
      },
      errors: [{ messageId: 'noPaths', file: 'ingress.yaml', line: 7, column: 13, endLine: 7, endColumn: 32 }],
    },
    {
      name: 'defaultBackend on an Ingress that routes the dev host reports at the key',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
`,
      },
      errors: [{ messageId: 'defaultBackend', file: 'ingress.yaml', line: 6, column: 3, endLine: 6, endColumn: 17 }],
    },
    {
      name: 'v1beta1 spec.backend on an Ingress that routes the dev host (extensions/v1beta1)',
      files: {
        'ingress.yaml': `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: dev
spec:
  backend:
    serviceName: web
    servicePort: 80
  rules:
    - host: DEV.lumie-infra.com
      http:
        paths:
          - path: /
            backend: {serviceName: web, servicePort: 80}
`,
      },
      errors: [
        { messageId: 'defaultBackend', file: 'ingress.yaml', line: 6, column: 3, endLine: 6, endColumn: 10 },
        { messageId: 'pathNotAllowed', file: 'ingress.yaml', line: 13, column: 19, endLine: 13, endColumn: 20 },
      ],
    },
    {
      name: 'multi-document file with values through YAML anchors and aliases',
      files: {
        'applications/lumie/ingresses.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: prod
spec:
  rules:
    - host: app.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
  labels:
    host: &dev dev.lumie-infra.com
spec:
  rules:
    - host: *dev
      http:
        paths:
          - &root
            path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
          - *root
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev-bare
spec:
  rules:
    - host: &h dev.lumie-infra.com
`,
      },
      errors: [
        { messageId: 'pathNotAllowed', file: 'applications/lumie/ingresses.yaml', line: 26, column: 19, endLine: 26, endColumn: 20 },
        { messageId: 'noPaths', file: 'applications/lumie/ingresses.yaml', line: 37, column: 16, endLine: 37, endColumn: 35 },
      ],
    },
    {
      name: 'options: host and allowedPathPrefixes',
      options: { host: 'staging.lumie-infra.com', allowedPathPrefixes: ['/api', '/graphql/'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: staging
spec:
  rules:
    - host: staging.lumie-infra.com
      http:
        paths:
          - path: /graphql
            pathType: Exact
            backend: {service: {name: gql, port: {number: 80}}}
          - path: /graphqlx
            pathType: Exact
            backend: {service: {name: gql, port: {number: 80}}}
`,
      },
      errors: [{ messageId: 'pathNotAllowed', file: 'ingress.yaml', line: 13, column: 19, endLine: 13, endColumn: 28 }],
    },
    {
      name: 'a default backend on an Ingress that names the dev host only under tls',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: cert-only
spec:
  defaultBackend:
    service: {name: web, port: {number: 80}}
  tls:
    - hosts: [dev.lumie-infra.com]
      secretName: dev-tls
`,
      },
      errors: [{ messageId: 'defaultBackend', file: 'ingress.yaml', line: 6, column: 3, endLine: 6, endColumn: 17 }],
    },
    {
      name: 'v1beta1 spec.backend and host-less paths on an Ingress that names the dev host only under tls',
      files: {
        'ingress.yaml': `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: dev
spec:
  tls:
    - hosts:
        - Dev.Lumie-Infra.com.
      secretName: dev-tls
  backend:
    serviceName: web
    servicePort: 80
  rules:
    - http:
        paths:
          - path: /
            backend: {serviceName: web, servicePort: 80}
          - path: /api
            backend: {serviceName: api, servicePort: 80}
`,
      },
      errors: [
        { messageId: 'defaultBackend', file: 'ingress.yaml', line: 10, column: 3, endLine: 10, endColumn: 10 },
        { messageId: 'hostlessPathNotAllowed', file: 'ingress.yaml', line: 16, column: 19, endLine: 16, endColumn: 20 },
      ],
    },
    {
      name: 'a dev host rule plus a host-less rule: the host-less paths route the dev host too',
      files: {
        'applications/lumie/dev/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dev
spec:
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
    - http:
        paths:
          - path: /other
            pathType: Prefix
            backend: {service: {name: other, port: {number: 80}}}
          - pathType: ImplementationSpecific
            backend: {service: {name: web, port: {number: 80}}}
    - host: ""
      http:
        paths:
          - path: /api/v1
            pathType: Prefix
            backend: {service: {name: api, port: {number: 80}}}
          - path: /web
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
    - host: app.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
`,
      },
      errors: [
        { messageId: 'hostlessPathNotAllowed', file: 'applications/lumie/dev/ingress.yaml', line: 15, column: 19, endLine: 15, endColumn: 25 },
        { messageId: 'hostlessMissingPath', file: 'applications/lumie/dev/ingress.yaml', line: 18, column: 13, endLine: 19, endColumn: 64 },
        { messageId: 'hostlessPathNotAllowed', file: 'applications/lumie/dev/ingress.yaml', line: 26, column: 19, endLine: 26, endColumn: 23 },
      ],
    },
    {
      name: 'options: a host-less rule on an Ingress that serves the configured host',
      options: { host: 'staging.lumie-infra.com', allowedPathPrefixes: ['/api'] },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: staging
spec:
  tls:
    - hosts: [staging.lumie-infra.com]
      secretName: staging-tls
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
`,
      },
      errors: [{ messageId: 'hostlessPathNotAllowed', file: 'ingress.yaml', line: 12, column: 19, endLine: 12, endColumn: 20 }],
    },
  ],
});
