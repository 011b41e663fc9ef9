// What resolving an endpoint gives: the URL, headers to add, and the
// properties (authSchemes among them) that tell the signer how to sign.
#ifndef STRATUS_ENDPOINTS_ENDPOINT_HPP
#define STRATUS_ENDPOINTS_ENDPOINT_HPP

#include <stratus/detail/config.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::endpoints {

/// A value of an endpoint's properties: JSON-like, as the rule set wrote it
/// with its templates filled in.
struct property {
    enum class kind_type : std::uint8_t { null, boolean, integer, string, list, object };
    kind_type kind = kind_type::null;
    bool boolean = false;
    std::int64_t integer = 0;
    std::string string{};
    std::vector<property> items{};   ///< a list's elements, or an object's values
    std::vector<std::string> keys{}; ///< an object's keys, one per item

    /// An object's member, or nullptr.
    property const* find(std::string_view key) const noexcept
    {
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key) return &items[i];
        return nullptr;
    }
};

struct endpoint {
    std::string url{};
    std::vector<std::pair<std::string, std::vector<std::string>>> headers{};
    property properties{}; ///< an object (empty when the rule set gave none)
};

/// One entry of properties.authSchemes.
struct auth_scheme {
    std::string name{};          ///< "sigv4", "sigv4a", "sigv4-s3express"...
    std::string signing_name{};  ///< empty: the service's own
    std::string signing_region{};
    std::vector<std::string> signing_region_set{}; ///< sigv4a
    bool disable_double_encoding = false;
};

/// properties.authSchemes in the rule set's order of preference.
STRATUS_DECL std::vector<auth_scheme> auth_schemes(endpoint const& ep);

} // namespace stratus::endpoints

#ifdef STRATUS_HEADER_ONLY
#include <stratus/endpoints/impl/endpoint.ipp>
#endif

#endif
