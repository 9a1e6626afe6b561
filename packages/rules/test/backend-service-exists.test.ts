import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/backend-service-exists.js';

// Services live in their workload files (applications/lumie/<app>/<app>.yaml), Ingresses beside
// them in ingress.yaml: every case is multi-file.
new RuleTester({ describe, it }).run('backend-service-exists', rule, {
  valid: [
    {
      name: 'a v1 backend by port number and one by port name, Services in another file',
      files: {
        'applications/lumie/web/web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: lumie-web
  namespace: lumie
spec:
  selector:
    app.kubernetes.io/name: lumie-web
  ports:
    - name: http
      port: 80
      targetPort: http
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
spec:
  ingressClassName: traefik
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
          - path: /static
            pathType: Prefix
            backend:
              service:
                name: lumie-web
                port:
                  name: http
`,
      },
    },
    {
      name: 'v1beta1 serviceName/servicePort (number, name, digits in a string) and a default backend',
      files: {
        'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: legacy-web
  namespace: lumie
spec:
  ports:
    - name: http
      port: 8080
`,
        'ingress.yaml': `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: legacy-web
  namespace: lumie
spec:
  backend:
    serviceName: legacy-web
    servicePort: http
  rules:
    - host: legacy.lumie-infra.com
      http:
        paths:
          - path: /
            backend:
              serviceName: legacy-web
              servicePort: 8080
          - path: /old
            backend:
              serviceName: legacy-web
              servicePort: "8080"
`,
      },
    },
    {
      name: 'resource backends are skipped; an ExternalName Service exists whatever its ports',
      files: {
        'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: docs-upstream
  namespace: lumie
spec:
  type: ExternalName
  externalName: docs.example-hosting.net
`,
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: docs
  namespace: lumie
spec:
  defaultBackend:
    resource:
      apiGroup: k8s.example.com
      kind: StorageBucket
      name: static-assets
  rules:
    - host: docs.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: docs-upstream
                port:
                  number: 443
`,
      },
    },
    {
      name: 'no namespace written means default, on both sides',
      files: {
        'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: whoami
spec:
  ports:
    - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: echo
  namespace: default
spec:
  ports:
    - port: 8080
`,
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: whoami
spec:
  rules:
    - http:
        paths:
          - path: /whoami
            pathType: Prefix
            backend:
              service:
                name: whoami
                port:
                  number: 80
          - path: /echo
            pathType: Prefix
            backend:
              service:
                name: echo
                port:
                  number: 8080
`,
      },
    },
    {
      name: 'a kustomization namespace applies to objects that do not write one',
      files: {
        'apps/status/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: status
resources:
  - service.yaml
  - ingress.yaml
`,
        'apps/status/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: status-page
spec:
  ports:
    - port: 80
`,
        'apps/status/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: status-page
  namespace: status
spec:
  defaultBackend:
    service:
      name: status-page
      port:
        number: 80
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
  namespace: kong
spec:
  defaultBackend:
    service:
      name: kong-proxy
      port:
        number: 80
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a backend names a Service that does not exist',
      files: {
        'applications/lumie/api/api.yaml': `apiVersion: v1
kind: Service
metadata:
  name: lumie-api
  namespace: lumie
spec:
  ports:
    - name: http
      port: 8080
`,
        'applications/lumie/api/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-api
  namespace: lumie
spec:
  ingressClassName: traefik
  rules:
    - host: api.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: lumie-apis
                port:
                  number: 8080
`,
      },
      errors: [{ messageId: 'serviceMissing', file: 'applications/lumie/api/ingress.yaml', line: 16, column: 23, endLine: 16, endColumn: 33 }],
    },
    {
      name: 'the Service exists only in another namespace (an Ingress without namespace is in default)',
      files: {
        'applications/lumie/web/web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: lumie-web
  namespace: lumie
spec:
  ports:
    - port: 80
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
spec:
  defaultBackend:
    service:
      name: lumie-web
      port:
        number: 80
`,
      },
      errors: [{ messageId: 'serviceInOtherNamespace', file: 'applications/lumie/web/ingress.yaml', line: 8, column: 13, endLine: 8, endColumn: 22, related: ['applications/lumie/web/web.yaml:2:7'] }],
    },
    {
      name: 'the Service does not expose the port number or the port name, with the Service as related location',
      files: {
        'applications/lumie/admin/admin.yaml': `apiVersion: v1
kind: Service
metadata:
  name: lumie-admin
  namespace: lumie
spec:
  ports:
    - name: http
      port: 80
      targetPort: 3000
`,
        'applications/lumie/admin/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-admin
  namespace: lumie
spec:
  rules:
    - host: admin.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: lumie-admin
                port:
                  number: 3000
          - path: /metrics
            pathType: Prefix
            backend:
              service:
                name: lumie-admin
                port:
                  name: metrics
`,
      },
      errors: [
        { messageId: 'portNotExposed', file: 'applications/lumie/admin/ingress.yaml', line: 17, column: 27, endLine: 17, endColumn: 31, related: ['applications/lumie/admin/admin.yaml:2:7'] },
        { messageId: 'portNotExposed', file: 'applications/lumie/admin/ingress.yaml', line: 24, column: 25, endLine: 24, endColumn: 32, related: ['applications/lumie/admin/admin.yaml:2:7'] },
      ],
    },
    {
      name: 'v1beta1 servicePort not exposed and a default backend to a missing Service',
      files: {
        'svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: legacy-web
spec:
  ports:
    - name: http
      port: 8080
`,
        'ingress.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: legacy-web
spec:
  backend:
    serviceName: default-http-backend
    servicePort: 80
  rules:
    - host: legacy.lumie-infra.com
      http:
        paths:
          - path: /
            backend:
              serviceName: legacy-web
              servicePort: 80
`,
      },
      errors: [
        { messageId: 'serviceMissing', file: 'ingress.yaml', line: 7, column: 18, endLine: 7, endColumn: 38 },
        { messageId: 'portNotExposed', file: 'ingress.yaml', line: 16, column: 28, endLine: 16, endColumn: 30 },
      ],
    },
    {
      name: 'kinds that are not a core Service do not count',
      files: {
        'svc.yaml': `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
  namespace: lumie
`,
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: hello
  namespace: lumie
spec:
  defaultBackend:
    service:
      name: hello
      port:
        number: 80
`,
      },
      errors: [{ messageId: 'serviceMissing', file: 'ingress.yaml', line: 9, column: 13, endLine: 9, endColumn: 18 }],
    },
  ],
});
