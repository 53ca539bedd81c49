// Restores one cache entry with the real @actions/cache toolkit, the way actions/cache's main step does.
// Usage: node restore-cache.cjs <path-as-written-in-the-step> <key> [restore-key...]
// Prints {"matchedKey": ...} (null on a miss). Same environment as save-cache.cjs.
'use strict';
const cache = require('@actions/cache');

async function main() {
  const [cachePath, key, ...restoreKeys] = process.argv.slice(2);
  if (!cachePath || !key) {
    throw new Error('usage: node restore-cache.cjs <path> <key> [restore-key...]');
  }
  process.chdir(process.env.GITHUB_WORKSPACE);
  const matchedKey = await cache.restoreCache([cachePath], key, restoreKeys);
  console.log(JSON.stringify({ matchedKey: matchedKey === undefined ? null : matchedKey }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
