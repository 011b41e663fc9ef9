// The resolved, immutable state one client runs on: where to send, how to
// sign, how to retry. Built by session::client(); shared by copies of a client
// and by the operations in flight.
#ifndef STRATUS_CORE_CLIENT_CONTEXT_HPP
#define STRATUS_CORE_CLIENT_CONTEXT_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/auth/sigv4.hpp>
#include <stratus/core/http_client.hpp>
#include <stratus/core/retry.hpp>
#include <stratus/core/request_compression.hpp>
#include <stratus/core/service_info.hpp>
#include <stratus/endpoints/call_endpoint.hpp>
#include <stratus/logging.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace stratus {

/// The endpoint rule sets' builtIn parameters, resolved from options,
/// environment and config files as botocore resolves them.
struct endpoint_settings {
    std::optional<std::string> url{}; ///< SDK::Endpoint: endpoint_url as configured
    bool use_fips = false;            ///< AWS::UseFIPS (false with an endpoint_url)
    bool use_dualstack = false;       ///< AWS::UseDualStack (false with an endpoint_url)
    bool s3_force_path_style = false; ///< AWS::S3::ForcePathStyle: addressing_style path
    bool s3_accelerate = false;       ///< AWS::S3::Accelerate
    bool s3_use_arn_region = true;    ///< AWS::S3::UseArnRegion
    bool s3control_use_arn_region = false; ///< AWS::S3Control::UseArnRegion
    bool s3_disable_mrap = false;     ///< AWS::S3::DisableMultiRegionAccessPoints
    bool s3_use_global_endpoint = false;  ///< AWS::S3::UseGlobalEndpoint: us-east-1 with the legacy setting
    bool sts_use_global_endpoint = false; ///< AWS::STS::UseGlobalEndpoint: sts_regional_endpoints=legacy
    std::string account_id_endpoint_mode = "preferred"; ///< AWS::Auth::AccountIdEndpointMode
};

struct client_context {
    client_context(boost::asio::any_io_executor ex, http::client_config http_cfg) : http(std::move(ex), http_cfg) {}

    service_info service;
    std::string region;
    http::url endpoint;            ///< scheme, host, port and base path requests are sent to
    bool custom_endpoint = false;  ///< the endpoint came from endpoint_url, not from the region
    std::string endpoint_source;   ///< where the endpoint came from, for messages
    stratus::endpoint_settings endpoint_settings{}; ///< what the service's endpoint rule set is given
    /// Endpoints resolved for this client's calls, by rule-set parameters.
    mutable endpoints::endpoint_cache endpoint_cache{};
    std::shared_ptr<credentials_provider> credentials;
    auth::sigv4_signer signer;
    http::client http;
    retry_config retry;
    retry_quota quota;
    request_compression_config compression{};
    /// Uniform [0, 1) for the backoff jitter; empty: a real random source.
    /// Tests set it to make retries immediate and deterministic.
    std::function<double()> retry_jitter;
    stratus::logger logger;
};

} // namespace stratus

#endif
