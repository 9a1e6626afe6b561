import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defineRule, loadConfig, type AnyRule } from '../src/index.js';
import { FIXTURES } from './paths.js';

const rule = defineRule({
  id: 'dev-host-api-only',
  meta: {
    description: 'Test rule.',
    targets: ['kubernetes'],
    severity: 'error',
    recommended: true,
    remediation: 'None.',
    messages: { x: 'x' },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        host: { type: 'string', description: 'Host.' },
        allowedPathPrefixes: { type: 'array', items: { type: 'string' }, description: 'Prefixes.' },
      },
    },
    defaultOptions: { host: 'dev.lumie-infra.com', allowedPathPrefixes: ['/api'] },
  },
  check() {},
});
const offByDefault = defineRule({ ...rule, id: 'opt-in', meta: { ...rule.meta, recommended: false, severity: 'warning' } });
const builtins = new Map<string, AnyRule>([
  ['dev-host-api-only', rule],
  ['opt-in', offByDefault],
]);

function repoWith(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-config-'));
  fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function configError(text: string, name = 'infralint.config.yaml'): Promise<ConfigError> {
  const root = repoWith(name, text);
  try {
    await loadConfig({ root, builtins });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('no config: recommended rules at their default severity, defaults for settings', async () => {
    const c = await loadConfig({ root: fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-none-')), builtins });
    expect(c.file).toBeUndefined();
    expect(c.rules['dev-host-api-only']).toEqual({ severity: 'error', options: { host: 'dev.lumie-infra.com', allowedPathPrefixes: ['/api'] } });
    expect(c.rules['opt-in']!.severity).toBe('off');
    expect(c.settings).toEqual({ standardDomains: ['lumie-infra.com'], legacyPaths: ['bootstrap/kong/'] });
  });

  it('reads severities, options (merged over defaults), settings, ignore and overrides', async () => {
    const root = repoWith(
      'infralint.config.yaml',
      [
        'ignore: ["legacy-scratch/**"]',
        'rules:',
        '  opt-in: warn',
        '  dev-host-api-only: [error, { host: dev.example.com }]',
        'settings:',
        '  standardDomains: ["example.com"]',
        'overrides:',
        '  - files: ["applications/experimental/**"]',
        '    rules: { dev-host-api-only: warn }',
      ].join('\n'),
    );
    const c = await loadConfig({ root, builtins });
    expect(c.ignore).toEqual(['legacy-scratch/**']);
    expect(c.rules['opt-in']!.severity).toBe('warning');
    expect(c.rules['dev-host-api-only']!.options).toEqual({ host: 'dev.example.com', allowedPathPrefixes: ['/api'] });
    expect(c.settings.standardDomains).toEqual(['example.com']);
    expect(c.settings.legacyPaths).toEqual(['bootstrap/kong/']);
    expect(c.overrides).toEqual([
      { files: ['applications/experimental/**'], rules: { 'dev-host-api-only': { severity: 'warning', options: { host: 'dev.example.com', allowedPathPrefixes: ['/api'] } } } },
    ]);
  });

  it('JSON config works too', async () => {
    const root = repoWith('infralint.config.json', '{\n  "rules": {\n    "opt-in": "error"\n  }\n}\n');
    expect((await loadConfig({ root, builtins })).rules['opt-in']!.severity).toBe('error');
  });

  it('unknown rule id: names the file and the line of the key', async () => {
    const e = await configError('rules:\n  dev-host-api-only: error\n  no-such-rule: warn\n');
    expect(e.line).toBe(3);
    expect(e.problem).toMatch(/unknown rule "no-such-rule"/);
    expect(e.file).toMatch(/infralint\.config\.yaml$/);
  });

  it('bad severity', async () => {
    const e = await configError('rules:\n  dev-host-api-only: fatal\n');
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/severity "fatal".*off, warn or error/);
  });

  it('bad option: the line of the option', async () => {
    const e = await configError('rules:\n  dev-host-api-only:\n    - error\n    - host: dev.lumie-infra.com\n      allowedPathPrefixes: "/api"\n');
    expect(e.line).toBe(5);
    expect(e.problem).toMatch(/allowedPathPrefixes/);
  });

  it('unknown option name', async () => {
    const e = await configError('rules:\n  dev-host-api-only: [error, { hots: x }]\n');
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/unknown option "hots"/);
  });

  it('YAML syntax error in the config', async () => {
    const e = await configError('rules:\n  dev-host-api-only: [error\nsettings: {}\n');
    expect(e.line).toBeGreaterThanOrEqual(2);
    expect(e.line).toBeLessThanOrEqual(3);
    expect(e.problem).toMatch(/syntax error/);
  });

  it('unknown top-level key and unknown settings key', async () => {
    expect((await configError('rule:\n  x: error\n')).line).toBe(1);
    const e = await configError('settings:\n  standardDomain: [a.com]\n');
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/unknown key "standardDomain"/);
  });

  it('parse-error cannot be turned off', async () => {
    const b2 = new Map(builtins);
    b2.set('parse-error', defineRule({ ...rule, id: 'parse-error' }));
    const root = repoWith('infralint.config.yaml', 'rules:\n  parse-error: off\n');
    await expect(loadConfig({ root, builtins: b2 })).rejects.toMatchObject({ line: 2 });
  });

  it('plugins: a local module adds NAME/ID rules; a failing or empty plugin names itself', async () => {
    const plugins = path.join(FIXTURES, 'plugins');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-plugin-'));
    const write = (list: string[]) =>
      fs.writeFileSync(path.join(dir, 'infralint.config.yaml'), `plugins:\n${list.map((p) => `  - ${JSON.stringify(path.join(plugins, p))}`).join('\n')}\nrules:\n  acme/require-owner-label: warn\n`);
    write(['acme-plugin.mjs']);
    const c = await loadConfig({ root: dir, builtins });
    expect(c.allRules.get('acme/require-owner-label')?.id).toBe('acme/require-owner-label');
    expect(c.rules['acme/require-owner-label']!.severity).toBe('warning');

    write(['acme-plugin.mjs', 'no-rules-plugin.mjs']);
    await expect(loadConfig({ root: dir, builtins })).rejects.toMatchObject({ line: 3, problem: expect.stringMatching(/no-rules-plugin\.mjs" exports no rules/) });
    write(['broken-plugin.mjs']);
    await expect(loadConfig({ root: dir, builtins })).rejects.toMatchObject({ line: 2, problem: expect.stringMatching(/broken-plugin\.mjs" failed to load/) });
  });
});

describe('config edge cases', () => {
  it('an empty rule entry names its line', async () => {
    const e = await configError('rules:\n  dev-host-api-only: []\n');
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/empty entry/);
  });

  it('a .json config must be strict JSON', async () => {
    const e = await configError('{\n  "rules": {\n    "opt-in": "error",\n  }\n}\n', 'infralint.config.json');
    expect(e.problem).toMatch(/JSON syntax error/);
    expect(e.line).toBe(4);
    expect((await configError('null\n', 'infralint.config.json')).problem).toMatch(/must be a JSON object/);
  });

  it('both config files at once, and a dangling config symlink, are errors', async () => {
    const root = repoWith('infralint.config.yaml', 'rules: {}\n');
    fs.writeFileSync(path.join(root, 'infralint.config.json'), '{}\n');
    await expect(loadConfig({ root, builtins })).rejects.toMatchObject({ problem: expect.stringMatching(/both infralint\.config\.yaml and infralint\.config\.json exist/) });
    const dangling = fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-dangling-'));
    fs.symlinkSync(path.join(dangling, 'nowhere.yaml'), path.join(dangling, 'infralint.config.yaml'));
    await expect(loadConfig({ root: dangling, builtins })).rejects.toMatchObject({ problem: expect.stringMatching(/cannot read the config file: ENOENT/) });
  });
});

describe('paths and domains are normalised', () => {
  it('ignore globs, legacy paths and standard domains in their common spellings', async () => {
    const root = repoWith(
      'infralint.config.yaml',
      'ignore: ["scratch/", "./tmp/**", "/gen"]\nsettings:\n  legacyPaths: ["bootstrap/kong/**", "./old", "/older/"]\n  standardDomains: [".lumie-infra.com", "*.Example.com"]\n',
    );
    const c = await loadConfig({ root, builtins });
    expect(c.ignore).toEqual(['scratch/**', 'tmp/**', 'gen']);
    expect(c.settings.legacyPaths).toEqual(['bootstrap/kong/', 'old/', 'older/']);
    expect(c.settings.standardDomains).toEqual(['lumie-infra.com', 'example.com']);
  });
});

describe('maxFileBytes', () => {
  it('defaults to 5 MB and takes a positive integer', async () => {
    expect((await loadConfig({ root: fs.mkdtempSync(path.join(os.tmpdir(), 'infralint-mfb-')), builtins })).maxFileBytes).toBe(5 * 1024 * 1024);
    expect((await loadConfig({ root: repoWith('infralint.config.yaml', 'maxFileBytes: 33554432\n'), builtins })).maxFileBytes).toBe(33554432);
    const e = await configError('rules: {}\nmaxFileBytes: -3\n');
    expect(e.line).toBe(2);
  });
});
