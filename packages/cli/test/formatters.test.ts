import { readFileSync } from 'node:fs';
import { validateSarif } from './sarif-schema.js';
import { describe, expect, it, vi } from 'vitest';
import type { Diagnostic, Location, Severity } from '../../core/src/index.js';
import { FORMAT_NAMES, loadFormatter, useColor, type FormatContext, type Formatter } from '../src/formatters/index.js';
import compact from '../src/formatters/compact.js';
import github, { escapeData, escapeProperty } from '../src/formatters/github.js';
import json from '../src/formatters/json.js';
import sarif from '../src/formatters/sarif.js';
import stylish from '../src/formatters/stylish.js';

// The formatters use only rule.ts from core (ruleDocsUrl). Load it from source so these unit tests
// do not depend on a build of the whole of core.
vi.mock('@infralint/core', () => import('../../core/src/rule.js'));

const expected = (name: string) => readFileSync(new URL(`expected/${name}`, import.meta.url), 'utf8');

/** A location; offsets are plausible but unused by the formatters. */
function at(file: string, line: number, column: number, offset: number, endLine: number, endColumn: number, endOffset: number): Location {
  return { file, start: { line, column, offset }, end: { line: endLine, column: endColumn, offset: endOffset } };
}

/**
 * The fixed report, sorted by file, line, column, rule id as the runner delivers it: several
 * files (one with a space, one with a colon in its name), a multi-line range, a multi-line
 * message, a cross-file finding with two related locations, warnings from a plugin rule and
 * from a rule id that is not among the enabled rules.
 */
const DIAGNOSTICS: Diagnostic[] = [
  {
    ruleId: 'ingress-class-traefik',
    messageId: 'wrongClass',
    severity: 'error',
    message: 'Ingress "web" uses ingress class "kong"; set spec.ingressClassName: traefik.',
    loc: at('applications/dev/ingress.yaml', 8, 23, 160, 8, 27, 164),
  },
  {
    ruleId: 'no-live-kong',
    messageId: 'kongClass',
    severity: 'error',
    message: 'Ingress class "kong" routes traffic through Kong, which is retired.',
    loc: at('applications/dev/ingress.yaml', 8, 23, 160, 8, 27, 164),
  },
  {
    ruleId: 'dev-host-api-only',
    messageId: 'pathNotAllowed',
    severity: 'error',
    message: 'Path "/ui" on dev.lumie-infra.com is not /api or under /api/.',
    loc: at('applications/dev/ingress.yaml', 14, 19, 301, 14, 22, 304),
  },
  {
    ruleId: 'acme/require-owner-label',
    messageId: 'missingOwner',
    severity: 'warning',
    message: 'ConfigMap "app-config" has no "owner" label.',
    loc: at('applications/experimental/app config.yaml', 2, 7, 18, 2, 16, 27),
  },
  {
    ruleId: 'custom-domain-issuer',
    messageId: 'customDomainIssuer',
    severity: 'error',
    message:
      'Ingress "shop" serves the custom domain shop.example.com but uses ClusterIssuer "letsencrypt-prod"; use letsencrypt-customdomain.',
    loc: at('applications/shop/ingress.yaml', 6, 5, 96, 7, 52, 180),
  },
  {
    ruleId: 'parse-error',
    severity: 'error',
    message: 'Nested mappings are not allowed in compact mappings:\n  image: tag: 1.2',
    loc: at('helm/values:prod.yaml', 3, 10, 31, 3, 11, 32),
  },
  {
    ruleId: 'teleport-nodeport',
    messageId: 'backendPort',
    severity: 'error',
    message: 'Backend port 30080 must be the Teleport NodePort 30443.',
    loc: at('terraform/oci/teleport-nlb.tf', 31, 17, 702, 31, 22, 707),
    related: [
      { loc: at('k8s/teleport/service.yaml', 12, 17, 250, 12, 22, 255), message: 'NodePort 30443 declared here' },
      { loc: at('terraform/oci/teleport-nlb.tf', 12, 14, 260, 12, 17, 263), message: 'Listener on port 443 declared here' },
    ],
  },
  {
    ruleId: 'unused-disable-directive',
    severity: 'warning',
    message: 'Unused infralint-disable-next-line directive: no "no-live-kong" problem on the next line.',
    loc: at('terraform/oci/teleport-nlb.tf', 40, 3, 850, 40, 60, 907),
  },
];

/** The rule type the formatters see (core's, as built), not the one from core's sources. */
type AnyRule = FormatContext['rules'] extends ReadonlyMap<string, infer R> ? R : never;

function rule(id: string, description: string, severity: Severity): AnyRule {
  return {
    id,
    meta: {
      description,
      targets: ['kubernetes'],
      severity,
      recommended: true,
      remediation: '',
      messages: {},
      schema: {},
      defaultOptions: {},
    },
    check() {},
  };
}

