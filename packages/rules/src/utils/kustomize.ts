import { posix } from 'node:path';
import { defineFact, get, items, str, type K8sObject, type Model, type ParsedFile } from '@infralint/core';

/**
 * What the repo's Kustomize layout says about where objects end up, for the rules that compare
 * objects across files (duplicate-object, backend-service-exists, middleware-ref-exists,
 * cluster-issuer-exists).
 *
 * Kustomize changes two facts a plain reading of a manifest gets wrong:
 * - the `namespace:` of a kustomization overrides the namespace of every object it builds, so a
 *   Service written without `metadata.namespace` in a folder whose kustomization says
 *   `namespace: lumie` lives in `lumie`, not `default`;
 * - overlays (`overlays/dev/`, `overlays/prod/`) are separate builds, usually for separate clusters:
 *   the same object in two overlays, or a strategic-merge patch that repeats a base object's
 *   identity, is not two objects in one cluster.
 *
 * The index is an approximation read from the files alone (kustomize itself is never run): an
 * object belongs to the nearest folder, its own or above, that holds `kustomization.yaml` or
 * `kustomization.yml` (its *unit*), and units are linked by the local folders their
 * `resources`, `bases` and `components` name.
 */
export interface KustomizeIndex {
  /** Folders (repo-relative, `''` for the root) that hold a kustomization file. */
  units: ReadonlySet<string>;
  /** Files a kustomization uses as patches or as transformer/generator/replacement configs: not resources. */
  nonResources: ReadonlySet<string>;
  /** Files some kustomization lists as resources. */
  resourceFiles: ReadonlySet<string>;
  /** The `namespace:` of each unit that sets one. */
  namespaces: ReadonlyMap<string, string>;
  /** Every unit a unit builds, itself included, following `resources`/`bases`/`components` folders transitively. */
  reach: ReadonlyMap<string, ReadonlySet<string>>;
  /** The inverse of `reach`: every unit that builds a unit, itself included. */
  reachedBy: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Answers kept for the run: rules ask for every object's unit and namespaces, several times each.
   * `units` by file; `namespaces` by unit, then by the unit's own namespace.
   */
  readonly memo: { units: Map<string, string | undefined>; namespaces: Map<string, Map<string, string[]>> };
}

const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml']);

/** The API group of kustomization files (`Kustomization`, `Component`): build configuration, not cluster objects. */
export const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';

/** Keys of a kustomization whose entries are other folders or resource files. */
const RESOURCE_KEYS = ['resources', 'bases', 'components'];

/** Keys whose entries are (or hold `path:`s of) files that are not resources. */
const NON_RESOURCE_KEYS = ['patchesStrategicMerge', 'patches', 'patchesJson6902', 'transformers', 'generators', 'validators', 'configurations', 'replacements', 'crds'];

const cache = new WeakMap<readonly ParsedFile[], KustomizeIndex>();

/** The index for a model, built once per run (the runner hands every rule the same `files` array). */
export function kustomizeIndex(model: Model): KustomizeIndex {
  const cached = cache.get(model.files);
  if (cached) return cached;
  const index = buildIndex(model);
  cache.set(model.files, index);
  return index;
}

/** What the index reads of a kustomization: its namespace and the entries naming other files or folders, as written. */
interface KustomizationFacts {
  /** `namespace:`, when a string. */
  namespace?: string;
  /** String entries of `resources`, `bases` and `components`, in that order. */
  resources: string[];
  /** Paths of the entries of the keys in NON_RESOURCE_KEYS. */
  nonResources: string[];
}

export const kustomizationFact = defineFact('kustomization', (root): KustomizationFacts => {
  const out: KustomizationFacts = { resources: [], nonResources: [] };
  const ns = str(get(root, 'namespace'));
  if (ns !== undefined) out.namespace = ns;
  for (const key of RESOURCE_KEYS) {
    for (const entry of items(get(root, key))) {
      const e = str(entry);
      if (e !== undefined) out.resources.push(e);
    }
  }
  for (const key of NON_RESOURCE_KEYS) {
    for (const entry of items(get(root, key))) {
      // `patchesStrategicMerge` lists paths (or inline patches); the others list `{ path: ... }` entries.
      const e = str(entry) ?? str(get(entry, 'path'));
      if (e !== undefined) out.nonResources.push(e);
    }
  }
  return out;
});

