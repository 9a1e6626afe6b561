import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../../core/test/paths.js';

const BIN = path.join(ROOT, 'packages/cli/bin/infralint.js');

/** Run the built CLI as a user would (needs `pnpm build`, which `pnpm test` runs first). */
function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-cli-'));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

const CLEAN = path.join(FIXTURES, 'cli/clean');
const FINDINGS = path.join(FIXTURES, 'cli/findings');
const WARN_ONLY = {
  'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: teleport\n  namespace: teleport\nspec:\n  type: NodePort\n  ports:\n    - port: 443\n      nodePort: 30443\n',
};

describe('exit codes (CONTRACT §3)', () => {
  it('0 on a clean repo, with no output in stylish', () => {
    const r = cli([], CLEAN);
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('1 when there are errors', () => {
    expect(cli(['--format', 'compact'], FINDINGS).code).toBe(1);
  });

  it('warnings: 0 by default, 1 when they exceed --max-warnings', () => {
    const dir = tempRepo(WARN_ONLY);
    const r = cli(['--format', 'compact'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('svc.yaml:2:7: warning: ' + r.stdout.split(': warning: ')[1]);
    expect(r.stdout).toMatch(/\[teleport-nodeport\]\n$/);
    expect(cli(['--max-warnings', '1'], dir).code).toBe(0);
    const over = cli(['--max-warnings', '0'], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/too many warnings \(maximum: 0\)/);
    // --quiet drops warnings, so nothing is over the limit.
    expect(cli(['--quiet', '--max-warnings', '0', '--format', 'compact'], dir)).toMatchObject({ code: 0, stdout: '' });
  });

  it('2 for an unknown option, with a hint', () => {
    const r = cli(['--no-such-option'], CLEAN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--no-such-option/);
    expect(r.stderr).toMatch(/--help/);
  });

  it('2 for a missing -c file', () => {
    const r = cli(['-c', 'nope.yaml'], CLEAN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml.*not found/);
  });

  it('2 for an invalid config, naming the file and line', () => {
    const dir = tempRepo({ 'infralint.config.yaml': 'rules:\n  ingress-class-traefik: error\n  no-such-rule: warn\n' });
    const r = cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/infralint\.config\.yaml:3: unknown rule "no-such-rule"/);
  });

  it('2 for an unknown format and a bad --rule', () => {
    expect(cli(['-f', 'xml'], CLEAN).code).toBe(2);
    const r = cli(['--rule', 'nope:error'], CLEAN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule "nope"/);
  });

  it('2 when a rule throws, naming the rule and the file it was on', () => {
    const dir = tempRepo({
      'infralint.config.yaml': `plugins: [${JSON.stringify(path.join(FIXTURES, 'plugins/throwing-plugin.mjs'))}]\n`,
      'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    });
    const r = cli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rule "boom\/always-throws" crashed while checking apps\/cm\.yaml/);
  });

  it('a parse error is exit 1 with a parse-error diagnostic, not exit 2', () => {
    const dir = tempRepo({ 'a.yaml': 'a: [1\n' });
    const r = cli(['-f', 'compact'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a\.yaml:2:1: error: .*\[parse-error\]$/m);
  });
});

describe('options', () => {
  it('--rule ID:SEVERITY overrides the config', () => {
    const r = cli(['-f', 'compact', '--rule', 'dev-host-api-only:warn'], FINDINGS);
    expect(r.stdout).toMatch(/ingress-dev\.yaml:21:19: warning: .*\[dev-host-api-only\]/);
    const off = cli(['-f', 'compact', '--rule', 'dev-host-api-only:off'], FINDINGS);
    expect(off.stdout).not.toMatch(/dev-host-api-only/);
  });

  it('--list-rules prints every rule with its default severity and description', () => {
    const r = cli(['--list-rules'], CLEAN);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ingress-class-traefik\s+error\s+.+\.$/m);
    expect(r.stdout).toMatch(/^unused-disable-directive\s+warning\s+/m);
  });

  it('--explain prints the rule page; an unknown id is exit 2', () => {
    const r = cli(['--explain', 'teleport-nodeport'], CLEAN);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# teleport-nodeport');
    expect(r.stdout).toBe(fs.readFileSync(path.join(ROOT, 'rule-docs/teleport-nodeport.md'), 'utf8'));
    expect(cli(['--explain', 'nope'], CLEAN).code).toBe(2);
  });

  it('--print-config prints the resolved config as JSON', () => {
    const r = cli(['--print-config'], FINDINGS);
    const c = JSON.parse(r.stdout) as { settings: { legacyPaths: string[] }; rules: Record<string, unknown> };
    expect(c.settings.legacyPaths).toEqual(['bootstrap/kong/']);
    expect(c.rules['ingress-class-traefik']).toEqual(['error', { className: 'traefik' }]);
    expect(c.rules['parse-error']).toBe('error');
    expect(c.rules['dev-host-api-only']).toEqual(['error', { host: 'dev.lumie-infra.com', allowedPathPrefixes: ['/api'] }]);
  });

  it('--debug prints discovery, skips with reasons and timings to stderr', () => {
    const r = cli(['--debug'], path.join(FIXTURES, 'lumie-infra'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\[debug\] discovered \d+ files/);
    expect(r.stderr).toMatch(/\[debug\] skipped charts\/[^:]+\/templates\/[^:]+: Helm chart template/);
    expect(r.stderr).toMatch(/\[debug\] parsed \d+ files, \d+ from cache, on \d+ thread\(s\) in [\d.]+ ms/);
    expect(r.stderr).toMatch(/\[debug\] rules \(\d+\) ran in [\d.]+ ms/);
  });

  it('-o writes the report to a file', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-out-')), 'r.json');
    const r = cli(['-f', 'json', '-o', out], FINDINGS);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toHaveLength(5);
  });

  it('--version and --help', () => {
    expect(cli(['--version'], CLEAN).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const h = cli(['--help'], CLEAN);
    expect(h.code).toBe(0);
    for (const o of ['--format', '--output-file', '--config', '--max-warnings', '--quiet', '--rule', '--list-rules', '--explain', '--print-config', '--debug']) {
      expect(h.stdout).toContain(o);
    }
  });
});

describe('plugins', () => {
  it('a local module plugin adds a rule that reports on a fixture', () => {
    const dir = tempRepo({
      'infralint.config.yaml': `plugins: [${JSON.stringify(path.join(FIXTURES, 'plugins/acme-plugin.mjs'))}]\n`,
      'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n',
    });
    const r = cli(['-f', 'compact'], dir);
    expect(r.stdout).toBe('apps/cm.yaml:2:7: error: ConfigMap "settings" has no "owner" label: add metadata.labels.owner. [acme/require-owner-label]\n');
    expect(r.code).toBe(1);
    expect(cli(['--print-config'], dir).stdout).toContain('"acme/require-owner-label": [');
  });

  it('a package plugin is resolved from the repo root and configured as NAME/ID', () => {
    const dir = tempRepo({
      'infralint.config.yaml': 'plugins: [infralint-plugin-ports]\nrules:\n  ports/no-privileged-node-port: error\n',
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 8080\n',
    });
    fs.cpSync(path.join(FIXTURES, 'plugins/infralint-plugin-ports'), path.join(dir, 'node_modules/infralint-plugin-ports'), { recursive: true });
    const r = cli(['-f', 'compact'], dir);
    expect(r.stdout).toBe('svc.yaml:9:17: error: nodePort 8080 is outside 30000-32767. [ports/no-privileged-node-port]\n');
  });

  it('a plugin that fails to load, or exports no rules, is exit 2 naming it and its line', () => {
    for (const [file, why] of [
      ['broken-plugin.mjs', 'failed to load'],
      ['no-rules-plugin.mjs', 'exports no rules'],
    ]) {
      const dir = tempRepo({ 'infralint.config.yaml': `ignore: []\nplugins:\n  - ${JSON.stringify(path.join(FIXTURES, 'plugins', file))}\n` });
      const r = cli([], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`infralint.config.yaml:3: plugin "${path.join(FIXTURES, 'plugins', file)}" ${why}`);
    }
    const missing = tempRepo({ 'infralint.config.yaml': 'plugins: [infralint-plugin-nowhere]\n' });
    const r = cli([], missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/infralint\.config\.yaml:1: plugin "infralint-plugin-nowhere" could not be found/);
  });
});

describe('review fixes', () => {
  it('plugin rules are listed and explained', () => {
    const dir = tempRepo({ 'infralint.config.yaml': `plugins: [${JSON.stringify(path.join(FIXTURES, 'plugins/acme-plugin.mjs'))}]\n` });
    expect(cli(['--list-rules'], dir).stdout).toMatch(/^acme\/require-owner-label\s+error\s+Every Kubernetes object has an `owner` label\.$/m);
    const explain = cli(['--explain', 'acme/require-owner-label'], dir);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/^# acme\/require-owner-label\n\nEvery Kubernetes object has an `owner` label\./);
  });

  it('--rule wins over config overrides; parse-error cannot be lowered from the command line', () => {
    const dir = tempRepo({
      'infralint.config.yaml': 'overrides:\n  - files: ["exp/**"]\n    rules: { ingress-class-traefik: warn }\n',
      'exp/i.yaml': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  ingressClassName: nginx\n',
    });
    expect(cli(['-f', 'compact'], dir).stdout).toMatch(/warning: .*\[ingress-class-traefik\]/);
    expect(cli(['-f', 'compact', '--rule', 'ingress-class-traefik:off'], dir)).toMatchObject({ code: 0, stdout: '' });
    const r = cli(['--rule', 'parse-error:off'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"parse-error" cannot be turned off/);
  });

  it('an unwritable -o is exit 2 with a plain message; --max-warnings -1 means no limit', () => {
    const r = cli(['-o', os.tmpdir()], FINDINGS);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^infralint: cannot write the report to .*: EISDIR\n$/);
    const dir = tempRepo(WARN_ONLY);
    expect(cli(['--max-warnings', '-1'], dir).code).toBe(0);
  });

  it('--debug names what .gitignore, the config and the built-in skips left out', () => {
    const dir = tempRepo({
      '.gitignore': 'scratch/\n*.gen.yaml\n',
      'infralint.config.yaml': 'ignore: ["legacy-scratch/"]\n',
      'scratch/a.yaml': 'a: 1\n',
      'b.gen.yaml': 'a: 1\n',
      'legacy-scratch/c.yaml': 'a: 1\n',
      'node_modules/x/v.yaml': 'a: 1\n',
      'ok.yaml': 'a: 1\n',
    });
    const lines = cli(['--debug'], dir).stderr.split('\n').filter((l) => l.startsWith('[debug] ignored'));
    expect(lines).toEqual([
      '[debug] ignored .git/: always skipped',
      '[debug] ignored b.gen.yaml: ignored by .gitignore',
      '[debug] ignored legacy-scratch/: matches an "ignore" glob of the config',
      '[debug] ignored node_modules/: always skipped',
      '[debug] ignored scratch/: ignored by .gitignore',
    ]);
  });

  it('a closed pipe is not an error', () => {
    const r = spawnSync('sh', ['-c', `node ${JSON.stringify(BIN)} --list-rules | head -1`], { cwd: CLEAN, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toHaveLength(2);
  });
});

describe('file arguments restrict reporting, never the model', () => {
  it('staging only the Service still reports the Teleport mismatch (cross-file)', () => {
    const r = cli(['-f', 'compact', 'applications/teleport/service.yaml'], FINDINGS);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^applications\/teleport\/service\.yaml:14:17: error: .*\[teleport-nodeport\]$/m);
  });

  it('a finding whose related location is in the given file is reported too', () => {
    const r = cli(['-f', 'compact', 'provision/terraform/nlb_teleport_0213.tf'], FINDINGS);
    expect(r.stdout).toMatch(/^applications\/teleport\/service\.yaml:14:17: error: .*\[teleport-nodeport\]$/m);
  });

  it('a directory restricts to the files under it; a missing path is exit 2', () => {
    const r = cli(['-f', 'compact', 'applications/lumie/dev'], FINDINGS);
    const files = new Set(r.stdout.trim().split('\n').map((l) => l.split(':')[0]));
    expect([...files].sort()).toEqual(['applications/lumie/dev/broken.yaml', 'applications/lumie/dev/ingress-dev.yaml']);
    expect(cli(['nope.yaml'], FINDINGS).code).toBe(2);
  });

  it('paths are relative to the current directory; reported paths to the repo root', () => {
    const r = cli(['-f', 'compact', 'ingress-dev.yaml'], path.join(FINDINGS, 'applications/lumie/dev'));
    expect(r.stdout).toMatch(/^applications\/lumie\/dev\/ingress-dev\.yaml:21:19: /m);
  });
});

describe('colour', () => {
  it('NO_COLOR=1 and a non-TTY stdout print no escape codes', () => {
    expect(cli([], FINDINGS, { NO_COLOR: '1' }).stdout).not.toContain('\x1b[');
    expect(cli([], FINDINGS).stdout).not.toContain('\x1b[');
  });

  it('FORCE_COLOR=1 colours stylish output even when piped', () => {
    expect(cli([], FINDINGS, { FORCE_COLOR: '1' }).stdout).toContain('\x1b[');
  });
});
