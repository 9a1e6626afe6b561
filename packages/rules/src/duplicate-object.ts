import { posix } from 'node:path';
import { apiGroup, defineRule, get, str, type HclExpr, type K8sObject, type Model } from '@infralint/core';
import { nameLoc, onceReporter } from './utils/ingress.js';
import { KUSTOMIZE_GROUP, isUnlisted, kustomizeIndex, namespacesOf, sameBuild } from './utils/kustomize.js';

/**
 * Built-in kinds that are cluster-scoped, by `group/kind` (`''` is the core group): they have no
 * namespace, so `metadata.namespace` written on one is ignored by the API server and does not
 * make two of them different objects.
 */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'networking.k8s.io/IngressClass',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'policy/PodSecurityPolicy',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'gateway.networking.k8s.io/GatewayClass',
  'cert-manager.io/ClusterIssuer',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
]);

/** The one "namespace" of a cluster-scoped object. */
const CLUSTER = [''];

/** The identity the API server keys an object by, or undefined for objects this rule does not compare. */
function identity(obj: K8sObject, namespaces: string[]): { key: string; namespaces: string[] } | undefined {
  // generateName objects get a fresh name on every apply; `obj.name` falls back to generateName, but
  // `nameLoc` is set only when `metadata.name` itself is a string.
  // (Asked with `in`: a cached object makes its nameLoc only when it is read.)
  const name = 'nameLoc' in obj ? obj.name.trim() : undefined;
  if (name === undefined || name === '') return undefined;
  const group = apiGroup(obj.apiVersion);
  if (group === KUSTOMIZE_GROUP) return undefined;
  const groupKind = `${group}/${obj.kind}`;
  return { key: `${groupKind}/${name}`, namespaces: CLUSTER_SCOPED.has(groupKind) ? CLUSTER : namespaces };
}

/** An object kept for comparison, with its namespaces and its place in path order. */
interface Kept {
  obj: K8sObject;
  namespaces: string[];
  order: number;
}

/** A path Terraform names: an exact file, or (when its last segment is computed) the files of a folder whose name starts with `prefix`. */
type PathPattern = { exact: string } | { dir: string; prefix: string };

/**
 * The repo-relative path an HCL path expression names, read from the `.tf` file's folder
 * (`path.module`): literal text, `path.module`/`path.root`/`path.cwd`, and whatever resolves
 * statically. A value computed only in the last segment (`"${path.module}/tpl/${each.value}"`)
 * gives a folder pattern; anything else computed, an absolute path or a path that leaves the repo,
 * gives undefined.
 */
function pathPattern(model: Model, expr: HclExpr | undefined, moduleDir: string): PathPattern | undefined {
  if (expr === undefined) return undefined;
  const parts: (string | HclExpr)[] = expr.kind === 'literal' ? [String(expr.value)] : expr.kind === 'template' && !expr.directives ? expr.parts : [];
  if (parts.length === 0) return undefined;
  let text = '';
  let computed = false;
  let rooted = false;
  for (const part of parts) {
    if (computed) {
      // Only the file name may be computed: a later literal `/` would put it in unknown folders.
      if (typeof part === 'string' && part.includes('/')) return undefined;
      continue;
    }
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (text === '' && part.kind === 'traversal' && part.root === 'path' && part.steps.length === 1) {
      text = moduleDir === '' ? '.' : moduleDir;
      rooted = true;
      continue;
    }
    const v = model.terraform.resolve(part);
    if (typeof v === 'string') text += v;
    else computed = true;
  }
  if (text.startsWith('/')) return undefined;
  const joined = rooted ? text : posix.join(moduleDir, text);
  const slash = joined.lastIndexOf('/');
  const dirPart = posix.normalize(slash < 0 ? '.' : joined.slice(0, slash));
  if (dirPart === '..' || dirPart.startsWith('../')) return undefined;
  const dir = dirPart === '.' ? '' : dirPart;
  const name = joined.slice(slash + 1);
  if (computed) return { dir, prefix: name };
  if (name === '' || name === '.' || name === '..') return undefined;
  return { exact: dir === '' ? name : `${dir}/${name}` };
}

function matches(p: PathPattern, file: string): boolean {
  if ('exact' in p) return file === p.exact;
  const slash = file.lastIndexOf('/');
  return (slash < 0 ? '' : file.slice(0, slash)) === p.dir && file.slice(slash + 1).startsWith(p.prefix);
}