function buildIndex(model: Model): KustomizeIndex {
  const found = new Map<string, KustomizationFacts>();
  for (const f of model.files) {
    if (f.language !== 'yaml' || !KUSTOMIZATION_FILES.has(posix.basename(f.path))) continue;
    const doc = f.documents?.[0];
    // A packed document always has a tree: asking for `packed` first does not rebuild it.
    if (doc === undefined || (doc.packed === undefined && doc.root === undefined)) continue;
    found.set(dirOf(f.path), model.facts.of(kustomizationFact, { file: f.path, docIndex: doc.index, get root() { return doc.root; } }));
  }
  const units = new Set(found.keys());
  const namespaces = new Map<string, string>();
  const nonResources = new Set<string>();
  const resourceFiles = new Set<string>();
  const edges = new Map<string, string[]>();
  for (const [dir, k] of found) {
    if (k.namespace !== undefined && k.namespace.trim() !== '') namespaces.set(dir, k.namespace.trim());
    const out: string[] = [];
    for (const entry of k.resources) {
      const p = localPath(dir, entry);
      if (p === undefined) continue;
      if (units.has(p)) out.push(p);
      else resourceFiles.add(p);
    }
    edges.set(dir, out);
    for (const entry of k.nonResources) {
      const p = localPath(dir, entry);
      if (p !== undefined) nonResources.add(p);
    }
  }
  const reach = new Map<string, Set<string>>();
  for (const unit of units) {
    const seen = new Set<string>([unit]);
    const stack = [unit];
    while (stack.length > 0) {
      for (const next of edges.get(stack.pop()!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    reach.set(unit, seen);
  }
  const reachedBy = new Map<string, Set<string>>();
  for (const [unit, seen] of reach) {
    for (const u of seen) {
      let by = reachedBy.get(u);
      if (!by) reachedBy.set(u, (by = new Set()));
      by.add(unit);
    }
  }
  return { units, nonResources, resourceFiles, namespaces, reach, reachedBy, memo: { units: new Map(), namespaces: new Map() } };
}

/** The folder of a repo-relative file (`''` at the root). */
function dirOf(file: string): string {
  const d = posix.dirname(file);
  return d === '.' ? '' : d;
}

/**
 * A kustomization entry resolved against its folder, or undefined for remote targets
 * (`https://...`, `github.com/org/repo//path?ref=v1`), inline patches and paths that leave the repo.
 */
function localPath(dir: string, entry: string | undefined): string | undefined {
  if (entry === undefined) return undefined;
  const e = entry.trim();
  if (e === '' || e.includes('\n') || /^[a-z][a-z0-9+.-]*:\/\//i.test(e) || e.includes('?ref=') || e.includes('//') || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(e)) {
    return undefined;
  }
  // Most entries are a file or folder name beside the kustomization: nothing to normalize.
  if (/^[\w.-]+$/.test(e) && e !== '.' && e !== '..') return dir === '' ? e : `${dir}/${e}`;
  const p = posix.normalize(posix.join(dir, e)).replace(/\/+$/, '');
  if (p === '..' || p.startsWith('../') || p.startsWith('/')) return undefined;
  return p === '.' ? '' : p;
}

/**
 * True when a file sits next to a kustomization that does not list it (nor does any other): a
 * kustomize build, and so Argo CD, never applies it. Only the file's own folder counts; a file in
 * a subfolder without a kustomization may still be applied on its own.
 */
export function isUnlisted(index: KustomizeIndex, file: string): boolean {
  // The listed check first: it needs no new string (most files are listed), where the folder's does.
  return !index.resourceFiles.has(file) && index.units.has(dirOf(file)) && !KUSTOMIZATION_FILES.has(posix.basename(file));
}

/**
 * The unit of a file: the nearest folder, its own or above, holding a kustomization file. Kept per
 * file: walking up the folders makes and hashes a new string per level.
 */
export function unitOf(index: KustomizeIndex, file: string): string | undefined {
  if (index.units.size === 0) return undefined;
  const memo = index.memo.units;
  if (memo.has(file)) return memo.get(file);
  const unit = nearestUnit(index.units, file);
  memo.set(file, unit);
  return unit;
}

function nearestUnit(units: ReadonlySet<string>, file: string): string | undefined {
  for (let d = dirOf(file); ; d = dirOf(d)) {
    if (units.has(d)) return d;
    if (d === '') return undefined;
  }
}

/**
 * True when two files can end up in one cluster together, as far as Kustomize tells: they are in
 * the same unit, at least one is outside every unit (plain manifests are applied as they are), or
 * one kustomization builds both units (an overlay and its base). Two units that no kustomization
 * builds together (sibling overlays, two independent bases) are separate builds.
 */
export function sameBuild(index: KustomizeIndex, a: string, b: string): boolean {
  const ua = unitOf(index, a);
  const ub = unitOf(index, b);
  if (ua === ub || ua === undefined || ub === undefined) return true;
  const byB = index.reachedBy.get(ub);
  for (const k of index.reachedBy.get(ua) ?? []) if (byB?.has(k)) return true;
  return false;
}

/**
 * The namespaces a namespaced object can be deployed to: the `namespace:` of its unit's
 * kustomization (which overrides what the object says), else its `metadata.namespace`, else
 * `default`; plus the `namespace:` of every kustomization that builds its unit as a base.
 */
export function namespacesOf(index: KustomizeIndex, obj: K8sObject): string[] {
  const unit = unitOf(index, obj.file);
  const own = (unit !== undefined ? index.namespaces.get(unit) : undefined) ?? obj.namespace ?? 'default';
  if (unit === undefined) return [own];
  // Rules ask for every object (often for the same few units), so answers are kept per unit and
  // own namespace (two Map levels: a key joined from both was a new string to hash per call).
  const memo = index.memo.namespaces;
  let byOwn = memo.get(unit);
  if (!byOwn) memo.set(unit, (byOwn = new Map()));
  let out = byOwn.get(own);
  if (!out) {
    out = [own];
    for (const k of index.reachedBy.get(unit) ?? []) {
      const ns = index.namespaces.get(k);
      if (k !== unit && ns !== undefined && !out.includes(ns)) out.push(ns);
    }
    byOwn.set(own, out);
  }
  return out;
}

/** True when an object's candidate namespaces include `namespace`. */
export function inNamespace(index: KustomizeIndex, obj: K8sObject, namespace: string): boolean {
  return namespacesOf(index, obj).includes(namespace);
}
