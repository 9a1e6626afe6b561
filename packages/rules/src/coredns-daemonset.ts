import { apiGroup, defineRule, getPath, str, type K8sObject } from '@infralint/core';

/**
 * Workload kinds that can run CoreDNS other than a DaemonSet, with the API groups that serve them
 * (`extensions/v1beta1` Deployments and ReplicaSets in manifests older than Kubernetes 1.16). Each
 * of them runs CoreDNS on some nodes only; a DaemonSet is the one kind that puts it on every node.
 */
const OTHER_WORKLOADS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Deployment', new Set(['apps', 'extensions'])],
  ['StatefulSet', new Set(['apps'])],
  ['ReplicaSet', new Set(['apps', 'extensions'])],
  ['ReplicationController', new Set([''])],
  ['Pod', new Set([''])],
]);

/** CoreDNS as k3s and kubeadm name and label it. */
function isCoreDns(o: K8sObject): boolean {
  return o.name === 'coredns' || str(getPath(o.root, ['metadata', 'labels', 'k8s-app'])) === 'kube-dns';
}

/**
 * k3s ships CoreDNS as a two-replica Deployment: most nodes then send every lookup across the
 * network to a pod on another node, and a node that loses that path loses name resolution. Lumie
 * runs k3s with `--disable coredns` and ships CoreDNS as a DaemonSet from platform/coredns-config/
 * so every node answers locally (seeds/networking-overview.txt, Operational Notes). A Deployment of
 * CoreDNS in the repo is the k3s default creeping back in, or a second CoreDNS next to the
 * DaemonSet; a StatefulSet, ReplicaSet or bare Pod has the same problem under another kind.
 */
export default defineRule({
  id: 'coredns-daemonset',
  meta: {
    description:
      'CoreDNS in `kube-system` (named `coredns` or labelled `k8s-app: kube-dns`) runs as a DaemonSet, not as a Deployment, StatefulSet, ReplicaSet, ReplicationController or Pod.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'Change the CoreDNS workload to `kind: DaemonSet` (drop `replicas` and `strategy`, use `updateStrategy`), keep k3s started with `--disable coredns`, and delete the other workload.',
    messages: {
      notDaemonSet:
        'CoreDNS (`{{name}}` in kube-system) is a {{kind}}, so nothing puts a CoreDNS pod on every node: a node without one resolves names through a pod on another node and loses DNS with that path; make it a DaemonSet (with k3s started with `--disable coredns`) so every node answers locally.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const o of ctx.model.kubernetes.objects({ kind: [...OTHER_WORKLOADS.keys()], namespace: 'kube-system' })) {
      const groups = OTHER_WORKLOADS.get(o.kind);
      if (!groups || !groups.has(apiGroup(o.apiVersion)) || !isCoreDns(o)) continue;
      ctx.report({ node: o.headerLoc, messageId: 'notDaemonSet', data: { name: o.name, kind: o.kind } });
    }
  },
});
