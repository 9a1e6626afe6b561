import { defineRule } from '@infralint/core';

/**
 * Files that match but cannot be read as text are reported by discovery, not by a check over the
 * model; this module carries the rule's meta (for --list-rules, --explain, SARIF and docs). Like
 * parse-error it can be neither turned off nor suppressed: such a file never silently disappears.
 */
export default defineRule({
  id: 'file-error',
  meta: {
    description: 'A file infralint should read that is unreadable, binary, not UTF-8 or larger than 5 MB.',
    targets: ['terraform', 'kubernetes', 'docs'],
    severity: 'error',
    recommended: true,
    remediation: 'Make the file readable UTF-8 text under 5 MB, or add it to "ignore" in the config when it is not meant to be linted.',
    messages: {},
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check() {
    // Reported by discovery in @infralint/core.
  },
});