/** Enabled rules, deliberately not in id order; `unused-disable-directive` is not among them. */
const RULES: ReadonlyMap<string, AnyRule> = new Map(
  [
    rule('teleport-nodeport', 'The Teleport NLB and the Teleport Service agree on NodePort 30443.', 'error'),
    rule('ingress-class-traefik', 'Every Ingress sets `spec.ingressClassName: traefik`.', 'error'),
    rule('custom-domain-issuer', 'An Ingress uses the ClusterIssuer that matches its TLS hosts.', 'error'),
    rule('dev-host-api-only', 'Ingress rules for `dev.lumie-infra.com` route only `/api` paths.', 'error'),
    rule('no-live-kong', 'Live config does not use Kong.', 'error'),
    rule('parse-error', 'A YAML or HCL file that does not parse.', 'error'),
    rule('acme/require-owner-label', 'Every object has an `owner` label.', 'warning'),
  ].map((r) => [r.id, r]),
);

const CTX: FormatContext = { root: '/work/my repo', rules: RULES, version: '1.2.3', color: false };

const FORMATTERS: Record<(typeof FORMAT_NAMES)[number], Formatter> = { stylish, compact, json, sarif, github };

/** RFC 3986 URI-reference characters, with `%` only as a percent-encoding. */
const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;

describe('formatters on the fixed report', () => {
  it.each([
    ['compact', 'formatters.compact.txt'],
    ['json', 'formatters.json'],
    ['sarif', 'formatters.sarif.json'],
    ['github', 'formatters.github.txt'],
    ['stylish', 'formatters.stylish.txt'],
  ])('%s matches expected/%s', async (name, file) => {
    const format = await loadFormatter(name);
    expect(format).toBe(FORMATTERS[name as keyof typeof FORMATTERS]);
    expect(format!(DIAGNOSTICS, CTX)).toBe(expected(file));
  });

  it('SARIF output is valid against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(sarif(DIAGNOSTICS, CTX));
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
  });

  it('the SARIF validator rejects what the schema forbids (so the test above means something)', () => {
    const valid = () => JSON.parse(sarif(DIAGNOSTICS, CTX));
    const broken = [
      (log: any) => delete log.runs,
      (log: any) => (log.version = '2.0.0'),
      (log: any) => (log.runs[0].columnKind = 'bytes'),
      (log: any) => (log.runs[0].results[0].level = 'fatal'),
      (log: any) => (log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0),
      (log: any) => (log.runs[0].results[6].relatedLocations[0].id = -2),
      (log: any) => (log.runs[0].tool.driver.rules[0].shortDescription = {}),
      (log: any) => (log.runs[0].unknownProperty = true),
    ];
    for (const breakIt of broken) {
      const log = valid();
      breakIt(log);
      expect(validateSarif(log), breakIt.toString()).toBe(false);
    }
  });

  it('SARIF URIs are well formed: absolute ones parse, artifact URIs are relative references', () => {
    const log = JSON.parse(sarif(DIAGNOSTICS, CTX));
    const run = log.runs[0];
    for (const uri of [log.$schema, run.tool.driver.informationUri, run.originalUriBaseIds['%SRCROOT%'].uri]) {
      expect(() => new URL(uri)).not.toThrow();
    }
    for (const r of run.tool.driver.rules) if (r.helpUri) expect(() => new URL(r.helpUri)).not.toThrow();
    const artifactUris: string[] = run.results.flatMap((r: { locations: unknown[]; relatedLocations?: unknown[] }) =>
      [...r.locations, ...(r.relatedLocations ?? [])].map(
        (l) => (l as { physicalLocation: { artifactLocation: { uri: string } } }).physicalLocation.artifactLocation.uri,
      ),
    );
    expect(artifactUris).toHaveLength(DIAGNOSTICS.length + 2);
    for (const uri of artifactUris) {
      expect(uri).toMatch(URI_REFERENCE);
      expect(uri).not.toMatch(/^[^/]*:/); // a colon before the first '/' would read as a scheme
      // Resolved against %SRCROOT%, each URI names the diagnostic's file again.
      const resolved = new URL(uri, run.originalUriBaseIds['%SRCROOT%'].uri);
      expect(decodeURIComponent(resolved.pathname).startsWith('/work/my repo/')).toBe(true);
    }
    expect(run.results.map((r: { ruleIndex: number }) => run.tool.driver.rules[r.ruleIndex].id)).toEqual(
      DIAGNOSTICS.map((d) => d.ruleId),
    );
  });
});

describe('an empty report', () => {
  it('prints nothing in compact, github and stylish, [] in json', () => {
    expect(compact([], CTX)).toBe('');
    expect(github([], CTX)).toBe('');
    expect(stylish([], CTX)).toBe('');
    expect(stylish([], { ...CTX, color: true })).toBe('');
    expect(json([], CTX)).toBe('[]\n');
  });

  it('is still a valid SARIF log listing every enabled rule', () => {
    const log = JSON.parse(sarif([], CTX));
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'acme/require-owner-label',
      'custom-domain-issuer',
      'dev-host-api-only',
      'ingress-class-traefik',
      'no-live-kong',
      'parse-error',
      'teleport-nodeport',
    ]);
  });
});

