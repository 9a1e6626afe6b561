import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/no-live-kong.js';

new RuleTester({ describe, it }).run('no-live-kong', rule, {
  valid: [
    {
      name: 'Traefik ingress, Traefik annotations and namespaces',
      files: {
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/router.middlewares: web-strip-api@kubernetescrd
    notkonghq.com/comment: not a Kong annotation
spec:
  ingressClassName: traefik
---
apiVersion: v1
kind: Namespace
metadata:
  name: traefik
`,
      },
    },
    {
      name: 'Kong objects inside bootstrap/kong/ are legacy and not checked',
      files: {
        'bootstrap/kong/plugins.yaml': `apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata:
  name: rate-limit
plugin: rate-limiting
---
apiVersion: v1
kind: Namespace
metadata:
  name: kong
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kong-proxy
  annotations:
    konghq.com/strip-path: "true"
spec:
  ingressClassName: kong
`,
        'bootstrap/kong/app.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: kong
spec:
  source:
    repoURL: https://charts.konghq.com
    chart: kong
  destination:
    namespace: kong
`,
        'bootstrap/kong/main.tf': `resource "helm_release" "kong" {
  name       = "kong"
  repository = "https://charts.konghq.com"
  chart      = "kong"
}
`,
      },
    },
    {
      name: 'Argo CD Applications of live paths and other charts (source and sources)',
      files: {
        'applications/cluster-bootstrap/apps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web
  namespace: argocd
spec:
  source:
    repoURL: https://github.com/lumie/lumie-infra.git
    path: applications/lumie/web
  destination:
    namespace: lumie
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: edge
  namespace: argocd
spec:
  sources:
    - repoURL: https://github.com/lumie/lumie-infra.git
      path: bootstrap/kongress
    - repoURL: https://traefik.github.io/charts
      chart: traefik
      targetRevision: 34.0.0
  destination:
    namespace: edge
`,
      },
    },
    {
      name: 'Helm releases of other charts, and a Kong release with count = 0',
      files: {
        'platform/helm.tf': `resource "helm_release" "cert_manager" {
  name       = "cert-manager"
  repository = "https://charts.jetstack.io"
  chart      = "cert-manager"
}

resource "helm_release" "kong" {
  count      = 0
  name       = "kong"
  repository = "https://charts.konghq.com"
  chart      = "kong"
}

resource "helm_release" "traefik" {
  name  = "traefik"
  chart = "traefik/traefik"
}

resource "helm_release" "nginx" {
  name  = "ingress-nginx"
  chart = "ingress-nginx/ingress-nginx"
}

resource "helm_release" "kong_named_repo" {
  name  = "monitoring"
  chart = "kongregate/ingress"
}
`,
      },
    },
    {
      name: 'settings: with other legacy paths, bootstrap/kong is not a legacy source path',
      settings: { legacyPaths: ['attic/'] },
      files: {
        'apps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: thing
spec:
  source:
    path: bootstrap/kong
`,
      },
    },
  ],
  invalid: [
    {
      name: 'ingressClassName kong reports at the value',
      files: {
        'applications/lumie/api/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
spec:
  ingressClassName: kong
`,
      },
      errors: [{ messageId: 'kongIngressClass', file: 'applications/lumie/api/ingress.yaml', line: 6, column: 21, endLine: 6, endColumn: 25 }],
    },
    {
      name: 'kong class annotation and konghq.com annotations (extensions/v1beta1)',
      files: {
        'ingress.yaml': `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: api
  annotations:
    kubernetes.io/ingress.class: kong
    konghq.com/strip-path: "true"
    plugins.konghq.com: rate-limit
spec:
  backend:
    serviceName: api
    servicePort: 80
`,
      },
      errors: [
        { messageId: 'kongIngressClass', file: 'ingress.yaml', line: 6, column: 34, endLine: 6, endColumn: 38 },
        { messageId: 'kongAnnotation', file: 'ingress.yaml', line: 7, column: 5, endLine: 7, endColumn: 26 },
        { messageId: 'kongAnnotation', file: 'ingress.yaml', line: 8, column: 5, endLine: 8, endColumn: 23 },
      ],
    },
    {
      name: 'Kong resources outside bootstrap/kong/ in a multi-document file; the same inside is not reported',
      files: {
        'applications/lumie/api/kong.yaml': `apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata:
  name: rate-limit
  annotations:
    konghq.com/tags: api
plugin: rate-limiting
---
apiVersion: v1
kind: Service
metadata:
  name: api
  annotations:
    konghq.com/override: api
spec:
  ports: [{port: 80}]
---
apiVersion: configuration.konghq.com/v1beta1
kind: KongUpstreamPolicy
metadata:
  name: api
`,
        'bootstrap/kong/plugins.yaml': `apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata:
  name: rate-limit
plugin: rate-limiting
`,
      },
      errors: [
        { messageId: 'kongResource', file: 'applications/lumie/api/kong.yaml', line: 2, column: 7, endLine: 2, endColumn: 17 },
        { messageId: 'kongAnnotation', file: 'applications/lumie/api/kong.yaml', line: 14, column: 5, endLine: 14, endColumn: 24 },
        { messageId: 'kongResource', file: 'applications/lumie/api/kong.yaml', line: 19, column: 7, endLine: 19, endColumn: 25 },
      ],
    },
    {
      name: 'a CustomResourceDefinition of a Kong API group reports at the kind, not also its Kong annotations',
      files: {
        'platform/crds.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: kongplugins.configuration.konghq.com
  annotations:
    kubernetes-configuration.konghq.com/channels: ingress-controller
spec:
  group: configuration.konghq.com
  names: {kind: KongPlugin, plural: kongplugins}
  scope: Namespaced
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: middlewares.traefik.io
spec:
  group: traefik.io
  names: {kind: Middleware, plural: middlewares}
  scope: Namespaced
`,
      },
      errors: [{ messageId: 'kongResource', file: 'platform/crds.yaml', line: 2, column: 7, endLine: 2, endColumn: 31 }],
    },
    {
      name: 'a Namespace named kong reports at the name',
      files: {
        'platform/namespaces.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: kong
`,
      },
      errors: [{ messageId: 'kongNamespace', file: 'platform/namespaces.yaml', line: 4, column: 9, endLine: 4, endColumn: 13 }],
    },
    {
      name: 'IngressClass served by the Kong controller',
      files: {
        'platform/ingress-class.yaml': `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: kong
spec:
  controller: ingress-controllers.konghq.com/kong
`,
      },
      errors: [{ messageId: 'kongIngressClassObject', file: 'platform/ingress-class.yaml', line: 6, column: 15, endLine: 6, endColumn: 50 }],
    },
    {
      name: 'Argo CD Application whose source path is the legacy path, into the kong namespace',
      files: {
        'applications/cluster-bootstrap/kong.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: kong
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/lumie/lumie-infra.git
    targetRevision: main
    path: bootstrap/kong
  destination:
    server: https://kubernetes.default.svc
    namespace: kong
`,
      },
      errors: [
        { messageId: 'legacySourcePath', file: 'applications/cluster-bootstrap/kong.yaml', line: 11, column: 11, endLine: 11, endColumn: 25 },
        { messageId: 'kongDestinationNamespace', file: 'applications/cluster-bootstrap/kong.yaml', line: 14, column: 16, endLine: 14, endColumn: 20 },
      ],
    },
    {
      name: 'Argo CD Application with sources: a legacy sub-path and the Kong chart',
      files: {
        'applications/cluster-bootstrap/edge.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: edge
  namespace: argocd
spec:
  project: default
  sources:
    - repoURL: https://github.com/lumie/lumie-infra.git
      targetRevision: main
      path: applications/lumie/web
    - repoURL: https://github.com/lumie/lumie-infra.git
      targetRevision: main
      path: ./bootstrap/kong/plugins
    - repoURL: https://charts.konghq.com
      chart: kong
      targetRevision: 2.38.0
  destination:
    server: https://kubernetes.default.svc
    namespace: edge
`,
      },
      errors: [
        { messageId: 'legacySourcePath', file: 'applications/cluster-bootstrap/edge.yaml', line: 14, column: 13, endLine: 14, endColumn: 37 },
        { messageId: 'kongChart', file: 'applications/cluster-bootstrap/edge.yaml', line: 16, column: 14, endLine: 16, endColumn: 18 },
      ],
    },
    {
      name: 'Argo CD Application of the ingress chart from charts.konghq.com',
      files: {
        'apps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: gateway
spec:
  source:
    repoURL: https://charts.konghq.com
    chart: ingress
    targetRevision: 0.14.0
  destination:
    namespace: gateway
`,
      },
      errors: [{ messageId: 'kongChart', file: 'apps.yaml', line: 8, column: 12, endLine: 8, endColumn: 19 }],
    },
    {
      name: 'ApplicationSet template source in the legacy path',
      files: {
        'appsets.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: edge
spec:
  generators:
    - list:
        elements: [{cluster: dev}]
  template:
    metadata:
      name: edge
    spec:
      project: default
      source:
        repoURL: https://github.com/lumie/lumie-infra.git
        path: bootstrap/kong
      destination:
        server: https://kubernetes.default.svc
        namespace: edge
`,
      },
      errors: [{ messageId: 'legacySourcePath', file: 'appsets.yaml', line: 16, column: 15, endLine: 16, endColumn: 29 }],
    },
    {
      name: 'kong class through YAML aliases reports at each alias',
      files: {
        'ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  labels:
    controller: &ctl kong
  annotations:
    kubernetes.io/ingress.class: *ctl
spec:
  ingressClassName: *ctl
`,
      },
      errors: [
        { messageId: 'kongIngressClass', file: 'ingress.yaml', line: 8, column: 34, endLine: 8, endColumn: 38 },
        { messageId: 'kongIngressClass', file: 'ingress.yaml', line: 10, column: 21, endLine: 10, endColumn: 25 },
      ],
    },
    {
      name: 'Terraform helm_release of the Kong chart reports at the chart expression',
      files: {
        'provision/terraform/kong.tf': `resource "helm_release" "kong" {
  name       = "kong"
  repository = "https://charts.konghq.com"
  chart      = "kong"
  namespace  = "kong"
}
`,
      },
      errors: [{ messageId: 'kongHelmRelease', file: 'provision/terraform/kong.tf', line: 4, column: 16, endLine: 4, endColumn: 22 }],
    },
    {
      name: 'Terraform chart and repository resolved through a variable and a local',
      files: {
        'provision/terraform/edge.tf': `variable "ingress_chart" {
  default = "kong"
}

locals {
  kong_repo = "https://charts.konghq.com"
}

resource "helm_release" "edge" {
  name  = "edge"
  chart = var.ingress_chart
}

resource "helm_release" "gateway" {
  name       = "gateway"
  repository = local.kong_repo
  chart      = "ingress"
}
`,
      },
      errors: [
        { messageId: 'kongHelmRelease', file: 'provision/terraform/edge.tf', line: 11, column: 11, endLine: 11, endColumn: 28 },
        { messageId: 'kongHelmRelease', file: 'provision/terraform/edge.tf', line: 17, column: 16, endLine: 17, endColumn: 25 },
      ],
    },
    {
      name: 'Terraform kubernetes_namespace named kong',
      files: {
        'provision/terraform/ns.tf': `resource "kubernetes_namespace" "kong" {
  metadata {
    name = "kong"
  }
}
`,
      },
      errors: [{ messageId: 'kongTerraformNamespace', file: 'provision/terraform/ns.tf', line: 3, column: 12, endLine: 3, endColumn: 18 }],
    },
    {
      name: 'Terraform helm_release of Kong charts in the <repo>/<chart> form (repo alias kong)',
      files: {
        'provision/terraform/ingress.tf': `resource "helm_release" "kong_ingress" {
  name      = "kong-ingress"
  chart     = "kong/ingress"
  namespace = "ingress"
}

resource "helm_release" "kong_gateway" {
  name    = "gateway"
  chart   = "kong/kong"
  version = "2.38.0"
}
`,
      },
      errors: [
        { messageId: 'kongHelmRelease', file: 'provision/terraform/ingress.tf', line: 3, column: 15, endLine: 3, endColumn: 29 },
        { messageId: 'kongHelmRelease', file: 'provision/terraform/ingress.tf', line: 9, column: 13, endLine: 9, endColumn: 24 },
      ],
    },
    {
      name: 'Argo CD Application of chart kong/ingress (repo-alias form)',
      files: {
        'apps.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: gateway
spec:
  source:
    repoURL: https://example.com/helm-mirror
    chart: kong/ingress
    targetRevision: 0.14.0
  destination:
    namespace: gateway
`,
      },
      errors: [{ messageId: 'kongChart', file: 'apps.yaml', line: 8, column: 12, endLine: 8, endColumn: 24 }],
    },
  ],
});
