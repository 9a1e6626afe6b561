import { defineRule, UNKNOWN, type HclBlock, type HclExpr, type RelatedReport } from '@infralint/core';
import { isPublicNlb, nlbs, resourceAddress, traversalOf } from './utils/nlb.js';

/** The Terraform resource type of an OCI public IP. */
const PUBLIC_IP = 'oci_core_public_ip';

/** A reserved public IP and the NLBs whose `reserved_ips` point at it. */
interface IpUse {
  ip: HclBlock;
  /** The `reserved_ips` `id` expressions that reference it, one per NLB. */
  refs: { nlb: HclBlock; id: HclExpr }[];
}

function shown(expr: HclExpr, values: unknown[]): string {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return expr.kind === 'literal' ? list : `${list} (from \`${expr.text}\`)`;
}

/**
 * Cloudflare resolves every Lumie hostname to the main NLB's public IP. An NLB without a reserved IP
 * gets an ephemeral one that changes whenever the NLB is replaced, and a reserved IP without
 * `prevent_destroy` is one `terraform destroy` (or a renamed resource) away from being released:
 * either way public HTTPS is unreachable before traffic reaches the cluster (seeds/networking-overview.txt,
 * Failure Modes: "OCI NLB reserved IP detaches").
 */
export default defineRule({
  id: 'nlb-reserved-ip',
  meta: {
    description:
      'Every public OCI NLB uses `reserved_ips` pointing at an `oci_core_public_ip` with `lifetime = "RESERVED"` and `lifecycle { prevent_destroy = true }`.',
    targets: ['terraform'],
    severity: 'error',
    recommended: true,
    remediation:
      'Give each public NLB a `reserved_ips { id = oci_core_public_ip.<name>.id }` block, and give that public IP `lifetime = "RESERVED"` and `lifecycle { prevent_destroy = true }`.',
    messages: {
      reservedIpMissing:
        'Public NLB `{{nlb}}` has no `reserved_ips` block, so OCI gives it an ephemeral IP that changes when the NLB is replaced and the Cloudflare records go stale; add `reserved_ips { id = oci_core_public_ip.<name>.id }` with a reserved public IP managed here.',
      reservedIpIdMissing:
        'The `reserved_ips` block of public NLB `{{nlb}}` has no `id`, so no reserved IP is attached; set `id = oci_core_public_ip.<name>.id`.',
      reservedIpNotResource:
        'The `reserved_ips` id of public NLB `{{nlb}}` is `{{expr}}`, not a reference to an `oci_core_public_ip` resource in this repo, so nothing here keeps that address reserved and protected; point it at `oci_core_public_ip.<name>.id`.',
      lifetimeMissing:
        'Public IP `{{ip}}`, used by NLB {{nlbs}}, has no `lifetime`; only a RESERVED IP outlives its NLB, so set `lifetime = "RESERVED"`.',
      lifetimeNotReserved:
        'Public IP `{{ip}}`, used by NLB {{nlbs}}, has `lifetime` {{actual}}; an ephemeral IP is released with its NLB and the Cloudflare records then point nowhere; set `lifetime = "RESERVED"`.',
      preventDestroyMissing:
        'Reserved public IP `{{ip}}`, used by NLB {{nlbs}}, has no `lifecycle { prevent_destroy = true }`, so a destroy or a renamed resource releases the address every Lumie domain resolves to; add it.',
      preventDestroyFalse:
        'Reserved public IP `{{ip}}`, used by NLB {{nlbs}}, sets `prevent_destroy = {{actual}}`, so a destroy or a renamed resource releases the address every Lumie domain resolves to; set `prevent_destroy = true`.',
      usedByNlb: 'NLB `{{nlb}}` attaches this public IP here',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    const tf = ctx.model.terraform;
    const uses = new Map<HclBlock, IpUse>();

    for (const nlb of nlbs(tf)) {
      if (!isPublicNlb(tf, nlb)) continue;
      const name = resourceAddress(nlb);
      const plain = nlb.blocks.filter((b) => b.type === 'reserved_ips');
      // `dynamic "reserved_ips"` attaches an IP only for some inputs; its id is checked when it is a
      // plain resource reference, and otherwise left alone (it cannot be judged statically).
      const dynamic = nlb.blocks
        .filter((b) => b.type === 'dynamic' && b.labels[0] === 'reserved_ips')
        .flatMap((d) => d.blocks.filter((c) => c.type === 'content'));
      if (plain.length === 0 && dynamic.length === 0) {
        ctx.report({ node: nlb.headerLoc, messageId: 'reservedIpMissing', data: { nlb: name } });
        continue;
      }
      for (const block of [...plain, ...dynamic]) {
        const id = tf.attr(block, 'id');
        const isDynamic = block.type === 'content';
        if (!id) {
          if (!isDynamic) ctx.report({ node: block.headerLoc, messageId: 'reservedIpIdMissing', data: { nlb: name } });
          continue;
        }
        const t = traversalOf(id.expr);
        const target = t && tf.referencedResource(t);
        if (!target || target.labels[0] !== PUBLIC_IP) {
          if (!isDynamic) ctx.report({ node: id.expr, messageId: 'reservedIpNotResource', data: { nlb: name, expr: id.expr.text } });
          continue;
        }
        const use = uses.get(target) ?? { ip: target, refs: [] };
        use.refs.push({ nlb, id: id.expr });
        uses.set(target, use);
      }
    }

    for (const { ip, refs } of uses.values()) {
      const data = { ip: resourceAddress(ip), nlbs: [...new Set(refs.map((r) => `\`${resourceAddress(r.nlb)}\``))].join(', ') };
      const related: RelatedReport[] = refs.map((r) => ({ node: r.id, messageId: 'usedByNlb', data: { nlb: resourceAddress(r.nlb) } }));

      const lifetime = tf.attr(ip, 'lifetime');
      const lifetimes = tf.valuesOf(ip, 'lifetime');
      if (!lifetime) {
        ctx.report({ node: ip.headerLoc, messageId: 'lifetimeMissing', data, related });
      } else if (lifetimes !== undefined && lifetimes !== UNKNOWN) {
        const bad = lifetimes.filter((v) => v !== 'RESERVED');
        if (bad.length > 0) ctx.report({ node: lifetime.expr, messageId: 'lifetimeNotReserved', data: { ...data, actual: shown(lifetime.expr, bad) }, related });
      }

      const prevent = ip.blocks.filter((b) => b.type === 'lifecycle').map((b) => tf.attr(b, 'prevent_destroy')).find((a) => a !== undefined);
      if (!prevent) {
        ctx.report({ node: ip.headerLoc, messageId: 'preventDestroyMissing', data, related });
        continue;
      }
      // Terraform only accepts a literal here; anything else is left to `terraform validate`.
      const v = tf.resolve(prevent.expr);
      if (v === false || v === 'false') {
        ctx.report({ node: prevent.expr, messageId: 'preventDestroyFalse', data: { ...data, actual: prevent.expr.text }, related });
      }
    }
  },
});
