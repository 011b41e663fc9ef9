// libFuzzer target for the endpoint engine: the inputs a user or a server
// controls (an endpoint_url, a region, a bucket name or ARN, rule-set
// parameters) through the library functions and the S3 and DynamoDB rule
// sets, under AddressSanitizer and UBSan. Whatever the bytes, resolution
// ends in an endpoint or an endpoint_resolution error, and an endpoint's URL
// parses (no malformed URL would reach the network).
#include "stratus_endpoint_bundle.hpp"

#include <stratus/core/http_message.hpp>
#include <stratus/endpoints/detail/region_pattern.hpp>
#include <stratus/endpoints/functions.hpp>
#include <stratus/endpoints/resolve.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace stratus::endpoints;

namespace {

// The input split on '\0' into fields; missing fields are empty.
std::vector<std::string_view> fields(std::string_view data, std::size_t n)
{
    std::vector<std::string_view> f;
    for (std::size_t i = 0; i < n; ++i) {
        auto z = data.find('\0');
        f.push_back(data.substr(0, z));
        data = z == std::string_view::npos ? std::string_view{} : data.substr(z + 1);
    }
    return f;
}

void check(bool ok)
{
    if (!ok) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* bytes, std::size_t size)
{
    std::string_view data(reinterpret_cast<char const*>(bytes), size);
    auto f = fields(data, 4);
    std::uint8_t flags = size ? bytes[0] : 0;

    // The functions, on their own.
    if (auto u = parse_url(f[0])) {
        check(u->scheme == "http" || u->scheme == "https");
        check(!u->normalized_path.empty() && u->normalized_path.front() == '/' && u->normalized_path.back() == '/');
    }
    if (auto a = parse_arn(f[1])) {
        check(!a->partition.empty() && !a->service.empty() && !a->resource.empty());
        for (std::size_t i = 0; a->resource_id(i); ++i) check(i < a->resource.size() + 1);
    }
    (void)is_valid_host_label(f[1], flags & 1);
    (void)is_virtual_hostable_s3_bucket(f[1], flags & 2);
    (void)substring(f[1], flags & 7, (flags >> 3) & 31, flags & 128);
    (void)detail::region_matches("^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", f[2]);
    if (detail::pattern_supported(f[3])) (void)detail::region_matches(f[3], f[2]);

    // Whole rule sets: Region, Bucket and Endpoint from the input, the
    // booleans from the flags; every other parameter at its default.
    for (auto const& entry : stratus_endpoint_bundle::services) {
        if (!entry.rules) continue;
        auto const& rs = *entry.rules;
        std::vector<argument> args(rs.parameters.size());
        unsigned bit = 0;
        for (std::size_t i = 0; i < rs.parameters.size(); ++i) {
            auto const& p = rs.parameters[i];
            if (p.name == "Region") args[i] = argument::of(f[2]);
            else if (p.name == "Bucket" || p.name == "ResourceArn") args[i] = argument::of(f[1]);
            else if (p.name == "Endpoint" && (flags & 4)) args[i] = argument::of(f[0]);
            else if (p.type == param_type::boolean) args[i] = argument::of(((flags >> (bit++ % 8)) & 1) != 0);
        }
        auto r = resolve(rs, args);
        if (!r) {
            check(r.error().code == stratus::errc::endpoint_resolution && !r.error().message.empty());
            continue;
        }
        check(!r->url.empty());
        (void)auth_schemes(*r);
        (void)stratus::http::parse_url(r->url); // a bad URL is refused here, before any request
    }
    return 0;
}
