// Holds the place of a botocore provider that stratus does not have yet
// (assume-role, web identity, SSO, container credentials). When the profile
// or environment asks for one, the chain stops with a clear error instead of
// falling through to other keys that boto3 would never have used.
#ifndef STRATUS_CREDENTIALS_UNSUPPORTED_PROVIDER_HPP
#define STRATUS_CREDENTIALS_UNSUPPORTED_PROVIDER_HPP

#include <stratus/auth/credentials.hpp>

#include <string>

namespace stratus {

class unsupported_provider final : public credentials_provider {
public:
    /// @param looked_for what this slot checks, for the chain's "unable to locate" message
    /// @param configured what the configuration asks for, or empty when it asks for nothing
    unsupported_provider(std::string looked_for, std::string configured)
        : looked_for_(std::move(looked_for)), configured_(std::move(configured))
    {
    }

    result<credentials> resolve() override
    {
        if (configured_.empty()) return make_error(errc::no_credentials, looked_for_ + ": not configured");
        return make_error(errc::unsupported,
                          configured_ + ", but stratus does not support that credential source yet; "
                                        "use access keys, credential_process or explicit credentials");
    }

private:
    std::string looked_for_;
    std::string configured_;
};

} // namespace stratus

#endif