describe('compact', () => {
  it('keeps one line per diagnostic whatever line breaks the message holds', () => {
    const d: Diagnostic = {
      ruleId: 'parse-error',
      severity: 'error',
      message: 'one\r\ntwo\rthree\nfour',
      loc: at('a.tf', 1, 2, 1, 1, 3, 2),
    };
    expect(compact([d], CTX)).toBe('a.tf:1:2: error: one two three four [parse-error]\n');
  });
});

describe('github', () => {
  it('escapes properties and data exactly as GitHub requires', () => {
    const d: Diagnostic = {
      ruleId: 'no-live-kong',
      severity: 'warning',
      message: 'Covers 100% of hosts: a\nb\r\nc %0A',
      loc: at('apps/a,b:c.yaml', 3, 5, 40, 3, 9, 44),
      related: [{ loc: at('x,y.tf', 2, 1, 10, 2, 4, 13), message: 'declared here: 50%' }],
    };
    expect(github([d], CTX)).toBe(
      '::warning file=apps/a%2Cb%3Ac.yaml,line=3,col=5,endLine=3,endColumn=9,title=no-live-kong::' +
        'Covers 100%25 of hosts: a%0Ab%0D%0Ac %250A%0Arelated: x,y.tf:2:1: declared here: 50%25\n',
    );
  });

  it('escapes a rule id in the title like any property', () => {
    expect(escapeProperty('a:b,c%d\r\n')).toBe('a%3Ab%2Cc%25d%0D%0A');
    expect(escapeData('a:b,c%d\r\n')).toBe('a:b,c%25d%0D%0A');
  });

  it('leaves out col and endColumn for a multi-line range', () => {
    const d: Diagnostic = { ruleId: 'r', severity: 'error', message: 'm', loc: at('f.yaml', 2, 3, 5, 4, 1, 20) };
    expect(github([d], CTX)).toBe('::error file=f.yaml,line=2,endLine=4,title=r::m\n');
  });
});

describe('json', () => {
  it('always has a related array and the counts per file', () => {
    const report = JSON.parse(json(DIAGNOSTICS, CTX)) as { messages: { related: unknown[] }[]; errorCount: number; warningCount: number }[];
    expect(report.flatMap((f) => f.messages).every((m) => Array.isArray(m.related))).toBe(true);
    expect(report.reduce((n, f) => n + f.errorCount, 0)).toBe(6);
    expect(report.reduce((n, f) => n + f.warningCount, 0)).toBe(2);
  });
});

describe('stylish colour', () => {
  // eslint-disable-next-line no-control-regex
  const ANSI = /\x1b\[[0-9;]*m/g;

  it('has no escape codes when colour is off, as useColor decides for NO_COLOR or a pipe', () => {
    expect(stylish(DIAGNOSTICS, CTX)).not.toContain('\x1b');
    for (const color of [useColor({ isTTY: true }, { NO_COLOR: '1' }), useColor({ isTTY: false }, {}), useColor({}, {})]) {
      expect(color).toBe(false);
      expect(stylish(DIAGNOSTICS, { ...CTX, color })).not.toContain('\x1b');
    }
  });

  it('colours when on, and keeps the same text and alignment', () => {
    const coloured = stylish(DIAGNOSTICS, { ...CTX, color: useColor({ isTTY: true }, {}) });
    expect(coloured).toContain('\x1b[4mapplications/dev/ingress.yaml\x1b[24m\n');
    expect(coloured).toContain('\x1b[31merror\x1b[39m');
    expect(coloured).toContain('\x1b[33mwarning\x1b[39m');
    expect(coloured).toContain('\x1b[31m\x1b[1m✖ 8 problems (6 errors, 2 warnings)\x1b[22m\x1b[39m\n');
    expect(coloured.replace(ANSI, '')).toBe(expected('formatters.stylish.txt'));
  });

  it('says "problem", "error", "warning" for one, and is yellow without errors', () => {
    const d: Diagnostic = { ruleId: 'r', severity: 'warning', message: 'm', loc: at('f.yaml', 1, 1, 0, 1, 2, 1) };
    expect(stylish([d], CTX)).toBe('\nf.yaml\n  1:1  warning  m  r\n\n✖ 1 problem (0 errors, 1 warning)\n');
    expect(stylish([d], { ...CTX, color: true })).toContain('\x1b[33m\x1b[1m✖ 1 problem (0 errors, 1 warning)\x1b[22m\x1b[39m');
  });
});

describe('useColor', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [undefined, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '' }, true],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ] as const)('isTTY=%s env=%j → %s', (isTTY, env, want) => {
    expect(useColor(isTTY === undefined ? {} : { isTTY }, env)).toBe(want);
  });
});

describe('loadFormatter', () => {
  it('loads every format name and nothing else', async () => {
    for (const name of FORMAT_NAMES) expect(typeof (await loadFormatter(name))).toBe('function');
    for (const name of ['', 'xml', 'Compact', '__proto__', 'toString', 'index']) expect(await loadFormatter(name)).toBeUndefined();
  });
});
