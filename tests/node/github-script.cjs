// actions/github-script for the rehearsal: runs the step's `script` input as the body of an async
// function, as the action does, with `core` (@actions/core) and `require`. The action's other
// globals (github, context, exec, glob, io, fetch) are not provided: a script using them fails.
'use strict';
const core = require('@actions/core');

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;

async function main() {
  const script = core.getInput('script', { required: true });
  const result = await new AsyncFunction('require', 'core', script)(require, core);
  core.setOutput('result', result === undefined ? '' : JSON.stringify(result));
}

main().then(
  () => process.exit(process.exitCode || 0),
  (err) => {
    core.setFailed(err && err.message ? err.message : String(err));
    process.exit(1);
  });
