// Endpoint rule sets and partitions as C++ data: the JSON trees of
// endpoint-rule-set-1.json and partitions.json flattened into the constexpr
// arrays of include/stratus/endpoints/rule_set.hpp and partitions.hpp.
#ifndef STRATUS_GEN_RULES_EMITTER_HPP
#define STRATUS_GEN_RULES_EMITTER_HPP

#include "json_io.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus_gen {

struct emitted_rule_set {
    std::string text;        ///< declarations, to place inside a namespace
    std::size_t nodes = 0;   ///< after sharing identical subtrees
    std::size_t rules = 0;
    std::size_t parameters = 0;
};

/// The arrays of a rule set and `inline constexpr rule_set <name>{...}`
/// pointing at them and at `partitions` (a C++ expression of type
/// partition_table const*). The text goes inside a namespace of its own
/// (it declares node_table, rule_table and other helper names).
/// Throws gen_error for what the interpreter cannot run: an unknown
/// function, a reference to a name not in scope, a template part that is
/// not a name or name#attribute.
emitted_rule_set emit_rule_set(boost::json::object const& rules, std::string const& name, std::string const& partitions);

/// The header <stratus/services/partitions.hpp>: the partition table of
/// partitions.json as `stratus::services::partitions`.
std::string emit_partitions_header(boost::json::object const& partitions, std::string const& label);

/// An operationContextParams path ("TransactItems[*].Get.TableName",
/// "keys(RequestItems)", "A[*].[B.C, D.C][]") in the form
/// endpoint_param_binding::source::member_path reads ("TransactItems.*.Get.TableName",
/// "RequestItems.keys()", "A.*.B.C|A.*.D.C"); nullopt when the expression
/// is outside the subset (field chains, [*] projections, a final multi-select
/// list of field chains with an optional [] flatten, keys() of a field chain).
std::optional<std::string> compile_context_path(std::string_view jmespath);

struct rule_set_source {
    std::string service;
    std::string version;
    boost::json::object rules;
    std::string path; ///< for messages
};

/// One header holding the partitions and several rule sets, with
/// `stratus_endpoint_bundle::services[]` listing {service, &rules}: the
/// endpoint conformance runner compiles it.
std::string emit_rule_set_bundle(boost::json::object const& partitions, std::vector<rule_set_source> const& sources,
                                 std::string const& label);

} // namespace stratus_gen

#endif
