import { defineRule, lineIndex, locationAt } from '@infralint/core';
import { clausesOf, proseBlocks, type ProseBlock, type Sentence } from './utils/markdown.js';

/**
 * Wording that marks Kong as past or set aside when it is in the clause that mentions Kong (or, in
 * a heading, anywhere: it covers the section). Words whose direction matters ("Traefik replaced
 * Kong" versus "Kong replaced nginx") are in REPLACE_VERB instead.
 */
const LEGACY =
  /\b(?:legacy|retire[ds]?|retiring|deprecat\w*|replacement|remov(?:e|ed|es|al|ing)|former(?:ly)?|previous(?:ly)?|no longer|historic(?:al|ally)?|archived?|obsolete|decommission\w*|phased? out|sunset|gone|went away|used to|was|were|had been|originally|in the past|back then|at the time|(?:the|our) old|before (?:\d{4}|the (?:move|migration|switch|cutover))|until \d{4}|prior to|for reference|reference material|reference only|kong era|not part of the active path)\b/i;

/**
 * Verbs that make their object the thing set aside: "Traefik took over from Kong", "it superseded
 * Kong", "the ingress moved off Kong". Kong is legacy when it follows one in its clause, or when it
 * is their subject in the passive ("Kong is being replaced"); as an active subject ("Kong replaced
 * nginx") it is the live one.
 */
const REPLACE_VERB =
  String.raw`(?:replac(?:e|ed|es|ing)|supersed(?:e|ed|es|ing)|succeed(?:s|ed|ing)?|displac(?:e|ed|es|ing)|(?:took|takes?|taking|taken) over from|(?:migrat|mov|switch)\w* (?:away )?(?:from|off)(?: of)?)`;
const REPLACES = new RegExp(String.raw`\b${REPLACE_VERB}\b`, 'i');
const REPLACED_PASSIVE = new RegExp(String.raw`\b(?:is|are|was|were|be|been|being|get|gets|got|gotten) (?:\w+ )?${REPLACE_VERB}\b`, 'i');

/**
 * Negations and set-asides: "the cluster has no `kong` namespace", "do not add Kong resources",
 * "Traefik, not Kong, ...", "Kong artifacts mistaken for active config", and reported speech about
 * other docs ("the README still describes Kong as ..."). A clause about Kong with one is not a claim
 * that Kong is live; the rule errs toward silence here, since a docs warning that fires on careful
 * wording teaches people to ignore it.
 */
const NEGATION =
  /\b(?:no|not|never|nothing|none|without|instead of|rather than|cannot|can't|don't|doesn't|isn't|aren't|won't|wasn't|mistaken|confused|describ(?:e|es|ed|ing)|mention(?:s|ed|ing)?|claim(?:s|ed|ing)?)\b/i;

/**
 * A negation of a negative or of a set-aside, which asserts the opposite: "not optional", "don't
 * forget to add the KongPlugin", "Kong is not deprecated". Blanked before the other tests.
 */
const DOUBLE_NEGATION =
  /(?:\bnot|\bnever|\bcannot|n't) (?:\w+ )?(?:optional|negotiable|forget|skip|omit|neglect|deprecated|legacy|retired|removed|replaced|obsolete|gone|going away)\b/gi;

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

/** One Kong mention of a sentence, judged by the clause it is in. */
interface KongMention {
  /** Index in the sentence's `raw` (so `start + index` is its file offset). */
  index: number;
  length: number;
  /** Its clause marks Kong as legacy, retired or replaced. */
  legacy: boolean;
  /** Its clause negates or sets Kong aside (a negation, or legacy wording). */
  setAside: boolean;
}

/** Prose for the word tests: whitespace collapsed, typographic apostrophes made plain. */
function prose(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/’/g, "'");
}

/**
 * Every Kong mention of a sentence, each judged by its own clause (utils/markdown.ts `clausesOf`):
 * "Kong is the ingress controller; Traefik was removed" has legacy wording, but not about Kong.
 * An aside right after Kong, in parentheses or between dashes (at most two words in between, no
 * "is"/"are"), is read as part of Kong's clause: "Kong (legacy reference material)", "the Kong
 * gateway (deprecated)", "Kong — the legacy gateway — ...".
 */
function kongMentions(s: Sentence): KongMention[] {
  const clauses = clausesOf(s.raw);
  const out: KongMention[] = [];
  KONG.lastIndex = 0;
  for (let m = KONG.exec(s.raw); m; m = KONG.exec(s.raw)) {
    const at = m.index;
    const ci = clauses.findIndex((c) => c.start <= at && at < c.end);
    const clause = clauses[ci]!;
    const before = prose(s.raw.slice(clause.start, at));
    let after = prose(s.raw.slice(at + m[0].length, clause.end));
    const next = clauses[ci + 1];
    if (next !== undefined && /^\s*(?:\(|[—–]|--?\s)/.test(s.raw.slice(next.start, next.end))) {
      const gap = after.trim();
      if (gap.split(' ').filter(Boolean).length <= 2 && !/\b(?:is|are)\b/i.test(gap)) after += ` ${prose(s.raw.slice(next.start, next.end))}`;
    }
    const text = `${before}${m[0]}${after}`.replace(DOUBLE_NEGATION, (d) => ' '.repeat(d.length));
    const legacy = LEGACY.test(text) || REPLACES.test(before) || REPLACED_PASSIVE.test(after.replace(DOUBLE_NEGATION, ''));
    out.push({ index: at, length: m[0].length, legacy, setAside: legacy || NEGATION.test(text) });
  }
  return out;
}

/** Whether a heading sets its section aside: legacy wording anywhere in it ("## Legacy edge", "### Replacing Kong"). */
function legacyHeading(b: ProseBlock): boolean {
  return b.sentences.some((s) => LEGACY.test(prose(s.text)) || REPLACES.test(prose(s.text)));
}

/**
 * Whether each block is legacy context: a heading with legacy wording (it covers its section), a
 * block with a sentence that marks Kong as legacy in the clause that mentions it (it covers the whole
 * block), and whatever is nested in a list item that is legacy context.
 */
function legacyBlocks(blocks: ProseBlock[], mentions: KongMention[][][]): boolean[] {
  const own = blocks.map((b, i) => (b.kind === 'heading' ? legacyHeading(b) : mentions[i]!.some((ms) => ms.some((k) => k.legacy))));
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
      const mentions = blocks.map((b) => b.sentences.map(kongMentions));
      const legacy = legacyBlocks(blocks, mentions);
      blocks.forEach((block, i) => {
        if (legacy[i]) return;
        block.sentences.forEach((s, j) => {
          const live = mentions[i]![j]!.find((k) => !k.setAside);
          if (!live || !(ROLE.test(s.text) || KONG_RESOURCE.test(s.text))) return;
          const start = s.start + live.index;
          index ??= lineIndex(file, text);
          ctx.report({
            node: locationAt(index, start, start + live.length),
            messageId: 'kongPresentedAsLive',
            data: { sentence: quote(text.slice(s.start, s.end)) },
          });
        });
      });
    }
  },
});
