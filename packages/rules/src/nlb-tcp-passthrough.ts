import { defineRule, known, UNKNOWN, type HclBlock, type HclExpr, type RelatedReport } from '@infralint/core';
import {
  isPublicNlb,
  NLB_TYPES,
  nlbParts,
  nlbs,
  portNumber,
  resourceAddress,
  shownValues,
  teleportNlbs,
  trimmed,
  valueOrigins,
} from './utils/nlb.js';

/** Options of `nlb-tcp-passthrough`. */
export interface NlbTcpPassthroughOptions {
  /** The port of the HTTPS listener of the main ingress NLB. */
  listenerPort: number;
  /** The port the main ingress NLB's HTTPS backends must target (Traefik's websecure hostPort). */
  backendPort: number;
}

/**
 * The lumie edge terminates TLS exactly once, in Traefik on the workers (by SNI, with cert-manager's
 * certificates); the OCI NLBs only pass TCP 443 through (seeds/networking-overview.txt, Runtime
 * Flow). A listener of another protocol changes what reaches Traefik (UDP, or every protocol with
 * `ANY`), and a main-NLB backend on another port than 443 sends HTTPS to something that is not
 * Traefik's websecure entry point. The Teleport NLB's listeners are teleport-nodeport's, which
 * checks their protocol and port itself.
 */
export default defineRule<NlbTcpPassthroughOptions>({
  id: 'nlb-tcp-passthrough',
  meta: {
    description:
      'Every OCI network load balancer listener uses protocol TCP (teleport-nodeport checks the Teleport NLB\'s), and the main ingress NLB forwards its HTTPS listener to backends on port 443.',
    targets: ['terraform'],
    severity: 'error',
    recommended: true,
    remediation:
      'Set `protocol = "TCP"` on every `oci_network_load_balancer_listener`, and `port = 443` on the backends behind the main ingress NLB\'s port 443 listener.',
    messages: {
      listenerProtocol:
        'NLB listener `{{listener}}` uses protocol {{actual}}, but the NLBs only pass TCP through (TLS is terminated by Traefik, never at layer 4); set `protocol = "TCP"`.',
      backendPort:
        'Backend `{{backend}}` of the main ingress NLB `{{nlb}}` receives the HTTPS listener\'s traffic on port {{actual}}, but Traefik\'s websecure entry point listens on {{expected}} on every worker; set `port = {{expected}}`.',
      httpsListenerHere: 'HTTPS listener on port {{port}} declared here',
      valueFromTfvars: 'Value set here (variable `{{name}}` in {{file}})',
      valueFromDefault: 'Default of variable `{{name}}`',
      valueFromLocal: 'Local `{{name}}` defined here',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        listenerPort: {
          type: 'integer',
          minimum: 1,
          maximum: 65535,
          description: 'The port of the main ingress NLB\'s HTTPS listener; the backends behind listeners on this port are checked.',
        },
        backendPort: {
          type: 'integer',
          minimum: 1,
          maximum: 65535,
          description: 'The port the backends behind the main ingress NLB\'s HTTPS listener must target (Traefik\'s websecure port on the workers).',
        },
      },
    },
    defaultOptions: { listenerPort: 443, backendPort: 443 },
  },
  check(ctx, options) {
    const tf = ctx.model.terraform;
    const teleport = new Set(teleportNlbs(tf));
    // teleport-nodeport checks the Teleport listeners' protocol ("listens on TCP 443"): skipping
    // them here keeps a wrong protocol one finding when both rules are on.
    const teleportListeners = new Set([...teleport].flatMap((nlb) => nlbParts(tf, nlb).listeners));

    /** The `.tfvars` values, variable defaults and locals a value comes from, as related locations. */
    const originRelated = (expr: HclExpr, owner: HclBlock): RelatedReport[] =>
      valueOrigins(tf, expr, owner).map((o) => ({
        node: o.loc,
        messageId: o.source === 'tfvars' ? 'valueFromTfvars' : o.source === 'default' ? 'valueFromDefault' : 'valueFromLocal',
        data: { name: o.name, file: o.fileName },
      }));

    for (const l of tf.resources(NLB_TYPES.listener)) {
      if (teleportListeners.has(l)) continue;
      const protocol = tf.attr(l, 'protocol');
      const values = tf.valuesOf(l, 'protocol');
      if (!protocol || values === undefined || values === UNKNOWN) continue;
      const bad = [...new Set(values.map(trimmed).filter((v): v is string => typeof v === 'string' && v !== 'TCP'))];
      if (bad.length > 0) {
        ctx.report({
          node: protocol.expr,
          messageId: 'listenerProtocol',
          data: { listener: resourceAddress(l), actual: shownValues(protocol.expr, bad) },
          related: originRelated(protocol.expr, l),
        });
      }
    }

    for (const nlb of nlbs(tf)) {
      if (teleport.has(nlb) || !isPublicNlb(tf, nlb)) continue;
      const parts = nlbParts(tf, nlb);
      // The HTTPS path: backend set names that a listener instance on the listener port forwards to.
      const httpsSets = new Set<string>();
      const related: RelatedReport[] = [];
      for (const l of parts.listeners) {
        const port = tf.attr(l, 'port');
        const setName = tf.attr(l, 'default_backend_set_name');
        const insts = tf.instances(l);
        if (!port || !setName || insts === UNKNOWN) continue;
        let https = false;
        for (const scope of insts) {
          const p = tf.resolve(port.expr, scope);
          if (!known(p) || portNumber(p) !== options.listenerPort) continue;
          const name = tf.resolve(setName.expr, scope);
          if (typeof name !== 'string') continue;
          httpsSets.add(name);
          https = true;
        }
        if (https) related.push({ node: port.expr, messageId: 'httpsListenerHere', data: { port: options.listenerPort } });
      }
      if (httpsSets.size === 0) continue;
      for (const b of parts.backends) checkBackend(b, resourceAddress(nlb), httpsSets, related);
    }

    function checkBackend(b: HclBlock, nlb: string, httpsSets: Set<string>, related: RelatedReport[]): void {
      const port = tf.attr(b, 'port');
      const setName = tf.attr(b, 'backend_set_name');
      const insts = tf.instances(b);
      if (!port || !setName || insts === UNKNOWN) return;
      const bad = new Set<number>();
      for (const scope of insts) {
        const name = tf.resolve(setName.expr, scope);
        if (typeof name !== 'string' || !httpsSets.has(name)) continue;
        const p = tf.resolve(port.expr, scope);
        const n = known(p) ? portNumber(p) : undefined;
        if (n !== undefined && n !== options.backendPort) bad.add(n);
      }
      if (bad.size === 0) return;
      ctx.report({
        node: port.expr,
        messageId: 'backendPort',
        data: { backend: resourceAddress(b), nlb, actual: shownValues(port.expr, [...bad]), expected: options.backendPort },
        related: [...related, ...originRelated(port.expr, b)],
      });
    }
  },
});
