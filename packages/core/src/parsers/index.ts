import type { ParsedFile } from '../model/types.js';
import { languageOf } from '../language.js';
import { parseHcl } from './hcl.js';
import { isHelmTemplate, parseYaml } from './yaml.js';

export { languageOf } from '../language.js';

/** Folders holding a `Chart.yaml`, from the repo's file list (their `templates/` are Go templates). */
export function chartDirs(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const p of paths) {
    if (p === 'Chart.yaml') dirs.add('');
    else if (p.endsWith('/Chart.yaml')) dirs.add(p.slice(0, -'/Chart.yaml'.length));
  }
  return dirs;
}

/** Whether a path lies under `templates/` of a chart folder (one holding Chart.yaml). */
export function underChartTemplates(path: string, charts: ReadonlySet<string>): boolean {
  let i = path.indexOf('templates/');
  while (i >= 0) {
    if (i === 0 ? charts.has('') : path[i - 1] === '/' && charts.has(path.slice(0, i - 1))) return true;
    i = path.indexOf('templates/', i + 1);
  }
  return false;
}

/** Parse one file's text (already decoded, BOM stripped). Never throws. */
export function parseSource(path: string, text: string, charts: ReadonlySet<string>): ParsedFile {
  const language = languageOf(path);
  if (language === 'hcl') return parseHcl(text, path);
  if (language === 'yaml') {
    const inChart = underChartTemplates(path, charts);
    if (isHelmTemplate(path, text, inChart)) {
      const skipped = inChart
        ? 'Helm chart template (under templates/ of a chart; Go template syntax, not YAML)'
        : 'template text: contains "{{" (Helm or GitHub Actions expressions), so it is not plain YAML';
      return { path, language, documents: [], comments: [], diagnostics: [], skipped };
    }
    return parseYaml(text, path);
  }
  return { path, language: 'markdown', text, comments: [], diagnostics: [] };
}
