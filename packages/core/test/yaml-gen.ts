/**
 * Seeded generators of YAML texts for the differential tests of the parser's fast paths: block
 * YAML of the kind manifests are written in (nested maps and sequences, sequences at their key's
 * indentation, compact maps in sequence items, block and multi-line scalars, anchors and aliases,
 * comments, several documents), with the near-misses around it (odd indentation, indicators,
 * unclosed quotes, tabs, stray keys), and line-level mutations of real files.
 * Deterministic: the same seed gives the same texts.
 */

export type Rng = () => number;

/** A small linear congruential generator; good enough to spread test inputs, and reproducible. */
export function rng(seed: number): Rng {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (n: number): string => ' '.repeat(n);

const SCALARS = [
  'a', 'b c', 'name', '1', '-1', '0x1F', '1.5', 'true', 'null', '~', '"q"', "'s''t'", '"e\\n"', '"a\\"b"', 'http://x:80',
  '2024-01-01', '.inf', '.nan', '0o17', '1e3', 'a#b', 'x-y', '--flag=1', '[]', '{}', '[a, b]', '[ 1 ,"x" ]', '[-1, +2]', '{ }',
  'é ü', 'a:b', '?x', ':x', '-x', 'x:', 'x  y', "it's", '"', "''", '""', 'a "b"', "a 'b'", '[-, -]', '[a,]', '{a: b}',
];
const KEYS = ['a', 'b', 'c', 'name', 'k', '"q k"', "'s'", '1', 'true', '~', 'x y', '-k', 'a:b', 'null', '0x1', '1.0', '"1"', 'app.kubernetes.io/name', 'k#x'];
/** Odd fragments, for lines that are mostly not valid YAML. */
const ATOMS = [
  ...SCALARS, '', ' ', '&a1', '*a1', '&b2 v', '*b2', '|', '|-', '>', '>-', '|+', '|2', '#c', ' #c', ':', ': ', '- ', '-', '? ',
  'k:', 'k: v', 'a :b', '---', '...', '%x', '@x', '`x', '!t', '!!str x', '<<', '<<: *a1', 'x: y: z', '\t', '{', '[', ']', '}', ',',
  '"unclosed', "'", '\\', 'k: |', 'k: >-', '  x', '\r',
];

/** Structured block YAML, mostly valid. */
export function blockYaml(r: Rng): string {
  let anchors: string[] = [];
  const scalar = (ind: number): string => {
    const x = r();
    if (x < 0.1) {
      const m = ind + pick(r, [1, 2, 2, 3]);
      const body: string[] = [];
      for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) {
        body.push(pick(r, ['', pad(m) + pick(r, SCALARS), pad(m + pick(r, [0, 1, 2])) + pick(r, ['x', '# not', '- y', 'k: v']), pad(m) + 'text more']));
      }
      return `${pick(r, ['|', '|-', '>', '>-', '| # c', '>- #c'])}\n${body.join('\n')}`;
    }
    if (x < 0.2) {
      const lines = [pick(r, ['a', 'b c', 'long text'])];
      for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
        lines.push(pick(r, ['', pad(ind + pick(r, [1, 2, 3])) + pick(r, ['more', 'x y', '- z', 'w # c', '#c', 'q: r'])]));
      }
      return lines.join('\n');
    }
    if (x < 0.27 && anchors.length > 0) return `*${pick(r, anchors)}`;
    if (x < 0.32) {
      const a = pick(r, ['a1', 'b2', 'x.y', 'q-1']);
      anchors.push(a);
      return `&${a} ${pick(r, SCALARS)}`;
    }
    return pick(r, SCALARS);
  };
  const map = (ind: number, depth: number): string[] => {
    const lines: string[] = [];
    const used = new Set<string>();
    for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) {
      const k = pick(r, KEYS);
      if (used.has(k) && r() < 0.9) continue;
      used.add(k);
      if (r() < 0.1) lines.push(r() < 0.3 ? '' : pad(ind + pick(r, [0, 0, 1, 2])) + pick(r, ['# c', '#']));
      const comment = pick(r, ['', '', ' # t']);
      const x = r();
      if (depth > 3 || x < 0.3) {
        lines.push(`${pad(ind)}${k}:${pick(r, [' ', ' ', '  '])}${scalar(ind)}${comment}`);
        continue;
      }
      let anchor = '';
      if (r() < 0.1) {
        const a = pick(r, ['m1', 'm2']);
        anchors.push(a);
        anchor = ` &${a}`;
      }
      lines.push(`${pad(ind)}${k}:${anchor}${comment}`);
      const inner = ind + pick(r, [2, 2, 1, 4]);
      if (x < 0.65) lines.push(...map(inner, depth + 1));
      else lines.push(...seq(r() < 0.4 ? ind : inner, depth + 1));
    }
    if (!lines.some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) lines.push(`${pad(ind)}z: 1`);
    return lines;
  };
  const seq = (ind: number, depth: number): string[] => {
    const lines: string[] = [];
    for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
      const x = r();
      if (x < 0.3 && depth <= 3) {
        const m = map(ind + 2, depth + 1);
        m[0] = `${pad(ind)}- ${m[0]!.slice(ind + 2)}`;
        lines.push(...m);
      } else if (x < 0.45 && depth <= 3) {
        lines.push(pad(ind) + '-' + pick(r, ['', ' # c', ' ']));
        lines.push(...(r() < 0.5 ? map : seq)(ind + pick(r, [2, 1, 3]), depth + 1));
      } else if (x < 0.5) lines.push(`${pad(ind)}-`);
      else lines.push(`${pad(ind)}- ${scalar(ind)}`);
    }
    return lines;
  };
  const docs: string[] = [];
  for (let d = 0, n = r() < 0.8 ? 1 : 2 + Math.floor(r() * 2); d < n; d++) {
    anchors = [];
    const root = r() < 0.8 ? map(0, 0) : seq(0, 0);
    const marker = d > 0 || r() < 0.3 ? pick(r, ['---\n', '--- # d\n', '---\n\n', '---\n# c\n']) : '';
    docs.push(marker + root.join('\n'));
  }
  return (r() < 0.2 ? '# head\n' : '') + docs.join('\n') + pick(r, ['\n', '', '\n\n', '\n# tail\n', '\n---\n']);
}

