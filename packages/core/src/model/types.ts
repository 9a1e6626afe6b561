/**
 * The shared model's node types. A parser makes them as plain data (no classes,
 * no functions) so that a parsed file can cross a worker-thread boundary and be
 * stored in the parse cache. Read back from the cache (or rebuilt from a worker's
 * packed form), YAML nodes and a `.tf` file's top-level blocks are class instances
 * that make some properties on first read, through getters on their prototypes
 * (model/nodes.ts, model/hcl-bytes.ts): read them by property; spreading one, or
 * `Object.keys`, does not see those properties.
 */

/** A point in a source file. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index into the text. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units after any BOM. */
  column: number;
  /** 0-based UTF-16 offset into the file text (BOM excluded). */
  offset: number;
}

/** A range in one file. */
export interface Location {
  /** Repo-relative path with `/` separators. */
  file: string;
  /** Where the range starts. */
  start: Position;
  /** Where the range ends (exclusive). */
  end: Position;
}

/** Languages infralint reads. */
export type Language = 'yaml' | 'hcl' | 'markdown';

/** Severity of a diagnostic. */
export type Severity = 'error' | 'warning';

/** A location with a message, e.g. the other side of a cross-file finding. */
export interface RelatedLocation {
  /** Where it is. */
  loc: Location;
  /** What it is ("NodePort declared here"). */
  message: string;
}

/** One finding. */
export interface Diagnostic {
  /** Rule id (`parse-error`, `acme/require-owner-label`, ...). */
  ruleId: string;
  /** The rule's messageId, when the finding came from a rule. */
  messageId?: string;
  /** `error` or `warning`. */
  severity: Severity;
  /** User-facing text: what is wrong and what to do. */
  message: string;
  /** Where it points. */
  loc: Location;
  /** Other places involved. */
  related?: RelatedLocation[];
}

/** A comment in a source file (used by suppressions). */
export interface Comment {
  /** Comment text without its `#`, `//` or `/* *\/` markers, trimmed. */
  text: string;
  /** Where the whole comment is written. */
  loc: Location;
}

// ---------------------------------------------------------------- YAML

/** A YAML scalar. */
export interface YScalar {
  kind: 'scalar';
  /** The scalar's value as the YAML 1.2 core schema reads it. */
  value: string | number | boolean | null;
  /** Where the scalar is written. */
  loc: Location;
  /** Anchor name when the node carries `&name`. */
  anchor?: string;
}

/** A key/value pair of a mapping. */
export interface YPair {
  /** The key node (usually a scalar). */
  key: YNode;
  /** The key as a string (non-scalar keys give their JSON text). */
  keyText: string;
  /** The value; an empty value is a null scalar positioned after the key. */
  value: YNode;
  /** Where the pair is written (key start to value end). */
  loc: Location;
}

/** A YAML mapping. `pairs` are the effective entries: merge keys (`<<`) are applied. */
export interface YMap {
  kind: 'map';
  /** Effective entries in order; merged entries keep the location where they are written. */
  pairs: YPair[];
  /** Where the mapping is written. */
  loc: Location;
  /** Anchor name when the node carries `&name`. */
  anchor?: string;
}

/** A YAML sequence. */
export interface YSeq {
  kind: 'seq';
  /** The items. */
  items: YNode[];
  /** Where the sequence is written. */
  loc: Location;
  /** Anchor name when the node carries `&name`. */
  anchor?: string;
}

/** An alias (`*name`): `target` is the anchored node (a shared reference, never a copy). */
export interface YAlias {
  kind: 'alias';
  /** The anchor's name. */
  name: string;
  /** The node it points to; absent when the anchor is unknown. */
  target?: YNode;
  /** Where the alias is written. */
  loc: Location;
}

/** Any YAML node. */
export type YNode = YScalar | YMap | YSeq | YAlias;

/**
 * A YAML document's tree in a compact form for crossing a worker-thread boundary and for the parse
 * cache (see model/pack.ts): a JSON node table with offsets instead of Location objects.
 */
export interface PackedDocument {
  /** The node table's head as JSON: entry 0 is the root (for a mapping, with its pairs and keys). */
  nodes: string;
  /** The rest of the table, one JSON string per top-level value, with the id of its first entry. */
  segments?: { start: number; nodes: string }[];
  /** The Kubernetes header, when the document is a Kubernetes object (what the model indexes). */
  header?: Pick<K8sObject, 'apiVersion' | 'kind' | 'namespace' | 'name' | 'headerLoc' | 'nameLoc' | 'annotationKeys'>;
}

/** One document of a YAML file. */
export interface YamlDocument {
  /** 0-based index of the document in its file. */
  index: number;
  /** Root node, absent for an empty document. (For a packed document, rebuilt on first read.) */
  root?: YNode;
  /** The packed tree, when the document came from a worker thread or the parse cache. */
  packed?: PackedDocument;
  /** Where the document is written. */
  loc: Location;
}

/** A Kubernetes object: a YAML document whose root mapping has `apiVersion` and `kind`. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  /** `metadata.namespace`, or undefined when not written. */
  namespace?: string;
  /** `metadata.name` (or `metadata.generateName`), or '' when absent. */
  name: string;
  /** Repo-relative file. */
  file: string;
  /** Index of the document in its file. */
  docIndex: number;
  /** The root mapping. */
  root: YMap;
  /** Header location: the `kind:` value, the default place to report. */
  headerLoc: Location;
  /**
   * Where `metadata.name` is written (its value; the pair when the value is empty), set only when it
   * is a string: lets rules report at the name, and know the name is not a `generateName`, without
   * reading the tree.
   */
  nameLoc?: Location;
  /**
   * The keys of `metadata.annotations` (merge keys applied), in written order: lets rules that look
   * for an annotation on every object skip the objects without it, without reading their trees.
   */
  annotationKeys: readonly string[];
  /** The whole document. */
  loc: Location;
}

