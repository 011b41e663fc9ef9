// Endpoint resolution microbenchmark: stratus::endpoints::resolve() over the
// S3 and DynamoDB rule sets that stratus-gen compiled at build time
// (stratus_endpoint_bundle.hpp, from service-models/), with the parameters
// botocore 1.43 passes its EndpointProvider for the same calls.
//
// Every case is resolved once first and its URL printed and checked: a wrong
// URL or an error exits 1 before anything is timed, so the benchmark cannot
// silently measure an error path. Then, per case: warm-up, then R
// repetitions of N calls each (N sized so that a repetition takes about
// --rep-ms), reporting the median ns/call over the repetitions, and the heap
// allocations per call (global operator new is replaced below by a counting
// one).
//
//   stratus-bench-endpoints [--json] [--reps R] [--rep-ms MS] [--only TEXT]
//
// --json prints one JSON line per case (bench/endpoints/botocore_endpoints.py
// reads them, runs botocore on the same parameters and prints the table);
// without it, a plain table. --only times just the cases whose name contains
// TEXT (for a profiler). bench/endpoints/run does both steps.
#include "stratus_endpoint_bundle.hpp"

#include <stratus/endpoints/resolve.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// --- counting global allocator ---------------------------------------------
// Every operator new form ends in count(); the benchmark reads the counter
// around a batch of calls. Single-threaded, so plain counters.
namespace {
std::size_t alloc_count = 0;
std::size_t alloc_bytes = 0;

void* counted_alloc(std::size_t n, std::size_t align = 0)
{
    ++alloc_count;
    alloc_bytes += n;
    if (n == 0) n = 1;
    void* p = align > alignof(std::max_align_t) ? std::aligned_alloc(align, (n + align - 1) / align * align)
                                                : std::malloc(n);
    return p;
}

// Out of line, so that GCC does not see free() applied to what operator new
// returned (-Wmismatched-new-delete) once the deletes are inlined.
[[gnu::noinline]] void counted_free(void* p) noexcept { std::free(p); }
} // namespace

