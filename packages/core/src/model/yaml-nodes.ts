import type { YAlias, YMap, YNode, YPair, YScalar, YSeq } from './types.js';

/** A YAML node that is not an alias: what {@link deref} returns. */
export type YValueNode = YScalar | YMap | YSeq;

/** Aliases may point at aliases only through a chain this long; anything longer is treated as unresolved. */
const MAX_ALIAS_HOPS = 64;

/** Default node budget of {@link toValue}. */
export const DEFAULT_VALUE_BUDGET = 10_000;

/**
 * Follow aliases to the node they stand for.
 *
 * Returns `undefined` for `undefined`, for an alias whose anchor is unknown, and for an alias
 * chain longer than 64 hops (which the parser never builds; the bound only makes the helper total).
 */
export function deref(node: YNode | undefined): YValueNode | undefined {
  let n: YNode | undefined = node;
  for (let hops = 0; n !== undefined && n.kind === 'alias'; hops++) {
    if (hops >= MAX_ALIAS_HOPS) return undefined;
    n = (n as YAlias).target;
  }
  return n;
}

/**
 * The mapping `node` stands for (aliases followed), or `undefined` when it is not a mapping.
 */
export function asMap(node: YNode | undefined): YMap | undefined {
  const n = deref(node);
  return n?.kind === 'map' ? n : undefined;
}

/**
 * The effective pair of `map` whose key text is `key` (merge keys applied), or `undefined`.
 *
 * `map` may be any node: an alias to a mapping is followed, anything else gives `undefined`.
 * The pair is returned as written, so `pair.value` may itself be an alias; use {@link get} for
 * the dereferenced value.
 */
export function pairOf(map: YNode | undefined, key: string): YPair | undefined {
  const m = asMap(map);
  if (m === undefined) return undefined;
  for (const pair of m.pairs) if (pair.keyText === key) return pair;
  return undefined;
}

/**
 * The value under `key` in `map`, aliases followed (on the map and on the value).
 * `undefined` when `map` is not a mapping, the key is absent, or the value is an unresolved alias.
 * An empty value (`key:`) is a null scalar, not `undefined`.
 */
export function get(map: YNode | undefined, key: string): YValueNode | undefined {
  const pair = pairOf(map, key);
  return pair === undefined ? undefined : deref(pair.value);
}

/**
 * Walk a path of mapping keys (strings) and sequence indexes (numbers) from `node`,
 * following aliases at every step: `getPath(root, ['spec', 'rules', 0, 'host'])`.
 * `undefined` as soon as a step does not exist or has the wrong kind.
 */
export function getPath(node: YNode | undefined, path: readonly (string | number)[]): YValueNode | undefined {
  let n = deref(node);
  for (const step of path) {
    if (n === undefined) return undefined;
    if (typeof step === 'number') {
      n = n.kind === 'seq' ? deref(n.items[step]) : undefined;
    } else {
      n = get(n, step);
    }
  }
  return n;
}

/**
 * The value of a string scalar (aliases followed); `undefined` for numbers, booleans, null
 * and collections. Kubernetes names, hosts, classes and annotations are strings, so a rule that
 * gets `undefined` here has found a value of the wrong type. Use {@link scalar} for any scalar.
 */
export function str(node: YNode | undefined): string | undefined {
  const n = deref(node);
  return n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined;
}

/** The value of a number scalar (aliases followed); `undefined` for anything else (`"443"` included). */
export function num(node: YNode | undefined): number | undefined {
  const n = deref(node);
  return n?.kind === 'scalar' && typeof n.value === 'number' ? n.value : undefined;
}

/**
 * The value of any scalar (aliases followed): string, number, boolean or null.
 * `undefined` for collections, missing nodes and unresolved aliases.
 */
export function scalar(node: YNode | undefined): string | number | boolean | null | undefined {
  const n = deref(node);
  return n?.kind === 'scalar' ? n.value : undefined;
}

/**
 * The items of a sequence, each with aliases followed (unresolved aliases are left out).
 * `[]` when `node` is not a sequence.
 */
export function items(node: YNode | undefined): YValueNode[] {
  const n = deref(node);
  if (n?.kind !== 'seq') return [];
  const out: YValueNode[] = [];
  for (const item of n.items) {
    const d = deref(item);
    if (d !== undefined) out.push(d);
  }
  return out;
}

/**
 * Plain JavaScript for a node: objects, arrays, strings, numbers, booleans, null.
 *
 * Bounded: at most `budget` nodes are visited (aliases are expanded, so a small document can
 * stand for a huge value, and recursive aliases for an infinite one); past the budget, and for
 * unresolved aliases, values become `null`. Mapping keys are the pairs' `keyText`.
 */
export function toValue(node: YNode | undefined, budget: number = DEFAULT_VALUE_BUDGET): unknown {
  const state = { left: budget };
  return valueOf(node, state, 0);
}

/** Nesting bound of {@link toValue}, well under the call-stack limit. */
const MAX_VALUE_DEPTH = 500;

function valueOf(node: YNode | undefined, state: { left: number }, depth: number): unknown {
  const n = deref(node);
  if (n === undefined || state.left <= 0 || depth > MAX_VALUE_DEPTH) return null;
  state.left--;
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map((item) => valueOf(item, state, depth + 1));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const pair of n.pairs) {
        // defineProperty so that a `__proto__` key is data, never a prototype change.
        Object.defineProperty(out, pair.keyText, {
          value: valueOf(pair.value, state, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
  }
}
