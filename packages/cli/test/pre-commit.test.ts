import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../../core/test/paths.js';

// End to end with the real `pre-commit` tool (Debian's package; .ci/run installs it).
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
if (!hasPreCommit && process.env.CI) throw new Error('pre-commit is not installed: .ci/run installs it with apt-get');

const BIN = path.join(ROOT, 'packages/cli/bin/infralint.js');
let repo = '';
let env: NodeJS.ProcessEnv = {};

function sh(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', env });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function edit(file: string, from: string, to: string) {
  const p = path.join(repo, file);
  const text = fs.readFileSync(p, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(p, text.replace(from, to));
}

describe.skipIf(!hasPreCommit)('pre-commit hook (repo: local)', () => {
  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-precommit-'));
    fs.cpSync(path.join(FIXTURES, 'lumie-infra'), repo, { recursive: true });
    env = {
      ...process.env,
      PRE_COMMIT_HOME: path.join(repo, '.pre-commit-home'),
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      NO_COLOR: '1',
    };
    // The hook as the README's `repo: local` section shows it, pointing at this checkout's CLI.
    fs.writeFileSync(
      path.join(repo, '.pre-commit-config.yaml'),
      [
        'repos:',
        '  - repo: local',
        '    hooks:',
        '      - id: infralint',
        '        name: infralint',
        `        entry: node ${JSON.stringify(BIN)} --cache`,
        '        language: system',
        '        files: \\.(tf|tfvars|ya?ml)$',
        '        require_serial: true',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(repo, '.gitignore'), '.pre-commit-home/\n.infralintcache\n');
    expect(sh('git', ['init', '-q', '-b', 'main']).code).toBe(0);
    expect(sh('pre-commit', ['install']).code).toBe(0);
    sh('git', ['add', '-A']);
    const first = sh('git', ['commit', '-q', '-m', 'sample repo']);
    expect(first.out).toMatch(/infralint\.+Passed/);
    expect(first.code).toBe(0);
  });

  it('a staged violation blocks the commit and the diagnostic is shown; after the fix it goes through', () => {
    const file = 'applications/lumie/web/ingress.yaml';
    edit(file, 'ingressClassName: traefik', 'ingressClassName: nginx');
    sh('git', ['add', file]);
    const blocked = sh('git', ['commit', '-q', '-m', 'switch class']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toMatch(/infralint\.+Failed/);
    expect(blocked.out).toMatch(/ingress-class-traefik/);
    expect(blocked.out).toContain('applications/lumie/web/ingress.yaml');

    edit(file, 'ingressClassName: nginx', 'ingressClassName: traefik');
    sh('git', ['add', file]);
    // Nothing changed against HEAD now: commit an unrelated, clean change alongside.
    fs.appendFileSync(path.join(repo, file), '# owner: web team\n');
    sh('git', ['add', file]);
    const ok = sh('git', ['commit', '-q', '-m', 'annotate']);
    expect(ok.out).toMatch(/infralint\.+Passed/);
    expect(ok.code).toBe(0);
  });

  it('staging only the Kubernetes Service of a Teleport NodePort mismatch still reports the finding', () => {
    const svc = 'applications/teleport/service.yaml';
    edit(svc, 'nodePort: 30443', 'nodePort: 30444');
    sh('git', ['add', svc]);
    const blocked = sh('git', ['commit', '-q', '-m', 'move teleport']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.out).toMatch(/teleport-nodeport/);
    expect(blocked.out).toContain(svc);
    sh('git', ['checkout', '-q', 'HEAD', '--', svc]);
  });
});
