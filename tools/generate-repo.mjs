#!/usr/bin/env node
// Writes a lumie-infra-like repo of N apps (about 12 files per app: multi-document manifests,
// Terraform, a Helm chart and CI-workflow noise) for tests and benchmarks. Deterministic.
//   node tools/generate-repo.mjs <apps> <outDir> [--violations]
// With --violations, every 10th app carries findings (wrong ingress class, a non-/api dev path,
// a Kong annotation) so the rules have work to report.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Generate the repo; returns the number of files written. */
export function generateRepo(apps, outDir, { violations = false } = {}) {
  let count = 0;
  const write = (rel, text) => {
    const p = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    count++;
  };
  write('infralint.config.yaml', 'settings:\n  standardDomains: ["lumie-infra.com"]\n  legacyPaths: ["bootstrap/kong/"]\n');
  write(
    'provision/terraform/variables.tf',
    'variable "compartment_ocid" {\n  type = string\n}\n\nvariable "teleport_nodeport" {\n  type    = number\n  default = 30443\n}\n',
  );
  write(
    'provision/terraform/nlb_teleport_0213.tf',
    `resource "oci_core_public_ip" "teleport" {
  compartment_id = var.compartment_ocid
  lifetime       = "RESERVED"
  display_name   = "teleport-nlb-ip"

  lifecycle {
    prevent_destroy = true
  }
}

resource "oci_network_load_balancer_network_load_balancer" "teleport" {
  compartment_id = var.compartment_ocid
  display_name   = "teleport-nlb"
  subnet_id      = "ocid1.subnet.oc1..example"
  is_private     = false

  reserved_ips {
    id = oci_core_public_ip.teleport.id
  }
}

resource "oci_network_load_balancer_backend_set" "teleport" {
  name                     = "teleport-443"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  policy                   = "FIVE_TUPLE"

  health_checker {
    protocol = "TCP"
    port     = var.teleport_nodeport
  }
}

resource "oci_network_load_balancer_listener" "teleport" {
  name                     = "teleport-443"
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  default_backend_set_name = oci_network_load_balancer_backend_set.teleport.name
  port                     = 443
  protocol                 = "TCP"
}

resource "oci_network_load_balancer_backend" "teleport" {
  network_load_balancer_id = oci_network_load_balancer_network_load_balancer.teleport.id
  backend_set_name         = oci_network_load_balancer_backend_set.teleport.name
  port                     = var.teleport_nodeport
  target_id                = "ocid1.instance.oc1..worker"
}
`,
  );
  write(
    'applications/teleport/service.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: teleport\n  namespace: teleport\nspec:\n  type: NodePort\n  selector:\n    app: teleport\n  ports:\n    - name: https\n      port: 443\n      targetPort: 3080\n      nodePort: 30443\n',
  );
  for (let i = 0; i < apps; i++) {
    const app = `app-${String(i).padStart(4, '0')}`;
    const ns = `lumie-${app}`;
    const bad = violations && i % 10 === 0;
    const dir = `applications/lumie/${app}`;
    const host = `${app}.lumie-infra.com`;
    write(
      `${dir}/ingress.yaml`,
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${app}
  namespace: ${ns}
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
    traefik.ingress.kubernetes.io/router.middlewares: ${ns}-strip-api@kubernetescrd${bad ? '\n    konghq.com/strip-path: "true"' : ''}
spec:
  ingressClassName: ${bad ? 'nginx' : 'traefik'}
  tls:
    - hosts:
        - ${host}
      secretName: ${app}-tls
  rules:
    - host: ${host}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${app}
                port:
                  number: 80
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: ${app}
                port:
                  name: http
`,
    );
    write(
      `${dir}/ingress-dev.yaml`,
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${app}-dev
  namespace: ${ns}
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-staging
spec:
  ingressClassName: traefik
  tls:
    - hosts:
        - dev.lumie-infra.com
      secretName: ${app}-dev-tls
  rules:
    - host: dev.lumie-infra.com
      http:
        paths:
          - path: ${bad ? '/admin' : `/api/${app}`}
            pathType: Prefix
            backend:
              service:
                name: ${app}
                port:
                  number: 80
`,
    );
    write(
      `${dir}/service.yaml`,
      `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${app}
    app.kubernetes.io/part-of: lumie
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${app}
  ports:
    - name: http
      port: 80
      targetPort: 8080
      protocol: TCP
`,
    );
    write(
      `${dir}/deployment.yaml`,
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "search,uploads,billing"
  API_BASE_URL: https://${host}/api
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels: &labels
    app.kubernetes.io/name: ${app}
    app.kubernetes.io/part-of: lumie
spec:
  replicas: ${1 + (i % 3)}
  revisionHistoryLimit: 3
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      serviceAccountName: ${app}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: ${app}
          image: ghcr.io/lumie/${app}:1.${i % 17}.${i % 5}
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 8080
          envFrom:
            - configMapRef:
                name: ${app}-config
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: ${app}-db
                  key: url
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 15
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
`,
    );
    write(
      `${dir}/middleware.yaml`,
      `apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata:
  name: strip-api
  namespace: ${ns}
spec:
  stripPrefix:
    prefixes:
      - /api
`,
    );
    write(
      `${dir}/kustomization.yaml`,
      `apiVersion: kustomize.config.k8s.io/v1beta1
resources:
  - deployment.yaml
  - service.yaml
  - ingress.yaml
  - ingress-dev.yaml
  - middleware.yaml
namespace: ${ns}
commonLabels:
  app.kubernetes.io/managed-by: argocd
`,
    );
    write(
      `applications/cluster-bootstrap/apps/${app}.yaml`,
      `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${app}
  namespace: argocd
spec:
  project: lumie
  source:
    repoURL: https://github.com/lumie/lumie-infra.git
    targetRevision: main
    path: ${dir}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${ns}
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
`,
    );
    write(`charts/${app}/Chart.yaml`, `apiVersion: v2\nname: ${app}\ndescription: Helm chart for ${app}\ntype: application\nversion: 0.${i % 9}.0\nappVersion: "1.${i % 17}.0"\n`);
    write(
      `charts/${app}/values.yaml`,
      `replicaCount: 2\nimage:\n  repository: ghcr.io/lumie/${app}\n  tag: ""\n  pullPolicy: IfNotPresent\nservice:\n  type: ClusterIP\n  port: 80\ningress:\n  enabled: true\n  className: traefik\n  hosts:\n    - host: ${host}\n      paths:\n        - path: /\n          pathType: Prefix\nresources: {}\n`,
    );
    write(
      `charts/${app}/templates/deployment.yaml`,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "${app}.fullname" . }}
  labels:
    {{- include "${app}.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "${app}.selectorLabels" . | nindent 6 }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
`,
    );
    write(
      `provision/terraform/apps/${app}.tf`,
      `resource "oci_objectstorage_bucket" "${app.replace(/-/g, '_')}_uploads" {
  compartment_id = var.compartment_ocid
  namespace      = "lumie"
  name           = "${app}-uploads"
  access_type    = "NoPublicAccess"
  versioning     = "${i % 2 ? 'Enabled' : 'Disabled'}"

  freeform_tags = {
    app   = "${app}"
    owner = "platform"
  }
}

variable "${app.replace(/-/g, '_')}_replicas" {
  type    = number
  default = ${1 + (i % 3)}
}
`,
    );
    write(
      `.github/workflows/${app}.yaml`,
      `name: ${app}
on:
  push:
    paths:
      - "${dir}/**"
      - "charts/${app}/**"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build image
        run: docker build -t ghcr.io/lumie/${app}:\${{ github.sha }} .
      - name: Helm lint
        run: helm lint charts/${app}
`,
    );
  }
  return count;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [apps, out] = process.argv.slice(2);
  if (!apps || !out) {
    console.error('usage: node tools/generate-repo.mjs <apps> <outDir> [--violations]');
    process.exit(2);
  }
  fs.rmSync(out, { recursive: true, force: true });
  const n = generateRepo(Number(apps), out, { violations: process.argv.includes('--violations') });
  console.log(`wrote ${n} files to ${out}`);
}
