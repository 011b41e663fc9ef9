// Credentials from environment variables (botocore's EnvProvider).
#ifndef STRATUS_CREDENTIALS_ENV_PROVIDER_HPP
#define STRATUS_CREDENTIALS_ENV_PROVIDER_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/environment.hpp>

namespace stratus {

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, a session token from
/// AWS_SECURITY_TOKEN or else AWS_SESSION_TOKEN (botocore's order), and
/// AWS_CREDENTIAL_EXPIRATION. Reads the variables on every call; method "env".
class env_provider final : public credentials_provider {
public:
    explicit env_provider(environment env) : env_(std::move(env)) {}

    /// @return the credentials; errc::no_credentials if neither the key id nor
    /// the secret is set; errc::invalid_config if only one of them is
    /// (botocore's PartialCredentialsError, naming the missing variable), if
    /// AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 timestamp, or if it has passed.
    STRATUS_DECL result<credentials> resolve() override;

private:
    environment env_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/credentials/impl/env_provider.ipp>
#endif

#endif
