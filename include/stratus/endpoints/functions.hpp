// The rule-set language's library functions that do more than compare:
// botocore's RuleSetStandardLibrary, with its exact edge cases (these decide
// between a valid URL and an error, so they follow botocore, not the spec
// prose, where the two differ). Results are views into the input.
#ifndef STRATUS_ENDPOINTS_FUNCTIONS_HPP
#define STRATUS_ENDPOINTS_FUNCTIONS_HPP

#include <stratus/detail/config.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stratus::endpoints {

/// RFC 1123 host label: 1 to 63 letters, digits or '-', not starting or
/// ending with '-'. With allow_subdomains, every '.'-separated label must be one.
STRATUS_DECL bool is_valid_host_label(std::string_view value, bool allow_subdomains) noexcept;

/// aws.isVirtualHostableS3Bucket: at least 3 characters, no upper case, not
/// an IPv4 address, and a valid host label (or labels).
STRATUS_DECL bool is_virtual_hostable_s3_bucket(std::string_view value, bool allow_subdomains) noexcept;

/// An IPv4 address as botocore's IPV4_RE sees one (four 1-3 digit groups).
STRATUS_DECL bool is_ipv4_like(std::string_view host) noexcept;

/// An IPv6 address (without brackets), with an optional zone id.
STRATUS_DECL bool is_ipv6_address(std::string_view host) noexcept;

/// substring(value, start, stop, reverse): ASCII only, start < stop <= size;
/// reverse counts from the end.
STRATUS_DECL std::optional<std::string_view> substring(std::string_view value, std::int64_t start, std::int64_t stop,
                                                       bool reverse) noexcept;

/// parseURL's result. `normalized_path` is the one member that is not a view
/// of the input: the path with dot segments and empty segments removed,
/// percent-encoded, ending in '/'.
struct parsed_url {
    std::string_view scheme{};
    std::string_view authority{};
    std::string_view path{};
    std::string normalized_path{};
    bool is_ip = false;
};

/// parseURL: http or https, no query, a valid port; nullopt otherwise.
STRATUS_DECL std::optional<parsed_url> parse_url(std::string_view value);

/// aws.parseArn's result; resource_id is the resource split on ':' and '/'.
struct arn {
    std::string_view partition{};
    std::string_view service{};
    std::string_view region{};
    std::string_view account_id{};
    std::string_view resource{}; ///< everything after the fifth ':'

    /// The i-th part of the resource split on ':' and '/'; nullopt past the end.
    std::optional<std::string_view> resource_id(std::size_t i) const noexcept
    {
        std::size_t begin = 0;
        for (std::size_t n = 0;; ++n) {
            auto end = resource.find_first_of(":/", begin);
            if (n == i) return resource.substr(begin, end == std::string_view::npos ? end : end - begin);
            if (end == std::string_view::npos) return std::nullopt;
            begin = end + 1;
        }
    }
};

/// aws.parseArn: "arn:partition:service:region:account:resource" with a
/// non-empty partition, service and resource; nullopt otherwise.
STRATUS_DECL std::optional<arn> parse_arn(std::string_view value) noexcept;

} // namespace stratus::endpoints

#ifdef STRATUS_HEADER_ONLY
#include <stratus/endpoints/impl/functions.ipp>
#endif

#endif
