// Finding and loading models in a botocore-style data directory:
// <dir>/<service>/<api-version>/service-2.json[.gz] (+ *.sdk-extras.json).
#ifndef STRATUS_GEN_SERVICE_MODEL_HPP
#define STRATUS_GEN_SERVICE_MODEL_HPP

#include "json_io.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus_gen {

/// The services of a data directory (folders with at least one version
/// folder holding `stem`), sorted.
std::vector<std::string> list_services(fs::path const& data_dir, std::string_view stem = "service-2");

/// botocore's Loader.determine_latest_version: the greatest version folder
/// name (string order) of `service_dir` that holds `stem`; empty when none.
std::string newest_version(fs::path const& service_dir, std::string_view stem);

/// The version folders of `service_dir` that hold `stem`, sorted.
std::vector<std::string> versions_with(fs::path const& service_dir, std::string_view stem);

struct service_model {
    std::string name;    ///< the folder name, e.g. "sso-oidc"
    std::string version; ///< the version folder, e.g. "2019-06-10"
    /// The files read, relative to the data directory, e.g.
    /// "s3/2006-03-01/service-2.json", "s3/2006-03-01/service-2.sdk-extras.json".
    std::vector<std::string> sources;
    /// Absolute paths of the files read and the folders searched (for depfiles).
    std::vector<fs::path> dependencies;
    boost::json::object model; ///< service-2 with the sdk-extras overlays merged in
    /// endpoint-rule-set-1 of the same version folder, when there is one.
    std::optional<boost::json::object> endpoint_rules;
    /// paginators-1's "pagination" (with its sdk-extras merged in), when there is one.
    std::optional<boost::json::object> paginators;
    /// waiters-2's "waiters", when there is one.
    std::optional<boost::json::object> waiters;
    /// boto3's resources-1 of the same version folder (or the file given to
    /// load_resources), when there is one.
    std::optional<boost::json::object> resources;
};

/// Loads the newest service-2 of `service` and merges its
/// service-2.sdk-extras overlay as botocore's loader does.
service_model load_service(fs::path const& data_dir, std::string const& service);

/// Replaces the resource model of `m` with the resources-1 file `file`
/// (boto3's resource models for other API versions, checked against the
/// newest service model).
void load_resources(service_model& m, fs::path const& file);

/// botocore's ServiceModel.resolved_protocol: the first protocol of
/// PRIORITY_ORDERED_SUPPORTED_PROTOCOLS (json, rest-json, rest-xml,
/// smithy-rpc-v2-cbor, query, ec2) that metadata.protocols lists, or
/// metadata.protocol when there is no such list.
std::string resolve_protocol(boost::json::object const& metadata);

/// The stratus name of a botocore protocol ("rest-xml" -> "rest_xml",
/// "smithy-rpc-v2-cbor" -> "cbor"); empty when unknown.
std::string protocol_cpp_name(std::string_view botocore_protocol);

} // namespace stratus_gen

#endif
