import type { K8sObject, ParsedFile, YNode, YPair } from '../src/index.js';

/**
 * A YAML tree as plain objects, read through the model's properties. Nodes the parser's fast path
 * makes, and rebuilt packed trees, are class instances whose `loc` (and a lazily built value) is a
 * getter on the prototype, which equality matchers do not see as an own property; comparing through
 * this compares what rules read. Shared nodes (alias targets, merged pairs) stay shared.
 */
export function plain(node: YNode | undefined, seen = new Map<object, unknown>()): unknown {
  if (node === undefined) return undefined;
  if (seen.has(node)) return seen.get(node);
  const out: Record<string, unknown> = { kind: node.kind, loc: node.loc };
  seen.set(node, out);
  if (node.anchor !== undefined) out.anchor = node.anchor;
  if (node.kind === 'scalar') out.value = node.value;
  else if (node.kind === 'alias') {
    out.name = node.name;
    if (node.target) out.target = plain(node.target, seen);
  } else if (node.kind === 'seq') out.items = node.items.map((i) => plain(i, seen));
  else out.pairs = node.pairs.map((p) => pairPlain(p, seen));
  return out;
}

function pairPlain(p: YPair, seen: Map<object, unknown>): unknown {
  if (seen.has(p)) return seen.get(p);
  const out: Record<string, unknown> = { keyText: p.keyText, loc: p.loc };
  seen.set(p, out);
  out.key = plain(p.key, seen);
  out.value = plain(p.value, seen);
  return out;
}

/** A parsed file with its YAML trees as plain objects (see {@link plain}). */
export function plainFile(file: ParsedFile): unknown {
  return { ...file, documents: file.documents?.map((d) => ({ ...d, root: d.root === undefined ? undefined : plain(d.root) })) };
}

/** What rules read of a Kubernetes object, its tree as plain objects (see {@link plain}). */
export function objectPlain(o: K8sObject | undefined): unknown {
  if (!o) return undefined;
  const { apiVersion, kind, name, namespace, file, docIndex, headerLoc, nameLoc, annotationKeys, loc } = o;
  return { apiVersion, kind, name, namespace, file, docIndex, headerLoc, nameLoc, annotationKeys, loc, root: plain(o.root) };
}
