import { describe, expect, it } from 'vitest';
import { lintFiles } from '../../core/src/testing/rule-tester.js';
import ingressClass from '../src/ingress-class-traefik.js';

const at = (ds: Awaited<ReturnType<typeof lintFiles>>) => ds.map((d) => `${d.ruleId} ${d.severity} ${d.loc.file}:${d.loc.start.line}:${d.loc.start.column}`);

const ingress = (cls: string, comment = '') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n${comment}  ingressClassName: ${cls}\n`;

describe('unused-disable-directive', () => {
  it('valid: a directive that silences a finding is not reported', async () => {
    const ds = await lintFiles(ingressClass, { 'i.yaml': ingress('nginx', '  # infralint-disable-next-line ingress-class-traefik -- migrating in Q3\n') });
    expect(ds).toEqual([]);
  });

  it('invalid: a directive on a line with no finding is a warning at the comment', async () => {
    const ds = await lintFiles(ingressClass, { 'i.yaml': ingress('traefik', '  # infralint-disable-next-line ingress-class-traefik\n') });
    expect(at(ds)).toEqual(['unused-disable-directive warning i.yaml:6:3']);
  });

  it('invalid: only the rule ids that silenced nothing are named', async () => {
    const ds = await lintFiles(ingressClass, { 'i.yaml': ingress('nginx', '  # infralint-disable-next-line ingress-class-traefik, no-live-kong\n') });
    expect(at(ds)).toEqual(['unused-disable-directive warning i.yaml:6:3']);
    expect(ds[0]!.message).toContain('"no-live-kong"');
    expect(ds[0]!.message).not.toContain('"ingress-class-traefik"');
  });
});
