// The stratus side of bench/run's DynamoDB phase: CreateTable (waiting until
// ACTIVE), then N x PutItem and N x GetItem (consistent reads) of items with a
// few attributes, on one keep-alive connection against the endpoint in
// STRATUS_TEST_DYNALITE_ENDPOINT, through the generated DynamoDB client.
// Prints one JSON line; bench/runtime/README.md describes it.
#include <stratus/services/dynamodb.hpp>
#include <stratus/session.hpp>

#include "bench_support.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#ifndef STRATUS_BENCH_VERSION
#define STRATUS_BENCH_VERSION "unknown"
#endif

namespace {

using bench::fail;
using bench::ms_since;
using bench::steady;
using stratus::dynamodb;
using av = dynamodb::attribute_value;
auto const program_start = steady::now(); // static initialisation runs before this, as Go's package init does

std::string key(std::string_view prefix, long i)
{
    char k[32];
    std::snprintf(k, sizeof k, "/%08ld", i);
    return std::string(prefix) + k;
}

// The item stored under key i: distinct per key, so a GetItem that returns
// the wrong item is caught. 100 characters of text, a number, a boolean.
std::string text(long i)
{
    char tag[32];
    int const len = std::snprintf(tag, sizeof tag, "value-%08ld;", i);
    std::string t(100, '\0');
    for (std::size_t j = 0; j < t.size(); ++j)
        t[j] = tag[j % len];
    return t;
}

std::map<std::string, av> item(std::string_view prefix, long i)
{
    return {{"pk", av{.s = key(prefix, i)}},
            {"n", av{.n = std::to_string(i)}},
            {"text", av{.s = text(i)}},
            {"even", av{.bool_ = i % 2 == 0}}};
}

// Whether `got` is item(prefix, i): the same four attributes, each of the type put.
// (Generated shapes have no operator==.)
bool same_item(std::map<std::string, av> const& got, std::string_view prefix, long i)
{
    auto const at = [&](char const* name) -> av const* {
        auto it = got.find(name);
        return it == got.end() ? nullptr : &it->second;
    };
    auto const *pk = at("pk"), *num = at("n"), *txt = at("text"), *even = at("even");
    return got.size() == 4 && pk && pk->s == key(prefix, i) && num && num->n == std::to_string(i) && txt &&
           txt->s == text(i) && even && even->bool_ == (i % 2 == 0);
}

} // namespace

int main()
try {
    auto const set = bench::read_settings("STRATUS_TEST_DYNALITE_ENDPOINT", "BENCH_TABLE", "bench-stratus");
    long const n = set.n, warmup = set.warmup;
    std::string const& table = set.name;

    // dynalite checks only that the Authorization header is well formed.
    stratus::session session{{.region_name = "us-east-1",
                              .aws_access_key_id = "AKIABENCH",
                              .aws_secret_access_key = "bench-secret"}};
    auto const db = session.client<dynamodb>({.endpoint_url = set.endpoint, .max_pool_connections = 1});
    double const startup_ms = ms_since(program_start);
    long long const ready_unix_ns = bench::unix_ns_now();
    double const startup_cpu_us = bench::cpu_us(); // the process's CPU from exec to here

    auto const t0 = steady::now();
    db.create_table({.attribute_definitions = {{.attribute_name = "pk", .attribute_type = "S"}},
                     .table_name = table,
                     .key_schema = {{.attribute_name = "pk", .key_type = "HASH"}},
                     .provisioned_throughput = dynamodb::provisioned_throughput{
                         .read_capacity_units = 1000, .write_capacity_units = 1000}});
    double const first_call_ms = ms_since(t0);
    db.get_waiter<stratus::services::dynamodb::waiters::table_exists>().wait(
        {.table_name = table}, {.delay = std::chrono::milliseconds(20), .max_attempts = 500});

    auto const put = [&](std::string_view prefix, long i) {
        db.put_item({.table_name = table, .item = item(prefix, i)});
    };
    auto const get = [&](std::string_view prefix, long i) {
        auto const out = db.get_item(
            {.table_name = table, .key = {{"pk", av{.s = key(prefix, i)}}}, .consistent_read = true});
        if (!same_item(out.item, prefix, i))
            fail("GetItem " + key(prefix, i) + ": the item differs from what was put (" +
                 std::to_string(out.item.size()) + " attributes)");
    };

    // Warm-up on keys of their own, not measured.
    for (long i = 0; i < warmup; ++i)
        put("warmup", i);
    for (long i = 0; i < warmup; ++i)
        get("warmup", i);

    // Separate statements: the operands of + are unsequenced.
    std::string ops = bench::measure("put_item", n, [&](long i) { put("item", i); });
    ops += "," + bench::measure("get_item", n, [&](long i) { get("item", i); });

    std::printf("{\"client\":\"stratus\",\"sdk\":\"stratus %s\",\"n\":%ld,\"warmup\":%ld,\"startup_ms\":%.3f,"
                "\"startup_cpu_us\":%.0f,\"first_call_ms\":%.3f,\"ready_unix_ns\":%lld,\"ops\":{%s}}\n",
                STRATUS_BENCH_VERSION, n, warmup, startup_ms, startup_cpu_us, first_call_ms, ready_unix_ns,
                ops.c_str());
    return 0;
} catch (stratus::error const& e) {
    fail(e.info().to_string());
}
