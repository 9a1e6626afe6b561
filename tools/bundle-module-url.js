// Injected into the CLI bundle by tools/bundle.mjs: what `import.meta.url` means there, the bundle's own URL.
export const __infralintModuleUrl = require('node:url').pathToFileURL(__filename).href;