void* operator new(std::size_t n)
{
    if (void* p = counted_alloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n)
{
    if (void* p = counted_alloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t a)
{
    if (void* p = counted_alloc(n, static_cast<std::size_t>(a))) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a)
{
    if (void* p = counted_alloc(n, static_cast<std::size_t>(a))) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, std::nothrow_t const&) noexcept { return counted_alloc(n); }
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept { return counted_alloc(n); }
void* operator new(std::size_t n, std::align_val_t a, std::nothrow_t const&) noexcept
{
    return counted_alloc(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a, std::nothrow_t const&) noexcept
{
    return counted_alloc(n, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, std::nothrow_t const&) noexcept { counted_free(p); }
void operator delete[](void* p, std::nothrow_t const&) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t, std::nothrow_t const&) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t, std::nothrow_t const&) noexcept { counted_free(p); }

namespace {

using namespace stratus::endpoints;
using clock_type = std::chrono::steady_clock;

// --- the cases ---------------------------------------------------------------

using param_value = std::variant<bool, std::string_view>;
struct param {
    std::string_view name;
    param_value value;
};

struct bench_case {
    std::string_view name;
    std::string_view service; ///< as in stratus_endpoint_bundle::services
    std::vector<param> params;
    std::string_view expect; ///< the URL botocore 1.43.11 resolves for these parameters
};

// What botocore 1.43.11 passes for s3.get_object(Bucket=..., Key="k") with a
// client made by create_client("s3", region_name=...) (captured by wrapping
// EndpointProvider.resolve_endpoint): the builtIns, GetObject's contextParams
// Bucket and Key, and its staticContextParams. With endpoint_url set it also
// passes Endpoint, and ForcePathStyle=True (botocore's args.py does so for any
// endpoint_url unless addressing_style is "virtual").
std::vector<param> s3_get_object(std::string_view region, std::string_view bucket, std::string_view endpoint = {})
{
    std::vector<param> p = {
        {"Region", region},
        {"UseFIPS", false},
        {"UseDualStack", false},
        {"ForcePathStyle", !endpoint.empty()},
        {"Accelerate", false},
        {"UseGlobalEndpoint", false},
        {"UseArnRegion", true},
        {"DisableMultiRegionAccessPoints", false},
        {"DisableS3ExpressSessionAuth", false},
        {"Bucket", bucket},
        {"Key", "k"},
    };
    if (!endpoint.empty()) p.push_back({"Endpoint", endpoint});
    return p;
}

// What botocore passes for dynamodb.list_tables() in us-east-1 (the
// builtIns; account_id_endpoint_mode defaults to "preferred"), and for
// get_item(TableName="t", ...), which adds ResourceArn=TableName.
std::vector<param> dynamodb(std::string_view region, std::string_view resource_arn = {})
{
    std::vector<param> p = {
        {"Region", region},
        {"UseFIPS", false},
        {"UseDualStack", false},
        {"AccountIdEndpointMode", "preferred"},
    };
    if (!resource_arn.empty()) p.push_back({"ResourceArn", resource_arn});
    return p;
}

std::vector<bench_case> make_cases()
{
    return {
        {"S3 GetObject, virtual-hosted (us-west-2)", "s3", s3_get_object("us-west-2", "my-bucket"),
         "https://my-bucket.s3.us-west-2.amazonaws.com"},
        {"S3 GetObject, path-style (bucket with dots)", "s3", s3_get_object("us-west-2", "my.bucket.name"),
         "https://s3.us-west-2.amazonaws.com/my.bucket.name"},
        {"S3 GetObject, access-point ARN", "s3",
         s3_get_object("us-west-2", "arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint"),
         "https://myendpoint-123456789012.s3-accesspoint.us-west-2.amazonaws.com"},
        {"S3 GetObject, endpoint_url http://127.0.0.1:9000", "s3",
         s3_get_object("us-west-2", "my-bucket", "http://127.0.0.1:9000"), "http://127.0.0.1:9000/my-bucket"},
        {"S3 GetObject, cn-north-1 (not in the first partition)", "s3", s3_get_object("cn-north-1", "my-bucket"),
         "https://my-bucket.s3.cn-north-1.amazonaws.com.cn"},
        {"DynamoDB ListTables (us-east-1)", "dynamodb", dynamodb("us-east-1"),
         "https://dynamodb.us-east-1.amazonaws.com"},
        {"DynamoDB GetItem (us-east-1, ResourceArn=table name)", "dynamodb", dynamodb("us-east-1", "t"),
         "https://dynamodb.us-east-1.amazonaws.com"},
    };
}

rule_set const* find_rules(std::string_view service)
{
    for (auto const& e : stratus_endpoint_bundle::services)
        if (e.service == service) return e.rules;
    return nullptr;
}

// The arguments in the rule set's parameter order; a name the rule set does
// not have is an error (the case would not mean what it says).
bool make_args(rule_set const& rs, bench_case const& c, std::vector<argument>& args)
{
    args.assign(rs.parameters.size(), argument{});
    for (auto const& p : c.params) {
        auto i = rs.find(p.name);
        if (i == npos) {
            std::fprintf(stderr, "%.*s: the %.*s rule set has no parameter %.*s\n", int(c.name.size()),
                         c.name.data(), int(c.service.size()), c.service.data(), int(p.name.size()), p.name.data());
            return false;
        }
        args[i] = std::visit([](auto v) { return argument::of(v); }, p.value);
    }
    return true;
}

// --- measuring ---------------------------------------------------------------

std::size_t sink = 0; // keeps the calls observable

// n calls; returns ns per call.
double timed(rule_set const& rs, std::span<argument const> args, std::size_t n)
{
    auto t0 = clock_type::now();
    for (std::size_t i = 0; i < n; ++i) {
        auto r = resolve(rs, args);
        sink += r ? r->url.size() : 1;
    }
    auto t1 = clock_type::now();
    return std::chrono::duration<double, std::nano>(t1 - t0).count() / double(n);
}

struct measurement {
    double median_ns = 0, min_ns = 0, max_ns = 0;
    std::size_t iterations = 0; ///< per repetition
    std::vector<double> reps_ns;
    double allocs = 0, alloc_bytes_per_call = 0;
    std::size_t result_allocs = 0; ///< what copying the returned endpoint allocates
};

measurement measure(rule_set const& rs, std::span<argument const> args, int reps, double rep_ms)
{
    measurement m;
    // Warm-up, and the iteration count: about rep_ms per repetition.
    timed(rs, args, 1000);
    double per_call = timed(rs, args, 2000);
    m.iterations = std::max<std::size_t>(1000, std::size_t(rep_ms * 1e6 / std::max(per_call, 1.0)));
    for (int r = 0; r < reps; ++r) m.reps_ns.push_back(timed(rs, args, m.iterations));
    auto sorted = m.reps_ns;
    std::sort(sorted.begin(), sorted.end());
    m.median_ns = sorted.size() % 2 ? sorted[sorted.size() / 2]
                                    : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
    m.min_ns = sorted.front();
    m.max_ns = sorted.back();

    // Allocations per call, counted over a batch (after the warm-up, so any
    // lazily built cache is already there).
    constexpr std::size_t batch = 1000;
    auto c0 = alloc_count;
    auto b0 = alloc_bytes;
    for (std::size_t i = 0; i < batch; ++i) {
        auto r = resolve(rs, args);
        sink += r ? r->url.size() : 1;
    }
    m.allocs = double(alloc_count - c0) / batch;
    m.alloc_bytes_per_call = double(alloc_bytes - b0) / batch;

    // How many of them the returned endpoint keeps: the allocations of a copy.
    auto r = resolve(rs, args);
    if (r) {
        auto c1 = alloc_count;
        endpoint copy = *r;
        m.result_allocs = alloc_count - c1;
        sink += copy.url.size();
    }
    return m;
}

std::string json_string(std::string_view s)
{
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (static_cast<unsigned char>(ch) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", ch);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

} // namespace

int main(int argc, char** argv)
{
    bool json = false;
    int reps = 9;
    double rep_ms = 30;
    std::string_view only;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--json") json = true;
        else if (a == "--reps" && i + 1 < argc) reps = std::max(1, std::atoi(argv[++i]));
        else if (a == "--rep-ms" && i + 1 < argc) rep_ms = std::max(0.1, std::atof(argv[++i]));
        else if (a == "--only" && i + 1 < argc) only = argv[++i];
        else {
            std::fprintf(stderr, "usage: stratus-bench-endpoints [--json] [--reps R] [--rep-ms MS] [--only TEXT]\n");
            return 2;
        }
    }

    auto cases = make_cases();
    std::vector<std::vector<argument>> args(cases.size());
    std::vector<std::string> urls(cases.size());

    // 1. Every case resolves to the URL botocore gives, or nothing is timed.
    bool ok = true;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto const& c = cases[i];
        auto const* rs = find_rules(c.service);
        if (!rs) {
            std::fprintf(stderr, "%.*s: no rule set for %.*s in the bundle\n", int(c.name.size()), c.name.data(),
                         int(c.service.size()), c.service.data());
            return 1;
        }
        if (!make_args(*rs, c, args[i])) return 1;
        auto r = resolve(*rs, args[i]);
        std::string got = r ? r->url : "error: " + r.error().message;
        bool good = r && r->url == c.expect;
        urls[i] = got;
        std::fprintf(stderr, "%s %.*s: %s\n", good ? "ok  " : "FAIL", int(c.name.size()), c.name.data(), got.c_str());
        if (!good) {
            std::fprintf(stderr, "     expected %.*s\n", int(c.expect.size()), c.expect.data());
            ok = false;
        }
    }
    if (!ok) {
        std::fprintf(stderr, "stratus-bench-endpoints: a case did not resolve to its expected URL; nothing timed\n");
        return 1;
    }

    // 2. Time them.
    if (!json) {
        std::printf("| case | ns/call (median of %d) | min | max | allocations/call | bytes/call | of which the "
                    "endpoint keeps |\n|---|---|---|---|---|---|---|\n",
                    reps);
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto const& c = cases[i];
        if (c.name.find(only) == std::string_view::npos) continue;
        auto const& rs = *find_rules(c.service);
        auto m = measure(rs, args[i], reps, rep_ms);
        if (json) {
            std::string line = "{\"case\": " + json_string(c.name) + ", \"service\": " + json_string(c.service) +
                               ", \"params\": {";
            for (std::size_t p = 0; p < c.params.size(); ++p) {
                if (p) line += ", ";
                line += json_string(c.params[p].name) + ": ";
                if (auto const* b = std::get_if<bool>(&c.params[p].value)) line += *b ? "true" : "false";
                else line += json_string(std::get<std::string_view>(c.params[p].value));
            }
            line += "}, \"expect\": " + json_string(c.expect) + ", \"url\": " + json_string(urls[i]);
            char buf[512];
            std::snprintf(buf, sizeof buf,
                          ", \"ns\": %.1f, \"min_ns\": %.1f, \"max_ns\": %.1f, \"reps\": %d, \"iterations\": %zu, "
                          "\"allocs\": %.2f, \"alloc_bytes\": %.0f, \"result_allocs\": %zu}",
                          m.median_ns, m.min_ns, m.max_ns, reps, m.iterations, m.allocs, m.alloc_bytes_per_call,
                          m.result_allocs);
            line += buf;
            line.pop_back(); // the '}'
            line += ", \"reps_ns\": [";
            for (std::size_t r = 0; r < m.reps_ns.size(); ++r) {
                std::snprintf(buf, sizeof buf, "%s%.1f", r ? ", " : "", m.reps_ns[r]);
                line += buf;
            }
            std::printf("%s]}\n", line.c_str());
        } else {
            std::printf("| %.*s | %.0f | %.0f | %.0f | %.2f | %.0f | %zu |\n", int(c.name.size()), c.name.data(),
                        m.median_ns, m.min_ns, m.max_ns, m.allocs, m.alloc_bytes_per_call, m.result_allocs);
        }
        std::fflush(stdout);
    }
    return sink == std::size_t(-1) ? 3 : 0; // never -1; reading sink keeps the timed loops alive
}
