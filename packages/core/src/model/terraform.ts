import type { HclAttribute, HclBlock, HclExpr, HclTraversal, Location, ParsedFile } from './types.js';

/** The value of something that cannot be known statically (function calls, data sources, computed collections). */
export const UNKNOWN: unique symbol = Symbol.for('infralint.unknown');
/** `UNKNOWN`'s type. */
export type Unknown = typeof UNKNOWN;

/** A statically known value: JSON-like data in which any part may still be UNKNOWN. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown;

/** `each` and `count` for one instance of a resource with `for_each` or `count`. */
export interface InstanceScope {
  /** `each.key` / `each.value` when the block has `for_each`. */
  each?: { key: string; value: Value };
  /** `count.index` when the block has `count`. */
  count?: { index: number };
}

/** One Terraform module: the `.tf` and `.tfvars` files of one directory. */
interface Module {
  dir: string;
  blocks: HclBlock[];
  variables: Map<string, HclBlock>;
  locals: Map<string, HclAttribute>;
  /** Values set in `*.tfvars` files of the directory, one entry per file that sets the variable. */
  tfvars: Map<string, HclAttribute[]>;
  resources: Map<string, HclBlock>;
}

/** Query and evaluation API over every Terraform file of the repo. */
export interface TerraformModel {
  /** Every top-level block of a type (`resource`, `variable`, `locals`, ...), in path order. */
  blocks(type: string): HclBlock[];
  /** Every `resource` block of a resource type, in path order. */
  resources(type: string): HclBlock[];
  /** Every `data` block of a data source type. */
  dataSources(type: string): HclBlock[];
  /** A resource block by type and name, in the module (directory) of `fromFile`. */
  resource(type: string, name: string, fromFile: string): HclBlock | undefined;
  /** The attribute of a block, or undefined. */
  attr(block: HclBlock, name: string): HclAttribute | undefined;
  /**
   * Evaluate an expression statically. References are followed: `var.x` to a `*.tfvars` value or the
   * variable's default, `local.x` to the local, `each`/`count` through `scope`, `type.name.attr` to the
   * attribute written in that resource. What cannot be known is UNKNOWN, never a guess.
   */
  resolve(expr: HclExpr, scope?: InstanceScope): Value;
  /**
   * The instances of a block: one empty scope without `for_each`/`count`, one scope per element when
   * `for_each`/`count` is known statically, UNKNOWN otherwise.
   */
  instances(block: HclBlock): InstanceScope[] | Unknown;
  /**
   * The values an attribute takes across all instances of its block (deduplicated, in instance order),
   * or UNKNOWN when any instance's value, or the instance set itself, is unknown.
   */
  valuesOf(block: HclBlock, attrName: string): Value[] | Unknown | undefined;
  /**
   * The values an expression takes across the instances of `owner` (deduplicated, in instance order),
   * or UNKNOWN. The expression may be written in `owner` or in one of its nested blocks.
   */
  valuesAcross(owner: HclBlock, expr: HclExpr): Value[] | Unknown;
  /**
   * Where the value of an expression comes from, beyond the expression itself: the `.tfvars`
   * assignment or `default` of each variable and the definition of each local it reads, followed
   * transitively. Rules give these as related locations, so a finding caused by a `.tfvars` value is
   * also reported when only that file is linted (pre-commit).
   */
  origins(expr: HclExpr): { loc: Location; kind: 'variable' | 'local'; name: string }[];
  /** The resource block a traversal such as `oci_x.name.id` or `oci_x.name[each.key].id` names. */
  referencedResource(ref: HclTraversal): HclBlock | undefined;
}

const MAX_DEPTH = 64;

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/** Files Terraform loads without `-var-file`. */
function isAutoLoaded(file: string): boolean {
  const b = baseName(file);
  return b === 'terraform.tfvars' || b.endsWith('.auto.tfvars');
}

