#ifndef STRATUS_IMPL_DYNAMIC_CALL_IPP
#define STRATUS_IMPL_DYNAMIC_CALL_IPP

#include <stratus/dynamic_call.hpp>

#include <stratus/protocol/detail/json_document.hpp>

#include <boost/json/serialize.hpp>

#include <optional>
#include <string>

namespace stratus::detail {

// The first key of `given` (a null counts as absent) that the input, written
// back, does not have: a parameter the operation does not know (botocore's
// "Unknown parameter in input"). Objects are compared key by key, lists item
// by item; values under documents are the caller's.
inline std::optional<std::string> dynamic_unknown_parameter(boost::json::value const& given, boost::json::value const& known,
                                                    std::string const& path)
{
    if (given.is_object() && known.is_object()) {
        for (auto const& [k, v] : given.get_object()) {
            if (v.is_null()) continue;
            std::string p = path.empty() ? std::string(k) : path + "." + std::string(k);
            auto const* kv = known.get_object().if_contains(k);
            // An empty list or map inside a structure is written back as
            // nothing (it is a plain container there), so it proves nothing.
            bool empty = (v.is_array() && v.get_array().empty()) || (v.is_object() && v.get_object().empty());
            if (!kv && empty) continue;
            if (!kv) return p;
            if (auto u = dynamic_unknown_parameter(v, *kv, p)) return u;
        }
    } else if (given.is_array() && known.is_array()) {
        auto const& g = given.get_array();
        auto const& k = known.get_array();
        for (std::size_t i = 0; i < g.size() && i < k.size(); ++i)
            if (auto u = dynamic_unknown_parameter(g[i], k[i], path + "[" + std::to_string(i) + "]")) return u;
    }
    return std::nullopt;
}

STRATUS_DECL result<boost::json::value> dynamic_call(client_context& ctx, std::span<dynamic_operation const> table,
                                                     std::string_view operation, boost::json::value const& params)
{
    for (auto const& row : table)
        if (row.name == operation) return row.invoke(ctx, params);
    return make_error(errc::invalid_parameter,
                      "unknown operation \"" + std::string(operation) + "\" for " + std::string(ctx.service.service_id),
                      std::string(operation));
}

STRATUS_DECL result<boost::json::value> dynamic_run(client_context& ctx, protocol::engine const& eng,
                                                    operation_info const& op, boost::json::value const& params,
                                                    protocol::output_shape const& in_reader,
                                                    protocol::input_shape const& in_writer,
                                                    protocol::output_shape const& out_reader,
                                                    protocol::input_shape const& out_writer,
                                                    std::span<modeled_error const> errors)
{
    using protocol::detail::dynamic_dialect;
    auto invalid = [&](std::string why) {
        return make_error(errc::invalid_parameter, std::string(op.name) + ": " + why, std::string(op.name));
    };
    if (!params.is_object() && !params.is_null())
        return invalid("the parameters must be a JSON object, not " + boost::json::serialize(params).substr(0, 64));
    protocol::detail::json_reader reader(params, dynamic_dialect);
    in_reader.read(reader);
    if (reader.failed()) return invalid("parameter " + reader.error());
    protocol::detail::json_writer known(dynamic_dialect);
    in_writer.write(known);
    if (auto u = dynamic_unknown_parameter(params, known.root, "")) return invalid("unknown parameter " + *u);

    if (auto r = call(ctx, eng, op, in_writer, out_reader, errors); !r) return r.error();
    protocol::detail::json_writer out(dynamic_dialect);
    out_writer.write(out);
    if (!out.error.empty()) return make_error(errc::parse_error, out.error, std::string(op.name));
    return std::move(out.root);
}

} // namespace stratus::detail

#endif
