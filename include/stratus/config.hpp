// Per-client settings: boto3's Session.client(...) keyword arguments and
// botocore.config.Config in one aggregate, for designated initializers:
//   session.client<stratus::s3>({.region_name = "eu-west-1", .max_attempts = 5});
#ifndef STRATUS_CONFIG_HPP
#define STRATUS_CONFIG_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/core/retry.hpp>
#include <stratus/logging.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace stratus {

/// Every member is optional: unset means "as the session, environment and
/// ~/.aws/config say", in botocore's order of precedence.
struct client_options {
    std::optional<std::string> region_name{};
    /// e.g. "http://127.0.0.1:5000"; otherwise AWS_ENDPOINT_URL_<SERVICE>,
    /// the profile's services section, AWS_ENDPOINT_URL, the profile's endpoint_url.
    std::optional<std::string> endpoint_url{};
    std::optional<std::string> aws_access_key_id{};
    std::optional<std::string> aws_secret_access_key{};
    std::optional<std::string> aws_session_token{};
    /// Overrides the session's provider (explicit keys above win over both).
    std::shared_ptr<stratus::credentials_provider> credentials_provider{};

    std::optional<stratus::retry_mode> retry_mode{}; ///< otherwise AWS_RETRY_MODE, retry_mode, standard
    std::optional<int> max_attempts{};               ///< otherwise AWS_MAX_ATTEMPTS, max_attempts

    std::optional<std::chrono::milliseconds> connect_timeout{}; ///< default 60 s
    std::optional<std::chrono::milliseconds> read_timeout{};    ///< default 60 s
    std::optional<std::size_t> max_pool_connections{};          ///< default 10
    /// false turns TLS verification off (boto3 verify=False). Not recommended.
    std::optional<bool> verify{};
    /// PEM bundle of trusted CAs; otherwise AWS_CA_BUNDLE, ca_bundle, the system store.
    std::optional<std::string> ca_bundle{};

    std::optional<stratus::logger> logger{};
};

} // namespace stratus

#endif
