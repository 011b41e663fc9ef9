#ifndef STRATUS_CREDENTIALS_IMPL_FILE_PROVIDERS_IPP
#define STRATUS_CREDENTIALS_IMPL_FILE_PROVIDERS_IPP

#include <stratus/credentials/file_providers.hpp>

namespace stratus {
namespace detail {

// The part SharedCredentialProvider and ConfigProvider have in common.
// `where` is "credentials file" or "config file". An empty value counts as
// unset, as environment variables do; botocore would sign with an empty key.
inline result<credentials> keys_from_profile(config_section const* section, std::string_view method,
                                             std::string_view where, std::string const& path,
                                             std::string const& profile)
{
    std::string file = "the " + std::string(where) + " " + path;
    if (!section) return make_error(errc::no_credentials, file + " has no profile '" + profile + "'");
    auto value = [&](std::string_view key) -> std::optional<std::string_view> {
        auto v = section->get(key);
        if (v && v->empty()) return std::nullopt;
        return v;
    };
    auto key = value("aws_access_key_id");
    auto secret = value("aws_secret_access_key");
    std::string in_profile = "profile '" + profile + "' in " + file;
    if (!key && !secret) return make_error(errc::no_credentials, in_profile + " has no aws_access_key_id");
    if (!key || !secret)
        return make_error(errc::invalid_config,
                          "partial credentials in " + in_profile + ": " +
                              (key ? "aws_access_key_id is set but aws_secret_access_key is not"
                                   : "aws_secret_access_key is set but aws_access_key_id is not"));
    credentials c;
    c.access_key_id = *key;
    c.secret_access_key = *secret;
    if (auto t = value("aws_security_token"))
        c.session_token = *t;
    else if (auto t2 = value("aws_session_token"))
        c.session_token = *t2;
    c.method = method;
    if (auto a = value("aws_account_id")) c.account_id = *a;
    return c;
}

} // namespace detail

STRATUS_DECL shared_credentials_provider::shared_credentials_provider(shared_config const& config,
                                                                      std::string const& profile)
    : result_(detail::keys_from_profile(config.credentials_file_profile(profile), "shared-credentials-file",
                                        "credentials file", config.credentials_path(), profile))
{
}

STRATUS_DECL config_file_provider::config_file_provider(shared_config const& config,
                                                        std::string const& profile)
    : result_(detail::keys_from_profile(config.config_file_profile(profile), "config-file", "config file",
                                        config.config_path(), profile))
{
}

} // namespace stratus

#endif
