// The stratus side of bench/run's listing phase: lists the BENCH_LIST_N objects
// of BENCH_LIST_BUCKET (compare.py filled it) through the resource collection
// bucket.objects().all() (ListObjects underneath, as boto3's), through the
// client's ListObjects paginator (the same requests, so the collection's own
// cost is the ratio of the two) and through its ListObjectsV2 paginator, on
// one keep-alive connection against STRATUS_TEST_S3RVER_ENDPOINT. One
// unmeasured pass of each, then BENCH_LIST_PASSES (default 3) measured passes
// of each, interleaved. Prints one JSON line (bench/runtime/README.md).
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include "bench_support.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#ifndef STRATUS_BENCH_VERSION
#define STRATUS_BENCH_VERSION "unknown"
#endif

namespace {

namespace ops = stratus::services::s3::ops;
using bench::cpu_us;
using bench::fail;
using bench::ms_since;
using bench::steady;

constexpr std::int64_t body_size = 16; // compare.py puts "listing-%08d" under each key

// What one pass saw: each object's key and size, as every client of the phase keeps them.
using listing = std::vector<std::pair<std::string, std::optional<std::int64_t>>>;

// One API of the phase: `pages` lists and counts the requests (the unmeasured
// pass), `objects` iterates object by object as a user would (the timed passes).
struct api {
    char const* name;
    std::function<long(listing&)> pages;
    std::function<void(listing&)> objects;
};

template <class Op>
api paginator(char const* name, stratus::services::s3::client const& s3, std::string const& bucket)
{
    return {name,
            [&s3, &bucket](listing& out) {
                long pages = 0;
                for (auto const& page : s3.get_paginator<Op>().paginate({.bucket = bucket})) {
                    ++pages;
                    for (auto const& obj : page.contents)
                        out.emplace_back(obj.key.value_or(""), obj.size);
                }
                return pages;
            },
            [&s3, &bucket](listing& out) {
                // Named: items() refers to its page_range, which a temporary in
                // the for statement would not outlive.
                auto pages = s3.get_paginator<Op>().paginate({.bucket = bucket});
                for (auto const& obj : pages.items())
                    out.emplace_back(obj.key.value_or(""), obj.size);
            }};
}

} // namespace

int main()
try {
    auto const set = bench::read_settings("STRATUS_TEST_S3RVER_ENDPOINT", "BENCH_LIST_BUCKET", "bench-listing");
    long const n = bench::env_count("BENCH_LIST_N", 10000);
    long const passes = bench::env_count("BENCH_LIST_PASSES", 3);
    if (n == 0 || passes == 0) fail("BENCH_LIST_N and BENCH_LIST_PASSES must be at least 1");
    std::string const& bucket_name = set.name;

    stratus::session session{
        {.region_name = "us-east-1", .aws_access_key_id = "S3RVER", .aws_secret_access_key = "S3RVER"}};
    auto const s3r = session.resource<stratus::s3>({.endpoint_url = set.endpoint,
                                                    .s3 = {.addressing_style = stratus::s3_addressing_style::path},
                                                    .max_pool_connections = 1});
    auto const bucket = s3r.bucket(bucket_name);
    auto const s3 = bucket.meta().client(); // a handle on the resource's own client and connection, for the paginators

    api const apis[] = {
        {"objects_all",
         [&](listing& out) {
             long pages = 0;
             for (auto const& page : bucket.objects().pages()) {
                 ++pages;
                 for (auto const& obj : page)
                     out.emplace_back(obj.key(), obj.size());
             }
             return pages;
         },
         [&](listing& out) {
             for (auto const& obj : bucket.objects().all())
                 out.emplace_back(obj.key(), obj.size());
         }},
        paginator<ops::list_objects>("list_objects_pages", s3, bucket_name),
        paginator<ops::list_objects_v2>("list_objects_v2_pages", s3, bucket_name),
    };

    auto const check = [&](char const* name, listing const& got) {
        if (got.size() != static_cast<std::size_t>(n))
            fail(std::string(name) + ": listed " + std::to_string(got.size()) + " objects, want the " +
                 std::to_string(n) + " in " + bucket_name);
        for (long i = 0; i < n; ++i) {
            char want[32];
            std::snprintf(want, sizeof want, "obj/%08ld", i);
            auto const& [key, size] = got[static_cast<std::size_t>(i)];
            if (key != want) fail(std::string(name) + ": object " + std::to_string(i) + " is " + key + ", want " + want);
            if (size != body_size)
                fail(std::string(name) + ": " + key + " has size " + (size ? std::to_string(*size) : "(none)") +
                     ", want " + std::to_string(body_size));
        }
    };

    // Unmeasured: warms every path and counts each API's requests a pass.
    long requests[std::size(apis)];
    for (std::size_t a = 0; a < std::size(apis); ++a) {
        listing got;
        requests[a] = apis[a].pages(got);
        check(apis[a].name, got);
    }

    double cpu[std::size(apis)] = {}, wall_us[std::size(apis)] = {};
    for (long p = 0; p < passes; ++p)
        for (std::size_t a = 0; a < std::size(apis); ++a) {
            listing got;
            got.reserve(static_cast<std::size_t>(n));
            double const c0 = cpu_us();
            auto const w0 = steady::now();
            apis[a].objects(got);
            wall_us[a] += ms_since(w0) * 1e3;
            cpu[a] += cpu_us() - c0;
            check(apis[a].name, got);
        }

    std::string ops_json;
    for (std::size_t a = 0; a < std::size(apis); ++a) {
        long const reqs = requests[a] * passes;
        std::string phase = bench::phase_json(apis[a].name, cpu[a], wall_us[a], reqs);
        phase.insert(phase.size() - 1, ",\"passes\":" + std::to_string(passes));
        ops_json += (a ? "," : "") + phase;
    }
    std::printf("{\"client\":\"stratus\",\"sdk\":\"stratus %s\",\"n\":%ld,\"ops\":{%s}}\n", STRATUS_BENCH_VERSION, n,
                ops_json.c_str());
    return 0;
} catch (stratus::error const& e) {
    fail(e.info().to_string());
}
