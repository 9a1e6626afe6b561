import { defineRule, lineIndex, locationAt } from '@infralint/core';
import { proseBlocks, type ProseBlock, type Sentence } from './utils/markdown.js';

/**
 * Wording that marks Kong as past or set aside: a sentence with it is not a claim that Kong is live,
 * and it makes its whole paragraph (or its section, in a heading) legacy context too.
 */
const LEGACY =
  /\b(?:legacy|retire[ds]?|retiring|deprecat\w*|replac(?:e|ed|es|ing|ement)|remov(?:e|ed|es|al|ing)|former(?:ly)?|previous(?:ly)?|no longer|historic(?:al|ally)?|archived?|obsolete|decommission\w*|phased? out|sunset|(?:migrat\w*|mov(?:ed|ing)|switch(?:ed|ing))(?: away)? from|used to|was|were|had been|for reference|reference material|reference only|kong era|not part of the active path)\b/i;

/**
 * Negations and set-asides: "the cluster has no `kong` namespace", "do not add Kong resources",
 * "Traefik, not Kong, ...", "Kong artifacts mistaken for active config", and reported speech about
 * other docs ("the README still describes Kong as ..."). A sentence with one is not a claim that Kong
 * is live; the rule errs toward silence here, since a docs warning that fires on careful wording
 * teaches people to ignore it.
 */
const NEGATION =
  /\b(?:no|not|never|nothing|none|without|instead of|rather than|cannot|can't|don't|doesn't|isn't|aren't|won't|wasn't|mistaken|confused|describ(?:e|es|ed|ing)|mention(?:s|ed|ing)?|claim(?:s|ed|ing)?)\b/i;

/** Words that give Kong a role on the traffic path: without one, a mention is not about the ingress controller. */
const ROLE =
  /\b(?:ingress\w*|gateways?|controllers?|prox(?:y|ies)|rout(?:e|es|ed|ing)|traffic|requests?|tls|ssl|https?|certificates?|terminat\w*|expos(?:e|es|ed|ing)|entry ?points?|edge|load[- ]?balanc\w*|upstreams?|plugins?|hosts?|hostnames?)\b/i;

/** Kong's own resources and annotations: naming one as something to write is using Kong. */
const KONG_RESOURCE = /\bkong(?:plugin|clusterplugin|ingress|consumer|consumergroup|upstreampolicy|customentity|vault)s?\b|\bkonghq\b/i;

/** The docs this rule reads: READMEs, AGENTS.md, and anything in a `docs/` folder. */
export function isDocsFile(file: string): boolean {
  const parts = file.split('/');
  const base = parts[parts.length - 1]!;
  return /^readme/i.test(base) || /^agents\.md$/i.test(base) || parts.slice(0, -1).some((d) => d.toLowerCase() === 'docs');
}

/** Mentions of Kong: a word that starts with `kong` (Kong, KongPlugin, konghq.com, `bootstrap/kong/`). */
const KONG = /\bkong\w*/gi;

/** The first Kong mention of a sentence: its index in `raw` (so `start + index` is its file offset) and length. */
function firstKong(s: Sentence): { index: number; length: number } | undefined {
  KONG.lastIndex = 0;
  const m = KONG.exec(s.raw);
  return m ? { index: m.index, length: m[0].length } : undefined;
}

/**
 * Whether each block is legacy context: a heading with legacy wording (it covers its section), a
 * block with a sentence that mentions Kong with legacy wording (it covers the whole block), and
 * whatever is nested in a list item that is legacy context.
 */
function legacyBlocks(blocks: ProseBlock[]): boolean[] {
  const own = blocks.map((b) =>
    b.kind === 'heading' ? b.sentences.some((s) => LEGACY.test(s.text)) : b.sentences.some((s) => firstKong(s) && LEGACY.test(s.text)),
  );
  const out: boolean[] = [];
  blocks.forEach((b, i) => {
    out[i] = own[i]! || b.headings.some((h) => own[h]) || (b.parent !== undefined && out[b.parent]!);
  });
  return out;
}

/** How long a quoted sentence may be in a message before it is shortened. */
const MAX_QUOTE = 100;

function quote(sentence: string): string {
  const s = sentence.replace(/\s+/g, ' ').trim();
  return s.length <= MAX_QUOTE ? s : `${s.slice(0, MAX_QUOTE - 1).trimEnd()}…`;
}

/**
 * Kong was lumie's ingress controller before the move to the k3s-bundled Traefik; its manifests are
 * kept under bootstrap/kong/ as reference. The overview (seeds/networking-overview.txt, Contract
 * Drift) records that the README still described Kong as the ingress controller, and names "Kong
 * artifacts mistaken for active config" as a failure mode: operators debug the wrong ingress stack.
 */
export default defineRule({
  id: 'docs-kong-drift',
  meta: {
    description:
      'README, AGENTS.md and docs/ pages do not present Kong as the ingress controller in use; Kong may only be described as legacy, retired or replaced.',
    targets: ['docs'],
    severity: 'warning',
    recommended: true,
    remediation:
      'Describe Traefik as the active ingress controller, and mention Kong only as legacy (e.g. "Kong was replaced by Traefik; bootstrap/kong/ holds legacy reference manifests").',
    messages: {
      kongPresentedAsLive:
        'This sentence presents Kong as the ingress controller in use ("{{sentence}}"), but the active ingress controller is Traefik and Kong is legacy; say that Kong is legacy or replaced by Traefik, or describe Traefik instead.',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check(ctx) {
    for (const { file, text } of ctx.model.markdown) {
      if (!isDocsFile(file)) continue;
      let index: ReturnType<typeof lineIndex> | undefined;
      const blocks = proseBlocks(text);
      const legacy = legacyBlocks(blocks);
      blocks.forEach((block, i) => {
        if (legacy[i]) return;
        for (const s of block.sentences) {
          const kong = firstKong(s);
          if (!kong || NEGATION.test(s.text) || !(ROLE.test(s.text) || KONG_RESOURCE.test(s.text))) continue;
          const start = s.start + kong.index;
          index ??= lineIndex(file, text);
          ctx.report({
            node: locationAt(index, start, start + kong.length),
            messageId: 'kongPresentedAsLive',
            data: { sentence: quote(text.slice(s.start, s.end)) },
          });
        }
      });
    }
  },
});
