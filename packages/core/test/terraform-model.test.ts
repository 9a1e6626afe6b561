import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, parseAll, UNKNOWN, type HclBlock, type Model } from '../src/index.js';
import { CORPUS } from './paths.js';

async function modelOf(files: Record<string, string>): Promise<Model> {
  return buildModel('/virtual', await parseAll(Object.entries(files).map(([p, text]) => ({ path: p, text }))));
}

const attrExpr = (b: HclBlock, name: string) => b.attributes.find((a) => a.name === name)!.expr;

describe('resolve() on mbologna/k3s-oci nlb.tf (variables in vars.tf beside it)', () => {
  let model: Model;
  beforeAll(async () => {
    const dir = path.join(CORPUS, 'realistic/mbologna__k3s-oci');
    const files: Record<string, string> = {};
    for (const f of ['nlb.tf', 'vars.tf', 'locals.tf']) files[`k3s-oci/${f}`] = fs.readFileSync(path.join(dir, f), 'utf8');
    model = await modelOf(files);
  });

  it('listener k3s_web port is 80 for instance http and 443 for https', () => {
    const tf = model.terraform;
    const listener = tf.resource('oci_network_load_balancer_listener', 'k3s_web', 'k3s-oci/nlb.tf')!;
    const insts = tf.instances(listener);
    expect(insts).not.toBe(UNKNOWN);
    const byKey = Object.fromEntries((insts as { each?: { key: string } }[]).map((s) => [s.each!.key, tf.resolve(attrExpr(listener, 'port'), s)]));
    expect(byKey).toEqual({ http: 80, https: 443 });
    expect(tf.valuesOf(listener, 'port')).toEqual([80, 443]);
  });

  it('backend set k3s_web health_checker.port is 30080 and 30443', () => {
    const tf = model.terraform;
    const bs = tf.resource('oci_network_load_balancer_backend_set', 'k3s_web', 'k3s-oci/nlb.tf')!;
    const hc = bs.blocks.find((b) => b.type === 'health_checker')!;
    const insts = tf.instances(bs) as { each?: { key: string } }[];
    const byKey = Object.fromEntries(insts.map((s) => [s.each!.key, tf.resolve(attrExpr(hc, 'port'), s)]));
    expect(byKey).toEqual({ http: 30080, https: 30443 });
  });

  it('local.nlb_web_protocols["https"].nodeport is 30443', async () => {
    const listener = model.terraform.resource('oci_network_load_balancer_listener', 'k3s_web', 'k3s-oci/nlb.tf')!;
    // Build the expression by parsing a tiny file in the same module so that `local` resolves there.
    const m2 = await modelOf({
      ...Object.fromEntries(model.files.map((f) => [f.path, fs.readFileSync(path.join(CORPUS, 'realistic/mbologna__k3s-oci', path.basename(f.path)), 'utf8')])),
      'k3s-oci/probe.tf': 'locals {\n  probe = local.nlb_web_protocols["https"].nodeport\n}\n',
    });
    const probe = m2.terraform.blocks('locals').find((b) => b.file === 'k3s-oci/probe.tf')!;
    expect(m2.terraform.resolve(attrExpr(probe, 'probe'))).toBe(30443);
    expect(listener).toBeDefined();
  });

  it('a backend whose for_each is built with setproduct(...) resolves to unknown, never a wrong value', () => {
    const tf = model.terraform;
    const backend = tf.resource('oci_network_load_balancer_backend', 'k3s_workers', 'k3s-oci/nlb.tf')!;
    expect(tf.instances(backend)).toBe(UNKNOWN);
    expect(tf.valuesOf(backend, 'port')).toBe(UNKNOWN);
    expect(tf.resolve(attrExpr(backend, 'port'))).toBe(UNKNOWN);
  });

  it('a reference to another resource attribute follows the instance key', () => {
    const tf = model.terraform;
    const listener = tf.resource('oci_network_load_balancer_listener', 'k3s_web', 'k3s-oci/nlb.tf')!;
    const insts = tf.instances(listener) as { each?: { key: string } }[];
    const names = insts.map((s) => tf.resolve(attrExpr(listener, 'default_backend_set_name'), s));
    expect(names).toEqual(['k3s-http-backend', 'k3s-https-backend']);
  });
});

