// service_client<Protocol>: the typed call layer generated clients derive
// from. One generated method per operation forwards to call / try_call /
// async_call with the operation's descriptor; everything else (validation,
// serialization, the sign-send-retry pipeline, parsing, modeled errors) runs
// in non-template code through the protocol engine, so an operation costs
// the instantiation of its shapes' visitors and little else (STYLE.md §5).
//
//   class client : public stratus::service_client<stratus::protocol::rest_xml> {
//   public:
//       using service_client::service_client;
//       get_object_output get_object(get_object_request const& in) const { return call<ops::get_object>(in); }
//       ...
//   };
#ifndef STRATUS_SERVICE_CLIENT_HPP
#define STRATUS_SERVICE_CLIENT_HPP

#include <stratus/client.hpp>
#include <stratus/core/client_context.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>
#include <stratus/model.hpp>
#include <stratus/paginator.hpp>
#include <stratus/waiter.hpp>
#include <stratus/protocol/engine.hpp>
#include <stratus/protocol/value_io.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>

#include <concepts>
#include <exception>
#include <memory>
#include <span>
#include <string_view>
#include <utility>

namespace stratus {

/// A protocol: a type whose instance() is the engine service_client runs.
template <class P>
concept protocol_type = requires {
    { P::instance() } -> std::convertible_to<protocol::engine const&>;
};

namespace detail {

/// Turns an error response into one modeled error type: constructs it from
/// the error_info, reads its members, returns it ready to throw.
struct modeled_error {
    std::string_view code;
    std::exception_ptr (*make)(error_info const& info, protocol::engine const& eng, protocol::call_context const& cc,
                               http::response const& res, error_info& failure);
};

template <class E>
std::exception_ptr make_modeled_error(error_info const& info, protocol::engine const& eng,
                                      protocol::call_context const& cc, http::response const& res, error_info& failure)
{
    static_assert(std::derived_from<E, service_error>, "stratus: a modeled error type must derive from service_error");
    E e(info);
    if (auto r = eng.parse_error_members(cc, res, protocol::make_output(e)); !r) {
        failure = r.error();
        return {};
    }
    return std::make_exception_ptr(std::move(e));
}

template <class E>
constexpr std::string_view error_code_of() noexcept
{
    return E::shape.error_code.empty() ? E::shape.name : E::shape.error_code;
}

template <class List>
struct error_table;
template <>
struct error_table<type_list<>> {
    static std::span<modeled_error const> get() noexcept { return {}; }
};
template <class... E>
struct error_table<type_list<E...>> {
    static constexpr modeled_error entries[] = {{error_code_of<E>(), &make_modeled_error<E>}...};
    static std::span<modeled_error const> get() noexcept { return entries; }
};

/// Validates and serializes: the request ready for the pipeline, and the
/// pipeline's parameters (operation name, unsigned payload, the protocol's
/// response inspection).
struct prepared_call {
    http::request request;
    invoke_params params;
};

STRATUS_DECL result<prepared_call> prepare_call(protocol::call_context& cc, protocol::engine const& eng,
                                                protocol::input_shape const& in, bool raw_payload);

/// Parses a response: the output on success; for an error response the
/// service's error, with the modeled error attached when its code is one of
/// `errors`.
STRATUS_DECL result<void> finish_call(protocol::call_context const& cc, protocol::engine const& eng,
                                      http::response& res, protocol::output_shape const& out,
                                      std::span<modeled_error const> errors);

/// The blocking call: prepare, invoke, finish.
STRATUS_DECL result<void> call(client_context& ctx, protocol::engine const& eng, operation_info const& op,
                               protocol::input_shape const& in, protocol::output_shape const& out,
                               std::span<modeled_error const> errors);

STRATUS_DECL protocol::call_context make_call_context(client_context& ctx, operation_info const& op);

/// Completes `finish` with `ec` through its executor, never inside the
/// initiating function (a call refused before it was sent).
STRATUS_DECL void post_failure(client_context& ctx, error_code ec,
                               boost::asio::any_completion_handler<void(error_code, http::response)> finish);

/// Sends a prepared call; `finish` runs on the handler's executor with the
/// final response (or the transport error).
STRATUS_DECL void async_send_prepared(std::shared_ptr<client_context> ctx, prepared_call call,
                                      boost::asio::any_completion_handler<void(error_code, http::response)> finish);

/// The asynchronous call for one output type: thin, everything else is in
/// the non-template functions above.
template <class Output>
void async_call_start(std::shared_ptr<client_context> ctx, protocol::engine const& eng, operation_info const& op,
                      protocol::input_shape const& in, std::span<modeled_error const> errors,
                      boost::asio::any_completion_handler<void(error_code, Output)> handler,
                      error_info* diag = nullptr)
{
    if (diag) *diag = error_info{};
    auto cc = make_call_context(*ctx, op);
    auto prepared = prepare_call(cc, eng, in, protocol::detail::has_raw_payload<Output>());
    // The caller's executor, kept through the pipeline (STYLE.md §4).
    auto ex = boost::asio::get_associated_executor(handler, ctx->http.get_executor());
    boost::asio::any_completion_handler<void(error_code, http::response)> finish(boost::asio::bind_executor(
        ex, [h = std::move(handler), ctx, &eng, cc, errors, diag](error_code ec, http::response res) mutable {
            Output out{};
            if (!ec) {
                auto r = finish_call(cc, eng, res, protocol::make_output(out), errors);
                if (!r) {
                    ec = r.error().code;
                    if (diag) *diag = r.error();
                }
            } else if (diag && !*diag) {
                *diag = make_error(ec, ec.message(), std::string(cc.op.name));
            }
            std::move(h)(ec, std::move(out));
        }));
    if (!prepared) {
        if (diag) *diag = prepared.error();
        return post_failure(*ctx, prepared.error().code, std::move(finish));
    }
    async_send_prepared(std::move(ctx), std::move(*prepared), std::move(finish));
}

} // namespace detail

/// The client generated clients derive from. Cheap to copy; copies share
/// the connection pool, credentials and configuration. `Errors` lists the
/// service's modeled errors (all of them: an error code maps to its type
/// whichever operation returned it, as in boto3); with none, each call
/// maps only the errors its operation lists.
template <protocol_type Protocol, class Errors = type_list<>>
class service_client : public basic_client {
    template <class Op>
    using errors_of = std::conditional_t<std::is_same_v<Errors, type_list<>>, typename Op::errors, Errors>;

public:
    explicit service_client(std::shared_ptr<client_context> ctx) : basic_client(ctx), ctx_(std::move(ctx)) {}

