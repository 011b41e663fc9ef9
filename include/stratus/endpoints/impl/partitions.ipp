#ifndef STRATUS_ENDPOINTS_IMPL_PARTITIONS_IPP
#define STRATUS_ENDPOINTS_IMPL_PARTITIONS_IPP

#include <stratus/endpoints/partitions.hpp>

#include <stratus/endpoints/detail/region_pattern.hpp>

namespace stratus::endpoints {

STRATUS_DECL partition_outputs const* find_partition(partition_table const& table, std::string_view region)
{
    if (table.partitions.empty()) return nullptr;
    for (auto const& p : table.partitions) {
        for (auto r : p.regions)
            if (r == region) return &p.outputs;
        if (detail::region_matches(p.region_regex, region)) return &p.outputs;
    }
    return &table.partitions.front().outputs;
}

} // namespace stratus::endpoints

#endif
