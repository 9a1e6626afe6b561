import { defineRule } from '@infralint/core';

/**
 * Parse errors are produced by the parsers, not by a check over the model; this module carries the
 * rule's meta (for --list-rules, SARIF and docs). It cannot be turned off or suppressed.
 */
export default defineRule({
  id: 'parse-error',
  meta: {
    description: 'A YAML or HCL file that does not parse, reported at the position of the syntax error.',
    targets: ['terraform', 'kubernetes'],
    severity: 'error',
    recommended: true,
    remediation: 'Fix the syntax at the reported line and column; the rest of the file was still checked.',
    messages: {},
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {
    // Reported by the YAML and HCL loaders.
  },
});
