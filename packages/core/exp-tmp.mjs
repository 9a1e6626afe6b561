import { Parser, Composer, isMap, isSeq, isScalar, isAlias, isPair } from 'yaml';
function dump(n, ind='') {
  if (n == null) return console.log(ind + 'NULL');
  if (isScalar(n)) return console.log(ind + 'S', JSON.stringify(n.value), n.range, n.anchor ?? '', n.tag ?? '', n.type, JSON.stringify(n.source));
  if (isAlias(n)) return console.log(ind + 'A', n.source, n.range);
  if (isMap(n) || isSeq(n)) { console.log(ind + (isMap(n)?'M':'Q'), n.range, n.anchor ?? '', n.tag ?? '', n.flow?'flow':'');
    for (const it of n.items) { if (isPair(it)) { console.log(ind+' P'); dump(it.key, ind+'  k '); dump(it.value, ind+'  v '); } else dump(it, ind+'  '); } return; }
  console.log(ind+'?', n);
}
for (const src of process.argv.slice(2)) {
  const text = src.replace(/\\n/g, '\n');
  console.log('=====', JSON.stringify(text));
  const toks = Array.from(new Parser().parse(text));
  const c = new Composer({});
  const docs = [];
  for (const t of toks) for (const d of c.next(t)) docs.push(d);
  for (const d of c.end()) docs.push(d);
  for (const d of docs) { console.log('DOC', d.range, d.errors.map(e=>[e.code,e.message,e.pos]), d.warnings.map(e=>e.message)); dump(d.contents, '  '); }
  console.log('stream errors', c.streamInfo().errors.map(e=>[e.code,e.message,e.pos]));
}
