// The stratus side of bench/run: CreateBucket, then N x PutObject (1 KiB),
// GetObject and HeadObject, then ListObjectsV2 over those N keys at 100 per
// page, on one keep-alive connection against the endpoint in
// STRATUS_TEST_S3RVER_ENDPOINT, through the generated S3 client as
// examples/quickstart uses it (session.client<stratus::s3>(), put_object, ...).
// Prints one JSON line; bench/runtime/README.md describes it. Built by meson
// against the compiled runtime and the generated service headers; bench/run
// runs it.
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include "bench_support.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifndef STRATUS_BENCH_VERSION
#define STRATUS_BENCH_VERSION "unknown"
#endif

namespace {

using bench::cpu_us;
using bench::fail;
using bench::ms_since;
using bench::steady;
auto const program_start = steady::now(); // static initialisation runs before this, as Go's package init does

constexpr int page_size = 100;       // ListObjectsV2 MaxKeys in the measured pass
constexpr int warmup_page_size = 10; // in the warm-up pass, so that it follows a continuation token too

// The 1 KiB object stored under key i: distinct per key, so a GET that returns
// the wrong object is caught.
std::string body(long i)
{
    char tag[32];
    int const len = std::snprintf(tag, sizeof tag, "object-%08ld;", i);
    std::string b(1024, '\0');
    for (std::size_t j = 0; j < b.size(); ++j)
        b[j] = tag[j % len];
    return b;
}

std::string key(std::string_view prefix, long i)
{
    char k[32];
    std::snprintf(k, sizeof k, "/%08ld", i);
    return std::string(prefix) + k;
}

} // namespace

int main()
try {
    auto const set = bench::read_settings("STRATUS_TEST_S3RVER_ENDPOINT", "BENCH_BUCKET", "bench-stratus");
    long const n = set.n, warmup = set.warmup;
    std::string const& bucket = set.name;

    // s3rver's built-in key pair: it checks the key id exists. Path-style as
    // the other clients are configured (the rule set picks it anyway for an
    // IP endpoint).
    stratus::session session{
        {.region_name = "us-east-1", .aws_access_key_id = "S3RVER", .aws_secret_access_key = "S3RVER"}};
    auto const s3 = session.client<stratus::s3>({.endpoint_url = set.endpoint,
                                                 .s3 = {.addressing_style = stratus::s3_addressing_style::path},
                                                 .max_pool_connections = 1});
    double const startup_ms = ms_since(program_start);
    long long const ready_unix_ns = bench::unix_ns_now();
    double const startup_cpu_us = cpu_us(); // the process's CPU from exec to here

    auto const t = steady::now();
    s3.create_bucket({.bucket = bucket});
    double const first_call_ms = ms_since(t);

    auto const put = [&](std::string_view prefix, long i) {
        s3.put_object({.body = body(i), .bucket = bucket, .key = key(prefix, i)});
    };
    auto const get = [&](std::string_view prefix, long i) {
        auto const out = s3.get_object({.bucket = bucket, .key = key(prefix, i)});
        if (!out.body || out.body->data != body(i))
            fail("GetObject " + key(prefix, i) + ": body differs from what was put (" +
                 std::to_string(out.body ? out.body->data.size() : 0) + " bytes)");
    };
    auto const head = [&](std::string_view prefix, long i) {
        auto const out = s3.head_object({.bucket = bucket, .key = key(prefix, i)});
        if (out.content_length != 1024)
            fail("HeadObject " + key(prefix, i) + ": Content-Length " +
                 (out.content_length ? std::to_string(*out.content_length) : "(none)") + ", want 1024");
    };
    // Every key under prefix/, `size` per page, following continuation tokens;
    // returns the keys and the number of pages (requests).
    auto const list_keys = [&](std::string_view prefix, int size, long count) {
        std::vector<std::string> keys;
        long pages = 0;
        std::optional<std::string> token;
        for (;;) {
            auto page = s3.list_objects_v2({.bucket = bucket,
                                            .max_keys = size,
                                            .prefix = std::string(prefix) + "/",
                                            .continuation_token = std::move(token)});
            ++pages;
            if (page.contents.size() > static_cast<std::size_t>(size))
                fail("ListObjectsV2 " + std::string(prefix) + "/: page " + std::to_string(pages) + " has " +
                     std::to_string(page.contents.size()) + " keys, more than " + std::to_string(size));
            for (auto& obj : page.contents)
                keys.push_back(std::move(obj.key).value_or(""));
            if (!page.is_truncated.value_or(false)) return std::pair{std::move(keys), pages};
            token = std::move(page.next_continuation_token);
            if (!token || token->empty())
                fail("ListObjectsV2 " + std::string(prefix) + "/: page " + std::to_string(pages) +
                     " is truncated but has no NextContinuationToken");
            if (pages > count / size + 1)
                fail("ListObjectsV2 " + std::string(prefix) + "/: more than " + std::to_string(pages) +
                     " pages for " + std::to_string(count) + " keys");
        }
    };
    auto const check_listing = [&](std::string_view prefix, long count, int size,
                                   std::pair<std::vector<std::string>, long> const& listing) {
        auto const& [keys, pages] = listing;
        bool same = keys.size() == static_cast<std::size_t>(count);
        for (long i = 0; same && i < count; ++i)
            same = keys[static_cast<std::size_t>(i)] == key(prefix, i);
        if (!same)
            fail("ListObjectsV2 " + std::string(prefix) + "/: listed " + std::to_string(keys.size()) +
                 " keys, want the " + std::to_string(count) + " that were put" +
                 (keys.size() == static_cast<std::size_t>(count) ? " (same count, different keys or order)" : ""));
        if (pages != std::max(1L, (count + size - 1) / size))
            fail("ListObjectsV2 " + std::string(prefix) + "/: " + std::to_string(pages) + " pages for " +
                 std::to_string(count) + " keys at " + std::to_string(size) + " a page");
    };

    // Warm-up on keys of their own, not measured.
    for (long i = 0; i < warmup; ++i)
        put("warmup", i);
    for (long i = 0; i < warmup; ++i)
        get("warmup", i);
    for (long i = 0; i < warmup; ++i)
        head("warmup", i);
    if (warmup > 0) check_listing("warmup", warmup, warmup_page_size, list_keys("warmup", warmup_page_size, warmup));

    auto const measure = [&](char const* name, auto const& op) {
        return bench::measure(name, n, [&](long i) { op("obj", i); });
    };
    // Separate statements: the operands of + are unsequenced.
    std::string ops = measure("put", put);
    ops += "," + measure("get", get);
    ops += "," + measure("head", head);
    {
        // One pass over the N keys; each page is a request.
        double const c0 = cpu_us();
        auto const w0 = steady::now();
        auto const listing = list_keys("obj", page_size, n);
        double const wall = ms_since(w0) * 1e3, cpu = cpu_us() - c0;
        check_listing("obj", n, page_size, listing);
        ops += "," + bench::phase_json("list", cpu, wall, listing.second);
    }

    std::printf("{\"client\":\"stratus\",\"sdk\":\"stratus %s\",\"n\":%ld,\"warmup\":%ld,\"startup_ms\":%.3f,"
                "\"startup_cpu_us\":%.0f,\"first_call_ms\":%.3f,\"ready_unix_ns\":%lld,\"ops\":{%s}}\n",
                STRATUS_BENCH_VERSION, n, warmup, startup_ms, startup_cpu_us, first_call_ms, ready_unix_ns,
                ops.c_str());
    return 0;
} catch (stratus::error const& e) {
    fail(e.info().to_string());
}
