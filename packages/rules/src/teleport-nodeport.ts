import {
  defineRule,
  getPath,
  items,
  pairOf,
  scalar,
  str,
  UNKNOWN,
  type HclBlock,
  type HclExpr,
  type K8sObject,
  type RelatedReport,
  type TerraformModel,
  type Value,
  type YMap,
  type YNode,
} from '@infralint/core';
import { nlbParts, portNumber, resourceAddress, shownValues, teleportNlbs, trimmed, valueOrigins, valuesIn, type NlbParts } from './utils/nlb.js';

/** Options of `teleport-nodeport`. */
export interface TeleportNodeportOptions {
  /** The NodePort the Teleport NLB forwards to and the Teleport Service listens on. */
  nodePort: number;
  /** The port the Teleport NLB listens on, and the Service port published on the NodePort. */
  listenerPort: number;
}

/**
 * Only these Service types open a NodePort. A ClusterIP Service in the `teleport` namespace
 * (auth, kube agent) is not something the NLB can reach, so it is neither checked nor counted
 * as the NLB's counterpart.
 */
const NODE_PORT_TYPES = new Set(['NodePort', 'LoadBalancer']);

/** The Kubernetes side: a Teleport Service that opens NodePorts, with its `listenerPort` entry. */
interface ServiceSide {
  svc: K8sObject;
  /** The `spec.ports` entry whose `port` is the listener port. */
  entry?: YMap;
  /** That entry's `nodePort` value. */
  nodePort?: YNode;
}

function isTeleportService(o: K8sObject): boolean {
  return o.name === 'teleport' || o.namespace === 'teleport';
}

function serviceSide(svc: K8sObject, listenerPort: number): ServiceSide | undefined {
  const type = str(getPath(svc.root, ['spec', 'type'])) ?? 'ClusterIP';
  if (!NODE_PORT_TYPES.has(type)) return undefined;
  const entry = items(getPath(svc.root, ['spec', 'ports'])).find(
    (p): p is YMap => p.kind === 'map' && portOf(scalar(pairOf(p, 'port')?.value)) === listenerPort,
  );
  const side: ServiceSide = { svc };
  if (entry) {
    side.entry = entry;
    const np = pairOf(entry, 'nodePort');
    if (np) side.nodePort = np.value;
  }
  return side;
}

function portOf(v: string | number | boolean | null | undefined): number | undefined {
  return v === undefined || typeof v === 'boolean' ? undefined : portNumber(v);
}

/**
 * The ports an attribute resolves to that are not `expected`, across all instances; empty when
 * they all match, when the attribute is absent or when any value is unknown (never a guess).
 * `ignore` lists values that mean "not set" (a health checker port of 0 probes the backend port).
 */
