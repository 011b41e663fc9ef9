#ifndef STRATUS_IMPL_ENVIRONMENT_IPP
#define STRATUS_IMPL_ENVIRONMENT_IPP

#include <stratus/environment.hpp>

#include <cstdlib>

namespace stratus {

STRATUS_DECL environment environment::process()
{
    return environment([](std::string_view name) -> std::optional<std::string> {
        // getenv is safe to call concurrently as long as nobody calls setenv.
        if (char const* v = std::getenv(std::string(name).c_str())) return std::string(v);
        return std::nullopt;
    });
}

STRATUS_DECL environment environment::from_map(std::map<std::string, std::string, std::less<>> vars)
{
    return environment([vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        if (auto it = vars.find(name); it != vars.end()) return it->second;
        return std::nullopt;
    });
}

} // namespace stratus

#endif
