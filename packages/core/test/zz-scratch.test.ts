import { test } from 'vitest';
import fs from 'node:fs';
import { parseYaml } from '../src/parsers/yaml.js';
const short = (l: any) => l ? `${l.start.line}:${l.start.column}-${l.end.line}:${l.end.column}` : '-';
function show(n: any, ind = '', seen = new Set()): string {
  if (!n) return ind + 'undef\n';
  if (n.kind === 'scalar') return `${ind}S ${JSON.stringify(n.value)} ${short(n.loc)} ${n.anchor ?? ''}\n`;
  if (n.kind === 'alias') return `${ind}A *${n.name} ${short(n.loc)} -> ${n.target ? short(n.target.loc) : 'none'}\n`;
  if (seen.has(n)) return ind + 'CYCLE\n'; seen.add(n);
  if (n.kind === 'seq') return `${ind}Q ${short(n.loc)} ${n.anchor ?? ''}\n` + n.items.map((i: any) => show(i, ind + '  ', seen)).join('');
  return `${ind}M ${short(n.loc)} ${n.anchor ?? ''}\n` + n.pairs.map((p: any) => `${ind} P ${JSON.stringify(p.keyText)} ${short(p.loc)}\n` + show(p.key, ind + '  k ', seen) + show(p.value, ind + '  v ', seen)).join('');
}
test('scratch', () => {
  for (const f of (process.env.FILES ?? '').split(',')) {
    let text = fs.readFileSync(f, 'utf8'); if (text.startsWith('\ufeff')) text = text.slice(1);
    const t0 = performance.now();
    const r = parseYaml(text, f.split('/').pop()!);
    let out = `==== ${f} ${(performance.now() - t0).toFixed(1)}ms\n`;
    for (const d of r.documents!) out += `DOC ${d.index} ${short(d.loc)}\n` + show(d.root, '  ');
    for (const c of r.comments) out += `C ${JSON.stringify(c.text)} ${short(c.loc)}\n`;
    for (const d of r.diagnostics) out += `D ${d.ruleId} ${short(d.loc)} ${d.message}\n`;
    fs.appendFileSync('/tmp/scratch/out.txt', out);
  }
});
