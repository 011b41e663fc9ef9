// The JavaScript SDK v3 side of bench/run's DynamoDB phase: CreateTable
// (waiting until ACTIVE), then N x PutItem and N x GetItem (consistent reads)
// of items with a few attributes, on one keep-alive connection against the
// endpoint in STRATUS_TEST_DYNALITE_ENDPOINT, with the low-level client
// (attribute values as { S: ... }, as the other clients send them). Prints one
// JSON line (bench/runtime/README.md).
//
// Startup is timed from the first statement, so it includes loading the SDK.
"use strict";

const START = process.hrtime.bigint();

const http = require("node:http");
const { fail, envCount, msSince, cpuUs, key, sdkVersion, measure: measureOp } = require("./common.js");
const util = require("node:util");
const {
  DynamoDBClient,
  CreateTableCommand,
  PutItemCommand,
  GetItemCommand,
  waitUntilTableExists,
} = require("@aws-sdk/client-dynamodb");

// 100 characters distinct per key.
function text(i) {
  const tag = `value-${String(i).padStart(8, "0")};`;
  return tag.repeat(Math.ceil(100 / tag.length)).slice(0, 100);
}

const item = (prefix, i) => ({
  pk: { S: key(prefix, i) },
  n: { N: String(i) },
  text: { S: text(i) },
  even: { BOOL: i % 2 === 0 },
});

async function main() {
  const endpoint = process.env.STRATUS_TEST_DYNALITE_ENDPOINT;
  if (!endpoint) fail("STRATUS_TEST_DYNALITE_ENDPOINT is not set (run through bench/run)");
  const n = envCount("BENCH_N", 1000);
  if (n === 0) fail("BENCH_N must be at least 1");
  const warmup = envCount("BENCH_WARMUP", 20);
  const table = process.env.BENCH_TABLE || "bench-js";

  const client = new DynamoDBClient({
    region: "us-east-1",
    endpoint,
    // dynalite checks only that the Authorization header is well formed.
    credentials: { accessKeyId: "AKIABENCH", secretAccessKey: "bench-secret" },
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 1 }) },
  });
  const startupMs = msSince(START);
  const startupCpuUs = cpuUs(); // the process's CPU from exec to here
  const readyUnixNs = Math.round((performance.timeOrigin + performance.now()) * 1e6);

  const t = process.hrtime.bigint();
  await client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      ProvisionedThroughput: { ReadCapacityUnits: 1000, WriteCapacityUnits: 1000 },
    }),
  );
  const firstCallMs = msSince(t);
  await waitUntilTableExists({ client, minDelay: 1, maxWaitTime: 30 }, { TableName: table });

  const put = async (prefix, i) => {
    await client.send(new PutItemCommand({ TableName: table, Item: item(prefix, i) }));
  };
  const get = async (prefix, i) => {
    const res = await client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: key(prefix, i) } }, ConsistentRead: true }),
    );
    if (!util.isDeepStrictEqual(res.Item, item(prefix, i)))
      fail(`GetItem ${key(prefix, i)}: the item differs from what was put (${Object.keys(res.Item || {}).length} attributes)`);
  };

  // Warm-up on keys of their own, not measured.
  for (const op of [put, get]) {
    for (let i = 0; i < warmup; i++) await op("warmup", i);
  }

  const measure = (op) => measureOp(n, "item", op);
  const ops = {};
  ops.put_item = await measure(put);
  ops.get_item = await measure(get);

  client.destroy();
  process.stdout.write(
    JSON.stringify({
      client: "js",
      sdk: `@aws-sdk/client-dynamodb ${sdkVersion("client-dynamodb")} (Node.js ${process.versions.node})`,
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
