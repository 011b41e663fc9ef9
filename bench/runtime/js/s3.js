// The JavaScript SDK v3 side of bench/run: CreateBucket, then N x PutObject
// (1 KiB), GetObject and HeadObject, then ListObjectsV2 over those N keys at
// 100 per page, on one keep-alive connection against the endpoint in
// STRATUS_TEST_S3RVER_ENDPOINT. Prints one JSON line (bench/runtime/README.md).
//
// Startup is timed from the first statement, so it includes loading the SDK
// but not Node's own start (bench/run's exec-to-ready column has that).
"use strict";

const START = process.hrtime.bigint();

const { fail, envCount, msSince, cpuUs, key, sdkVersion, measure: measureOp, s3Client } = require("./common.js");
const {
  S3Client,
  CreateBucketCommand,
  PutObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
} = require("@aws-sdk/client-s3");

// The 1 KiB object stored under key i: distinct per key.
function body(i) {
  const tag = `object-${String(i).padStart(8, "0")};`;
  return Buffer.from(tag.repeat(Math.ceil(1024 / tag.length)).slice(0, 1024));
}

const PAGE = 100; // ListObjectsV2 MaxKeys in the measured pass
const WARMUP_PAGE = 10; // in the warm-up pass, so that it follows a continuation token too

async function main() {
  const endpoint = process.env.STRATUS_TEST_S3RVER_ENDPOINT;
  if (!endpoint) fail("STRATUS_TEST_S3RVER_ENDPOINT is not set (run through bench/run)");
  const n = envCount("BENCH_N", 1000);
  if (n === 0) fail("BENCH_N must be at least 1");
  const warmup = envCount("BENCH_WARMUP", 20);
  const bucket = process.env.BENCH_BUCKET || "bench-js";

  const client = s3Client(S3Client, endpoint);
  const startupMs = msSince(START);
  const startupCpuUs = cpuUs(); // the process's CPU from exec to here
  const readyUnixNs = Math.round((performance.timeOrigin + performance.now()) * 1e6);

  const t = process.hrtime.bigint();
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const firstCallMs = msSince(t);

  const put = async (prefix, i) => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key(prefix, i), Body: body(i) }));
  };
  const get = async (prefix, i) => {
    const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(prefix, i) }));
    const got = Buffer.from(await res.Body.transformToByteArray());
    if (!got.equals(body(i))) fail(`GetObject ${key(prefix, i)}: body differs from what was put (${got.length} bytes)`);
  };
  const head = async (prefix, i) => {
    const res = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key(prefix, i) }));
    if (res.ContentLength !== 1024) fail(`HeadObject ${key(prefix, i)}: Content-Length ${res.ContentLength}, want 1024`);
  };

  // Every key under prefix/, pageSize per page, following continuation tokens.
  const listKeys = async (prefix, pageSize, count) => {
    const keys = [];
    let pages = 0;
    let token;
    for (;;) {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/`, MaxKeys: pageSize, ContinuationToken: token }),
      );
      pages++;
      const contents = page.Contents || [];
      if (contents.length > pageSize) fail(`ListObjectsV2 ${prefix}/: page ${pages} has ${contents.length} keys, more than ${pageSize}`);
      for (const obj of contents) keys.push(obj.Key);
      if (!page.IsTruncated) return { keys, pages };
      token = page.NextContinuationToken;
      if (!token) fail(`ListObjectsV2 ${prefix}/: page ${pages} is truncated but has no NextContinuationToken`);
      if (pages > Math.floor(count / pageSize) + 1) fail(`ListObjectsV2 ${prefix}/: more than ${pages} pages for ${count} keys`);
    }
  };
  const checkListing = (prefix, count, pageSize, { keys, pages }) => {
    const same = keys.length === count && keys.every((k, i) => k === key(prefix, i));
    if (!same) {
      fail(
        `ListObjectsV2 ${prefix}/: listed ${keys.length} keys, want the ${count} that were put` +
          (keys.length === count ? " (same count, different keys or order)" : ""),
      );
    }
    if (pages !== Math.max(1, Math.ceil(count / pageSize))) fail(`ListObjectsV2 ${prefix}/: ${pages} pages for ${count} keys at ${pageSize} a page`);
  };

  // Warm-up on keys of their own, not measured.
  for (const op of [put, get, head]) {
    for (let i = 0; i < warmup; i++) await op("warmup", i);
  }
  if (warmup) checkListing("warmup", warmup, WARMUP_PAGE, await listKeys("warmup", WARMUP_PAGE, warmup));

  const measure = (op) => measureOp(n, "obj", op);
  const ops = {};
  ops.put = await measure(put);
  ops.get = await measure(get);
  ops.head = await measure(head);
  {
    // One pass over the N keys; each page is a request.
    const c0 = cpuUs();
    const w0 = process.hrtime.bigint();
    const listing = await listKeys("obj", PAGE, n);
    const wallUs = Number(process.hrtime.bigint() - w0) / 1e3;
    const cpu = cpuUs() - c0;
    checkListing("obj", n, PAGE, listing);
    ops.list = { cpu_us: cpu / listing.pages, wall_us: wallUs / listing.pages, requests: listing.pages };
  }

  client.destroy();
  process.stdout.write(
    JSON.stringify({
      client: "js",
      sdk: `@aws-sdk/client-s3 ${sdkVersion("client-s3")} (Node.js ${process.versions.node})`,
      n,
      warmup,
      startup_ms: startupMs,
      startup_cpu_us: startupCpuUs,
      first_call_ms: firstCallMs,
      ready_unix_ns: readyUnixNs,
      ops,
    }) + "\n",
  );
}

main().catch((e) => fail(`${e.name || "Error"}: ${e.message}`));
