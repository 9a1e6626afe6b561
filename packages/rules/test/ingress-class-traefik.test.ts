import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/ingress-class-traefik.js';

new RuleTester({ describe, it }).run('ingress-class-traefik', rule, {
  valid: [
    {
      name: 'networking.k8s.io/v1 Ingress with ingressClassName traefik',
      files: {
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: traefik
  rules:
    - host: app.lumie-infra.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
      },
    },
    {
      name: 'networking.k8s.io/v1beta1 Ingress with ingressClassName traefik',
      files: {
        'applications/lumie/api/ingress.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: api
spec:
  ingressClassName: traefik
  backend:
    serviceName: api
    servicePort: 80
`,
      },
    },
    {
      name: 'className option',
      options: { className: 'nginx' },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
`,
      },
    },
    {
      name: 'Ingress under a legacy path is not checked',
      files: {
        'bootstrap/kong/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kong-proxy
  annotations:
    kubernetes.io/ingress.class: kong
`,
      },
    },
    {
      name: 'objects that are not networking Ingresses are ignored',
      files: {
        'applications/lumie/web/route.yaml': `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: web
---
apiVersion: example.com/v1
kind: Ingress
metadata:
  name: not-a-kubernetes-ingress
---
apiVersion: v1
kind: Service
metadata:
  name: web
`,
      },
    },
    {
      name: 'class through a YAML alias',
      files: {
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  labels:
    ingress-class: &cls traefik
spec:
  ingressClassName: *cls
`,
      },
    },
    {
      name: 'multi-document file where every Ingress is correct',
      files: {
        'applications/lumie/ingresses.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: traefik
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
spec:
  ingressClassName: traefik
`,
      },
    },
  ],
  invalid: [
    {
      name: 'missing class on networking.k8s.io/v1 reports at the kind',
      files: {
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: app.lumie-infra.com
`,
      },
      errors: [{ messageId: 'missingClass', file: 'applications/lumie/web/ingress.yaml', line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'missing class on networking.k8s.io/v1beta1',
      files: {
        'applications/lumie/api/ingress.yaml': `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: api
spec:
  backend:
    serviceName: api
    servicePort: 80
`,
      },
      errors: [{ messageId: 'missingClass', file: 'applications/lumie/api/ingress.yaml', line: 2, column: 7, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'another class reports at the value',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
`,
      },
      errors: [{ messageId: 'wrongClass', file: 'ingress.yaml', line: 6, column: 21, endLine: 6, endColumn: 26 }],
    },
    {
      name: 'deprecated annotation is reported even when it says traefik',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    kubernetes.io/ingress.class: traefik
spec:
  ingressClassName: traefik
`,
      },
      errors: [{ messageId: 'deprecatedAnnotation', file: 'ingress.yaml', line: 6, column: 34, endLine: 6, endColumn: 41 }],
    },
    {
      name: 'extensions/v1beta1 with only the annotation reports the annotation, not also a missing class',
      files: {
        'ingress.yaml': `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: legacy-api
  annotations:
    kubernetes.io/ingress.class: "nginx"
spec:
  backend:
    serviceName: api
    servicePort: 80
`,
      },
      errors: [{ messageId: 'deprecatedAnnotation', file: 'ingress.yaml', line: 6, column: 34, endLine: 6, endColumn: 41 }],
    },
    {
      name: 'annotation and another class are both reported',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    kubernetes.io/ingress.class: kong
spec:
  ingressClassName: kong
`,
      },
      errors: [
        { messageId: 'deprecatedAnnotation', file: 'ingress.yaml', line: 6, column: 34, endLine: 6, endColumn: 38 },
        { messageId: 'wrongClass', file: 'ingress.yaml', line: 8, column: 21, endLine: 8, endColumn: 25 },
      ],
    },
    {
      name: 'multi-document file reports each Ingress at its own place',
      files: {
        'applications/lumie/ingresses.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: traefik
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
spec:
  ingressClassName: 'kong'
`,
      },
      errors: [
        { messageId: 'missingClass', file: 'applications/lumie/ingresses.yaml', line: 14, column: 7, endLine: 14, endColumn: 14 },
        { messageId: 'wrongClass', file: 'applications/lumie/ingresses.yaml', line: 23, column: 21, endLine: 23, endColumn: 27 },
      ],
    },
    {
      name: 'class through a YAML alias reports at the alias',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  labels:
    ingress-class: &cls nginx
spec:
  ingressClassName: *cls
`,
      },
      errors: [{ messageId: 'wrongClass', file: 'ingress.yaml', line: 8, column: 21, endLine: 8, endColumn: 25 }],
    },
    {
      name: 'annotation merged in with a merge key reports where it is written',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    <<: &common
      kubernetes.io/ingress.class: traefik
spec:
  ingressClassName: traefik
`,
      },
      errors: [{ messageId: 'deprecatedAnnotation', file: 'ingress.yaml', line: 7, column: 36, endLine: 7, endColumn: 43 }],
    },
    {
      name: 'empty class value reports at the key',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName:
`,
      },
      errors: [{ messageId: 'wrongClass', file: 'ingress.yaml', line: 6, column: 3, endLine: 6, endColumn: 19 }],
    },
    {
      name: 'className option changes the expected class',
      options: { className: 'nginx' },
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: traefik
`,
      },
      errors: [{ messageId: 'wrongClass', file: 'ingress.yaml', line: 6, column: 21, endLine: 6, endColumn: 28 }],
    },
  ],
});
