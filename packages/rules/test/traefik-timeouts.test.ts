import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/traefik-timeouts.js';

// Findings inside `valuesContent` point into the embedded YAML at its line and column in the
// HelmChartConfig file: for a block scalar, inner line k is the k-th line after `valuesContent: |`,
// and inner columns are shifted by the block's indentation.
new RuleTester({ describe, it }).run('traefik-timeouts', rule, {
  valid: [
    {
      name: 'structured values in a |- block scalar (lumie-infra)',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |-
    deployment:
      kind: DaemonSet
    ports:
      websecure:
        hostPort: 443
        transport:
          respondingTimeouts:
            readTimeout: 600s
            writeTimeout: 600s
            idleTimeout: 600s
`,
      },
    },
    {
      name: 'additionalArguments in either spelling of entryPoints, Go durations and plain seconds',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |
    additionalArguments:
      - "--entryPoints.websecure.transport.respondingTimeouts.readTimeout=10m"
      - --entrypoints.websecure.transport.respondingTimeouts.writeTimeout=1h30m
      - '--entrypoints.websecure.transport.respondingTimeouts.idleTimeout=3600'
      - "--entryPoints.web.transport.respondingTimeouts.readTimeout=5s"
`,
      },
    },
    {
      name: 'integers are seconds, and 0 means no timeout at all',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |-
    ports:
      websecure:
        transport:
          respondingTimeouts:
            readTimeout: 900
            writeTimeout: "600"
            idleTimeout: 0
`,
      },
    },
    {
      name: 'values in a single-line quoted string',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: "ports: {websecure: {transport: {respondingTimeouts: {readTimeout: 600s, writeTimeout: 600s, idleTimeout: 600s}}}}"
`,
      },
    },
    {
      name: 'no HelmChartConfig for kube-system/traefik: the repo may not patch Traefik',
      files: {
        'platform/ingress-nginx/config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: rke2-ingress-nginx
  namespace: kube-system
spec:
  valuesContent: |-
    controller:
      config:
        proxy-read-timeout: "60"
`,
        'applications/traefik/traefik-patch.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: traefik
spec:
  valuesContent: |-
    logs:
      access:
        enabled: true
`,
      },
    },
    {
      name: 'minSeconds option',
      options: { minSeconds: 300 },
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |-
    ports:
      websecure:
        transport:
          respondingTimeouts:
            readTimeout: 5m
            writeTimeout: 5m
            idleTimeout: 300s
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a too-short timeout inside a |- block scalar, and a missing one',
      files: {
        'platform/traefik-config/traefik-config.yaml': `# Patch for the k3s-bundled Traefik addon.
apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |-
    deployment:
      kind: DaemonSet
    ports:
      websecure:
        hostPort: 443
        transport:
          respondingTimeouts:
            readTimeout: 60s
            writeTimeout: 600s
`,
      },
      errors: [
        { messageId: 'timeoutsMissing', file: 'platform/traefik-config/traefik-config.yaml', line: 8, column: 3, endLine: 8, endColumn: 16 },
        { messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 16, column: 26, endLine: 16, endColumn: 29 },
      ],
    },
    {
      name: 'too-short additionalArguments inside a | block scalar: plain, double- and single-quoted',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |
    additionalArguments:
      - "--entryPoints.websecure.transport.respondingTimeouts.readTimeout=30s"
      - --entrypoints.websecure.transport.respondingTimeouts.writeTimeout=5m
      - '--entryPoints.websecure.transport.respondingTimeouts.idleTimeout=180s'
`,
      },
      errors: [
        { messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 9, column: 75, endLine: 9, endColumn: 78 },
        { messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 10, column: 75, endLine: 10, endColumn: 77 },
        { messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 11, column: 75, endLine: 11, endColumn: 79 },
      ],
    },
    {
      name: 'block scalar with an indentation indicator and more-indented content, in a multi-document file',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: traefik-logs
---
apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |4

        ports:
          websecure:
            transport:
              respondingTimeouts:
                readTimeout: 600s
                writeTimeout: 2m
                idleTimeout: 600s
`,
      },
      errors: [{ messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 19, column: 31, endLine: 19, endColumn: 33 }],
    },
    {
      name: 'a too-short timeout in a single-line quoted string',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: "ports: {websecure: {transport: {respondingTimeouts: {readTimeout: 600s, writeTimeout: 60s, idleTimeout: 600s}}}}"
`,
      },
      errors: [{ messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 7, column: 105, endLine: 7, endColumn: 108 }],
    },
    {
      name: 'an escaped multi-line double-quoted string cannot be mapped: reported at the valuesContent value',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: "ports:\\n  websecure:\\n    transport:\\n      respondingTimeouts:\\n\\
    \\        readTimeout: 600s\\n        writeTimeout: 600s\\n        idleTimeout: 90s\\n"
`,
      },
      errors: [{ messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 7, column: 18, endLine: 8, endColumn: 88 }],
    },
    {
      name: 'invalid embedded YAML is reported at the error, mapped into the outer file',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |-
    ports:
      websecure:
        transport: [respondingTimeouts
    logs:
      access:
        enabled: true
`,
      },
      errors: [{ messageId: 'invalidValues', file: 'platform/traefik-config/traefik-config.yaml', line: 11, column: 5, endLine: 11, endColumn: 6 }],
    },
    {
      name: 'HelmChartConfig without valuesContent, and one whose valuesContent is a mapping',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  failurePolicy: abort
`,
        'platform/traefik-config/traefik-config-v2.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
spec:
  valuesContent:
    ports:
      websecure:
        transport:
          respondingTimeouts:
            readTimeout: 600s
`,
      },
      errors: [
        { messageId: 'invalidValues', file: 'platform/traefik-config/traefik-config-v2.yaml', line: 7, column: 5, endLine: 11, endColumn: 30 },
        { messageId: 'valuesMissing', file: 'platform/traefik-config/traefik-config.yaml', line: 2, column: 7, endLine: 2, endColumn: 22 },
      ],
    },
    {
      name: 'structured values and additionalArguments together: each setting is checked (CRLF line ends)',
      files: {
        'platform/traefik-config/traefik-config.yaml':
          'apiVersion: helm.cattle.io/v1\r\nkind: HelmChartConfig\r\nmetadata:\r\n  name: traefik\r\n  namespace: kube-system\r\nspec:\r\n' +
          '  valuesContent: |-\r\n    ports:\r\n      websecure:\r\n        transport:\r\n          respondingTimeouts:\r\n' +
          '            readTimeout: 600s\r\n            writeTimeout: 600s\r\n    additionalArguments:\r\n' +
          '      - --entryPoints.websecure.transport.respondingTimeouts.idleTimeout=1m\r\n',
      },
      errors: [{ messageId: 'tooShort', file: 'platform/traefik-config/traefik-config.yaml', line: 15, column: 74, endLine: 15, endColumn: 76 }],
    },
    {
      name: 'a timeout that is not a duration, and an empty valuesContent',
      files: {
        'platform/traefik-config/traefik-config.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: |-
    ports:
      websecure:
        transport:
          respondingTimeouts:
            readTimeout: ten minutes
            writeTimeout: 600s
            idleTimeout: 600s
`,
        'platform/traefik-config/traefik-config-empty.yaml': `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata:
  name: traefik
  namespace: kube-system
spec:
  valuesContent: ""
`,
      },
      errors: [
        { messageId: 'timeoutsMissing', file: 'platform/traefik-config/traefik-config-empty.yaml', line: 7, column: 3, endLine: 7, endColumn: 16 },
        { messageId: 'invalidDuration', file: 'platform/traefik-config/traefik-config.yaml', line: 12, column: 26, endLine: 12, endColumn: 37 },
      ],
    },
  ],
});
