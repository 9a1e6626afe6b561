import { defineRule } from '@infralint/core';

/**
 * Reported by the suppression pass after every rule ran (ESLint's reportUnusedDisableDirectives);
 * this module carries the meta so the id can be configured, listed and documented.
 */
export default defineRule({
  id: 'unused-disable-directive',
  meta: {
    description: 'An infralint-disable comment that silences nothing.',
    targets: ['terraform', 'kubernetes'],
    severity: 'warning',
    recommended: true,
    remediation: 'Remove the comment, or the rule ids in it that report nothing on that line.',
    messages: {},
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {
    // Reported by applySuppressions in @infralint/core.
  },
});
