import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/duplicate-object.js';

// The later definition in path order (file path, then line) is reported at its metadata.name, with
// the first definition as related location.
new RuleTester({ describe, it }).run('duplicate-object', rule, {
  valid: [
    {
      name: 'same name but another kind, namespace or API group',
      files: {
        'applications/lumie/web/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: lumie-web
  namespace: lumie
---
apiVersion: v1
kind: Service
metadata:
  name: lumie-web
  namespace: lumie
`,
        'applications/lumie-staging/web/web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: lumie-web
  namespace: lumie-staging
`,
        'applications/lumie/web/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
---
apiVersion: traefik.io/v1alpha1
kind: Ingress
metadata:
  name: lumie-web
  namespace: lumie
`,
      },
    },
    {
      name: 'sibling Kustomize overlays are separate builds; a base object and an overlay patch are one object',
      files: {
        'apps/web/base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
`,
        'apps/web/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
`,
        'apps/web/overlays/dev/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: web-dev
resources:
  - ../../base
  - config.yaml
patches:
  - path: replicas.yaml
`,
        'apps/web/overlays/dev/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
`,
        'apps/web/overlays/dev/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
`,
        'apps/web/overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: web-dev
resources:
  - ../../base
  - config.yaml
patchesStrategicMerge:
  - replicas.yaml
`,
        'apps/web/overlays/prod/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
`,
        'apps/web/overlays/prod/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
`,
      },
    },
    {
      name: 'a file next to a kustomization that does not list it is never deployed',
      files: {
        'platform/external-dns/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - rbac.yaml
`,
        'platform/external-dns/rbac.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: external-dns
`,
        'platform/external-dns/rbac-old.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: external-dns
`,
      },
    },
    {
      name: 'generateName objects get a new name on every create; legacy paths are not counted',
      files: {
        'jobs/migrate.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
---
apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
`,
        'applications/lumie/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: kong
`,
        'bootstrap/kong/namespace.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: kong
`,
      },
    },
    {
      name: 'a template Terraform renders (local_file + file/templatefile) into a manifest that is in the repo is not a second object',
      files: {
        'tf/manifests.tf': `resource "local_file" "docs" {
  for_each = fileset("\${path.module}/templates/docs", "*")
  filename = "../argocd/apps/docs/\${replace(each.value, ".tpl", "")}"
  content  = templatefile("\${path.module}/templates/docs/\${each.value}", { image = var.image })
}

resource "local_file" "crd" {
  filename = "../argocd/external-dns/crd.yaml"
  content  = file("\${path.module}/templates/external-dns/crd.yaml")
}
`,
        'tf/templates/docs/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: docs
spec:
  template:
    spec:
      containers:
        - name: docs
          image: \${image}
`,
        'tf/templates/docs/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: docs
`,
        'tf/templates/external-dns/crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: dnsendpoints.externaldns.k8s.io
`,
        'argocd/apps/docs/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: docs
spec:
  template:
    spec:
      containers:
        - name: docs
          image: ghcr.io/acme/docs:latest
`,
        'argocd/apps/docs/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: docs
`,
        'argocd/external-dns/crd.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: dnsendpoints.externaldns.k8s.io
`,
      },
    },
  ],
  invalid: [
    {
      name: 'an object deployed to two namespaces is compared with the earliest object in either of them',
      files: {
        'a/one.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns-b
`,
        'b/two.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns-a
`,
        'c/base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - three.yaml
`,
        'c/base/three.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: ns-a
`,
        'c/overlay/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ns-b
resources:
  - ../base
`,
      },
      // three.yaml goes to ns-a (its own) and ns-b (the overlay's): one.yaml, first in path order, is named.
      errors: [{ messageId: 'duplicate', file: 'c/base/three.yaml', line: 4, column: 9, endLine: 4, endColumn: 12, related: ['a/one.yaml:4:9'] }],
    },
    {
      name: 'the same Service in two files: the later path is reported, the earlier is related',
      files: {
        'applications/lumie/web/web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: lumie-web
  namespace: lumie
`,
        'applications/lumie/web-v2/service.yaml': `# Copied when web moved; the old file was never deleted.
apiVersion: v1
kind: Service
metadata:
  namespace: lumie
  name: lumie-web
`,
      },
      errors: [{ messageId: 'duplicate', file: 'applications/lumie/web/web.yaml', line: 4, column: 9, endLine: 4, endColumn: 18, related: ['applications/lumie/web-v2/service.yaml:6:9'] }],
    },
    {
      name: 'no namespace means default; cluster-scoped kinds ignore a written namespace',
      files: {
        'a.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: v1
kind: Namespace
metadata:
  name: lumie
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
`,
        'b.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
---
apiVersion: v1
kind: Namespace
metadata:
  name: lumie
  namespace: lumie
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
  namespace: cert-manager
`,
      },
      errors: [
        { messageId: 'duplicate', file: 'b.yaml', line: 4, column: 9, endLine: 4, endColumn: 17, related: ['a.yaml:4:9'] },
        { messageId: 'duplicate', file: 'b.yaml', line: 10, column: 9, endLine: 10, endColumn: 14, related: ['a.yaml:9:9'] },
        { messageId: 'duplicate', file: 'b.yaml', line: 16, column: 9, endLine: 16, endColumn: 25, related: ['a.yaml:14:9'] },
      ],
    },
    {
      name: 'three copies: the second and third are reported against the first, in one file or several',
      files: {
        'platform/coredns-config/coredns.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: coredns-custom
  namespace: kube-system
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: coredns-custom
  namespace: kube-system
`,
        'platform/coredns-config/old/coredns.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: "coredns-custom"
  namespace: kube-system
`,
      },
      errors: [
        { messageId: 'duplicate', file: 'platform/coredns-config/coredns.yaml', line: 10, column: 9, endLine: 10, endColumn: 23, related: ['platform/coredns-config/coredns.yaml:4:9'] },
        { messageId: 'duplicate', file: 'platform/coredns-config/old/coredns.yaml', line: 4, column: 9, endLine: 4, endColumn: 25, related: ['platform/coredns-config/coredns.yaml:4:9'] },
      ],
    },
    {
      name: 'an overlay that adds a resource its base already has, and a plain manifest next to a Kustomize build',
      files: {
        'apps/web/base/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - service.yaml
`,
        'apps/web/base/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
`,
        'apps/web/overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
  - service.yaml
`,
        'apps/web/overlays/prod/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
`,
        'manifests/web-service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
`,
      },
      errors: [
        { messageId: 'duplicate', file: 'apps/web/overlays/prod/service.yaml', line: 4, column: 9, endLine: 4, endColumn: 12, related: ['apps/web/base/service.yaml:4:9'] },
        { messageId: 'duplicate', file: 'manifests/web-service.yaml', line: 4, column: 9, endLine: 4, endColumn: 12, related: ['apps/web/base/service.yaml:4:9'] },
      ],
    },
    {
      name: 'a kustomization namespace overrides what two objects of one build write',
      files: {
        'apps/status/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: status
resources:
  - a.yaml
  - b.yaml
`,
        'apps/status/a.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: status-token
  namespace: default
`,
        'apps/status/b.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: status-token
  namespace: monitoring
`,
      },
      errors: [{ messageId: 'duplicate', file: 'apps/status/b.yaml', line: 4, column: 9, endLine: 4, endColumn: 21, related: ['apps/status/a.yaml:4:9'] }],
    },
    {
      name: 'a Terraform template whose rendered file is not in the repo, or a manifest Terraform applies itself, still stands for its object',
      files: {
        'tf/main.tf': `resource "local_file" "web" {
  filename = "\${path.module}/generated/web.yaml"
  content  = templatefile("\${path.module}/templates/web.yaml", {})
}

resource "kubectl_manifest" "config" {
  yaml_body = file("\${path.module}/manifests/config.yaml")
}
`,
        'tf/templates/web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
`,
        'tf/manifests/config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
`,
        'apps/web/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
`,
      },
      errors: [
        { messageId: 'duplicate', file: 'tf/manifests/config.yaml', line: 4, column: 9, endLine: 4, endColumn: 19, related: ['apps/web/service.yaml:9:9'] },
        { messageId: 'duplicate', file: 'tf/templates/web.yaml', line: 4, column: 9, endLine: 4, endColumn: 12, related: ['apps/web/service.yaml:4:9'] },
      ],
    },
  ],
});
