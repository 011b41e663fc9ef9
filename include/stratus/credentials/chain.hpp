// Trying credential providers in turn (botocore's CredentialResolver), and
// the chain a session uses when the program gives no credentials
// (botocore's create_credential_resolver).
#ifndef STRATUS_CREDENTIALS_CHAIN_HPP
#define STRATUS_CREDENTIALS_CHAIN_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/environment.hpp>
#include <stratus/shared_config.hpp>

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace stratus {

/// Asks each provider in order and returns the first credentials found. A
/// provider that answers errc::no_credentials has nothing configured and is
/// skipped; any other error (partial keys, a failing credential_process)
/// ends the search with that error, as in botocore.
///
/// Once a provider has answered, the chain keeps asking that one, as a
/// botocore session keeps the credentials it resolved first and refreshes
/// them from their own source; until then every call searches again.
class chain_provider final : public credentials_provider {
public:
    STRATUS_DECL explicit chain_provider(std::vector<std::shared_ptr<credentials_provider>> providers);

    /// @return the first provider's credentials; errc::no_credentials, listing
    /// what every provider looked for, if none had any.
    STRATUS_DECL result<credentials> resolve() override;

    std::vector<std::shared_ptr<credentials_provider>> const& providers() const noexcept
    {
        return providers_;
    }

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<std::shared_ptr<credentials_provider>> providers_;
    std::atomic<std::size_t> chosen_{none};
};

/// botocore's order, for the providers stratus has so far: environment
/// variables, the credentials file, credential_process, the config file.
/// As in botocore, the environment variables are left out when the program
/// chose the profile itself (profile.source == profile_source::argument), but
/// not when AWS_PROFILE or AWS_DEFAULT_PROFILE chose it.
///
/// The chain copies what it needs from `env` and `config`. It does not check
/// that a chosen profile exists: resolve_profile() does, so take `profile` from it.
STRATUS_DECL std::unique_ptr<chain_provider>
default_chain(environment const& env, shared_config const& config, profile_selection const& profile);

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/credentials/impl/chain.ipp>
#endif

#endif
