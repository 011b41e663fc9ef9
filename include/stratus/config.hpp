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

/// boto3's Config(s3={"addressing_style": ...}).
enum class s3_addressing_style {
    automatic,      ///< virtual-hosted when the bucket name allows it, else path (boto3's "auto")
    virtual_hosted, ///< the same under endpoint rule sets: a name that cannot be a host label goes path-style
    path,           ///< always https://s3.<region>.amazonaws.com/<bucket>/<key>
};

/// boto3's Config(s3={...}): S3's endpoint settings. Unset members come from
/// the environment and the profile's `s3 =` block, as botocore reads them.
struct s3_options {
    /// Otherwise the profile's s3.addressing_style; default automatic.
    std::optional<s3_addressing_style> addressing_style{};
    /// Transfer Acceleration (bucket.s3-accelerate.amazonaws.com); otherwise s3.use_accelerate_endpoint.
    std::optional<bool> use_accelerate_endpoint{};
    /// An access-point ARN in another region may be used; otherwise
    /// AWS_S3_USE_ARN_REGION, s3_use_arn_region, s3.use_arn_region; default true.
    std::optional<bool> use_arn_region{};
    /// Otherwise AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS, s3.s3_disable_multiregion_access_points.
    std::optional<bool> disable_multiregion_access_points{};
    /// us-east-1 requests go to s3.us-east-1.amazonaws.com instead of the
    /// global s3.amazonaws.com; otherwise AWS_S3_US_EAST_1_REGIONAL_ENDPOINT,
    /// s3_us_east_1_regional_endpoint ("regional" or "legacy"); default legacy.
    std::optional<bool> us_east_1_regional_endpoint{};
};

/// Every member is optional: unset means "as the session, environment and
/// ~/.aws/config say", in botocore's order of precedence.
struct client_options {
    std::optional<std::string> region_name{};
    /// e.g. "http://127.0.0.1:5000"; otherwise AWS_ENDPOINT_URL_<SERVICE>,
    /// the profile's services section, AWS_ENDPOINT_URL, the profile's endpoint_url.
    std::optional<std::string> endpoint_url{};
    /// FIPS endpoints; otherwise AWS_USE_FIPS_ENDPOINT, use_fips_endpoint. Ignored with an endpoint_url.
    std::optional<bool> use_fips_endpoint{};
    /// Dual-stack (IPv6) endpoints; otherwise AWS_USE_DUALSTACK_ENDPOINT,
    /// use_dualstack_endpoint (and s3.use_dualstack_endpoint for S3). Ignored with an endpoint_url.
    std::optional<bool> use_dualstack_endpoint{};
    stratus::s3_options s3{};
    /// "preferred" (default), "required" or "disabled": whether services that
    /// support it (DynamoDB) route to account-based endpoints when the
    /// credentials carry an account id; otherwise AWS_ACCOUNT_ID_ENDPOINT_MODE,
    /// account_id_endpoint_mode.
    std::optional<std::string> account_id_endpoint_mode{};
    std::optional<std::string> aws_access_key_id{};
    std::optional<std::string> aws_secret_access_key{};
    std::optional<std::string> aws_session_token{};
    /// Overrides the session's provider (explicit keys above win over both).
    std::shared_ptr<stratus::credentials_provider> credentials_provider{};

    std::optional<stratus::retry_mode> retry_mode{}; ///< otherwise AWS_RETRY_MODE, retry_mode, standard
    std::optional<int> max_attempts{};               ///< otherwise AWS_MAX_ATTEMPTS, max_attempts

    /// Send bodies of `requestcompression` operations uncompressed; otherwise
    /// AWS_DISABLE_REQUEST_COMPRESSION, disable_request_compression.
    std::optional<bool> disable_request_compression{};
    /// Smallest body to compress (0 to 10485760); otherwise
    /// AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES, request_min_compression_size_bytes; default 10240.
    std::optional<std::size_t> request_min_compression_size_bytes{};

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
