import { locationAt, type LineIndex } from './positions.js';
import type { Location, YAlias, YMap, YNode, YPair, YScalar, YSeq } from './types.js';

/**
 * Nodes that keep their offsets and make their Location when it is first read. The YAML parser's
 * fast path and the rebuild of packed trees make these: most nodes are never reported, and two
 * positions per node were, for a repo of 12,000 files, half of the heap that holds all trees and a
 * quarter of the parse time. They read like the plain objects of the model's types; `loc` (and a
 * lazily built pair value) is a getter on the prototype, so spreading a node does not copy it.
 */
export abstract class Spanned {
  #start: number;
  #end: number;
  #idx: LineIndex;
  #loc: Location | undefined;
  constructor(start: number, end: number, idx: LineIndex) {
    this.#start = start;
    this.#end = end;
    this.#idx = idx;
  }
  get loc(): Location {
    return (this.#loc ??= locationAt(this.#idx, this.#start, this.#end));
  }
  set loc(loc: Location) {
    this.#loc = loc;
    this.#start = loc.start.offset;
    this.#end = loc.end.offset;
  }
  /** Where the node starts, without making its Location. */
  get startOffset(): number {
    return this.#start;
  }
  /** Where the node ends, without making its Location. */
  get endOffset(): number {
    return this.#end;
  }
  /** The line index the node's Location is made from. */
  get lineIndex(): LineIndex {
    return this.#idx;
  }
  /** Give `to` this node's range, index and Location (if it was made), so it reports exactly where this node does. */
  static copySpan<T extends Spanned>(from: Spanned, to: T): T {
    to.#start = from.#start;
    to.#end = from.#end;
    to.#idx = from.#idx;
    to.#loc = from.#loc;
    return to;
  }
  /** Set the range (a collection learns where it ends after its items). */
  setRange(start: number, end: number): void {
    this.#start = start;
    this.#end = end;
    this.#loc = undefined;
  }
}

/** Where a node starts and ends, without making a Location for the nodes that can avoid it. */
export function startOf(node: YNode | YPair): number {
  return node instanceof Spanned ? node.startOffset : node.loc.start.offset;
}
export function endOf(node: YNode | YPair): number {
  return node instanceof Spanned ? node.endOffset : node.loc.end.offset;
}

export class ScalarNode extends Spanned implements YScalar {
  readonly kind = 'scalar' as const;
  declare anchor?: string;
  constructor(
    start: number,
    end: number,
    idx: LineIndex,
    public value: YScalar['value'],
  ) {
    super(start, end, idx);
  }
}

export class MapNode extends Spanned implements YMap {
  readonly kind = 'map' as const;
  pairs: YPair[] = [];
  declare anchor?: string;
}

export class SeqNode extends Spanned implements YSeq {
  readonly kind = 'seq' as const;
  items: YNode[] = [];
  declare anchor?: string;
}

export class AliasNode extends Spanned implements YAlias {
  readonly kind = 'alias' as const;
  declare target?: YNode;
  constructor(
    start: number,
    end: number,
    idx: LineIndex,
    public name: string,
  ) {
    super(start, end, idx);
  }
}

export class PairNode extends Spanned implements YPair {
  key!: YNode;
  value!: YNode;
  constructor(
    start: number,
    end: number,
    idx: LineIndex,
    public keyText: string,
  ) {
    super(start, end, idx);
  }
}

