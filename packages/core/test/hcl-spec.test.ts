import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initHcl, parseHcl } from '../src/parsers/hcl.js';
import { runHcl2Json } from './hcl2json.js';
import { CORPUS } from './paths.js';

/*
 * HCL's own test inputs (hashicorp/hcl: spec-suite, parser fuzz seeds): a `parse-error` must appear
 * exactly when HashiCorp's parser (hcl2-parser: hcl2json on hashicorp/hcl 2.10) rejects the file.
 *
 * The files under `*fuzz/testdata` that are not in `_decoded-go-fuzz/` are in Go's fuzz-corpus
 * format (`go test fuzz v1` + `[]byte("...")`), so both parsers reject them; `_decoded-go-fuzz/`
 * holds the decoded inputs.
 */
const SPEC = path.join(CORPUS, 'hcl-spec');

/**
 * Files where we and hcl2-parser disagree, with the reason. Empty: the disagreements found were
 * all tree-sitter grammar deviations, now checked in parsers/hcl.ts (newline rules, one-line
 * blocks, `$$${`, `1e3`, hex numbers, `${}`, duplicate arguments, lone CR, ...).
 */
const DISAGREEMENTS: { file: string; reason: string }[] = [];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

const ALL = walk(SPEC);
const HCL_FILES = ALL.filter((f) => f.endsWith('.hcl') || f.endsWith('.tf'));
const rel = (f: string): string => path.relative(SPEC, f).split(path.sep).join('/');
const read = (f: string): string => readFileSync(f, 'utf8').replace(/^\uFEFF/, '');

beforeAll(async () => {
  await initHcl();
});

describe('hcl-spec corpus: parse-error exactly when HashiCorp HCL rejects the file', () => {
  it('finds the corpus', () => {
    expect(HCL_FILES.length).toBeGreaterThanOrEqual(89);
  });

  it('lists only existing files as disagreements', () => {
    for (const d of DISAGREEMENTS) expect(HCL_FILES.map(rel)).toContain(d.file);
  });

  it.each(HCL_FILES.map(rel))('%s', (file) => {
    const text = read(path.join(SPEC, file));
    const rejected = !runHcl2Json(text).ok;
    const f = parseHcl(text, file);
    const reported = f.diagnostics.some((d) => d.ruleId === 'parse-error');
    const known = DISAGREEMENTS.find((d) => d.file === file);
    expect(reported).toBe(known ? !rejected : rejected);
  });
});

describe('hcl-spec corpus: every file goes through parseHcl without throwing', () => {
  it(`${ALL.length} files, whatever their extension`, () => {
    expect(ALL.length).toBeGreaterThanOrEqual(192);
    for (const file of ALL) {
      const f = parseHcl(read(file), rel(file));
      expect(f.language).toBe('hcl');
      for (const d of f.diagnostics) {
        expect(d.ruleId).toBe('parse-error');
        expect(d.loc.start.line).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
