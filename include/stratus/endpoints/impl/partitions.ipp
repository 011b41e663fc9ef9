#ifndef STRATUS_ENDPOINTS_IMPL_PARTITIONS_IPP
#define STRATUS_ENDPOINTS_IMPL_PARTITIONS_IPP

#include <stratus/endpoints/partitions.hpp>

#include <map>
#include <mutex>
#include <regex>
#include <string>

namespace stratus::endpoints {

namespace detail {

// std::regex compiles slowly, so each pattern is compiled once per process
// and kept; matching is only needed for regions no partition lists.
inline bool matches_region_regex(std::string_view pattern, std::string_view region)
{
    static std::mutex mutex;
    static std::map<std::string, std::regex, std::less<>> cache;
    std::regex const* re = nullptr;
    {
        std::lock_guard lock(mutex);
        auto it = cache.find(pattern);
        if (it == cache.end()) it = cache.emplace(std::string(pattern), std::regex(std::string(pattern))).first;
        re = &it->second;
    }
    // A compiled std::regex is safe to use from several threads at once.
    return std::regex_search(region.begin(), region.end(), *re);
}

} // namespace detail

STRATUS_DECL partition_outputs const* find_partition(partition_table const& table, std::string_view region)
{
    if (table.partitions.empty()) return nullptr;
    for (auto const& p : table.partitions) {
        for (auto r : p.regions)
            if (r == region) return &p.outputs;
        if (detail::matches_region_regex(p.region_regex, region)) return &p.outputs;
    }
    return &table.partitions.front().outputs;
}

} // namespace stratus::endpoints

#endif
