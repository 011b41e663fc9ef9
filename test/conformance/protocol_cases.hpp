// What `stratus-gen protocol-tests` generates against: one table of cases per
// botocore protocol test file, each entry running one case through the path a
// generated client's call takes (detail::prepare_call / detail::finish_call,
// service_client.hpp) and turning the typed result into JSON in botocore's
// parameter shape for protocol_tests.cpp to compare.
#ifndef STRATUS_TEST_CONFORMANCE_PROTOCOL_CASES_HPP
#define STRATUS_TEST_CONFORMANCE_PROTOCOL_CASES_HPP

#include <stratus/protocol/detail/json_document.hpp>
#include <stratus/service_client.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <exception>
#include <span>
#include <string>
#include <string_view>

namespace stratus::conformance {

/// What parsing a canned response gave.
struct parsed_response {
    bool success = false;
    boost::json::value output;  ///< success: the output, botocore-shaped
    error_info error;           ///< otherwise: the error (service_error: code, message)
    bool modeled = false;       ///< the error code matched a modeled error
    boost::json::value members; ///< the modeled error's members, botocore-shaped
};

using input_fn = result<http::request> (*)(boost::json::value const& params, client_context& ctx);
using output_fn = parsed_response (*)(http::response& res, client_context& ctx);

struct case_entry {
    std::size_t suite = 0;
    std::size_t index = 0;
    std::string_view id;
    service_info const* service = nullptr;
    input_fn serialize = nullptr; ///< input (serialization) cases
    output_fn parse = nullptr;    ///< output (parsing) cases
    std::string_view generation_error{}; ///< the suite's model did not generate
};

struct case_table {
    std::string_view key; ///< "input/rest-xml.json"
    std::span<case_entry const> entries;
};

/// Every table linked into the runner, registered by static initializers.
std::span<case_table const> registered_tables();
void register_table(case_table t);

struct registration {
    registration(std::string_view key, std::span<case_entry const> entries) { register_table({key, entries}); }
};

namespace detail {

template <class P, class E>
struct client_parts {
    using protocol = P;
    using errors = E;
};
template <class P, class E>
client_parts<P, E> parts_of(service_client<P, E> const*);

template <class Client>
using parts = decltype(parts_of(static_cast<Client const*>(nullptr)));

template <class... E>
bool write_modeled(std::exception_ptr const& p, boost::json::value& out, type_list<E...>)
{
    bool found = false;
    auto try_one = [&]<class X>(X*) {
        if (found) return;
        try {
            std::rethrow_exception(p);
        } catch (X const& e) {
            protocol::detail::json_writer w(protocol::detail::params_dialect);
            protocol::write_members(w, e);
            out = std::move(w.root);
            found = true;
        } catch (...) {
        }
    };
    (try_one(static_cast<E*>(nullptr)), ...);
    return found;
}

} // namespace detail

/// An input case: the typed input read from the case's params (botocore's
/// shape), validated and serialized, joined with the client's endpoint.
template <operation Op, class Client, auto Blank>
result<http::request> run_input(boost::json::value const& params, client_context& ctx)
{
    using engine_type = typename detail::parts<Client>::protocol;
    typename Op::input in = Blank();
    protocol::detail::json_reader reader(params, protocol::detail::params_dialect);
    protocol::read_members(reader, in);
    if (reader.failed()) return make_error(errc::invalid_parameter, "params: " + reader.error(), std::string(Op::info.name));
    auto cc = stratus::detail::make_call_context(ctx, Op::info);
    auto p = stratus::detail::prepare_call(cc, engine_type::instance(), protocol::make_input(in),
                                           protocol::detail::has_raw_payload<typename Op::output>());
    if (!p) return p.error();
    return std::move(p->request);
}

/// An output case: the response inspected and parsed as the call would, the
/// output or the modeled error written back in botocore's shape.
template <operation Op, class Client>
parsed_response run_output(http::response& res, client_context& ctx)
{
    using engine_type = typename detail::parts<Client>::protocol;
    using errors = typename detail::parts<Client>::errors;
    auto const& eng = engine_type::instance();
    parsed_response r;
    typename Op::output out{};
    auto cc = stratus::detail::make_call_context(ctx, Op::info);
    auto shape = protocol::make_output(out);
    eng.inspect(cc, res, shape);
    auto done = stratus::detail::finish_call(cc, eng, res, shape, stratus::detail::error_table<errors>::get());
    if (done) {
        protocol::detail::json_writer w(protocol::detail::params_dialect);
        protocol::write_members(w, out);
        r.success = true;
        r.output = std::move(w.root);
        return r;
    }
    r.error = done.error();
    if (r.error.modeled) r.modeled = detail::write_modeled(r.error.modeled, r.members, errors{});
    return r;
}

} // namespace stratus::conformance

#endif
