import { k8sObjectOf } from '../parsers/yaml.js';
import { k8sObjectOfPacked } from './pack.js';
import { factStore, type Fact, type FactStore } from './facts.js';
import { buildTerraformModel, type TerraformModel } from './terraform.js';
import type { K8sObject, ParsedFile, YamlDocument } from './types.js';

/** A query over Kubernetes objects; every given field must match. */
export interface K8sQuery {
  /** `kind`, exact. */
  kind?: string | readonly string[];
  /** API group (`networking.k8s.io`; `''` for the core group). */
  group?: string;
  /** `metadata.namespace` as written (undefined matches any). */
  namespace?: string;
  /** `metadata.name`. */
  name?: string;
}

/** The Kubernetes side of the model. */
export interface KubernetesModel {
  /** Objects matching the query, in path order (file, then document index). */
  objects(query?: K8sQuery): K8sObject[];
}

/** A non-Kubernetes YAML document (Helm values, kustomization, CI workflow). */
export interface PlainYamlDocument {
  /** Repo-relative file. */
  file: string;
  /** The document. */
  doc: YamlDocument;
}

/** One object for the whole repo, built once per run; rules query it. */
export interface Model {
  /** Absolute path of the repo root. */
  root: string;
  /** Every parsed file, in path order. */
  files: readonly ParsedFile[];
  /** Kubernetes objects. */
  kubernetes: KubernetesModel;
  /** Terraform blocks, resources and static evaluation. */
  terraform: TerraformModel;
  /** YAML documents that are not Kubernetes objects. */
  yamlDocuments: readonly PlainYamlDocument[];
  /** Markdown files (path and text), for docs rules. */
  markdown: readonly { file: string; text: string }[];
  /** Values derived from one document each, shared by the rules and kept in the parse cache. */
  facts: FactStore;
}

/** API group of an apiVersion (`apps/v1` → `apps`, `v1` → `''`). */
export function apiGroup(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/**
 * Build the model from parsed files (sorted by path here, so every index is in path order).
 * `cachedFacts` are the facts read from and kept for the parse cache (see model/facts.ts).
 */
export function buildModel(root: string, parsed: readonly ParsedFile[], cachedFacts?: ReadonlySet<Fact<unknown>>): Model {
  const files = [...parsed].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const objects: K8sObject[] = [];
  const yamlDocuments: PlainYamlDocument[] = [];
  const markdown: { file: string; text: string }[] = [];
  for (const f of files) {
    if (f.language === 'yaml') {
      for (const doc of f.documents ?? []) {
        const obj = doc.packed ? k8sObjectOfPacked(doc, f.path) : k8sObjectOf(doc, f.path);
        if (obj) objects.push(obj);
        else yamlDocuments.push({ file: f.path, doc });
      }
    } else if (f.language === 'markdown' && f.text !== undefined) {
      markdown.push({ file: f.path, text: f.text });
    }
  }
  const byKind = new Map<string, K8sObject[]>();
  for (const o of objects) {
    const list = byKind.get(o.kind);
    if (list) list.push(o);
    else byKind.set(o.kind, [o]);
  }
  const kubernetes: KubernetesModel = {
    objects(q = {}) {
      let pool: K8sObject[];
      if (q.kind === undefined) pool = objects;
      else if (typeof q.kind === 'string') pool = byKind.get(q.kind) ?? [];
      else {
        const kinds = new Set(q.kind);
        pool = objects.filter((o) => kinds.has(o.kind));
      }
      if (q.group === undefined && q.namespace === undefined && q.name === undefined) return pool.slice();
      return pool.filter(
        (o) =>
          (q.group === undefined || apiGroup(o.apiVersion) === q.group) &&
          (q.namespace === undefined || o.namespace === q.namespace) &&
          (q.name === undefined || o.name === q.name),
      );
    },
  };
  return { root, files, kubernetes, terraform: buildTerraformModel(files), yamlDocuments, markdown, facts: factStore(files, cachedFacts) };
}
