// AWS partitions (partitions.json) as constexpr data, for the rule sets'
// aws.partition function. stratus-gen writes the table from the models
// directory: <stratus/services/partitions.hpp>.
#ifndef STRATUS_ENDPOINTS_PARTITIONS_HPP
#define STRATUS_ENDPOINTS_PARTITIONS_HPP

#include <stratus/detail/config.hpp>

#include <span>
#include <string_view>

namespace stratus::endpoints {

/// A partition's outputs, as aws.partition returns them.
struct partition_outputs {
    std::string_view name{};                   ///< "aws", "aws-cn", "aws-us-gov"...
    std::string_view dns_suffix{};             ///< "amazonaws.com"
    std::string_view dual_stack_dns_suffix{};  ///< "api.aws"
    std::string_view implicit_global_region{}; ///< "us-east-1"
    bool supports_fips = false;
    bool supports_dual_stack = false;
};

struct partition {
    std::string_view id{};
    /// e.g. "^(us|eu|ap)\\-\\w+\\-\\d+$", in the subset of detail/region_pattern.hpp
    std::string_view region_regex{};
    std::span<std::string_view const> regions{};
    partition_outputs outputs{};
};

struct partition_table {
    std::span<partition const> partitions{};
};

/// botocore's aws.partition: the first partition that lists `region` or
/// whose regex matches it; the first partition ("aws") when none does.
/// Null only for an empty table.
STRATUS_DECL partition_outputs const* find_partition(partition_table const& table, std::string_view region);

} // namespace stratus::endpoints

#ifdef STRATUS_HEADER_ONLY
#include <stratus/endpoints/impl/partitions.ipp>
#endif

#endif
