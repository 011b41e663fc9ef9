// The JavaScript SDK v3 side of bench/run's listing phase: lists the
// BENCH_LIST_N objects of BENCH_LIST_BUCKET (compare.py filled it) with
// paginateListObjectsV2, on one keep-alive connection against
// STRATUS_TEST_S3RVER_ENDPOINT. The SDK has no resource layer and no
// ListObjects paginator, so this is its only API in the phase. One unmeasured
// pass, then BENCH_LIST_PASSES (default 3) measured passes. Prints one JSON
// line (bench/runtime/README.md).
"use strict";

const { fail, envCount, cpuUs, sdkVersion, s3Client } = require("./common.js");
const { S3Client, paginateListObjectsV2 } = require("@aws-sdk/client-s3");

const BODY_SIZE = 16; // compare.py puts "listing-%08d" under each key

async function main() {
  const endpoint = process.env.STRATUS_TEST_S3RVER_ENDPOINT;
  if (!endpoint) fail("STRATUS_TEST_S3RVER_ENDPOINT is not set (run through bench/run)");
  const n = envCount("BENCH_LIST_N", 10000);
  const passes = envCount("BENCH_LIST_PASSES", 3);
  if (n === 0 || passes === 0) fail("BENCH_LIST_N and BENCH_LIST_PASSES must be at least 1");
  const bucket = process.env.BENCH_LIST_BUCKET || "bench-listing";

  const client = s3Client(S3Client, endpoint);

  // One pass: every object's key and size, and the number of requests.
  const list = async () => {
    const objects = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket })) {
      pages++;
      for (const obj of page.Contents || []) objects.push([obj.Key, obj.Size]);
    }
    return { objects, pages };
  };
  const check = ({ objects }) => {
    if (objects.length !== n) fail(`ListObjectsV2 paginator: listed ${objects.length} objects, want the ${n} in ${bucket}`);
    objects.forEach(([k, size], i) => {
      const want = `obj/${String(i).padStart(8, "0")}`;
      if (k !== want) fail(`ListObjectsV2 paginator: object ${i} is ${k}, want ${want}`);
      if (size !== BODY_SIZE) fail(`ListObjectsV2 paginator: ${k} has size ${size}, want ${BODY_SIZE}`);
    });
  };

  const first = await list(); // unmeasured
  check(first);
  let cpu = 0;
  let wallUs = 0;
  for (let p = 0; p < passes; p++) {
    const c0 = cpuUs();
    const w0 = process.hrtime.bigint();
    const listing = await list();
    wallUs += Number(process.hrtime.bigint() - w0) / 1e3;
    cpu += cpuUs() - c0;
    check(listing);
    if (listing.pages !== first.pages) fail(`ListObjectsV2 paginator: ${first.pages} requests in one pass, ${listing.pages} in another`);
  }
  const requests = first.pages * passes;
  client.destroy();
  process.stdout.write(
    JSON.stringify({
      client: "js",
      sdk: `@aws-sdk/client-s3 ${sdkVersion("client-s3")} (Node.js ${process.versions.node})`,
      n,
      ops: { list_objects_v2_pages: { cpu_us: cpu / requests, wall_us: wallUs / requests, requests, passes } },
    }) + "\n",
  );
}

main().catch((e) => fail(`${e.name || "Error"}: ${e.message}`));
