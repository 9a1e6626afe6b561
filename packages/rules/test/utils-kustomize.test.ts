import { describe, expect, it } from 'vitest';
import { buildModel, parseAll, type Model } from '../../core/src/index.js';
import { isUnlisted, kustomizeIndex, namespacesOf, sameBuild, unitOf } from '../src/utils/kustomize.js';

async function model(files: Record<string, string>): Promise<Model> {
  return buildModel('/virtual', await parseAll(Object.entries(files).map(([path, text]) => ({ path, text }))));
}

const REPO = {
  'apps/web/base/kustomization.yaml': `resources:
  - deployment.yaml
  - https://github.com/acme/manifests//base?ref=v1.2.0
  - github.com/acme/other/base?ref=main
  - ../../../../outside
`,
  'apps/web/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
`,
  'apps/web/base/notes/extra.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
`,
  'apps/web/overlays/dev/kustomization.yml': `namespace: web-dev
resources:
  - ../../base/
patchesStrategicMerge:
  - replicas.yaml
  - |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
`,
  'apps/web/overlays/dev/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
`,
  'apps/web/overlays/prod/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: web-prod
bases:
  - ./../../base
patches:
  - path: ./replicas.yaml
    target:
      kind: Deployment
`,
  'apps/web/overlays/prod/replicas.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
`,
  'plain/web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: lumie
`,
};

describe('utils/kustomize', () => {
  it('finds units, links, patches and namespaces; remote and out-of-repo entries are ignored', async () => {
    const m = await model(REPO);
    const index = kustomizeIndex(m);
    expect([...index.units].sort()).toEqual(['apps/web/base', 'apps/web/overlays/dev', 'apps/web/overlays/prod']);
    expect([...index.nonResources].sort()).toEqual(['apps/web/overlays/dev/replicas.yaml', 'apps/web/overlays/prod/replicas.yaml']);
    expect([...index.resourceFiles]).toEqual(['apps/web/base/deployment.yaml']);
    expect([...index.reach.get('apps/web/overlays/dev')!].sort()).toEqual(['apps/web/base', 'apps/web/overlays/dev']);
    expect([...index.reach.get('apps/web/overlays/prod')!].sort()).toEqual(['apps/web/base', 'apps/web/overlays/prod']);
    expect([...index.namespaces]).toEqual([
      ['apps/web/overlays/dev', 'web-dev'],
      ['apps/web/overlays/prod', 'web-prod'],
    ]);
    // Built once per model.files array.
    expect(kustomizeIndex(m)).toBe(index);
  });

  it('units, builds, unlisted files and candidate namespaces', async () => {
    const m = await model(REPO);
    const index = kustomizeIndex(m);
    expect(unitOf(index, 'apps/web/base/notes/extra.yaml')).toBe('apps/web/base');
    expect(unitOf(index, 'plain/web.yaml')).toBeUndefined();
    expect(sameBuild(index, 'apps/web/overlays/dev/x.yaml', 'apps/web/base/deployment.yaml')).toBe(true);
    expect(sameBuild(index, 'apps/web/overlays/dev/x.yaml', 'apps/web/overlays/prod/x.yaml')).toBe(false);
    expect(sameBuild(index, 'apps/web/overlays/dev/x.yaml', 'plain/web.yaml')).toBe(true);
    expect(isUnlisted(index, 'apps/web/base/deployment.yaml')).toBe(false);
    expect(isUnlisted(index, 'apps/web/overlays/dev/replicas.yaml')).toBe(true);
    expect(isUnlisted(index, 'apps/web/base/notes/extra.yaml')).toBe(false);
    expect(isUnlisted(index, 'apps/web/base/kustomization.yaml')).toBe(false);
    const byFile = (f: string) => m.kubernetes.objects().find((o) => o.file === f)!;
    expect(namespacesOf(index, byFile('apps/web/base/deployment.yaml')).sort()).toEqual(['default', 'web-dev', 'web-prod']);
    expect(namespacesOf(index, byFile('apps/web/overlays/prod/replicas.yaml'))).toEqual(['web-prod']);
    expect(namespacesOf(index, byFile('plain/web.yaml'))).toEqual(['lumie']);
  });

  it('a repo without kustomizations has no units', async () => {
    const index = kustomizeIndex(await model({ 'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n' }));
    expect(index.units.size).toBe(0);
    expect(unitOf(index, 'a.yaml')).toBeUndefined();
    expect(isUnlisted(index, 'a.yaml')).toBe(false);
  });
});
