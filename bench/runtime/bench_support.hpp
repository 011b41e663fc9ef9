// What the stratus sides of bench/run share: failing with a message, counts
// from the environment, the process's CPU time, and the JSON of one phase
// (bench/runtime/README.md).
#ifndef STRATUS_BENCH_RUNTIME_BENCH_SUPPORT_HPP
#define STRATUS_BENCH_RUNTIME_BENCH_SUPPORT_HPP

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace bench {

using steady = std::chrono::steady_clock;

[[noreturn]] inline void fail(std::string const& what)
{
    std::cerr << "stratus: " << what << '\n';
    std::exit(1);
}

inline long env_count(char const* name, long def)
{
    char const* v = std::getenv(name);
    if (!v || !*v) return def;
    char* end = nullptr;
    long const n = std::strtol(v, &end, 10);
    if (*end || n < 0) fail(std::string(name) + "=" + v + " is not a count");
    return n;
}

struct settings {
    std::string endpoint;
    long n;           ///< BENCH_N
    long warmup;      ///< BENCH_WARMUP
    std::string name; ///< the bucket or table
};

/// The endpoint, N, the warm-up count and the bucket or table name from the environment.
inline settings read_settings(char const* endpoint_variable, char const* name_variable,
                              char const* default_name)
{
    char const* endpoint = std::getenv(endpoint_variable);
    if (!endpoint || !*endpoint) fail(std::string(endpoint_variable) + " is not set (run through bench/run)");
    long const n = env_count("BENCH_N", 1000);
    if (n == 0) fail("BENCH_N must be at least 1");
    char const* name = std::getenv(name_variable);
    return {endpoint, n, env_count("BENCH_WARMUP", 20), name && *name ? name : default_name};
}

/// User + system CPU of the whole process, in microseconds.
inline double cpu_us()
{
    rusage ru{};
    if (getrusage(RUSAGE_SELF, &ru) != 0) fail("getrusage failed");
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

inline double ms_since(steady::time_point t)
{
    return std::chrono::duration<double, std::milli>(steady::now() - t).count();
}

inline long long unix_ns_now()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// `"name":{"cpu_us":..,"wall_us":..,"requests":n}`, per request.
inline std::string phase_json(char const* name, double cpu, double wall_us, long requests)
{
    char out[160];
    std::snprintf(out, sizeof out, "\"%s\":{\"cpu_us\":%.2f,\"wall_us\":%.2f,\"requests\":%ld}", name,
                  cpu / requests, wall_us / requests, requests);
    return out;
}

/// Runs op(i) for i in [0, n) and returns its phase JSON.
template <class Op>
std::string measure(char const* name, long n, Op const& op)
{
    double const c0 = cpu_us();
    auto const w0 = steady::now();
    for (long i = 0; i < n; ++i)
        op(i);
    double const wall = ms_since(w0) * 1e3, cpu = cpu_us() - c0;
    return phase_json(name, cpu, wall, n);
}

} // namespace bench

#endif
