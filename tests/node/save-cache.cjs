// Saves one cache entry with the real @actions/cache toolkit, the way actions/cache's post step does.
// Usage: node save-cache.cjs <path-as-written-in-the-step> <key>
// The caller sets what a JavaScript action gets on a runner: ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL,
// ACTIONS_CACHE_SERVICE_V2, GITHUB_SERVER_URL, GITHUB_WORKSPACE and RUNNER_TEMP (and no proxies).
'use strict';
const cache = require('@actions/cache');

async function main() {
  const [cachePath, key] = process.argv.slice(2);
  if (!cachePath || !key) {
    throw new Error('usage: node save-cache.cjs <path> <key>');
  }
  // The toolkit globs relative to the process's folder, not GITHUB_WORKSPACE.
  process.chdir(process.env.GITHUB_WORKSPACE);
  const cacheId = await cache.saveCache([cachePath], key);
  if (typeof cacheId !== 'number' || cacheId < 0) {
    throw new Error(`saveCache did not save ${key} (returned ${cacheId})`);
  }
  console.log(JSON.stringify({ key, cacheId }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
