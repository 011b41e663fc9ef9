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