/** Lines of odd fragments: mostly invalid YAML, with the valid shapes among them. */
export function lineSoup(r: Rng): string {
  const out: string[] = [];
  for (let i = 0, n = 1 + Math.floor(r() * 10); i < n; i++) {
    const ind = pad(pick(r, [0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 6]));
    const x = r();
    let line: string;
    if (x < 0.45) line = `${pick(r, [...KEYS, pick(r, ATOMS)])}:${pick(r, [' ', ' ', '', '  '])}${pick(r, ATOMS)}`;
    else if (x < 0.7) line = `-${pick(r, [' ', ' ', '', '  '])}${pick(r, ATOMS)}`;
    else if (x < 0.8) line = `- ${pick(r, ['a', 'k', 'name'])}: ${pick(r, ATOMS)}`;
    else if (x < 0.88) line = pick(r, ATOMS);
    else if (x < 0.93) line = pick(r, ['#', '# c', '---', '--- # d', '']);
    else line = pick(r, ATOMS) + pick(r, ATOMS);
    out.push(ind + line + pick(r, ['', '', '', ' ', ' # t']));
  }
  return out.join('\n') + pick(r, ['\n', '\n', '', '\n\n']);
}

/** A text with a few lines deleted, shifted, repeated, cut or given an odd fragment. */
export function mutate(r: Rng, text: string): string {
  const lines = text.split('\n');
  for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) {
    const i = Math.floor(r() * lines.length);
    const line = lines[i] ?? '';
    const x = r();
    const j = Math.floor(r() * (line.length + 1));
    if (x < 0.2) lines.splice(i, 1);
    else if (x < 0.35) lines[i] = ' ' + line;
    else if (x < 0.5) lines[i] = line.replace(/^ /, '');
    else if (x < 0.6) lines.splice(i, 0, pick(r, lines));
    else if (x < 0.8) lines[i] = line.slice(0, j) + pick(r, ATOMS) + line.slice(j);
    else if (x < 0.9) lines.splice(i, 0, pad(Math.floor(r() * 5)) + pick(r, ['# c', '', '---', '  ', '- x', 'k: v']));
    else lines[i] = line.slice(0, j) + line.slice(j + 1 + Math.floor(r() * 3));
  }
  return lines.join('\n');
}