/** terraform.tfvars first, then *.auto.tfvars in lexical order. */
function autoOrder(a: string, b: string): number {
  const x = baseName(a);
  const y = baseName(b);
  if (x === 'terraform.tfvars') return -1;
  if (y === 'terraform.tfvars') return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function isKnown(v: Value): boolean {
  if (v === UNKNOWN) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (v !== null && typeof v === 'object') return Object.values(v).every(isKnown);
  return true;
}

/** True when `v` (and everything inside it) is statically known. */
export function known<T extends Value>(v: T | Unknown): v is Exclude<T, Unknown> {
  return isKnown(v);
}

/** Every traversal written in an expression (index keys included). */
function traversalsIn(e: HclExpr): HclTraversal[] {
  switch (e.kind) {
    case 'traversal':
      return [e, ...e.steps.flatMap((s) => (s.type === 'index' ? traversalsIn(s.key) : []))];
    case 'template':
      return e.parts.flatMap((p) => (typeof p === 'string' ? [] : traversalsIn(p)));
    case 'tuple':
      return e.items.flatMap(traversalsIn);
    case 'object':
      return e.entries.flatMap((x) => [...traversalsIn(x.key), ...traversalsIn(x.value)]);
    case 'call':
      return e.args.flatMap(traversalsIn);
    case 'other':
      return e.refs;
    case 'literal':
      return [];
  }
}

/** Build the Terraform side of the model from parsed HCL files. */
export function buildTerraformModel(files: readonly ParsedFile[]): TerraformModel {
  const modules = new Map<string, Module>();
  const byType = new Map<string, HclBlock[]>();
  const resourcesByType = new Map<string, HclBlock[]>();
  const dataByType = new Map<string, HclBlock[]>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const moduleOf = (file: string): Module => {
    const dir = dirOf(file);
    let m = modules.get(dir);
    if (!m) {
      m = { dir, blocks: [], variables: new Map(), locals: new Map(), tfvars: new Map(), resources: new Map() };
      modules.set(dir, m);
    }
    return m;
  };

  for (const f of files) {
    if (f.language !== 'hcl' || !f.hcl) continue;
    const mod = moduleOf(f.path);
    if (f.path.endsWith('.tfvars')) {
      for (const a of f.hcl.attributes) push(mod.tfvars, a.name, a);
      continue;
    }
    for (const b of f.hcl.blocks) {
      mod.blocks.push(b);
      push(byType, b.type, b);
      if (b.type === 'resource' && b.labels.length >= 2) {
        push(resourcesByType, b.labels[0]!, b);
        mod.resources.set(`${b.labels[0]}.${b.labels[1]}`, b);
      } else if (b.type === 'data' && b.labels.length >= 1) {
        push(dataByType, b.labels[0]!, b);
      } else if (b.type === 'variable' && b.labels[0] !== undefined) {
        mod.variables.set(b.labels[0], b);
      } else if (b.type === 'locals') {
        for (const a of b.attributes) mod.locals.set(a.name, a);
      }
    }
  }

  const attr = (block: HclBlock, name: string) => block.attributes.find((a) => a.name === name);

  // Scope-free values (locals, variable defaults, tfvars) are evaluated once; a cycle gives UNKNOWN.
  const memo = new Map<HclAttribute, Value | 'pending'>();
  function once(a: HclAttribute, depth: number): Value {
    const m = memo.get(a);
    if (m === 'pending') return UNKNOWN;
    if (m !== undefined) return m;
    memo.set(a, 'pending');
    const v = evaluate(a.expr, {}, depth + 1);
    memo.set(a, v);
    return v;
  }

  /**
   * Where `var.name` gets its value, as Terraform loads it: `terraform.tfvars`, then `*.auto.tfvars`
   * in lexical order, the last assignment winning; otherwise the variable's `default`. Other
   * `.tfvars` files are passed with `-var-file` (one per environment, say): when one of them sets a
   * different value, the value depends on the invocation, so it is UNKNOWN.
   */
  function variableSource(mod: Module, name: string, depth: number): HclAttribute | Unknown {
    const sets = mod.tfvars.get(name) ?? [];
    const auto = sets.filter((a) => isAutoLoaded(a.loc.file)).sort((a, b) => autoOrder(a.loc.file, b.loc.file));
    const chosen = auto.length > 0 ? auto[auto.length - 1]! : mod.variables.get(name) && attr(mod.variables.get(name)!, 'default');
    const others = sets.filter((a) => !isAutoLoaded(a.loc.file));
    if (others.length > 0) {
      if (!chosen) return UNKNOWN;
      const value = JSON.stringify(once(chosen, depth));
      if (others.some((a) => JSON.stringify(once(a, depth)) !== value)) return UNKNOWN;
    }
    return chosen ?? UNKNOWN;
  }

  function variableValue(mod: Module, name: string, depth: number): Value {
    const src = variableSource(mod, name, depth);
    return src === UNKNOWN ? UNKNOWN : once(src, depth);
  }

  function step(value: Value, key: Value): Value {
    if (value === UNKNOWN || key === UNKNOWN) return UNKNOWN;
    if (Array.isArray(value)) {
      return typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < value.length ? value[key]! : UNKNOWN;
    }
    if (value !== null && typeof value === 'object') {
      const k = typeof key === 'number' ? String(key) : key;
      return typeof k === 'string' && Object.prototype.hasOwnProperty.call(value, k) ? value[k]! : UNKNOWN;
    }
    return UNKNOWN;
  }

  function applySteps(start: Value, steps: HclTraversal['steps'], scope: InstanceScope, depth: number): Value {
    let cur = start;
    for (const s of steps) {
      if (s.type === 'splat') return UNKNOWN;
      const key: Value = s.type === 'attr' ? s.name : evaluate(s.key, scope, depth + 1);
      cur = step(cur, key);
      if (cur === UNKNOWN) return UNKNOWN;
    }
    return cur;
  }

  /** `type.name[idx].attr...`: the attribute written in the named resource (instance). */
  function resourceAttr(t: HclTraversal, depth: number, scope: InstanceScope): Value {
    const first = t.steps[0];
    if (!first || first.type !== 'attr') return UNKNOWN;
    const block = moduleOf(t.loc.file).resources.get(`${t.root}.${first.name}`);
    if (!block) return UNKNOWN;
    let rest = t.steps.slice(1);
    let instScope: InstanceScope = {};
    const hasForEach = attr(block, 'for_each') !== undefined;
    const hasCount = attr(block, 'count') !== undefined;
    if (hasForEach || hasCount) {
      const idx = rest[0];
      if (!idx || idx.type !== 'index') return UNKNOWN;
      const key = evaluate(idx.key, scope, depth + 1);
      const insts = instances(block);
      if (insts === UNKNOWN || key === UNKNOWN) return UNKNOWN;
      const found = insts.find((i) => (hasForEach ? i.each?.key === String(key) : i.count?.index === key));
      if (!found) return UNKNOWN;
      instScope = found;
      rest = rest.slice(1);
    }
    const a = rest[0];
    if (!a || a.type !== 'attr') return UNKNOWN;
    const written = attr(block, a.name);
    if (!written) return UNKNOWN; // computed by the provider
    return applySteps(evaluate(written.expr, instScope, depth + 1), rest.slice(1), scope, depth);
  }

  function traversal(t: HclTraversal, scope: InstanceScope, depth: number): Value {
    const first = t.steps[0];
    const name = first && first.type === 'attr' ? first.name : undefined;
    switch (t.root) {
      case 'var':
        return name === undefined ? UNKNOWN : applySteps(variableValue(moduleOf(t.loc.file), name, depth), t.steps.slice(1), scope, depth);
      case 'local': {
        const l = name === undefined ? undefined : moduleOf(t.loc.file).locals.get(name);
        return l ? applySteps(once(l, depth), t.steps.slice(1), scope, depth) : UNKNOWN;
      }
      case 'each':
        if (!scope.each || name === undefined) return UNKNOWN;
        if (name === 'key') return applySteps(scope.each.key, t.steps.slice(1), scope, depth);
        if (name === 'value') return applySteps(scope.each.value, t.steps.slice(1), scope, depth);
        return UNKNOWN;
      case 'count':
        return scope.count && name === 'index' ? scope.count.index : UNKNOWN;
      case 'data':
      case 'module':
      case 'path':
      case 'terraform':
      case 'self':
        return UNKNOWN;
      default:
        return resourceAttr(t, depth, scope);
    }
  }

  function evaluate(expr: HclExpr, scope: InstanceScope, depth: number): Value {
    if (depth > MAX_DEPTH) return UNKNOWN;
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'template': {
        if (expr.directives) return UNKNOWN;
        let out = '';
        for (const p of expr.parts) {
          if (typeof p === 'string') out += p;
          else {
            const v = evaluate(p, scope, depth + 1);
            if (typeof v === 'string') out += v;
            else if (typeof v === 'number' || typeof v === 'boolean') out += String(v);
            else return UNKNOWN;
          }
        }
        return out;
      }
      case 'tuple':
        return expr.items.map((i) => evaluate(i, scope, depth + 1));
      case 'object': {
        const out: { [k: string]: Value } = {};
        for (const e of expr.entries) {
          const k = evaluate(e.key, scope, depth + 1);
          if (typeof k !== 'string' && typeof k !== 'number') return UNKNOWN;
          out[String(k)] = evaluate(e.value, scope, depth + 1);
        }
        return out;
      }
      case 'traversal':
        return traversal(expr, scope, depth + 1);
      case 'call':
      case 'other':
        return UNKNOWN;
    }
  }

  const instanceCache = new Map<HclBlock, InstanceScope[] | Unknown>();
  function instances(block: HclBlock): InstanceScope[] | Unknown {
    const cached = instanceCache.get(block);
    if (cached) return cached;
    let result: InstanceScope[] | Unknown = [{}];
    const fe = attr(block, 'for_each');
    const count = attr(block, 'count');
    if (fe) {
      const v = evaluate(fe.expr, {}, 0);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
        result = [...new Set(v as string[])].map((k) => ({ each: { key: k, value: k } }));
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        result = Object.keys(v)
          .sort()
          .map((k) => ({ each: { key: k, value: v[k]! } }));
      } else result = UNKNOWN;
    } else if (count) {
      const n = evaluate(count.expr, {}, 0);
      result = typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000 ? Array.from({ length: n }, (_, index) => ({ count: { index } })) : UNKNOWN;
    }
    instanceCache.set(block, result);
    return result;
  }

  function valuesAcross(owner: HclBlock, expr: HclExpr): Value[] | Unknown {
    const insts = instances(owner);
    if (insts === UNKNOWN) return UNKNOWN;
    const out: Value[] = [];
    const seen = new Set<string>();
    for (const s of insts) {
      const v = evaluate(expr, s, 0);
      if (!isKnown(v)) return UNKNOWN;
      const key = JSON.stringify(v);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(v);
      }
    }
    return out;
  }

  function origins(expr: HclExpr): { loc: Location; kind: 'variable' | 'local'; name: string }[] {
    const out: { loc: Location; kind: 'variable' | 'local'; name: string }[] = [];
    const seen = new Set<HclAttribute>();
    const visit = (e: HclExpr): void => {
      for (const t of traversalsIn(e)) {
        const first = t.steps[0];
        if (!first || first.type !== 'attr') continue;
        const mod = moduleOf(t.loc.file);
        let a: HclAttribute | undefined;
        if (t.root === 'var') {
          const src = variableSource(mod, first.name, 0);
          a = src === UNKNOWN ? undefined : src;
        } else if (t.root === 'local') a = mod.locals.get(first.name);
        if (!a || seen.has(a)) continue;
        seen.add(a);
        out.push({ loc: a.loc, kind: t.root === 'var' ? 'variable' : 'local', name: first.name });
        visit(a.expr);
      }
    };
    visit(expr);
    return out;
  }

  return {
    origins,
    blocks: (type) => byType.get(type) ?? [],
    resources: (type) => resourcesByType.get(type) ?? [],
    dataSources: (type) => dataByType.get(type) ?? [],
    resource: (type, name, fromFile) => moduleOf(fromFile).resources.get(`${type}.${name}`),
    attr,
    resolve: (expr, scope = {}) => evaluate(expr, scope, 0),
    instances,
    valuesOf(block, attrName) {
      const a = attr(block, attrName);
      return a ? valuesAcross(block, a.expr) : undefined;
    },
    valuesAcross,
    referencedResource(ref) {
      const first = ref.steps[0];
      if (['var', 'local', 'each', 'count', 'data', 'module', 'path', 'terraform', 'self'].includes(ref.root)) return undefined;
      if (!first || first.type !== 'attr') return undefined;
      return moduleOf(ref.loc.file).resources.get(`${ref.root}.${first.name}`);
    },
  };
}
