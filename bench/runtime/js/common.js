// What bench/run's JavaScript clients (s3.js, dynamodb.js) share: failing
// with a message, counts from the environment, the process's CPU time, keys,
// the SDK's version, and timing one phase (../README.md).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function fail(message) {
  process.stderr.write(`js: ${message}\n`);
  process.exit(1);
}

function envCount(name, def) {
  const value = process.env[name];
  if (!value) return def;
  if (!/^[0-9]+$/.test(value)) fail(`${name}=${JSON.stringify(value)} is not a count`);
  return Number(value);
}

const msSince = (t) => Number(process.hrtime.bigint() - t) / 1e6;

function cpuUs() {
  const u = process.cpuUsage(); // getrusage(RUSAGE_SELF): every thread of the process
  return u.user + u.system;
}

const key = (prefix, i) => `${prefix}/${String(i).padStart(8, "0")}`;

// The version of @aws-sdk/<pkg> installed beside this file.
function sdkVersion(pkg) {
  const file = path.join(__dirname, "node_modules", "@aws-sdk", pkg, "package.json");
  return JSON.parse(fs.readFileSync(file, "utf8")).version;
}

// Awaits op(prefix, i) for i in [0, n): CPU and wall time per request.
async function measure(n, prefix, op) {
  const c0 = cpuUs();
  const w0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await op(prefix, i);
  const wallUs = Number(process.hrtime.bigint() - w0) / 1e3;
  const cpu = cpuUs() - c0;
  return { cpu_us: cpu / n, wall_us: wallUs / n, requests: n };
}

module.exports = { fail, envCount, msSince, cpuUs, key, sdkVersion, measure };
