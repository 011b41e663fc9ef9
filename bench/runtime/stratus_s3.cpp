// The stratus side of bench/run: CreateBucket, then N x PutObject (1 KiB),
// GetObject and HeadObject on one keep-alive connection against the endpoint
// in STRATUS_TEST_S3RVER_ENDPOINT, signed with SigV4 as the quickstart does.
// Prints one JSON line; bench/runtime/README.md describes it. Built by meson
// against the compiled runtime; bench/run runs it.
#include <stratus/client.hpp>
#include <stratus/session.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#ifndef STRATUS_BENCH_VERSION
#define STRATUS_BENCH_VERSION "unknown"
#endif

namespace {

using steady = std::chrono::steady_clock;
auto const program_start = steady::now(); // static initialisation runs before this, as Go's package init does

struct s3 {
    static constexpr stratus::service_info info{
        .service_id = "S3", .endpoint_prefix = "s3", .signing_name = "s3", .s3_signing = true};
    using client_type = stratus::basic_client;
};

[[noreturn]] void fail(std::string const& what)
{
    std::cerr << "stratus: " << what << '\n';
    std::exit(1);
}

long env_count(char const* name, long def)
{
    char const* v = std::getenv(name);
    if (!v || !*v) return def;
    char* end = nullptr;
    long const n = std::strtol(v, &end, 10);
    if (*end || n < 0) fail(std::string(name) + "=" + v + " is not a count");
    return n;
}

double cpu_us()
{
    rusage ru{};
    if (getrusage(RUSAGE_SELF, &ru) != 0) fail("getrusage failed");
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

double ms_since(steady::time_point t)
{
    return std::chrono::duration<double, std::milli>(steady::now() - t).count();
}

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
    char const* endpoint = std::getenv("STRATUS_TEST_S3RVER_ENDPOINT");
    if (!endpoint || !*endpoint) fail("STRATUS_TEST_S3RVER_ENDPOINT is not set (run through bench/run)");
    long const n = env_count("BENCH_N", 1000);
    if (n == 0) fail("BENCH_N must be at least 1");
    long const warmup = env_count("BENCH_WARMUP", 20);
    char const* b = std::getenv("BENCH_BUCKET");
    std::string const bucket = b && *b ? b : "bench-stratus";

    // s3rver's built-in key pair: it checks the key id exists.
    stratus::session session{
        {.region_name = "us-east-1", .aws_access_key_id = "S3RVER", .aws_secret_access_key = "S3RVER"}};
    auto client = session.client<s3>({.endpoint_url = endpoint, .max_pool_connections = 1});
    double const startup_ms = ms_since(program_start);
    long long const ready_unix_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();

    auto const t = steady::now();
    client.send(client.make_request("PUT", "/" + bucket), {.operation = "CreateBucket"});
    double const first_call_ms = ms_since(t);

    auto const put = [&](std::string_view prefix, long i) {
        auto req = client.make_request("PUT", "/" + bucket + "/" + key(prefix, i));
        req.body = body(i);
        client.send(std::move(req), {.operation = "PutObject"});
    };
    auto const get = [&](std::string_view prefix, long i) {
        auto const res = client.send(client.make_request("GET", "/" + bucket + "/" + key(prefix, i)),
                                     {.operation = "GetObject"});
        if (res.body != body(i))
            fail("GetObject " + key(prefix, i) + ": body differs from what was put (" +
                 std::to_string(res.body.size()) + " bytes)");
    };
    auto const head = [&](std::string_view prefix, long i) {
        auto const res = client.send(client.make_request("HEAD", "/" + bucket + "/" + key(prefix, i)),
                                     {.operation = "HeadObject"});
        auto const length = res.headers.get("Content-Length");
        if (length != "1024")
            fail("HeadObject " + key(prefix, i) + ": Content-Length " +
                 std::string(length.value_or("(none)")) + ", want 1024");
    };

    // Warm-up on keys of their own, not measured.
    for (long i = 0; i < warmup; ++i)
        put("warmup", i);
    for (long i = 0; i < warmup; ++i)
        get("warmup", i);
    for (long i = 0; i < warmup; ++i)
        head("warmup", i);

    auto const measure = [&](char const* name, auto const& op) {
        double const c0 = cpu_us();
        auto const w0 = steady::now();
        for (long i = 0; i < n; ++i)
            op("obj", i);
        double const wall = ms_since(w0) * 1e3, cpu = cpu_us() - c0;
        char out[128];
        std::snprintf(out, sizeof out, "\"%s\":{\"cpu_us\":%.2f,\"wall_us\":%.2f}", name, cpu / n, wall / n);
        return std::string(out);
    };
    // Separate statements: the operands of + are unsequenced.
    std::string ops = measure("put", put);
    ops += "," + measure("get", get);
    ops += "," + measure("head", head);

    std::printf("{\"client\":\"stratus\",\"sdk\":\"stratus %s\",\"n\":%ld,\"warmup\":%ld,\"startup_ms\":%.3f,"
                "\"first_call_ms\":%.3f,\"ready_unix_ns\":%lld,\"ops\":{%s}}\n",
                STRATUS_BENCH_VERSION, n, warmup, startup_ms, first_call_ms, ready_unix_ns, ops.c_str());
    return 0;
} catch (stratus::error const& e) {
    fail(e.info().to_string());
}
