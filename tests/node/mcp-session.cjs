// Drives an MCP server over stdio with the official TypeScript SDK client, the way an assistant
// does: spawn, initialize, then the steps of a plan; prints one JSON report on stdout.
// Usage: node mcp-session.cjs <plan.json>
// plan: {"command": "...", "args": [...], "env": {...}, "cwd": "...", "steps": [step...]}
// steps: {"op": "listTools"} | {"op": "call", "name": ..., "arguments": {...}}
//        | {"op": "parallel", "calls": [{"name": ..., "arguments": ...}, ...]}
//        | {"op": "raw", "line": "..."}  (written to the server's stdin as is, then a newline; give
//          requests in raw lines ids starting with "raw-" so that their answers are reported)
// report: {"server": ..., "instructions": ..., "steps": [...], "unsolicited": [...], "exit": {...}, "stderr": "..."}
'use strict';
const fs = require('node:fs');
const { PassThrough } = require('node:stream');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');

async function main() {
  const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const stderr = new PassThrough();
  const stderrChunks = [];
  stderr.on('data', (chunk) => stderrChunks.push(chunk));
  const transport = new StdioClientTransport({
    command: plan.command,
    args: plan.args,
    env: plan.env,
    cwd: plan.cwd,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'deadzone-pack-tests', version: '1.0.0' });
  const started = Date.now();
  await client.connect(transport);
  transport.stderr.pipe(stderr);
  const report = {
    server: client.getServerVersion(),
    capabilities: client.getServerCapabilities(),
    instructions: client.getInstructions(),
    initializeMs: Date.now() - started,
    steps: [],
    unsolicited: [],
  };
  // Answers to raw lines are kept aside: those without an id, and those whose id starts with "raw-".
  const onmessage = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const id = message.id;
    if (id === undefined || id === null || (typeof id === 'string' && id.startsWith('raw-'))) {
      report.unsolicited.push(message);
      return;
    }
    onmessage(message, extra);
  };
  const onerror = transport.onerror;
  transport.onerror = (error) => {
    report.unsolicited.push({ clientError: String(error && error.message ? error.message : error) });
    if (onerror) {
      onerror(error);
    }
  };

  for (const step of plan.steps) {
    report.steps.push(await run(client, transport, step));
  }

  const child = transport._process;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const closing = Date.now();
  child.stdin.end();
  const exit = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
  report.exit = exit === null ? { code: null, signal: null, timedOut: true } : { ...exit, ms: Date.now() - closing };
  await client.close();
  report.stderr = Buffer.concat(stderrChunks).toString('utf8');
  process.stdout.write(JSON.stringify(report) + '\n');
}

async function run(client, transport, step) {
  try {
    switch (step.op) {
      case 'listTools':
        return { tools: (await client.listTools()).tools };
      case 'call':
        return { result: await client.callTool({ name: step.name, arguments: step.arguments }) };
      case 'parallel':
        return {
          results: await Promise.all(step.calls.map((c) => client.callTool({ name: c.name, arguments: c.arguments }))),
        };
      case 'raw':
        await new Promise((resolve, reject) =>
          transport._process.stdin.write(step.line + '\n', (err) => (err ? reject(err) : resolve())));
        return { written: step.line.length };
      default:
        throw new Error('unknown step ' + step.op);
    }
  } catch (err) {
    return { error: { code: err.code === undefined ? null : err.code, message: String(err.message) } };
  }
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
