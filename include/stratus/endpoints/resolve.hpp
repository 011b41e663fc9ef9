// resolve(): evaluates an endpoint rule set, as botocore's EndpointProvider
// does, for one set of parameter values. The interpreter walks the
// constexpr tables of rule_set.hpp; intermediate strings live in a stack
// arena, so a call allocates only for the endpoint it returns.
#ifndef STRATUS_ENDPOINTS_RESOLVE_HPP
#define STRATUS_ENDPOINTS_RESOLVE_HPP

#include <stratus/detail/config.hpp>
#include <stratus/endpoints/endpoint.hpp>
#include <stratus/endpoints/rule_set.hpp>
#include <stratus/error.hpp>

#include <span>
#include <string>
#include <string_view>

namespace stratus::endpoints {

/// A parameter's value; `unset` takes the parameter's default.
struct argument {
    enum class kind_type : std::uint8_t { unset, boolean, string, string_array };
    kind_type kind = kind_type::unset;
    bool boolean = false;
    std::string_view string{};
    std::span<std::string const> strings{};

    static argument of(bool b) noexcept { return {kind_type::boolean, b, {}, {}}; }
    static argument of(std::string_view s) noexcept { return {kind_type::string, false, s, {}}; }
    /// A string literal is a string (without this, of("us-east-1") would be of(true)).
    static argument of(char const* s) noexcept { return of(std::string_view(s)); }
    static argument of(std::span<std::string const> l) noexcept { return {kind_type::string_array, false, {}, l}; }
};

/// Resolves `rules` for `args`, given in the order of rules.parameters
/// (missing trailing ones are unset). Errors are errc::endpoint_resolution
/// with the rule set's own message ("Invalid region: region was not a valid
/// DNS name."), or botocore's for a missing required parameter or a value of
/// the wrong type.
STRATUS_DECL result<endpoint> resolve(rule_set const& rules, std::span<argument const> args);

} // namespace stratus::endpoints

#ifdef STRATUS_HEADER_ONLY
#include <stratus/endpoints/impl/resolve.ipp>
#endif

#endif
