import { Parser } from 'yaml';
const text = process.argv[2].replace(/\\n/g, '\n');
for (const t of new Parser().parse(text)) console.dir(t, { depth: null });
