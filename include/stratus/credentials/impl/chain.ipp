#ifndef STRATUS_CREDENTIALS_IMPL_CHAIN_IPP
#define STRATUS_CREDENTIALS_IMPL_CHAIN_IPP

#include <stratus/credentials/chain.hpp>
#include <stratus/credentials/env_provider.hpp>
#include <stratus/credentials/file_providers.hpp>
#include <stratus/credentials/process_provider.hpp>

namespace stratus {

STRATUS_DECL chain_provider::chain_provider(std::vector<std::shared_ptr<credentials_provider>> providers)
    : providers_(std::move(providers))
{
    std::erase(providers_, nullptr);
}

STRATUS_DECL result<credentials> chain_provider::resolve()
{
    if (auto i = chosen_.load(std::memory_order_acquire); i != none) return providers_[i]->resolve();

    std::string looked;
    for (std::size_t i = 0; i < providers_.size(); ++i) {
        auto r = providers_[i]->resolve();
        if (r) {
            // Two threads may both search and pick different providers if
            // the environment changed in between; the first one sticks.
            auto expected = none;
            if (!chosen_.compare_exchange_strong(expected, i, std::memory_order_acq_rel) && expected != i)
                return providers_[expected]->resolve();
            return r;
        }
        if (r.error().code != errc::no_credentials) return r;
        if (!looked.empty()) looked += "; ";
        looked += r.error().message;
    }
    if (providers_.empty())
        return make_error(errc::no_credentials, "unable to locate credentials: no providers");
    return make_error(errc::no_credentials, "unable to locate credentials: " + looked);
}

STRATUS_DECL std::unique_ptr<chain_provider>
default_chain(environment const& env, shared_config const& config, profile_selection const& profile)
{
    std::vector<std::shared_ptr<credentials_provider>> p;
    if (profile.source != profile_source::argument) p.push_back(std::make_shared<env_provider>(env));
    // botocore's slots that stratus does not fill yet, in its order:
    //   here, before the profile providers: assume-role (role_arn with
    //   source_profile or credential_source); then AssumeRoleWithWebIdentity
    //   (web_identity_token_file, AWS_WEB_IDENTITY_TOKEN_FILE) and SSO
    //   (sso_session / sso_start_url).
    p.push_back(std::make_shared<shared_credentials_provider>(config, profile.name));
    //   here: the login provider (botocore's newest, for "aws login").
    p.push_back(std::make_shared<process_provider>(config, profile.name));
    p.push_back(std::make_shared<config_file_provider>(config, profile.name));
    //   here: the ECS/EKS container provider (AWS_CONTAINER_CREDENTIALS_*),
    //   then EC2 instance metadata (IMDSv2). boto2's ~/.boto and
    //   AWS_CREDENTIAL_FILE providers are deliberately not planned.
    return std::make_unique<chain_provider>(std::move(p));
}

} // namespace stratus

#endif
