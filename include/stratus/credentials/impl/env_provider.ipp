#ifndef STRATUS_CREDENTIALS_IMPL_ENV_PROVIDER_IPP
#define STRATUS_CREDENTIALS_IMPL_ENV_PROVIDER_IPP

#include <stratus/credentials/detail/timestamp.hpp>
#include <stratus/credentials/env_provider.hpp>

namespace stratus {

STRATUS_DECL result<credentials> env_provider::resolve()
{
    auto key = env_.get("AWS_ACCESS_KEY_ID");
    auto secret = env_.get("AWS_SECRET_ACCESS_KEY");
    if (!key && !secret)
        return make_error(errc::no_credentials,
                          "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
    // botocore ignores a lone secret; a secret without its key id is a
    // mistake all the same, and skipping it would hide it.
    if (!key || !secret)
        return make_error(errc::invalid_config,
                          std::string("partial credentials in the environment: ") +
                              (key ? "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
                                   : "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"));
    credentials c;
    c.access_key_id = std::move(*key);
    c.secret_access_key = std::move(*secret);
    if (auto t = env_.get("AWS_SECURITY_TOKEN"))
        c.session_token = std::move(*t);
    else if (auto t2 = env_.get("AWS_SESSION_TOKEN"))
        c.session_token = std::move(*t2);
    c.method = "env";
    // botocore treats an empty AWS_ACCOUNT_ID as unset.
    if (auto a = env_.get("AWS_ACCOUNT_ID"); a && !a->empty()) c.account_id = std::move(*a);
    if (auto exp = env_.get("AWS_CREDENTIAL_EXPIRATION")) {
        auto t = detail::parse_timestamp(*exp);
        if (!t)
            return make_error(errc::invalid_config,
                              "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 timestamp: '" +
                                  exp->substr(0, 64) + "'");
        c.expiration = *t;
        // botocore refreshes by reading the same variables again and then
        // fails with "refreshed credentials are still expired".
        if (c.expired())
            return make_error(errc::invalid_config, "the credentials in the environment expired at " +
                                                        detail::format_timestamp(*t) +
                                                        " (AWS_CREDENTIAL_EXPIRATION)");
    }
    return c;
}

} // namespace stratus

#endif
