import { describe, it } from 'vitest';
import { RuleTester } from '../../core/src/testing/rule-tester.js';
import rule from '../src/docs-kong-drift.js';

// Markdown files are kept as text by the tester; findings point at the first Kong word of the
// offending sentence.
new RuleTester({ describe, it }).run('docs-kong-drift', rule, {
  valid: [
    {
      name: 'legacy, retired, replaced and negated wording, one sentence per paragraph',
      files: {
        'README.md': `# lumie-infra

Kong was replaced by Traefik in 2025.

\`bootstrap/kong/\` holds legacy Kong manifests.

Kong is no longer part of the active path.

Kong is deprecated; new routes go through the k3s-bundled Traefik.

We previously used Kong as the ingress controller.

The Kong proxy manifests are kept for historical reference only.

Kong was retired when the cluster moved to k3s.

Formerly, the Kong proxy terminated TLS for every public host.

The Kong ingress configuration has been removed from the live cluster.

Traefik, not Kong, is the ingress controller.

The cluster has no live \`kong\` namespace and no Argo CD application for the Kong gateway.
`,
      },
    },
    {
      name: 'legacy wording tied to the clause that mentions Kong: Kong as the thing replaced',
      files: {
        'docs/ingress.md': `# Ingress

Traefik took over from Kong as the ingress controller in 2025.

The Kong gateway is gone; Traefik terminates TLS now.

Traefik is the ingress controller (it superseded Kong).

Before 2025 all traffic went through Kong.

The ingress moved off Kong last year.

Traefik is the ingress controller now, replacing Kong.

Kong is being replaced by Traefik on every host.

We use Traefik instead of Kong for ingress.
`,
      },
    },
    {
      name: 'a clause that marks Kong as legacy covers its whole block, other clauses included',
      files: {
        'docs/edge.md': `| Legacy edge artifacts | \`bootstrap/kong/\`: retained Kong configuration, not part of the active path |

Kong terminates TLS for every host; the old Kong 2.x setup was removed.
`,
      },
    },
    {
      name: 'a legacy heading covers its section; a legacy sentence covers its paragraph and nested items',
      files: {
        'docs/networking.md': `# Networking

Traefik, bundled with k3s, is the active ingress controller.

## Legacy edge (Kong)

Kong terminates TLS and routes by host using KongPlugin resources.

### Kong plugins

Rate limiting is a KongPlugin attached with the \`konghq.com/plugins\` annotation.

## Traffic path

Kong is legacy. Its proxy listened on NodePort 32443 and handled every public host.

- Kong (legacy reference material):
  - the gateway manifests are in \`bootstrap/kong/\`;
  - the proxy routes are KongIngress objects.

Retired ingress stack
---------------------

Kong routes every public host through its proxy.
`,
      },
    },
    {
      name: 'code blocks, link targets, HTML and mentions without a traffic role are not claims',
      files: {
        'AGENTS.md': `# Notes for agents

<!-- Kong is our ingress controller (old note, kept as a comment). -->

\`\`\`yaml
spec:
  ingressClassName: kong
\`\`\`

~~~
Kong routes every request.
~~~

See the [Traefik docs](https://doc.traefik.io/traefik/) and <img src="https://konghq.com/kong-gateway.png" alt="">.

The team mascot is a gorilla called Kong.
`,
      },
    },
    {
      name: 'only READMEs, AGENTS.md and docs/ are read',
      files: {
        'CHANGELOG.md': 'Kong is our ingress controller.\n',
        'platform/notes.md': 'Traffic enters through the Kong gateway.\n',
        'rule-docs/example.md': 'We route requests with Kong Ingress Controller.\n',
      },
    },
    {
      name: 'docs under a legacy path are not checked',
      settings: { legacyPaths: ['bootstrap/kong/'] },
      files: {
        'bootstrap/kong/README.md': '# bootstrap/kong\n\nKong is the ingress controller for every Lumie host.\n',
      },
    },
  ],
  invalid: [
    {
      name: 'current wording: Kong presented as the ingress controller in use',
      files: {
        'README.md': `# lumie-infra

Kong is our ingress controller.

Traffic enters through the Kong gateway.

We route requests with Kong Ingress Controller.

Every Ingress sets \`ingressClassName: kong\`. Traefik only runs in the dev cluster.

Rate limits are KongPlugin resources in each namespace.

The Kong proxy terminates TLS for all public hostnames.

Kong currently handles all ingress traffic for the cluster.
`,
      },
      errors: [
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 3, column: 1, endLine: 3, endColumn: 5 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 5, column: 28, endLine: 5, endColumn: 32 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 7, column: 24, endLine: 7, endColumn: 28 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 9, column: 39, endLine: 9, endColumn: 43 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 11, column: 17, endLine: 11, endColumn: 27 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 13, column: 5, endLine: 13, endColumn: 9 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 15, column: 1, endLine: 15, endColumn: 5 },
      ],
    },
    {
      name: 'headings, table rows, list items, blockquotes and wrapped sentences under docs/',
      files: {
        'docs/platform/ingress.md': `## Ingress with Kong

| Layer | Owner |
|---|---|
| Layer-7 ingress | Kong |
| Legacy edge artifacts | bootstrap/kong/, not part of the active path |

- Public traffic: Cloudflare, then the OCI NLB, then
  the Kong proxy on every worker.
- Certificates: cert-manager.

> Kong routes every request to the Service.
`,
      },
      errors: [
        { messageId: 'kongPresentedAsLive', file: 'docs/platform/ingress.md', line: 1, column: 17, endLine: 1, endColumn: 21 },
        { messageId: 'kongPresentedAsLive', file: 'docs/platform/ingress.md', line: 5, column: 21, endLine: 5, endColumn: 25 },
        { messageId: 'kongPresentedAsLive', file: 'docs/platform/ingress.md', line: 9, column: 7, endLine: 9, endColumn: 11 },
        { messageId: 'kongPresentedAsLive', file: 'docs/platform/ingress.md', line: 12, column: 3, endLine: 12, endColumn: 7 },
      ],
    },
    {
      name: 'legacy or negation wording about something else in the sentence does not set Kong aside',
      files: {
        'README.md': `# lumie-infra

Kong, not Traefik, is the ingress controller.

We use Kong as our ingress controller instead of Traefik.

Kong is the ingress controller; Traefik was removed.

The Kong ingress controller is not optional: every service needs it.

Don't forget to add the KongPlugin for rate limiting to every Ingress.

Kong is the ingress controller now, replacing the old nginx setup.

Kong replaced nginx as our ingress controller.
`,
      },
      errors: [
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 3, column: 1, endLine: 3, endColumn: 5 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 5, column: 8, endLine: 5, endColumn: 12 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 7, column: 1, endLine: 7, endColumn: 5 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 9, column: 5, endLine: 9, endColumn: 9 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 11, column: 25, endLine: 11, endColumn: 35 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 13, column: 1, endLine: 13, endColumn: 5 },
        { messageId: 'kongPresentedAsLive', file: 'README.md', line: 15, column: 1, endLine: 15, endColumn: 5 },
      ],
    },
    {
      name: 'one current sentence among legacy ones, in AGENTS.md',
      files: {
        'AGENTS.md': `# Notes for agents working in lumie-infra

- Kong is legacy. \`bootstrap/kong/\` is legacy reference material only.
- New hosts are exposed through Kong with a \`konghq.com/strip-path\` annotation.
- CoreDNS runs as a DaemonSet.
`,
        'README.md': `# lumie-infra

Traefik, the ingress controller bundled with k3s, is the active ingress path.
`,
      },
      errors: [{ messageId: 'kongPresentedAsLive', file: 'AGENTS.md', line: 4, column: 33, endLine: 4, endColumn: 37 }],
    },
  ],
});
