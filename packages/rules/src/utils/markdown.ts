/**
 * Markdown prose as blocks and sentences, for rules that read docs (docs-kong-drift).
 *
 * Not a CommonMark parser: it finds the prose a reader sees and keeps exact offsets into the file.
 * What is not prose is blanked (replaced by spaces of the same length, line breaks kept), so every
 * offset in the blanked text is the same offset in the file: front matter, fenced code blocks
 * (``` and ~~~), HTML comments and tags, link and image targets, reference definitions, bare URLs,
 * and the backticks of inline code (the code itself stays: `ingressClassName: kong` is a claim).
 */

/** A sentence: offsets into the file text, and its blanked text. */
export interface Sentence {
  /** Offset of its first character. */
  start: number;
  /** Offset just after its last character. */
  end: number;
  /** The sentence as prose: non-prose blanked, markers removed, whitespace collapsed to single spaces. */
  text: string;
  /** The same before collapsing whitespace: character i is at file offset `start + i`. */
  raw: string;
}

/** A block of prose: a heading, a paragraph, a list item (with its continuation lines) or a table row. */
export interface ProseBlock {
  kind: 'heading' | 'paragraph' | 'item' | 'row';
  /** Heading level (1-6) for headings, 0 otherwise. */
  level: number;
  /** Indices (into the returned list) of the headings whose sections hold this block, outermost first. */
  headings: number[];
  /** Index of the list item this item is nested in, when it is a nested list item. */
  parent?: number;
  /** Its sentences, in order. */
  sentences: Sentence[];
}

function blank(s: string): string {
  return s.replace(/[^\n\r]/g, ' ');
}

