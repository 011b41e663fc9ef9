#ifndef STRATUS_CREDENTIALS_IMPL_CHAIN_IPP
#define STRATUS_CREDENTIALS_IMPL_CHAIN_IPP

#include <stratus/credentials/chain.hpp>
#include <stratus/credentials/env_provider.hpp>
#include <stratus/credentials/file_providers.hpp>
#include <stratus/credentials/process_provider.hpp>
#include <stratus/credentials/unsupported_provider.hpp>

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
    // botocore's slots that stratus does not fill yet keep their place in its
    // order, so that a profile meant for them fails clearly (unsupported_provider).
    auto const* section = config.profile(profile.name);
    auto has = [&](char const* key) { return section && section->get(key).has_value(); };
    std::string role;
    if (has("role_arn")) role = "profile '" + profile.name + "' sets role_arn (assume role)";
    else if (has("web_identity_token_file"))
        role = "profile '" + profile.name + "' sets web_identity_token_file (AssumeRoleWithWebIdentity)";
    else if (env.get("AWS_WEB_IDENTITY_TOKEN_FILE"))
        role = "AWS_WEB_IDENTITY_TOKEN_FILE is set (AssumeRoleWithWebIdentity)";
    else if (has("sso_session") || has("sso_start_url"))
        role = "profile '" + profile.name + "' uses IAM Identity Center (sso_session / sso_start_url)";
    p.push_back(std::make_shared<unsupported_provider>("role_arn, web identity and SSO settings", std::move(role)));
    p.push_back(std::make_shared<shared_credentials_provider>(config, profile.name));
    //   here: the login provider (botocore's newest, for "aws login").
    p.push_back(std::make_shared<process_provider>(config, profile.name));
    p.push_back(std::make_shared<config_file_provider>(config, profile.name));
    std::string container;
    for (auto name : {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"})
        if (container.empty() && env.get(name)) container = std::string(name) + " is set (container credentials)";
    p.push_back(std::make_shared<unsupported_provider>("container credentials (AWS_CONTAINER_CREDENTIALS_*)",
                                                       std::move(container)));
    //   here: EC2 instance metadata (IMDSv2), not yet implemented. boto2's
    //   ~/.boto and AWS_CREDENTIAL_FILE providers are deliberately not planned.
    return std::make_unique<chain_provider>(std::move(p));
}

} // namespace stratus

#endif