describe('resolve() sources of values', () => {
  it('var.x: a .tfvars value wins over the default; disagreeing .tfvars files give unknown', async () => {
    const m = await modelOf({
      'tf/variables.tf': 'variable "port" {\n  default = 30443\n}\nvariable "other" {\n  default = 1\n}\nvariable "nodefault" {}\n',
      'tf/terraform.tfvars': 'port = 31443\n',
      'tf/main.tf': 'resource "r" "a" {\n  p = var.port\n  o = var.other\n  n = var.nodefault\n}\n',
      'other/main.tf': 'resource "r" "b" {\n  p = var.port\n}\n',
    });
    const tf = m.terraform;
    const a = tf.resource('r', 'a', 'tf/main.tf')!;
    expect(tf.resolve(attrExpr(a, 'p'))).toBe(31443);
    expect(tf.resolve(attrExpr(a, 'o'))).toBe(1);
    expect(tf.resolve(attrExpr(a, 'n'))).toBe(UNKNOWN);
    // var.port in another directory (module) does not see tf/'s variables.
    const b = tf.resource('r', 'b', 'other/main.tf')!;
    expect(tf.resolve(attrExpr(b, 'p'))).toBe(UNKNOWN);

    const m2 = await modelOf({
      'tf/variables.tf': 'variable "port" {\n  default = 30443\n}\n',
      'tf/prod.tfvars': 'port = 31443\n',
      'tf/dev.tfvars': 'port = 32443\n',
      'tf/main.tf': 'resource "r" "a" {\n  p = var.port\n}\n',
    });
    expect(m2.terraform.resolve(attrExpr(m2.terraform.resource('r', 'a', 'tf/main.tf')!, 'p'))).toBe(UNKNOWN);
  });

  it('locals, index and attribute access, templates, each over a map and a set, count', async () => {
    const m = await modelOf({
      'main.tf': [
        'locals {',
        '  ports = { web = 443, ssh = 22 }',
        '  list  = [10, 20]',
        '  name  = "nlb-${local.ports.web}"',
        '}',
        'resource "r" "m" {',
        '  for_each = local.ports',
        '  p = each.value',
        '  k = "${each.key}-x"',
        '}',
        'resource "r" "s" {',
        '  for_each = ["a", "b"]',
        '  v = each.value',
        '}',
        'resource "r" "c" {',
        '  count = 2',
        '  i = local.list[count.index]',
        '}',
        'resource "r" "u" {',
        '  a = lower("X")',
        '  b = data.x.y.z',
        '  c = local.list[5]',
        '  d = local.name',
        '  e = var.missing',
        '}',
      ].join('\n'),
    });
    const tf = m.terraform;
    expect(tf.valuesOf(tf.resource('r', 'm', 'main.tf')!, 'p')).toEqual([22, 443]);
    expect(tf.valuesOf(tf.resource('r', 'm', 'main.tf')!, 'k')).toEqual(['ssh-x', 'web-x']);
    expect(tf.valuesOf(tf.resource('r', 's', 'main.tf')!, 'v')).toEqual(['a', 'b']);
    expect(tf.valuesOf(tf.resource('r', 'c', 'main.tf')!, 'i')).toEqual([10, 20]);
    const u = tf.resource('r', 'u', 'main.tf')!;
    expect(tf.resolve(attrExpr(u, 'a'))).toBe(UNKNOWN);
    expect(tf.resolve(attrExpr(u, 'b'))).toBe(UNKNOWN);
    expect(tf.resolve(attrExpr(u, 'c'))).toBe(UNKNOWN);
    expect(tf.resolve(attrExpr(u, 'd'))).toBe('nlb-443');
    expect(tf.resolve(attrExpr(u, 'e'))).toBe(UNKNOWN);
  });

  it('a self-referencing local resolves to unknown instead of looping', async () => {
    const m = await modelOf({ 'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nresource "r" "x" {\n  p = local.a\n}\n' });
    expect(m.terraform.resolve(attrExpr(m.terraform.resource('r', 'x', 'main.tf')!, 'p'))).toBe(UNKNOWN);
  });
});

describe('tfvars load order and origins', () => {
  it('terraform.tfvars, then *.auto.tfvars in lexical order, the last one winning', async () => {
    const m = await modelOf({
      'tf/variables.tf': 'variable "port" {\n  default = 30443\n}\n',
      'tf/terraform.tfvars': 'port = 30444\n',
      'tf/b.auto.tfvars': 'port = 30446\n',
      'tf/a.auto.tfvars': 'port = 30445\n',
      'tf/main.tf': 'resource "r" "a" {\n  p = var.port\n}\n',
    });
    const a = m.terraform.resource('r', 'a', 'tf/main.tf')!;
    expect(m.terraform.resolve(attrExpr(a, 'p'))).toBe(30446);
    expect(m.terraform.origins(attrExpr(a, 'p')).map((o) => `${o.kind} ${o.name} ${o.loc.file}:${o.loc.start.line}:${o.loc.start.column}`)).toEqual([
      'variable port tf/b.auto.tfvars:1:1',
    ]);
  });

  it('a -var-file .tfvars that agrees keeps the value known; one that disagrees makes it unknown', async () => {
    const base = {
      'tf/variables.tf': 'variable "port" {\n  default = 30443\n}\n',
      'tf/main.tf': 'resource "r" "a" {\n  p = var.port\n}\n',
    };
    const agree = await modelOf({ ...base, 'tf/prod.tfvars': 'port = 30443\n' });
    expect(agree.terraform.resolve(attrExpr(agree.terraform.resource('r', 'a', 'tf/main.tf')!, 'p'))).toBe(30443);
    const differ = await modelOf({ ...base, 'tf/prod.tfvars': 'port = 31000\n' });
    expect(differ.terraform.resolve(attrExpr(differ.terraform.resource('r', 'a', 'tf/main.tf')!, 'p'))).toBe(UNKNOWN);
  });

  it('origins follow locals and variable defaults transitively', async () => {
    const m = await modelOf({
      'main.tf': [
        'variable "np" {',
        '  default = 30443',
        '}',
        'locals {',
        '  ports = { teleport = var.np }',
        '}',
        'resource "r" "a" {',
        '  p = local.ports["teleport"]',
        '}',
      ].join('\n'),
    });
    const a = m.terraform.resource('r', 'a', 'main.tf')!;
    expect(m.terraform.origins(attrExpr(a, 'p')).map((o) => `${o.kind} ${o.name} ${o.loc.start.line}:${o.loc.start.column}`)).toEqual([
      'local ports 5:3',
      'variable np 2:3',
    ]);
  });
});
