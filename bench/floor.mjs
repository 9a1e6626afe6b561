// The floor: read every file infralint reads and parse it on one thread — YAML with the `yaml`
// Document API and a LineCounter, HCL with tree-sitter — and nothing else. infralint is measured
// against this. Usage: node bench/floor.mjs <repoDir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../packages/core/package.json'));
const { LineCounter, parseAllDocuments } = await import(require.resolve('yaml'));
const { Parser, Language } = await import(require.resolve('web-tree-sitter'));

const root = path.resolve(process.argv[2] ?? '.');
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));

// Every .tf/.tfvars/.yaml/.yml file, by the cheapest walk there is (readdir, no glob matching).
const SKIP = new Set(['node_modules', '.git', '.terraform']);
const files = [];
const pending = [''];
while (pending.length > 0) {
  const dir = pending.pop();
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir === '' ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) pending.push(rel);
    } else if (/\.(tf|tfvars|ya?ml)$/.test(e.name)) files.push(rel);
  }
}
let docs = 0;
let nodes = 0;
for (const f of files) {
  const text = fs.readFileSync(path.join(root, f), 'utf8');
  if (f.endsWith('.tf') || f.endsWith('.tfvars')) {
    const tree = parser.parse(text);
    nodes += tree.rootNode.descendantCount;
    tree.delete();
  } else {
    const lineCounter = new LineCounter();
    docs += parseAllDocuments(text, { lineCounter }).length ?? 1;
  }
}
process.stdout.write(JSON.stringify({ files: files.length, docs, nodes }) + '\n');
