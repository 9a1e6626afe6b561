import { defineRule, deref } from '@infralint/core';
import { isPathUnder, normalizeHost } from './utils/hosts.js';
import { defaultBackendPair, displayValue, ingresses, ingressRules, onceReporter, tlsHosts, valueLoc, type IngressRule } from './utils/ingress.js';

/** Options of dev-host-api-only. */
export interface DevHostApiOnlyOptions {
  /** The development host that serves only API paths. */
  host: string;
  /** Path prefixes the host may route. */
  allowedPathPrefixes: string[];
}

/**
 * A rule that matches every host: no `host`, or an empty one (`host:` or `host: ""`), which
 * Kubernetes and Traefik treat the same as none.
 */
function isHostless(rule: IngressRule): boolean {
  if (rule.hostPair === undefined) return true;
  const v = deref(rule.hostPair.value);
  return v?.kind === 'scalar' && (v.value === null || (typeof v.value === 'string' && v.value.trim() === ''));
}

/**
 * On the development cluster the frontend runs on developers' machines: `dev.lumie-infra.com` must
 * serve only the API, and a bare `/` is meant to 404. A catch-all path or a default backend would
 * expose whatever it points at on the public dev host.
 */
export default defineRule<DevHostApiOnlyOptions>({
  id: 'dev-host-api-only',
  meta: {
    description: 'Ingress rules for `dev.lumie-infra.com` route only paths equal to `/api` or under `/api/`, with no catch-all path and no default backend.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation: 'Route only `/api` paths for the dev host: change or remove the other paths, and remove the default backend from an Ingress that serves the dev host.',
    messages: {
      pathNotAllowed:
        'Ingress "{{name}}" routes path "{{path}}" on {{host}}, which may route only paths equal to or under {{allowed}}; remove this path or move it under an allowed prefix.',
      missingPath:
        'Ingress "{{name}}" has a path entry without `path` on {{host}}, which matches every path like "/"; {{host}} may route only paths equal to or under {{allowed}}: set `path` to one of them.',
      noPaths:
        'Ingress "{{name}}" has a rule for {{host}} that routes no paths (`http.paths` is missing or empty), so the host falls through to a default backend; route only paths equal to or under {{allowed}}.',
      hostlessPathNotAllowed:
        'Ingress "{{name}}" serves {{host}} and has a rule without `host` that routes path "{{path}}" on every host, {{host}} included, which may route only paths equal to or under {{allowed}}; remove this path, move it under an allowed prefix, or give the rule the host it is meant for.',
      hostlessMissingPath:
        'Ingress "{{name}}" serves {{host}} and has a rule without `host` with a path entry without `path`, which matches every path like "/" on every host, {{host}} included; {{host}} may route only paths equal to or under {{allowed}}: set `path` to one of them, or give the rule the host it is meant for.',
      defaultBackend:
        'Ingress "{{name}}" serves {{host}} (a rule or a TLS entry names it) and has a default backend, which answers every request no rule matches, "/" included; {{host}} may route only paths equal to or under {{allowed}}: remove the default backend.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: {
          type: 'string',
          minLength: 1,
          description: 'The host whose Ingress rules may route only the allowed path prefixes.',
        },
        allowedPathPrefixes: {
          type: 'array',
          items: { type: 'string', pattern: '^/' },
          minItems: 1,
          description:
            'Path prefixes the host may route: a path is allowed when it equals a prefix or starts with the prefix followed by `/`.',
        },
      },
    },
    defaultOptions: { host: 'dev.lumie-infra.com', allowedPathPrefixes: ['/api'] },
  },
  check(ctx, options) {
    const report = onceReporter(ctx);
    const host = normalizeHost(options.host);
    const allowed = options.allowedPathPrefixes.map((p) => `"${p}"`).join(' or ');
    const isAllowed = (path: string) => options.allowedPathPrefixes.some((p) => isPathUnder(path, p));
    const isDevHost = (h: string | undefined) => h !== undefined && normalizeHost(h) === host;
    for (const obj of ingresses(ctx.model)) {
      const data = { name: obj.name, host: options.host, allowed };
      const rules = ingressRules(ctx.model, obj);
      // The Ingress serves the dev host when a rule or a TLS entry names it. Only then do its
      // host-less rules and default backend answer the dev host as far as the repo shows.
      const servesHost = rules.some((r) => isDevHost(r.host)) || tlsHosts(ctx.model, obj).some((t) => isDevHost(t.host));
      if (!servesHost) continue;
      for (const rule of rules) {
        const hostless = isHostless(rule);
        if (!hostless && !isDevHost(rule.host)) continue;
        if (rule.paths.length === 0) {
          // A host-less rule that routes nothing adds nothing; the default backend is reported on its own.
          if (!hostless) report({ node: valueLoc(rule.hostPair!), messageId: 'noPaths', data });
          continue;
        }
        for (const p of rule.paths) {
          if (p.pathPair === undefined) {
            // An entry without `path` matches every path, like "/".
            if (isAllowed('/')) continue;
            report({ node: p.entry, messageId: hostless ? 'hostlessMissingPath' : 'missingPath', data });
            continue;
          }
          const v = deref(p.pathPair.value);
          const path = v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
          if (path !== undefined && isAllowed(path)) continue;
          report({
            node: valueLoc(p.pathPair),
            messageId: hostless ? 'hostlessPathNotAllowed' : 'pathNotAllowed',
            data: { ...data, path: displayValue(p.pathPair.value) },
          });
        }
      }
      const backend = defaultBackendPair(ctx.model, obj);
      if (backend) report({ node: backend.key, messageId: 'defaultBackend', data });
    }
  },
});
