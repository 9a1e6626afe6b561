import { Parser, Composer } from 'yaml';
import fs from 'node:fs'; import path from 'node:path';
const root = '/work/shared/corpus/yaml-test-suite';
const cases = [];
for (const d of fs.readdirSync(root)) { const p = path.join(root, d); if (fs.existsSync(path.join(p,'in.yaml'))) cases.push(p); else for (const s of fs.readdirSync(p)) cases.push(path.join(p,s)); }
for (const opts of [{}, {merge:true}]) {
  const bad = [];
  for (const c of cases) {
    const text = fs.readFileSync(path.join(c,'in.yaml'),'utf8');
    const comp = new Composer(opts); let errs = 0;
    for (const t of new Parser().parse(text)) for (const d of comp.next(t)) errs += d.errors.length;
    for (const d of comp.end()) errs += d.errors.length;
    errs += comp.streamInfo().errors.length;
    const expect = fs.existsSync(path.join(c,'error'));
    if ((errs>0) !== expect) bad.push(path.relative(root,c));
  }
  console.log(JSON.stringify(opts), cases.length, bad);
}
