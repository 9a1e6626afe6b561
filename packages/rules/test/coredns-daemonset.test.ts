import { describe, expect, it } from 'vitest';
import { lintFiles, RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/coredns-daemonset.js';

new RuleTester({ describe, it }).run('coredns-daemonset', rule, {
  valid: [
    {
      name: 'CoreDNS as a DaemonSet, with its Service and ConfigMap',
      files: {
        'platform/coredns-config/coredns.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: coredns
  namespace: kube-system
  labels:
    k8s-app: kube-dns
spec:
  selector:
    matchLabels:
      k8s-app: kube-dns
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      containers:
        - name: coredns
          image: rancher/mirrored-coredns-coredns:1.11.3
---
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels:
    k8s-app: kube-dns
spec:
  selector:
    k8s-app: kube-dns
  ports:
    - name: dns
      port: 53
      protocol: UDP
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: coredns
  namespace: kube-system
data:
  Corefile: |
    .:53 {
        forward . /etc/resolv.conf
    }
`,
      },
    },
    {
      name: 'a Deployment named coredns outside kube-system is some other DNS server',
      files: {
        'applications/lab/coredns.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: lab-dns
spec:
  replicas: 1
  selector:
    matchLabels:
      app: lab-dns
  template:
    metadata:
      labels:
        app: lab-dns
    spec:
      containers:
        - name: coredns
          image: coredns/coredns:1.11.3
`,
      },
    },
    {
      name: 'other kube-system Deployments, and a pod template label alone does not make CoreDNS',
      files: {
        'platform/metrics/metrics-server.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: metrics-server
  namespace: kube-system
  labels:
    k8s-app: metrics-server
spec:
  selector:
    matchLabels:
      k8s-app: metrics-server
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      containers:
        - name: metrics-server
          image: rancher/mirrored-metrics-server:v0.7.2
`,
      },
    },
    {
      name: 'CoreDNS under a legacy path is not checked',
      settings: { legacyPaths: ['bootstrap/k3s-defaults/'] },
      files: {
        'bootstrap/k3s-defaults/coredns.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
spec:
  replicas: 2
`,
      },
    },
  ],
  invalid: [
    {
      name: "k3s's default CoreDNS Deployment",
      files: {
        'platform/coredns-config/coredns.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: coredns
  namespace: kube-system
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels:
    k8s-app: kube-dns
    kubernetes.io/name: "CoreDNS"
spec:
  revisionHistoryLimit: 0
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  selector:
    matchLabels:
      k8s-app: kube-dns
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      priorityClassName: "system-cluster-critical"
      serviceAccountName: coredns
      containers:
        - name: coredns
          image: rancher/mirrored-coredns-coredns:1.11.3
`,
      },
      errors: [{ messageId: 'notDaemonSet', file: 'platform/coredns-config/coredns.yaml', line: 8, column: 7, endLine: 8, endColumn: 17 }],
    },
    {
      name: 'a Deployment labelled k8s-app: kube-dns under another name, next to the DaemonSet',
      files: {
        'platform/coredns-config/coredns.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: coredns
  namespace: kube-system
  labels:
    k8s-app: kube-dns
spec:
  selector:
    matchLabels:
      k8s-app: kube-dns
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      containers:
        - name: coredns
          image: rancher/mirrored-coredns-coredns:1.11.3
`,
        'platform/dns/dns-autoscaled.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kube-dns-extra
  namespace: kube-system
  labels: { k8s-app: kube-dns }
spec:
  replicas: 2
  selector:
    matchLabels:
      k8s-app: kube-dns
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      containers:
        - name: coredns
          image: rancher/mirrored-coredns-coredns:1.11.3
`,
      },
      errors: [{ messageId: 'notDaemonSet', file: 'platform/dns/dns-autoscaled.yaml', line: 2, column: 7, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'a StatefulSet, ReplicaSet, ReplicationController or bare Pod of CoreDNS is reported too',
      files: {
        'platform/coredns-config/coredns.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: coredns
  namespace: kube-system
spec:
  serviceName: kube-dns
  replicas: 2
  selector:
    matchLabels:
      k8s-app: kube-dns
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      containers:
        - name: coredns
          image: rancher/mirrored-coredns-coredns:1.11.3
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: coredns-5d78c9869d
  namespace: kube-system
  labels:
    k8s-app: kube-dns
spec:
  replicas: 1
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: kube-dns-v20
  namespace: kube-system
  labels:
    k8s-app: kube-dns
spec:
  replicas: 1
---
apiVersion: v1
kind: Pod
metadata:
  name: coredns
  namespace: kube-system
spec:
  containers:
    - name: coredns
      image: rancher/mirrored-coredns-coredns:1.11.3
`,
      },
      errors: [
        { messageId: 'notDaemonSet', file: 'platform/coredns-config/coredns.yaml', line: 2, column: 7, endLine: 2, endColumn: 18 },
        { messageId: 'notDaemonSet', file: 'platform/coredns-config/coredns.yaml', line: 22, column: 7, endLine: 22, endColumn: 17 },
        { messageId: 'notDaemonSet', file: 'platform/coredns-config/coredns.yaml', line: 32, column: 7, endLine: 32, endColumn: 28 },
        { messageId: 'notDaemonSet', file: 'platform/coredns-config/coredns.yaml', line: 42, column: 7, endLine: 42, endColumn: 10 },
      ],
    },
  ],
});

describe('coredns-daemonset messages', () => {
  it('names the kind the CoreDNS workload has', async () => {
    const ds = await lintFiles(rule, {
      'coredns.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: coredns\n  namespace: kube-system\n',
    });
    expect(ds.map((d) => d.message)).toEqual([
      'CoreDNS (`coredns` in kube-system) is a StatefulSet, so nothing puts a CoreDNS pod on every node: a node without one resolves names through a pod on another node and loses DNS with that path; make it a DaemonSet (with k3s started with `--disable coredns`) so every node answers locally.',
    ]);
  });
});
