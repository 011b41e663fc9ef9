// What the pipeline must know about a service: names for endpoints, signing
// and configuration. Generated clients provide one as constexpr data.
#ifndef STRATUS_CORE_SERVICE_INFO_HPP
#define STRATUS_CORE_SERVICE_INFO_HPP

#include <string_view>

namespace stratus {

namespace endpoints {
struct rule_set;
}

struct service_info {
    std::string_view service_id{};      ///< metadata.serviceId, e.g. "S3", "DynamoDB", "Elastic Beanstalk"
    std::string_view endpoint_prefix{}; ///< metadata.endpointPrefix, e.g. "s3"
    std::string_view signing_name{};  ///< metadata.signingName (or endpointPrefix), e.g. "s3"
    /// S3's signing rules: no double URI encoding, no path normalisation,
    /// an x-amz-content-sha256 header, UNSIGNED-PAYLOAD over HTTPS.
    bool s3_signing = false;
    std::string_view api_version{};   ///< metadata.apiVersion: the query protocols' Version parameter
    std::string_view target_prefix{}; ///< metadata.targetPrefix: X-Amz-Target's prefix (json), the rpcv2 service name
    std::string_view json_version{};  ///< metadata.jsonVersion: "1.0" or "1.1" (application/x-amz-json-<v>)
    /// metadata.awsQueryCompatible: the service moved from the query protocol,
    /// and its errors keep their query codes (the x-amzn-query-error header).
    bool query_compatible = false;
    /// The service's endpoint rule set (endpoint-rule-set-1.json); without
    /// one, requests go to https://<endpoint_prefix>.<region>.<dns suffix>.
    endpoints::rule_set const* endpoint_rules = nullptr;
};

/// A service that has a client type; `session.client<Service>()` builds one.
template <class S>
concept service = requires {
    { S::info } -> std::convertible_to<service_info>;
    typename S::client_type;
};

} // namespace stratus

#endif