function wrongPorts(values: Value[] | typeof UNKNOWN | undefined, expected: number, ignore: number[] = []): number[] {
  if (values === undefined || values === UNKNOWN) return [];
  const out: number[] = [];
  for (const v of values) {
    const p = portNumber(v);
    if (p !== undefined && p !== expected && !ignore.includes(p)) out.push(p);
  }
  return out;
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

/**
 * The ports an NLB's backends forward to, when every backend's port is known; undefined when it has
 * no backends or any of their ports cannot be known (then no message claims where it forwards).
 */
function forwardedPorts(tf: TerraformModel, parts: NlbParts): number[] | undefined {
  const out = new Set<number>();
  for (const b of parts.backends) {
    const values = tf.valuesOf(b, 'port');
    if (values === undefined || values === UNKNOWN) return undefined;
    for (const v of values) {
      const p = portNumber(v);
      if (p === undefined) return undefined;
      out.add(p);
    }
  }
  return out.size > 0 ? [...out] : undefined;
}

/**
 * Teleport bypasses Traefik: Cloudflare points at a dedicated NLB that forwards TCP 443 to the
 * Teleport proxy's NodePort on every worker (seeds/networking-overview.txt). The Terraform side and
 * the Kubernetes side live in different folders and drift independently; a mismatch drops every
 * Teleport session with nothing in between to log it.
 */
export default defineRule<TeleportNodeportOptions>({
  id: 'teleport-nodeport',
  meta: {
    description:
      'The Teleport NLB listens on TCP 443 and forwards to NodePort 30443, and the Teleport Service exposes port 443 on that NodePort.',
    targets: ['terraform', 'kubernetes'],
    severity: 'error',
    recommended: true,
    remediation:
      'Make the Teleport NLB listener `port = 443` with `protocol = "TCP"`, its backends (and health checks) target the NodePort, and the Teleport Service publish port 443 on `nodePort: 30443`.',
    messages: {
      listenerPort:
        'Teleport NLB listener `{{listener}}` listens on port {{actual}}, but the expected Teleport listener port is {{expected}}; set `port = {{expected}}`.',
      listenerProtocol:
        'Teleport NLB listener `{{listener}}` uses protocol {{actual}}, but the Teleport proxy terminates TLS itself and needs the TCP stream passed through; set `protocol = "TCP"`.',
      backendPort:
        'Teleport NLB backend `{{backend}}` targets port {{actual}}, but the expected Teleport NodePort is {{expected}}; set the backend `port` to {{expected}}.',
      backendPortService:
        'Teleport NLB backend `{{backend}}` targets port {{actual}}, but the Teleport Service `{{service}}` publishes port {{port}} on NodePort {{expected}}; set the backend `port` to {{expected}}.',
      healthCheckPort:
        'Teleport NLB backend set `{{backendSet}}` health-checks port {{actual}}, but the expected Teleport NodePort is {{expected}}, so the probe does not test whether Teleport answers; set `health_checker.port` to {{expected}} or remove it (the backend port is probed then).',
      serviceNodePort:
        'Teleport Service `{{service}}` publishes port {{port}} on nodePort {{actual}}, but the expected Teleport NodePort is {{expected}}; set `nodePort: {{expected}}`.',
      serviceNodePortNlb:
        'Teleport Service `{{service}}` publishes port {{port}} on nodePort {{actual}}, but the Teleport NLB `{{nlb}}` forwards to NodePort {{expected}}; set `nodePort: {{expected}}`.',
      serviceNodePortMissing:
        'Teleport Service `{{service}}` publishes port {{port}} without a `nodePort`, so Kubernetes assigns a random NodePort instead of the expected Teleport NodePort {{expected}}; add `nodePort: {{expected}}`.',
      servicePortMissing:
        'Teleport Service `{{service}}` of type {{type}} has no port {{port}}, so it does not publish Teleport on NodePort {{expected}}; add a port entry `port: {{port}}` with `nodePort: {{expected}}`.',
      serviceMissing:
        'Teleport NLB `{{nlb}}` has no Teleport Service of type NodePort or LoadBalancer (name or namespace `teleport`) in the repo to forward to; add one that publishes port {{port}} on `nodePort: {{expected}}`, or remove the NLB if Teleport is gone.',
      serviceMissingForwarded:
        'Teleport NLB `{{nlb}}` forwards to port {{actual}}, but the repo has no Teleport Service of type NodePort or LoadBalancer (name or namespace `teleport`) behind it; add one that publishes port {{port}} on `nodePort: {{expected}}`, or remove the NLB if Teleport is gone.',
      nlbMissing:
        'Teleport Service `{{service}}` opens NodePorts, but the repo has no Teleport NLB (an `oci_network_load_balancer_network_load_balancer` whose name or `display_name` contains `teleport`) to forward to it; add the NLB in Terraform, or check that the Service is still needed.',
      serviceNodePortHere: 'Service nodePort declared here',
      backendPortHere: 'NLB backend port declared here',
      valueFromTfvars: 'Value set here (variable `{{name}}` in {{file}})',
      valueFromDefault: 'Default of variable `{{name}}`',
      valueFromLocal: 'Local `{{name}}` defined here',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        nodePort: {
          type: 'integer',
          minimum: 1,
          maximum: 65535,
          description: 'The NodePort the Teleport NLB backends target and the Teleport Service publishes its listener port on.',
        },
        listenerPort: {
          type: 'integer',
          minimum: 1,
          maximum: 65535,
          description: 'The port the Teleport NLB listens on; also the Service port that must be published on the NodePort.',
        },
      },
    },
    defaultOptions: { nodePort: 30443, listenerPort: 443 },
  },
  check(ctx, options) {
    const tf = ctx.model.terraform;
    const { nodePort, listenerPort } = options;

    const services: ServiceSide[] = [];
    for (const svc of ctx.model.kubernetes.objects({ kind: 'Service', group: '' })) {
      if (!isTeleportService(svc)) continue;
      const side = serviceSide(svc, listenerPort);
      if (side) services.push(side);
    }
    const nlbs = teleportNlbs(tf).map((nlb) => nlbParts(tf, nlb));

    const serviceRelated: RelatedReport[] = services.flatMap((s) =>
      s.nodePort ? [{ node: s.nodePort, messageId: 'serviceNodePortHere' }] : [],
    );
    // A Service that publishes the listener port on the expected NodePort: the fact a backend
    // message can cite. A Service on another nodePort is reported on its own.
    const goodService = services.find((s) => s.nodePort && portOf(scalar(s.nodePort)) === nodePort);
    // A part linked to two Teleport NLBs (its NLB id to one, its backend set to the other) is checked once.
    const listeners = unique(nlbs.flatMap((p) => p.listeners));
    const backends = unique(nlbs.flatMap((p) => p.backends));
    const backendSets = unique(nlbs.flatMap((p) => p.backendSets));
    const backendRelated: RelatedReport[] = backends.flatMap((b) => {
      const a = tf.attr(b, 'port');
      return a ? [{ node: a.expr, messageId: 'backendPortHere' }] : [];
    });

    /** The `.tfvars` values, variable defaults and locals a value comes from, as related locations. */
    const originRelated = (expr: HclExpr, owner: HclBlock): RelatedReport[] =>
      valueOrigins(tf, expr, owner).map((o) => ({
        node: o.loc,
        messageId: o.source === 'tfvars' ? 'valueFromTfvars' : o.source === 'default' ? 'valueFromDefault' : 'valueFromLocal',
        data: { name: o.name, file: o.fileName },
      }));

    // The protocol is checked here (the contract's "listens on TCP 443"); nlb-tcp-passthrough skips
    // the Teleport NLB's listeners, so a wrong protocol is one finding whichever rules are on.
    for (const l of listeners) {
      const listener = resourceAddress(l);
      const port = tf.attr(l, 'port');
      const badPorts = wrongPorts(tf.valuesOf(l, 'port'), listenerPort);
      if (port && badPorts.length > 0) {
        ctx.report({
          node: port.expr,
          messageId: 'listenerPort',
          data: { listener, actual: shownValues(port.expr, badPorts), expected: listenerPort },
          related: originRelated(port.expr, l),
        });
      }
      const protocol = tf.attr(l, 'protocol');
      const protocols = tf.valuesOf(l, 'protocol');
      if (protocol && protocols !== undefined && protocols !== UNKNOWN) {
        const bad = unique(protocols.map(trimmed).filter((v): v is string => typeof v === 'string' && v !== 'TCP'));
        if (bad.length > 0) {
          ctx.report({
            node: protocol.expr,
            messageId: 'listenerProtocol',
            data: { listener, actual: shownValues(protocol.expr, bad) },
            related: originRelated(protocol.expr, l),
          });
        }
      }
    }
    for (const b of backends) {
      const port = tf.attr(b, 'port');
      const bad = wrongPorts(tf.valuesOf(b, 'port'), nodePort);
      if (port && bad.length > 0) {
        const data = { backend: resourceAddress(b), actual: shownValues(port.expr, bad), expected: nodePort };
        ctx.report({
          node: port.expr,
          messageId: goodService ? 'backendPortService' : 'backendPort',
          data: goodService ? { ...data, service: serviceName(goodService.svc), port: listenerPort } : data,
          related: [...serviceRelated, ...originRelated(port.expr, b)],
        });
      }
    }
    for (const set of backendSets) {
      for (const hc of set.blocks.filter((x) => x.type === 'health_checker')) {
        const port = tf.attr(hc, 'port');
        const bad = wrongPorts(valuesIn(tf, set, hc, 'port'), nodePort, [0]);
        if (port && bad.length > 0) {
          ctx.report({
            node: port.expr,
            messageId: 'healthCheckPort',
            data: { backendSet: resourceAddress(set), actual: shownValues(port.expr, bad), expected: nodePort },
            related: [...serviceRelated, ...originRelated(port.expr, set)],
          });
        }
      }
    }
    if (services.length === 0) {
      for (const parts of nlbs) {
        const forwarded = forwardedPorts(tf, parts);
        const data = { nlb: resourceAddress(parts.nlb), port: listenerPort, expected: nodePort };
        ctx.report({
          node: parts.nlb.headerLoc,
          messageId: forwarded ? 'serviceMissingForwarded' : 'serviceMissing',
          data: forwarded ? { ...data, actual: forwarded.join(', ') } : data,
          severity: 'warning',
        });
      }
    }

    // The NLB a Service message can cite: one whose backends all forward to the expected NodePort.
    const goodNlb = nlbs.find((p) => forwardedPorts(tf, p)?.every((x) => x === nodePort));
    for (const side of services) {
      const service = serviceName(side.svc);
      const data = { service, port: listenerPort, expected: nodePort };
      if (!side.entry) {
        const type = str(getPath(side.svc.root, ['spec', 'type'])) ?? 'ClusterIP';
        ctx.report({ node: side.svc.headerLoc, messageId: 'servicePortMissing', data: { ...data, type }, related: backendRelated });
      } else if (!side.nodePort) {
        ctx.report({ node: side.entry, messageId: 'serviceNodePortMissing', data, related: backendRelated });
      } else {
        const actual = portOf(scalar(side.nodePort));
        if (actual !== undefined && actual !== nodePort) {
          ctx.report({
            node: side.nodePort,
            messageId: goodNlb ? 'serviceNodePortNlb' : 'serviceNodePort',
            data: goodNlb ? { ...data, actual, nlb: resourceAddress(goodNlb.nlb) } : { ...data, actual },
            related: backendRelated,
          });
        }
      }
      if (nlbs.length === 0) {
        ctx.report({ node: side.svc.headerLoc, messageId: 'nlbMissing', data: { service }, severity: 'warning' });
      }
    }
  },
});

function serviceName(svc: K8sObject): string {
  return `${svc.namespace ?? 'default'}/${svc.name}`;
}
