// client.call("OperationName", params): any operation of a generated client
// by name, with its input and output as boost::json values in botocore's
// parameter shape (member names as keys, blobs as raw strings, timestamps in
// as epoch numbers or date strings and out as ISO 8601 text). It runs the
// typed call underneath: the same validation, engine, pipeline and errors.
//
//   auto out = s3.call("ListObjectsV2", {{"Bucket", "my-bucket"}, {"MaxKeys", 10}});
//   for (auto const& o : out.at("Contents").as_array()) ...
//
// The generated client keeps its table of operations in a function template,
// so a program that never calls call(name, ...) compiles none of it.
#ifndef STRATUS_DYNAMIC_CALL_HPP
#define STRATUS_DYNAMIC_CALL_HPP

#include <stratus/core/client_context.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/engine.hpp>
#include <stratus/protocol/value_io.hpp>
#include <stratus/service_client.hpp>

#include <boost/json/value.hpp>

#include <span>
#include <string_view>

namespace stratus {

/// One row of a generated client's table of operations.
struct dynamic_operation {
    std::string_view name; ///< the model's name, "ListObjectsV2"
    result<boost::json::value> (*invoke)(client_context& ctx, boost::json::value const& params);
};

namespace detail {

/// T, as a type that depends on D: the generated table names its operations
/// through this, so that nothing in it is looked at until the table is used.
template <class D, class T>
struct dependent_type {
    using type = T;
};

/// The operation named `operation` from `table`, run with `params`; an
/// unknown name is errc::invalid_parameter naming it.
STRATUS_DECL result<boost::json::value> dynamic_call(client_context& ctx, std::span<dynamic_operation const> table,
                                                     std::string_view operation, boost::json::value const& params);

/// The non-template body of one dynamic call: `params` read into the input
/// (through `in_reader`), the typed call, the output written back (through
/// `out_writer`). A parameter of the wrong type, or one the input does not
/// have, is errc::invalid_parameter naming its path.
STRATUS_DECL result<boost::json::value> dynamic_run(client_context& ctx, protocol::engine const& eng,
                                                    operation_info const& op, boost::json::value const& params,
                                                    protocol::output_shape const& in_reader,
                                                    protocol::input_shape const& in_writer,
                                                    protocol::output_shape const& out_reader,
                                                    protocol::input_shape const& out_writer,
                                                    std::span<modeled_error const> errors);

/// One operation's row: `in` is its input with every required member empty
/// (stratus-gen writes it), filled from `params`.
template <operation Op, protocol_type Protocol, class Errors>
result<boost::json::value> dynamic_invoke(client_context& ctx, boost::json::value const& params,
                                          typename Op::input in)
{
    typename Op::output out{};
    return dynamic_run(ctx, Protocol::instance(), Op::info, params, protocol::make_output(in), protocol::make_input(in),
                       protocol::make_output(out), protocol::make_input(out),
                       error_table<std::conditional_t<std::is_same_v<Errors, type_list<>>, typename Op::errors, Errors>>::get());
}

} // namespace detail
} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/dynamic_call.ipp>
#endif

#endif
