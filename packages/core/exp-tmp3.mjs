import { Parser, Composer, isScalar } from 'yaml';
const opts = JSON.parse(process.argv[2]);
for (const src of process.argv.slice(3)) {
  const text = src.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  console.log('=====', JSON.stringify(text));
  const c = new Composer(opts); const docs = [];
  for (const t of new Parser().parse(text)) { if (t.type==='comment') console.log('CMT', JSON.stringify(t.source)); for (const d of c.next(t)) docs.push(d); }
  for (const d of c.end()) docs.push(d);
  for (const d of docs) { console.log('DOC', d.range, d.errors.map(e=>[e.code,e.message,e.pos]), d.warnings.map(e=>[e.code,e.message])); 
    const k = d.contents?.items?.[0]?.key; if (k) console.log('key0', k.constructor.name, k.value, k.tag, isScalar(k)); }
  console.log('stream errors', c.streamInfo().errors.map(e=>[e.code,e.message,e.pos]));
}
