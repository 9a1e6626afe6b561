import { describe, expect, it } from 'vitest';
import { buildModel, listSources, loadSources } from '../src/index.js';
import { CORPUS } from './paths.js';

// Every file under ../shared/corpus goes through discovery, the loaders and the model without
// throwing, and without reaching the loaders' last-resort "internal failure" diagnostics.
describe('the whole shared corpus loads', () => {
  it('lists, reads, parses and models every file', async () => {
    const { candidates } = await listSources({ root: CORPUS });
    expect(candidates.length).toBeGreaterThan(3000);
    const loaded = await loadSources({ candidates, threads: 1 });
    expect(loaded.parsed.length + loaded.diagnostics.length).toBe(candidates.length);
    const internal = loaded.parsed
      .flatMap((f) => f.diagnostics)
      .filter((d) => /YAML file could not be read|Could not read this HCL file/.test(d.message));
    expect(internal.map((d) => `${d.loc.file}: ${d.message}`)).toEqual([]);
    // Files that cannot be read as text are reported, not dropped.
    expect(loaded.diagnostics.every((d) => d.ruleId === 'file-error')).toBe(true);
    const model = buildModel(CORPUS, loaded.parsed);
    expect(model.kubernetes.objects().length).toBeGreaterThan(500);
    expect(model.terraform.resources('oci_network_load_balancer_network_load_balancer').length).toBeGreaterThan(3);
  });
});
