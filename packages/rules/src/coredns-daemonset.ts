import { apiGroup, defineRule, getPath, str, type K8sObject } from '@infralint/core';

/** API groups that serve `Deployment` (`extensions/v1beta1` in manifests older than Kubernetes 1.16). */
const DEPLOYMENT_GROUPS = new Set(['apps', 'extensions']);

/** CoreDNS as k3s and kubeadm name and label it. */
function isCoreDns(o: K8sObject): boolean {
  return o.name === 'coredns' || str(getPath(o.root, ['metadata', 'labels', 'k8s-app'])) === 'kube-dns';
}

/**
 * k3s ships CoreDNS as a two-replica Deployment: most nodes then send every lookup across the
 * network to a pod on another node, and a node that loses that path loses name resolution. Lumie
 * runs k3s with `--disable coredns` and ships CoreDNS as a DaemonSet from platform/coredns-config/
 * so every node answers locally (seeds/networking-overview.txt, Operational Notes). A Deployment of
 * CoreDNS in the repo is the k3s default creeping back in, or a second CoreDNS next to the DaemonSet.
 */
export default defineRule({
  id: 'coredns-daemonset',
  meta: {
    description: 'CoreDNS in `kube-system` (named `coredns` or labelled `k8s-app: kube-dns`) runs as a DaemonSet, not a Deployment.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'Change the CoreDNS workload to `kind: DaemonSet` (drop `replicas` and `strategy`, use `updateStrategy`), keep k3s started with `--disable coredns`, and delete the Deployment.',
    messages: {
      deployment:
        'CoreDNS (`{{name}}` in kube-system) is a Deployment, so most nodes resolve names through a pod on another node and lose DNS with it; make it a DaemonSet (with k3s started with `--disable coredns`) so every node answers locally.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const o of ctx.model.kubernetes.objects({ kind: 'Deployment', namespace: 'kube-system' })) {
      if (!DEPLOYMENT_GROUPS.has(apiGroup(o.apiVersion)) || !isCoreDns(o)) continue;
      ctx.report({ node: o.headerLoc, messageId: 'deployment', data: { name: o.name } });
    }
  },
});