/** The text with everything that is not prose replaced by spaces (offsets unchanged). */
export function blankNonProse(text: string): string {
  let t = text;
  const front = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(t);
  if (front) t = blank(front[0]) + t.slice(front[0].length);
  t = blankFences(t);
  t = t.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
  t = t.replace(/^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm, blank);
  t = t.replace(/\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g, (m) => `]${blank(m.slice(1))}`);
  t = t.replace(/<\/?[A-Za-z][^<>\n]*>/g, blank);
  t = t.replace(/\bhttps?:\/\/[^\s)>\]]+/g, blank);
  t = t.replace(/`/g, ' ');
  return t;
}

/** Blank fenced code blocks, fences included (an unclosed fence runs to the end, as in CommonMark). */
function blankFences(text: string): string {
  const lines = text.split(/(?<=\n)/);
  let open: { char: string; len: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (!open) {
      if (m && !(m[1]![0] === '`' && line.slice(m[0].length).includes('`'))) {
        open = { char: m[1]![0]!, len: m[1]!.length };
        lines[i] = blank(line);
      }
      continue;
    }
    if (m && m[1]![0] === open.char && m[1]!.length >= open.len && line.slice(m[0].length).trim() === '') open = undefined;
    lines[i] = blank(line);
  }
  return lines.join('');
}

/** Words that end with a period without ending a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf', 'approx', 'incl', 'esp', 'no', 'fig', 'mr', 'mrs', 'ms', 'dr', 'st']);

/**
 * Split `view` (a block's blanked text, which starts at file offset `base`) into sentences at `.`,
 * `!` or `?` followed by a space or the end. A fragment without a letter or digit is not a sentence.
 */
function sentencesIn(view: string, base: number): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(view[s]!)) s++;
    while (e > s && /\s/.test(view[e - 1]!)) e--;
    const text = view.slice(s, e);
    if (e > s && /[\p{L}\p{N}]/u.test(text)) out.push({ start: base + s, end: base + e, text: text.replace(/\s+/g, ' '), raw: text });
  };
  for (let i = 0; i < view.length; i++) {
    const c = view[i]!;
    if (c !== '.' && c !== '!' && c !== '?') continue;
    if (i + 1 < view.length && !/\s/.test(view[i + 1]!)) continue;
    if (c === '.') {
      const word = /([\w.]+)$/.exec(view.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase();
      if (word !== undefined && ABBREVIATIONS.has(word)) continue;
    }
    push(i + 1);
    start = i + 1;
  }
  push(view.length);
  return out;
}

const HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const ROW = /^[ \t]*\|/;
const QUOTE = /^[ \t]*(?:>[ \t]?)+/;
const RULE_OR_SETEXT = /^ {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

/**
 * The prose blocks of a Markdown text, in order. Block markers (`#`, `-`, `1.`, `>`, table pipes)
 * are not part of the sentences; offsets are file offsets.
 */
export function proseBlocks(text: string): ProseBlock[] {
  const blanked = blankNonProse(text);
  const blocks: ProseBlock[] = [];
  const headingStack: number[] = [];
  /** Open list items by marker indentation, innermost last. */
  let items: { indent: number; index: number }[] = [];
  let current: { kind: ProseBlock['kind']; level: number; parent?: number; ranges: [number, number][] } | undefined;

  const flush = () => {
    if (!current) return;
    const sentences = joinSentences(blanked, current.ranges);
    const block: ProseBlock = { kind: current.kind, level: current.level, headings: [...headingStack], sentences };
    if (current.parent !== undefined) block.parent = current.parent;
    blocks.push(block);
    current = undefined;
  };

  let offset = 0;
  for (const raw of blanked.split(/(?<=\n)/)) {
    const lineStart = offset;
    offset += raw.length;
    let line = raw.replace(/\r?\n$/, '');
    let at = lineStart;
    const q = QUOTE.exec(line);
    if (q) {
      at += q[0].length;
      line = line.slice(q[0].length);
    }
    const setext = SETEXT.exec(line);
    if (setext && current?.kind === 'paragraph') {
      // The paragraph above was a heading (`Title` over `===` or `---`).
      const level = setext[1]![0] === '=' ? 1 : 2;
      while (headingStack.length > 0 && blocks[headingStack[headingStack.length - 1]!]!.level >= level) headingStack.pop();
      items = [];
      current = { kind: 'heading', level, ranges: current.ranges };
      flush();
      headingStack.push(blocks.length - 1);
      continue;
    }
    if (line.trim() === '' || RULE_OR_SETEXT.test(line)) {
      // A blank line ends a paragraph; list items stay open for their indented continuation paragraphs.
      flush();
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      flush();
      const level = h[1]!.length;
      while (headingStack.length > 0 && blocks[headingStack[headingStack.length - 1]!]!.level >= level) headingStack.pop();
      items = [];
      current = { kind: 'heading', level, ranges: [[at + h[0].length, at + line.replace(/[ \t]#+[ \t]*$/, '').length]] };
      flush();
      headingStack.push(blocks.length - 1);
      continue;
    }
    if (ROW.test(line)) {
      flush();
      current = { kind: 'row', level: 0, ranges: [[at, at + line.length]] };
      flush();
      continue;
    }
    const it = ITEM.exec(line);
    if (it) {
      flush();
      const indent = it[1]!.replace(/\t/g, '    ').length;
      while (items.length > 0 && items[items.length - 1]!.indent >= indent) items.pop();
      const parent = items.length > 0 ? items[items.length - 1]!.index : undefined;
      current = { kind: 'item', level: 0, ranges: [[at + it[0].length, at + line.length]] };
      if (parent !== undefined) current.parent = parent;
      items.push({ indent, index: blocks.length });
      continue;
    }
    if (current) {
      current.ranges.push([at, at + line.length]);
      continue;
    }
    // A paragraph: indented under an open list item it continues that item's context.
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    while (items.length > 0 && items[items.length - 1]!.indent >= indent) items.pop();
    current = { kind: 'paragraph', level: 0, ranges: [[at, at + line.length]] };
    if (items.length > 0) current.parent = items[items.length - 1]!.index;
  }
  flush();
  return blocks;
}

/**
 * Sentences of a block written over several line ranges. Markers between the ranges (a blockquote's
 * `>`) are outside the ranges, so the text between them is blanked before splitting.
 */
function joinSentences(blanked: string, ranges: [number, number][]): Sentence[] {
  const from = ranges[0]![0];
  let view = '';
  let pos = from;
  for (const [a, b] of ranges) {
    view += blank(blanked.slice(pos, a)) + blanked.slice(a, b);
    pos = b;
  }
  return sentencesIn(view, from);
}

/** A clause of a sentence: offsets into the sentence's `raw` text (`raw.slice(start, end)`). */
export interface Clause {
  /** Index of its first character in `raw`. */
  start: number;
  /** Index just after its last character in `raw`. */
  end: number;
}

/**
 * Where a sentence breaks into clauses, as regexes with where the cut goes: `at` cuts before the
 * match (the separator starts the next clause, so "instead of Traefik" keeps its "instead of"),
 * `after` cuts after it.
 */
const CLAUSE_CUTS: { re: RegExp; at: 'start' | 'end' }[] = [
  { re: /[;:]/g, at: 'end' },
  { re: /[—–]|\s--?\s/g, at: 'start' },
  { re: /\(/g, at: 'start' },
  { re: /\)/g, at: 'end' },
  { re: /,\s*(?:not|but|whereas|while)\b/gi, at: 'start' },
  { re: /\b(?:instead\s+of|rather\s+than|replacing|and\s+not)\b/gi, at: 'start' },
];

/**
 * The clauses of a sentence's `raw` text, in order, covering it without gaps. Not a grammar: it cuts
 * at `;`, `:`, dashes (`—`, `–`, a spaced `-` or `--`), around parentheses, before ", not",
 * ", but", ", whereas", ", while", "and not", "instead of", "rather than" and "replacing", and a
 * ", not …," aside ends at its closing comma ("Kong, not Traefik, is …" is three clauses).
 */
export function clausesOf(raw: string): Clause[] {
  const cuts = new Set<number>([0, raw.length]);
  for (const { re, at } of CLAUSE_CUTS) {
    re.lastIndex = 0;
    for (let m = re.exec(raw); m; m = re.exec(raw)) cuts.add(at === 'start' ? m.index : m.index + m[0].length);
  }
  const aside = /,\s*not\b[^,;:()—–]*,/gi;
  for (let m = aside.exec(raw); m; m = aside.exec(raw)) cuts.add(m.index + m[0].length - 1);
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Clause[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) if (sorted[i + 1]! > sorted[i]!) out.push({ start: sorted[i]!, end: sorted[i + 1]! });
  return out;
}