/**
 * Template sources Terraform renders into manifests that are themselves in the repo: a
 * `local_file` (or `local_sensitive_file`) whose `content` is `file(P)` or `templatefile(P, ...)`
 * and whose `filename` is a file the repo holds. The source is text for Terraform to render, not
 * something applied: its objects are the rendered file's objects, and those are compared in their
 * own right. A source whose output is not in the repo (gitignored, or written elsewhere) still stands
 * for its objects and is compared.
 */
function renderedTemplates(model: Model): (file: string) => boolean {
  const sources: PathPattern[] = [];
  for (const type of ['local_file', 'local_sensitive_file']) {
    for (const block of model.terraform.resources(type)) {
      const file = block.file;
      const moduleDir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      const content = model.terraform.attr(block, 'content')?.expr;
      if (content?.kind !== 'call' || (content.name !== 'file' && content.name !== 'templatefile')) continue;
      const source = pathPattern(model, content.args[0], moduleDir);
      const output = pathPattern(model, model.terraform.attr(block, 'filename')?.expr, moduleDir);
      if (source === undefined || output === undefined) continue;
      if (!model.files.some((f) => matches(output, f.path))) continue;
      sources.push(source);
    }
  }
  return (file) => sources.some((s) => matches(s, file));
}

/**
 * Two manifests for one object fight: Argo CD reports the object as shared and syncs it back and
 * forth, `kubectl apply` keeps whichever came last, and kustomize refuses to build. Usually a copy
 * was made when moving a manifest and the old one was never deleted.
 */
export default defineRule({
  id: 'duplicate-object',
  meta: {
    description:
      'No two Kubernetes objects in the repo have the same API group, kind, namespace and name, except in separate Kustomize builds (such as sibling overlays).',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'Delete one of the two manifests, or rename or re-namespace one object; for per-cluster variants, put each in its own Kustomize overlay.',
    messages: {
      duplicate:
        '{{kind}} "{{object}}" is already defined in {{file}}:{{line}} ({{group}}, {{scope}}); two manifests for one object overwrite each other on every sync. Delete one, or rename it.',
      firstDefinition: 'First definition of {{kind}} "{{object}}".',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const report = onceReporter(ctx);
    const index = kustomizeIndex(ctx.model);
    const isTemplate = renderedTemplates(ctx.model);
    // The objects kept so far, by identity and one of their namespaces, in the order they came: an
    // object is compared only with those sharing a namespace, not with every object of its name
    // (a Middleware named `strip-api` in each of 1,000 namespaces is 1,000 lookups, not 500,000).
    const seen = new Map<string, Kept[]>();
    let order = 0;
    // objects() is in path order: file path, then document (so line) order.
    for (const obj of ctx.model.kubernetes.objects()) {
      if (index.nonResources.has(obj.file) || isUnlisted(index, obj.file) || isTemplate(obj.file)) continue;
      const id = identity(obj, namespacesOf(index, obj));
      if (id === undefined) continue;
      let first: Kept | undefined;
      for (const ns of id.namespaces) {
        for (const e of seen.get(`${id.key}\n${ns}`) ?? []) {
          if (first !== undefined && e.order > first.order) break;
          if (sameBuild(index, e.obj.file, obj.file)) {
            first = e;
            break;
          }
        }
      }
      if (first === undefined) {
        const kept: Kept = { obj, namespaces: id.namespaces, order: order++ };
        for (const ns of id.namespaces) {
          const key = `${id.key}\n${ns}`;
          const list = seen.get(key);
          if (list) list.push(kept);
          else seen.set(key, [kept]);
        }
        continue;
      }
      const ns = first.namespaces.find((n) => id.namespaces.includes(n)) ?? '';
      const group = apiGroup(obj.apiVersion);
      const data = { kind: obj.kind, object: obj.name };
      report({
        node: nameLoc(obj),
        messageId: 'duplicate',
        data: {
          ...data,
          file: first.obj.file,
          line: nameLoc(first.obj).start.line,
          group: group === '' ? 'core API group' : `API group ${group}`,
          scope: ns === '' ? 'cluster-scoped' : `namespace ${ns}`,
        },
        related: [{ node: nameLoc(first.obj), messageId: 'firstDefinition', data }],
      });
    }
  },
});
