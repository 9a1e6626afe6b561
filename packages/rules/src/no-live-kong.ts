import {
  UNKNOWN,
  apiGroup,
  defineFact,
  defineRule,
  shallowPair,
  deref,
  get,
  pairOf,
  type HclBlock,
  type K8sObject,
  type Value,
  type YNode,
  type YPair,
} from '@infralint/core';
import { isUnderLegacyPath, normalizeHost } from './utils/hosts.js';
import {
  CLASS_ANNOTATION,
  annotation,
  annotationPairs,
  displayValue,
  ingresses,
  ingressView,
  onceReporter,
  valueLoc,
  writtenItems,
} from './utils/ingress.js';

/** The name Kong uses for its IngressClass, namespace and Helm chart. */
const KONG = 'kong';

/**
 * Kong was the cluster's ingress controller once; it is retired and kept only as reference material
 * under the legacy paths. Live config that still names Kong either does nothing (annotations, Kong
 * resources with no controller to read them) or would bring Kong back (Argo CD Applications, Helm
 * releases), and it sends operators debugging the wrong ingress stack.
 */
export default defineRule({
  id: 'no-live-kong',
  meta: {
    description:
      'Live config outside the legacy paths does not use Kong (no `kong` ingress class, `konghq.com` annotation or resource, `kong` namespace, Argo CD Application of a legacy path or of the Kong chart, or Terraform Helm release of the Kong chart).',
    targets: ['kubernetes', 'terraform'],
    severity: 'error',
    recommended: true,
    remediation:
      'Kong is retired: route through Traefik (`spec.ingressClassName: traefik`, Traefik Middleware instead of Kong plugins) and delete the Kong reference; keep Kong material only under the legacy paths.',
    messages: {
      kongIngressClass:
        'Ingress "{{name}}" uses the ingress class "kong" ({{where}}), but Kong is not a live ingress controller; use `spec.ingressClassName: traefik`.',
      kongIngressClassObject:
        'IngressClass "{{name}}" is served by the Kong controller "{{controller}}", which is not live; delete it (Traefik serves the `traefik` class).',
      kongAnnotation:
        '{{kind}} "{{name}}" has the Kong annotation "{{key}}", which nothing reads since Kong is retired; delete it, and use a Traefik Middleware for the behaviour it configured.',
      kongResource:
        '{{kind}} "{{name}}" belongs to Kong (API group {{group}}), but no Kong controller is live; delete it or move it under {{legacyPaths}}.',
      kongNamespace:
        'Namespace "kong" is declared here, but no live Kong namespace exists; delete it (Kong material belongs under {{legacyPaths}}).',
      kongDestinationNamespace:
        '{{kind}} "{{name}}" deploys into the namespace "kong", but no live Kong namespace exists; deploy elsewhere or delete the Application.',
      legacySourcePath:
        '{{kind}} "{{name}}" deploys the source path "{{path}}", which is legacy reference material under "{{legacyPath}}"; point the Application at live config or delete it.',
      kongChart:
        '{{kind}} "{{name}}" deploys the Kong Helm chart ({{chart}}), but Kong is retired; delete the Application (Traefik is the ingress controller).',
      kongHelmRelease:
        'helm_release "{{name}}" installs the Kong Helm chart ({{chart}}), but Kong is retired; delete the release (Traefik is the ingress controller).',
      kongTerraformNamespace:
        '{{type}} "{{name}}" creates the namespace "kong", but no live Kong namespace exists; delete it.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const report = onceReporter(ctx);
    const legacyPaths = ctx.settings.legacyPaths;
    const legacyText = legacyPaths.length > 0 ? legacyPaths.map((p) => `"${p}"`).join(', ') : 'the legacy paths';

    for (const obj of ctx.model.kubernetes.objects()) {
      const group = apiGroup(obj.apiVersion);
      // A Kong object, or the CustomResourceDefinition that installs a Kong API group.
      const kongGroup = isKongGroup(group)
        ? group
        : obj.kind === 'CustomResourceDefinition' && group === 'apiextensions.k8s.io'
          ? kongGroupOf(stringOf(get(get(obj.root, 'spec'), 'group')))
          : undefined;
      if (kongGroup !== undefined) {
        // The object itself is the finding; its annotations would only repeat it.
        report({ node: obj.headerLoc, messageId: 'kongResource', data: { kind: obj.kind, name: obj.name, group: kongGroup, legacyPaths: legacyText } });
        continue;
      }
      // Only objects with a Kong annotation are read (the model lists every object's annotation keys).
      if (obj.annotationKeys.some(isKongAnnotation)) {
        for (const pair of annotationPairs(ctx.model, obj)) {
          if (isKongAnnotation(pair.keyText)) {
            report({ node: pair.key, messageId: 'kongAnnotation', data: { kind: obj.kind, name: obj.name, key: pair.keyText } });
          }
        }
      }
      if (obj.kind === 'Namespace' && group === '' && obj.name === KONG) {
        const namePair = pairOf(get(obj.root, 'metadata'), 'name');
        report({ node: namePair ? valueLoc(namePair) : obj.headerLoc, messageId: 'kongNamespace', data: { legacyPaths: legacyText } });
      }
      if (obj.kind === 'IngressClass' && group === 'networking.k8s.io') {
        const controller = pairOf(get(obj.root, 'spec'), 'controller');
        const c = controller ? stringOf(controller.value) : undefined;
        if (controller && c !== undefined && c.toLowerCase().includes('konghq.com')) {
          report({ node: valueLoc(controller), messageId: 'kongIngressClassObject', data: { name: obj.name, controller: c } });
        }
      }
      if (group === 'argoproj.io' && (obj.kind === 'Application' || obj.kind === 'ApplicationSet')) {
        checkArgo(obj);
      }
    }

    for (const obj of ingresses(ctx.model)) {
      const classPair = ingressView(ctx.model, obj).classPair;
      if (classPair && stringOf(classPair.value) === KONG) {
        report({ node: valueLoc(classPair), messageId: 'kongIngressClass', data: { name: obj.name, where: 'spec.ingressClassName' } });
      }
      const ann = annotation(ctx.model, obj, CLASS_ANNOTATION);
      if (ann && stringOf(ann.value) === KONG) {
        report({ node: valueLoc(ann), messageId: 'kongIngressClass', data: { name: obj.name, where: `annotation ${CLASS_ANNOTATION}` } });
      }
    }

    const tf = ctx.model.terraform;
    for (const block of tf.resources('helm_release')) {
      const chartAttr = tf.attr(block, 'chart');
      const repoAttr = tf.attr(block, 'repository');
      const charts = stringsOf(block, 'chart');
      const repos = stringsOf(block, 'repository');
      const kongChart = charts.find(isKongChartRef);
      const kongRepo = repos.find((r) => r.toLowerCase().includes('konghq'));
      if (kongChart === undefined && kongRepo === undefined) continue;
      const chart = kongRepo !== undefined && charts[0] !== undefined ? `${charts[0]} from ${kongRepo}` : (kongChart ?? kongRepo ?? '');
      const at = chartAttr?.expr ?? repoAttr?.expr ?? block.headerLoc;
      report({ node: at, messageId: 'kongHelmRelease', data: { name: block.labels[1] ?? '', chart } });
    }
    for (const type of ['kubernetes_namespace', 'kubernetes_namespace_v1']) {
      for (const block of tf.resources(type)) {
        const metadata = block.blocks.find((b) => b.type === 'metadata');
        const nameAttr = metadata ? tf.attr(metadata, 'name') : undefined;
        if (nameAttr && tf.resolve(nameAttr.expr) === KONG) {
          report({ node: nameAttr.expr, messageId: 'kongTerraformNamespace', data: { type, name: block.labels[1] ?? '' } });
        }
      }
    }

    /** An Application's sources, or an ApplicationSet's template sources. */
    function checkArgo(obj: K8sObject): void {
      const argo = ctx.model.facts.of(obj.kind === 'ApplicationSet' ? applicationSetFact : applicationFact, obj);
      const data = { kind: obj.kind, name: obj.name };
      for (const { pathPair, chartPair, repoPair } of argo.sources) {
        const path = pathPair ? stringOf(pathPair.value) : undefined;
        if (pathPair && path !== undefined && isUnderLegacyPath(path, legacyPaths)) {
          const legacyPath = legacyPaths.find((l) => isUnderLegacyPath(path, [l])) ?? '';
          report({ node: valueLoc(pathPair), messageId: 'legacySourcePath', data: { ...data, path, legacyPath } });
        }
        const chart = chartPair ? stringOf(chartPair.value) : undefined;
        const repo = repoPair ? stringOf(repoPair.value) : undefined;
        const kongRepo = repo !== undefined && repo.toLowerCase().includes('konghq');
        if ((chart !== undefined && isKongChartRef(chart)) || kongRepo) {
          const at: YPair | undefined = chartPair ?? repoPair;
          const what = [chart !== undefined ? `chart "${chart}"` : '', repo !== undefined ? `from ${repo}` : ''].filter(Boolean).join(' ');
          if (at) report({ node: valueLoc(at), messageId: 'kongChart', data: { ...data, chart: what } });
        }
      }
      const nsPair = argo.namespacePair;
      if (nsPair && stringOf(nsPair.value) === KONG) {
        report({ node: valueLoc(nsPair), messageId: 'kongDestinationNamespace', data });
      }
    }

    /** The statically known string values of an attribute across the block's instances. */
    function stringsOf(block: HclBlock, name: string): string[] {
      const a = tf.attr(block, name);
      if (!a) return [];
      const values = tf.valuesOf(block, name);
      const list: Value[] = values === UNKNOWN || values === undefined ? [tf.resolve(a.expr)] : values;
      return list.filter((v): v is string => typeof v === 'string');
    }
  },
});

/** What the rule reads of an Argo CD Application's spec: its sources' `path`, `chart` and `repoURL`, and the destination namespace ({@link shallow}). */
interface ArgoSpec {
  /** `spec.source`, then each `spec.sources[]` entry, when mappings. */
  sources: { pathPair?: YPair; chartPair?: YPair; repoPair?: YPair }[];
  /** `spec.destination.namespace`, when written. */
  namespacePair?: YPair;
}

function argoSpec(spec: YNode | undefined): ArgoSpec {
  const sources: YNode[] = [];
  const single = get(spec, 'source');
  if (single?.kind === 'map') sources.push(single);
  for (const s of writtenItems(get(spec, 'sources'))) if (s.value.kind === 'map') sources.push(s.value);
  const out: ArgoSpec = {
    sources: sources.map((source) => {
      const pairs: ArgoSpec['sources'][number] = {};
      const pathPair = pairOf(source, 'path');
      const chartPair = pairOf(source, 'chart');
      const repoPair = pairOf(source, 'repoURL');
      if (pathPair) pairs.pathPair = shallowPair(pathPair);
      if (chartPair) pairs.chartPair = shallowPair(chartPair);
      if (repoPair) pairs.repoPair = shallowPair(repoPair);
      return pairs;
    }),
  };
  const nsPair = pairOf(get(spec, 'destination'), 'namespace');
  if (nsPair) out.namespacePair = shallowPair(nsPair);
  return out;
}

export const applicationFact = defineFact('argo-application', (root) => argoSpec(get(root, 'spec')));
export const applicationSetFact = defineFact('argo-applicationset', (root) => argoSpec(get(get(get(root, 'spec'), 'template'), 'spec')));

/** `konghq.com` and its subdomains (`configuration.konghq.com`, `gateway-operator.konghq.com`, ...). */
function isKongGroup(group: string): boolean {
  return group === 'konghq.com' || group.endsWith('.konghq.com');
}

/** `group` when it is a Kong API group, otherwise undefined. */
function kongGroupOf(group: string | undefined): string | undefined {
  return group !== undefined && isKongGroup(group) ? group : undefined;
}

/**
 * An annotation key in Kong's namespace: a prefix of `konghq.com` or a subdomain of it
 * (`konghq.com/plugins`, `configuration.konghq.com/...`), or one of the old slash-less keys such as
 * `plugins.konghq.com`.
 */
function isKongAnnotation(key: string): boolean {
  const slash = key.indexOf('/');
  return isKongGroup(normalizeHost(slash < 0 ? key : key.slice(0, slash)));
}

/**
 * A Helm chart reference that names one of Kong's charts: `kong`; the `<repo>/<chart>` form with
 * Kong's repo alias (`kong/kong`, `kong/ingress`: Kong's docs add https://charts.konghq.com as
 * `kong`, and `ingress` is its Kong Ingress Controller chart); an OCI or HTTP URL ending in `/kong`
 * or `/kong-<version>.tgz`; or anything hosted on konghq.
 */
function isKongChartRef(chart: string): boolean {
  const c = chart.trim().toLowerCase();
  if (c.includes('konghq')) return true;
  const alias = /^([^/:]+)\/[^/]+$/.exec(c);
  if (alias && alias[1] === KONG) return true;
  const last = c.slice(c.lastIndexOf('/') + 1).replace(/\.tgz$/, '').replace(/-v?\d[\w.+-]*$/, '');
  return last === KONG;
}

function stringOf(node: YNode | undefined): string | undefined {
  const n = deref(node);
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}
