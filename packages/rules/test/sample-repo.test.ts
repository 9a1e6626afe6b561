import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageOf, lintParsed, parseAll, type Diagnostic, type RunConfig, type SourceInput } from '../../core/src/index.js';
import { rules } from '../src/index.js';
import { FIXTURES } from '../../core/test/paths.js';

/** The sample lumie-infra repo: realistic, and clean under every built-in rule. */
const SAMPLE = path.join(FIXTURES, 'lumie-infra');

/** Every file infralint reads, repo-relative with `/` separators (the config file is read by the CLI, not linted). */
function sources(dir: string, rel = ''): SourceInput[] {
  const out: SourceInput[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(abs, relPath));
    else if (relPath !== 'infralint.config.yaml' && languageOf(relPath) !== undefined) {
      out.push({ path: relPath, text: fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '') });
    }
  }
  return out;
}

function show(d: Diagnostic): string {
  return `${d.loc.file}:${d.loc.start.line}:${d.loc.start.column} ${d.severity} ${d.message} [${d.ruleId}]`;
}

describe('fixtures/lumie-infra', () => {
  it('lints clean under every built-in rule at its defaults', async () => {
    const files = sources(SAMPLE);
    // The sample covers every source path of the networking overview.
    const paths = files.map((f) => f.path);
    for (const expected of [
      'provision/terraform/nlb_0214.tf',
      'provision/terraform/nlb_teleport_0213.tf',
      'provision/terraform/terraform.tfvars',
      'platform/traefik-config/traefik-config.yaml',
      'platform/coredns-config/coredns.yaml',
      'applications/cluster-bootstrap/manifests/cluster-issuer.yaml',
      'applications/teleport/service.yaml',
      'bootstrap/kong/ingress.yaml',
      'charts/lumie-batch/templates/cronjobs.yaml',
      '.github/workflows/ci.yaml',
      'README.md',
      'AGENTS.md',
    ]) {
      expect(paths).toContain(expected);
    }

    const config: RunConfig = {
      rules: Object.fromEntries(
        [...rules].map(([id, rule]) => [id, { severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions as object) } }]),
      ),
      overrides: [],
      settings: { standardDomains: ['lumie-infra.com'], legacyPaths: ['bootstrap/kong/'] },
    };
    const parsed = await parseAll(files);
    const result = lintParsed({ root: SAMPLE, parsed, rules, config });

    expect(result.diagnostics.map(show)).toEqual([]);
    // The chart templates are skipped (Go templates), not parse errors; the legacy Kong files are
    // parsed but kept out of the model the rules see.
    expect(parsed.filter((f) => f.skipped).map((f) => f.path)).toEqual([
      'charts/lumie-batch/templates/cronjobs.yaml',
      'charts/lumie-batch/templates/service-account.yaml',
    ]);
    expect(result.model.files.some((f) => f.path.startsWith('bootstrap/kong/'))).toBe(false);
    // The rules really had something to check.
    expect(result.model.kubernetes.objects({ kind: 'Ingress' }).length).toBeGreaterThanOrEqual(5);
    expect(result.model.terraform.resources('oci_network_load_balancer_network_load_balancer').length).toBe(2);
  });
});
