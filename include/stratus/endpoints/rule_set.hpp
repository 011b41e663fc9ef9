// An endpoint rule set (a service's endpoint-rule-set-1.json) as constexpr
// data: stratus-gen flattens the JSON tree into arrays of nodes, conditions
// and rules that resolve() walks. One interpreter serves every service; a
// rule set costs its data, not code (measured in bench/RESULTS.md).
//
// Children are contiguous: a node's arguments, a template's parts and a
// tree's sub-rules are `count` entries from `first` in their array.
#ifndef STRATUS_ENDPOINTS_RULE_SET_HPP
#define STRATUS_ENDPOINTS_RULE_SET_HPP

#include <stratus/endpoints/partitions.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace stratus::endpoints {

/// The rule-set parameter types.
enum class param_type : std::uint8_t { string, boolean, string_array };

/// The standard library of the rule-set language.
enum class function : std::uint8_t {
    boolean_equals,
    string_equals,
    is_set,
    not_,
    get_attr,
    substring,
    parse_url,
    is_valid_host_label,
    uri_encode,
    aws_partition,
    aws_parse_arn,
    aws_is_virtual_hostable_s3_bucket,
};

enum class node_kind : std::uint8_t {
    boolean,   ///< `flag`
    integer,   ///< `number`
    string,    ///< `text`, literally
    templated, ///< the children (strings, references, get_attr calls) concatenated
    reference, ///< the value in `slot` (a parameter or an assigned name)
    call,      ///< `fn` applied to the children
    list,      ///< the children
    object,    ///< the children, each named by its `key`
};

inline constexpr std::uint32_t npos = 0xFFFFFFFFu;
inline constexpr std::uint16_t no_slot = 0xFFFFu;

struct node {
    node_kind kind{};
    function fn{};
    bool flag = false;
    std::uint16_t slot = 0;
    std::int32_t number = 0;
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    std::string_view text{};
    std::string_view key{};
};

/// A condition: a call, true unless it returns false or nothing; its
/// result is bound to `assign` (a slot) when that is not no_slot.
struct condition {
    std::uint32_t call = 0;
    std::uint16_t assign = no_slot;
};

enum class rule_kind : std::uint8_t { tree, endpoint, error };

struct rule {
    rule_kind kind{};
    std::uint32_t conditions_first = 0;
    std::uint32_t conditions_count = 0;
    std::uint32_t rules_first = 0; ///< a tree's sub-rules
    std::uint32_t rules_count = 0;
    std::uint32_t value = npos;      ///< an endpoint's url node, or an error's message node
    std::uint32_t headers = npos;    ///< an endpoint's headers: an object node of lists
    std::uint32_t properties = npos; ///< an endpoint's properties: an object node
};

struct parameter {
    std::string_view name{};     ///< "Region", "UseFIPS", "Bucket"...
    param_type type{};
    std::string_view built_in{}; ///< "AWS::Region", "SDK::Endpoint"... or empty
    bool required = false;
    std::uint32_t default_value = npos; ///< a node, or npos
};

struct rule_set {
    std::span<parameter const> parameters{};
    std::span<node const> nodes{};
    std::span<condition const> conditions{};
    std::span<rule const> rules{};
    std::uint32_t root_first = 0; ///< the top-level rules
    std::uint32_t root_count = 0;
    std::uint16_t slots = 0;      ///< parameters first, then every assigned name
    partition_table const* partitions = nullptr;

    /// The index of parameter `name`, or npos.
    constexpr std::uint32_t find(std::string_view name) const noexcept
    {
        for (std::uint32_t i = 0; i < parameters.size(); ++i)
            if (parameters[i].name == name) return i;
        return npos;
    }
};

} // namespace stratus::endpoints

#endif
