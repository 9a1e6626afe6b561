import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../../core/test/paths.js';
import { validateSarif } from './sarif-schema.js';

// The CLI's output for fixtures/cli/findings in every format, compared to expected files reviewed by
// hand: findings in five files, a multi-line range (admin/ingress.yaml 9:21-10:10, a folded block
// scalar), a parse error, and a cross-file finding (the Teleport Service's nodePort, with the
// Terraform backend port as related location).
const BIN = path.join(ROOT, 'packages/cli/bin/infralint.js');
const FINDINGS = path.join(FIXTURES, 'cli/findings');
const EXPECTED = path.join(ROOT, 'packages/cli/test/expected');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

function run(format: string): string {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, '-f', format], { cwd: FINDINGS, encoding: 'utf8', env });
  expect(r.status).toBe(1);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('CLI output per format on fixtures/cli/findings', () => {
  for (const [format, file] of [
    ['compact', 'findings.compact.txt'],
    ['github', 'findings.github.txt'],
    ['stylish', 'findings.stylish.txt'],
    ['json', 'findings.json'],
  ] as const) {
    it(format, () => {
      expect(run(format)).toBe(fs.readFileSync(path.join(EXPECTED, file), 'utf8'));
    });
  }

  it('sarif: matches the expected log (root URI and version normalised) and is valid SARIF 2.1.0', () => {
    const out = run('sarif');
    const log = JSON.parse(out) as { runs: { originalUriBaseIds: Record<string, { uri: string }>; tool: { driver: { version: string } } }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const run0 = log.runs[0]!;
    expect(run0.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(FINDINGS).href}/`);
    expect(run0.tool.driver.version).toBe(VERSION);
    const normalised = out.replace(`${pathToFileURL(FINDINGS).href}/`, 'file:///ROOT/');
    const expected = fs.readFileSync(path.join(EXPECTED, 'findings.sarif.json'), 'utf8').replace('"version": "0.1.0"', `"version": "${VERSION}"`);
    expect(JSON.parse(normalised)).toEqual(JSON.parse(expected));
  });
});