// ---------------------------------------------------------------- HCL

/** One step of a traversal: `.name`, `[key]` or a splat. */
export type HclStep =
  | { type: 'attr'; name: string }
  | { type: 'index'; key: HclExpr }
  | { type: 'splat' };

interface HclExprBase {
  /** Where the expression is written. */
  loc: Location;
  /** The expression's source text. */
  text: string;
}

/** A literal: string without interpolation, number, bool or null. */
export interface HclLiteral extends HclExprBase {
  kind: 'literal';
  value: string | number | boolean | null;
}

/** A quoted or heredoc template with interpolations (`"a${var.b}"`). */
export interface HclTemplate extends HclExprBase {
  kind: 'template';
  /** Literal text and interpolated expressions in order. A template with directives (`%{`) has `directives: true`. */
  parts: (string | HclExpr)[];
  /** True when the template holds `%{ if }` / `%{ for }` directives. */
  directives?: boolean;
}

/** A tuple `[a, b]`. */
export interface HclTuple extends HclExprBase {
  kind: 'tuple';
  items: HclExpr[];
}

/** An object `{ k = v }`. */
export interface HclObject extends HclExprBase {
  kind: 'object';
  entries: { key: HclExpr; value: HclExpr }[];
}

/** A reference such as `var.x`, `local.y["k"].z`, `each.value`, `aws_x.name.attr`. */
export interface HclTraversal extends HclExprBase {
  kind: 'traversal';
  /** The root name (`var`, `local`, `each`, `count`, a resource type, `data`, `module`, ...). */
  root: string;
  steps: HclStep[];
}

/** A function call. */
export interface HclCall extends HclExprBase {
  kind: 'call';
  name: string;
  args: HclExpr[];
}

/**
 * The construct an `other` expression is: an operation, a conditional (also a template's
 * `%{ if }` directive), a for expression (also a template's `%{ for }` directive), a
 * parenthesised expression, or `relative` (an attribute, index or splat applied to something
 * that is not a plain name, e.g. `f(x)[0]`, `(a).b`, `[a, b][0]`).
 */
export type HclOtherForm = 'conditional' | 'binary' | 'unary' | 'parens' | 'for' | 'relative';

/** Anything else: operators, conditionals, for expressions, parenthesised expressions. */
export interface HclOther extends HclExprBase {
  kind: 'other';
  /**
   * Traversals inside it, for reference tracking (including those inside index keys, e.g. both
   * `local.m[var.k]` and `var.k`). The iterator names a `for` binds are local and not listed.
   */
  refs: HclTraversal[];
  /** What construct it is (absent only for text that could not be read, e.g. inside a syntax error). */
  form?: HclOtherForm;
  /**
   * Direct sub-expressions: conditional → [condition, whenTrue, whenFalse]; binary → [left, right];
   * unary, parens and relative → [operand]; for → [collection]. Template directives:
   * `%{ if }` → [condition, whenTrue, whenFalse] and `%{ for }` → [collection, body], where the
   * branches and the body are templates (or string literals).
   */
  operands?: HclExpr[];
  /** Operator of a unary or binary operation (`-`, `!`, `+`, `==`, `&&`, ...). */
  operator?: string;
}

/** An HCL expression. */
export type HclExpr = HclLiteral | HclTemplate | HclTuple | HclObject | HclTraversal | HclCall | HclOther;

/** `name = expr` inside a body. */
export interface HclAttribute {
  name: string;
  expr: HclExpr;
  /** Location of the name. */
  nameLoc: Location;
  /** The whole attribute. */
  loc: Location;
}

/** A block: `type "label" { ... }`. */
export interface HclBlock {
  type: string;
  labels: string[];
  /** Attributes in written order. */
  attributes: HclAttribute[];
  /** Nested blocks in written order. */
  blocks: HclBlock[];
  /** Header: from the type to the end of the last label (tflint's DefRange). */
  headerLoc: Location;
  /** The whole block. */
  loc: Location;
  /** Repo-relative file. */
  file: string;
}

// ---------------------------------------------------------------- files

/** A file after parsing: plain data, safe to send to a worker or to cache. */
export interface ParsedFile {
  /** Repo-relative path. */
  path: string;
  language: Language;
  /** YAML documents (YAML files). */
  documents?: YamlDocument[];
  /** Top-level body of an HCL file: attributes (in `.tfvars`) and blocks. */
  hcl?: { attributes: HclAttribute[]; blocks: HclBlock[] };
  /** Markdown text (docs rules read it). */
  text?: string;
  /** Comments, for suppressions. */
  comments: Comment[];
  /** Parse errors and load problems. */
  diagnostics: Diagnostic[];
  /** Set when the file was skipped on purpose (e.g. a Helm template); the reason is shown by `--debug`. */
  skipped?: string;
  /** Line starts of the text, kept with packed documents so their positions can be rebuilt. */
  lines?: { starts: number[]; length: number };
  /** Facts derived from the file's documents on an earlier run, as the parse cache keeps them (model/facts.ts). */
  facts?: string;
}
