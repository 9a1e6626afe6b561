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
const { glob } = await import(require.resolve('glob'));

const root = path.resolve(process.argv[2] ?? '.');
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));

const files = await glob('**/*.{tf,tfvars,yaml,yml}', { cwd: root, dot: true, ignore: ['**/node_modules/**', '**/.git/**', '**/.terraform/**'] });
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
