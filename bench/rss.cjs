// Preloaded by the benchmark (`node -r bench/rss.cjs ...`): writes the process's peak RSS (KiB) at exit.
process.on('exit', () => {
  const file = process.env.INFRALINT_RSS_FILE;
  if (file) require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
});