    /// Calls operation Op; the non-throwing form.
    /// @return the output, or the error: errc::invalid_parameter for input
    /// that breaks the model's rules (nothing was sent), transport errors,
    /// errc::parse_error for a response that does not match the model, or
    /// errc::service_error with the service's code, message and request id,
    /// and in error_info::modeled the operation's modeled error when the code
    /// is one of the service's errors.
    template <operation Op>
    result<typename Op::output> try_call(typename Op::input const& in) const
    {
        static_assert(std::default_initializable<typename Op::output>,
                      "stratus: an output shape must be default-constructible (no required<> members)");
        typename Op::output out{};
        auto r = detail::call(*ctx_, Protocol::instance(), Op::info, protocol::make_input(in), protocol::make_output(out),
                              detail::error_table<errors_of<Op>>::get());
        if (!r) return r.error();
        return out;
    }

    /// Throwing form: the modeled error type when there is one
    /// (`catch (s3::no_such_key const&)`), else service_error,
    /// transport_error or client_error.
    template <operation Op>
    typename Op::output call(typename Op::input const& in) const
    {
        // Not written over try_call: result<output> of a large shape costs
        // as much to compile as the rest of the call (boost::variant2).
        typename Op::output out{};
        auto r = detail::call(*ctx_, Protocol::instance(), Op::info, protocol::make_input(in), protocol::make_output(out),
                              detail::error_table<errors_of<Op>>::get());
        if (!r) throw_error(r.error());
        return out;
    }

    /// Asynchronous form for any completion token; completes with
    /// (error_code, output). The error_code is the error_info::code of the
    /// synchronous forms (errc::service_error for any service error).
    template <operation Op,
              boost::asio::completion_token_for<void(error_code, typename Op::output)> CompletionToken>
    auto async_call(typename Op::input in, CompletionToken&& token) const
    {
        using output = typename Op::output;
        return boost::asio::async_initiate<CompletionToken, void(error_code, output)>(
            [](auto handler, std::shared_ptr<client_context> ctx, typename Op::input const& input) {
                detail::async_call_start<output>(
                    std::move(ctx), Protocol::instance(), Op::info, protocol::make_input(input),
                    detail::error_table<errors_of<Op>>::get(),
                    boost::asio::any_completion_handler<void(error_code, output)>(std::move(handler)));
            },
            token, ctx_, std::move(in));
    }

    /// boto3's client.get_paginator(...), for an operation paginators-1.json
    /// lists: get_paginator<s3::ops::list_objects_v2>().paginate({.bucket = "b"}, {.page_size = 100}).
    template <paginated_operation Op>
    stratus::paginator<Op, service_client> get_paginator() const
    {
        return stratus::paginator<Op, service_client>(*this);
    }

    /// boto3's client.get_waiter(...): get_waiter<s3::waiters::bucket_exists>().wait({.bucket = "b"}).
    template <waiter_type W>
    stratus::waiter<W, service_client> get_waiter() const
    {
        return stratus::waiter<W, service_client>(*this);
    }

    /// async_call with the details of a failure in `diag` (service code and
    /// message, request id, HTTP status, the modeled error), which must
    /// outlive the operation; the error_code alone cannot carry them.
    /// `stratus::throw_error(diag)` throws what the blocking call would
    /// (`s3::no_such_key`...):
    ///   stratus::error_info diag;
    ///   auto [ec, out] = co_await s3.async_call<s3_ops::get_object>(req, diag, as_tuple(use_awaitable));
    ///   if (ec) stratus::throw_error(diag);
    template <operation Op,
              boost::asio::completion_token_for<void(error_code, typename Op::output)> CompletionToken>
    auto async_call(typename Op::input in, error_info& diag, CompletionToken&& token) const
    {
        using output = typename Op::output;
        return boost::asio::async_initiate<CompletionToken, void(error_code, output)>(
            [](auto handler, std::shared_ptr<client_context> ctx, typename Op::input const& input, error_info* d) {
                detail::async_call_start<output>(
                    std::move(ctx), Protocol::instance(), Op::info, protocol::make_input(input),
                    detail::error_table<errors_of<Op>>::get(),
                    boost::asio::any_completion_handler<void(error_code, output)>(std::move(handler)), d);
            },
            token, ctx_, std::move(in), &diag);
    }

private:
    std::shared_ptr<client_context> ctx_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/service_client.ipp>
#endif

#endif
