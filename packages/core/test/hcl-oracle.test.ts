import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { initHcl, parseHcl } from '../src/parsers/hcl.js';
import { runHcl2JsonMany, toHcl2Json, type Hcl2JsonResult } from './hcl2json.js';
import { CORPUS, FIXTURES } from './paths.js';

/*
 * Oracle: for every `.tf` file of the project's fixtures and of the terraform and realistic
 * corpora that hcl2-parser (hcl2json 0.3.3 on hashicorp/hcl 2.10) parses, our model printed in
 * hcl2json's JSON shape (test/hcl2json.ts) must equal hcl2-parser's output exactly.
 */

/** Files hcl2-parser rejects, why, and what our parser says about them. */
const HCL2JSON_REJECTS: { file: string; reason: string; we: 'parse-error' | 'ok' }[] = [
  {
    file: 'corpus/realistic/kube-hetzner__terraform-hcloud-kube-hetzner/variables.tf',
    reason: 'calls provider::assert::ip(); provider-defined functions need HCL 2.18+, hcl2-parser bundles HCL 2.10',
    we: 'ok',
  },
  {
    file: 'corpus/realistic/kube-hetzner__terraform-hcloud-kube-hetzner/locals.tf',
    reason: 'calls provider::semvers::compare(); provider-defined functions need HCL 2.18+, hcl2-parser bundles HCL 2.10',
    we: 'ok',
  },
  {
    file: 'fixtures/parser/hcl/provider-function.tf',
    reason: 'calls provider::aws::arn_parse(); provider-defined functions need HCL 2.18+, hcl2-parser bundles HCL 2.10',
    we: 'ok',
  },
  { file: 'fixtures/parser/hcl/syntax-error.tf', reason: 'deliberate syntax error: `name =` without a value', we: 'parse-error' },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/database/db_systems/db_exacs/aws/provider.tf',
    reason: 'line 3 holds only a zero-width space (U+200B)',
    we: 'parse-error',
  },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/database/db_systems/db_exadbxs/variables.tf',
    reason: 'line 39 is prose without a comment marker',
    we: 'parse-error',
  },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/database/db_systems/db_vm/db_vm_clone/main.tf',
    reason: 'line 1 is a copyright notice without a comment marker',
    we: 'parse-error',
  },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/database/atp-d/variables.tf',
    reason: 'variable "tenant_subscription_id" (line 64) is never closed',
    we: 'parse-error',
  },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/databasemanagement/exadata/main.tf',
    reason: 'line 354 has two "=" (`defined_tags = "..." = var...`)',
    we: 'parse-error',
  },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/cloudguard/cloudguard_onboard_console_usecase_example/main.tf',
    reason: 'lines 146-147 and 155-156: a conditional continued on the next line outside parentheses',
    we: 'parse-error',
  },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/devops/pull_request/pullrequest.tf',
    reason: 'line 40 has the placeholder `<reviewers>` as a value',
    we: 'parse-error',
  },
  {
    file: 'corpus/terraform/oracle__terraform-provider-oci/examples/datascience/model_catalog/model.tf',
    reason: 'lines 185-204 set category, description, key and value twice in the same block',
    we: 'parse-error',
  },
];

/** Files hcl2-parser parses but that are left out of the comparison, and why. None so far. */
const EXCLUDED: { file: string; reason: string }[] = [];

function tfFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.terraform' && e.name !== 'node_modules' && e.name !== '.git') out.push(...tfFiles(p));
    } else if (e.isFile() && e.name.endsWith('.tf')) out.push(p);
  }
  return out.sort();
}

/** `fixtures/...` or `corpus/...`, with `/` separators. */
function label(file: string): string {
  const base = file.startsWith(FIXTURES) ? path.join('fixtures', path.relative(FIXTURES, file)) : path.join('corpus', path.relative(CORPUS, file));
  return base.split(path.sep).join('/');
}

const FILES = [...tfFiles(FIXTURES), ...tfFiles(path.join(CORPUS, 'terraform')), ...tfFiles(path.join(CORPUS, 'realistic'))];
const BY_LABEL = new Map(FILES.map((f) => [label(f), f]));
const TEXTS = new Map<string, string>();
const THEIRS = new Map<string, Hcl2JsonResult>();

beforeAll(async () => {
  for (const [name, file] of BY_LABEL) TEXTS.set(name, readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  const names = [...TEXTS.keys()];
  const [results] = await Promise.all([runHcl2JsonMany(names.map((n) => TEXTS.get(n)!)), initHcl()]);
  names.forEach((n, i) => THEIRS.set(n, results[i]!));
}, 180_000);

describe('hcl2json oracle', () => {
  it('finds the files, and the tables name only existing files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(1831);
    for (const t of [...HCL2JSON_REJECTS, ...EXCLUDED]) expect(BY_LABEL.has(t.file), t.file).toBe(true);
  });

  it.each([...BY_LABEL.keys()])('%s', (name) => {
    const text = TEXTS.get(name)!;
    const theirs = THEIRS.get(name)!;
    const ours = parseHcl(text, name);
    const rejected = HCL2JSON_REJECTS.find((r) => r.file === name);
    if (!theirs.ok) {
      expect(rejected, `hcl2-parser rejects ${name}: list it in HCL2JSON_REJECTS with the reason`).toBeDefined();
      expect(ours.diagnostics.length > 0 ? 'parse-error' : 'ok').toBe(rejected!.we);
      return;
    }
    expect(rejected, `${name} is listed as rejected but hcl2-parser parses it`).toBeUndefined();
    expect(ours.diagnostics).toEqual([]);
    if (EXCLUDED.some((e) => e.file === name)) return;
    const mine: unknown = JSON.parse(JSON.stringify(toHcl2Json(ours.hcl!, text)));
    // isDeepStrictEqual is far faster than toEqual; toEqual only runs to show a difference.
    if (!isDeepStrictEqual(mine, theirs.json)) expect(mine).toEqual(theirs.json);
  });
});
