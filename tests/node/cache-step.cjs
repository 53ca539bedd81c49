// One actions/cache@v5 phase for the rehearsal, with the real @actions/cache toolkit and the same
// decisions as the action (actions/cache src/restoreImpl.ts and saveImpl.ts), run the way the
// runner runs a JavaScript action: inputs in INPUT_<NAME>, outputs and state through the
// GITHUB_OUTPUT and GITHUB_STATE files, state of the main phase back as STATE_<name> in the post.
// Usage: node cache-step.cjs restore|save|restore-only|save-only
'use strict';
const cache = require('@actions/cache');
const core = require('@actions/core');

// The action's own state names (actions/cache src/constants.ts).
const STATE_PRIMARY_KEY = 'CACHE_KEY';
const STATE_MATCHED_KEY = 'CACHE_RESULT';

// actions/cache utils.getInputAsArray: one path or key a line, "! " folded to "!", blanks dropped.
function inputList(name, required) {
  return core.getInput(name, { required })
    .split('\n')
    .map((s) => s.replace(/^!\s+/, '!').trim())
    .filter((s) => s !== '');
}

// actions/cache utils.isExactKeyMatch: equal ignoring case, not accents.
function isExactKeyMatch(key, cacheKey) {
  return !!(cacheKey && cacheKey.localeCompare(key, undefined, { sensitivity: 'accent' }) === 0);
}

async function restore(withState) {
  const primaryKey = core.getInput('key', { required: true });
  if (withState) {
    core.saveState(STATE_PRIMARY_KEY, primaryKey);
  } else {
    core.setOutput('cache-primary-key', primaryKey);
  }
  const restoreKeys = inputList('restore-keys', false);
  const paths = inputList('path', true);
  const failOnCacheMiss = core.getInput('fail-on-cache-miss') === 'true';
  const cacheKey = await cache.restoreCache(paths, primaryKey, restoreKeys);
  if (!cacheKey) {
    // Like the action: cache-hit stays unset on a miss.
    if (failOnCacheMiss) {
      throw new Error(`Failed to restore cache entry. Exiting as fail-on-cache-miss is set. Input key: ${primaryKey}`);
    }
    core.info(`Cache not found for input keys: ${[primaryKey, ...restoreKeys].join(', ')}`);
    return;
  }
  if (withState) {
    core.saveState(STATE_MATCHED_KEY, cacheKey);
  } else {
    core.setOutput('cache-matched-key', cacheKey);
  }
  core.setOutput('cache-hit', isExactKeyMatch(primaryKey, cacheKey).toString());
  core.info(`Cache restored from key: ${cacheKey}`);
}

async function save(withState) {
  // A failed save is a warning, never a failed job, as in the action.
  try {
    const primaryKey = (withState && core.getState(STATE_PRIMARY_KEY)) || core.getInput('key');
    if (!primaryKey) {
      core.warning('Key is not specified.');
      return;
    }
    const restoredKey = withState ? core.getState(STATE_MATCHED_KEY) : undefined;
    if (isExactKeyMatch(primaryKey, restoredKey)) {
      core.info(`Cache hit occurred on the primary key ${primaryKey}, not saving cache.`);
      return;
    }
    const cacheId = await cache.saveCache(inputList('path', true), primaryKey);
    if (cacheId !== -1) {
      core.info(`Cache saved with key: ${primaryKey}`);
    } else if (!withState) {
      core.warning('Cache save failed.');
    }
  } catch (err) {
    core.warning(err && err.message ? err.message : String(err));
  }
}

async function main() {
  // The toolkit globs relative to the process's folder; the runner starts actions in the workspace.
  process.chdir(process.env.GITHUB_WORKSPACE);
  const phase = process.argv[2];
  switch (phase) {
    case 'restore': return restore(true);
    case 'restore-only': return restore(false);
    case 'save': return save(true);
    case 'save-only': return save(false);
    default: throw new Error('usage: node cache-step.cjs restore|save|restore-only|save-only');
  }
}

main().then(
  () => process.exit(process.exitCode || 0), // dangling HTTP keep-alives must not keep node up
  (err) => {
    core.setFailed(err && err.message ? err.message : String(err));
    process.exit(1);
  });
