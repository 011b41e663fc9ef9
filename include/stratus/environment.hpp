// Read access to environment variables, replaceable in tests so that no test
// has to mutate the process environment (which is not thread-safe).
#ifndef STRATUS_ENVIRONMENT_HPP
#define STRATUS_ENVIRONMENT_HPP

#include <stratus/detail/config.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace stratus {

class environment {
public:
    using lookup_fn = std::function<std::optional<std::string>(std::string_view)>;

    /// The process environment (getenv).
    STRATUS_DECL static environment process();
    /// A fixed set of variables; everything else is unset.
    STRATUS_DECL static environment from_map(std::map<std::string, std::string, std::less<>> vars);

    explicit environment(lookup_fn fn) : fn_(std::move(fn)) {}

    /// The value, if the variable is set. An empty value counts as unset, as
    /// botocore treats AWS_* variables that are set to "".
    std::optional<std::string> get(std::string_view name) const
    {
        auto v = fn_(name);
        if (v && v->empty()) return std::nullopt;
        return v;
    }

private:
    lookup_fn fn_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/environment.ipp>
#endif

#endif
