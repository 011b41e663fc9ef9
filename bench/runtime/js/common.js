// What bench/run's JavaScript clients (s3.js, s3_listing.js, dynamodb.js)
// share: failing with a message, counts from the environment, the process's
// CPU time, keys, the SDK's version, timing one phase, and the S3 client
// (../README.md).
"use strict";

const fs = require("node:fs");
const http = require("node:http");
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

// The S3 programs' client, made with @aws-sdk/client-s3's S3Client (passed in,
// so that dynamodb.js does not load the S3 SDK): s3rver's key pair,
// path-style, one keep-alive connection.
function s3Client(S3Client, endpoint) {
  return new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    // s3rver's built-in key pair: it checks the key id exists.
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 1 }) },
    // The same work on the wire as the other clients: no optional CRC32 on
    // uploads (stratus and Go SDK 1.17 compute none). See bench/RESULTS.md.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

module.exports = { fail, envCount, msSince, cpuUs, key, sdkVersion, measure, s3Client };
