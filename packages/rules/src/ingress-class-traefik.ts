import { defineRule, deref } from '@infralint/core';
import { CLASS_ANNOTATION, annotation, displayValue, ingresses, ingressView, onceReporter, valueLoc } from './utils/ingress.js';

/** Options of ingress-class-traefik. */
export interface IngressClassTraefikOptions {
  /** The IngressClass every Ingress must name. */
  className: string;
}

/**
 * The cluster runs only the k3s-bundled Traefik; an Ingress without a class, or with another class,
 * is served by nothing (or by a controller that no longer exists) and its host silently 404s.
 */
export default defineRule<IngressClassTraefikOptions>({
  id: 'ingress-class-traefik',
  meta: {
    description: 'Every Ingress names the `traefik` IngressClass in `spec.ingressClassName` and does not use the deprecated `kubernetes.io/ingress.class` annotation.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation: 'Set `spec.ingressClassName: traefik` on the Ingress and delete any `kubernetes.io/ingress.class` annotation.',
    messages: {
      missingClass:
        'Ingress "{{name}}" has no `spec.ingressClassName`, so no controller is guaranteed to serve it; add `spec.ingressClassName: {{className}}`.',
      wrongClass:
        'Ingress "{{name}}" sets `spec.ingressClassName: {{value}}`, but the only live ingress controller is {{className}}; set `spec.ingressClassName: {{className}}`.',
      deprecatedAnnotation:
        'Ingress "{{name}}" uses the deprecated `kubernetes.io/ingress.class: {{value}}` annotation; delete it and set `spec.ingressClassName: {{className}}` instead.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        className: {
          type: 'string',
          minLength: 1,
          description: 'The IngressClass name every Ingress must set in `spec.ingressClassName`.',
        },
      },
    },
    defaultOptions: { className: 'traefik' },
  },
  check(ctx, options) {
    const report = onceReporter(ctx);
    const className = options.className;
    for (const obj of ingresses(ctx.model)) {
      const name = obj.name;
      const ann = annotation(ctx.model, obj, CLASS_ANNOTATION);
      if (ann) {
        report({ node: valueLoc(ann), messageId: 'deprecatedAnnotation', data: { name, value: displayValue(ann.value), className } });
      }
      const classPair = ingressView(ctx.model, obj).classPair;
      if (classPair === undefined) {
        // The annotation finding already says to set spec.ingressClassName; a second finding for the same fix is noise.
        if (!ann) report({ node: obj.headerLoc, messageId: 'missingClass', data: { name, className } });
        continue;
      }
      const value = deref(classPair.value);
      if (value?.kind === 'scalar' && value.value === className) continue;
      report({ node: valueLoc(classPair), messageId: 'wrongClass', data: { name, value: displayValue(classPair.value), className } });
    }
  },
});
