// basic_client: the service-independent client every generated client is
// built on. It sends requests through the pipeline (sign, send, retry) and
// turns error responses into typed errors; generated clients add one method
// per operation on top of it.
#ifndef STRATUS_CLIENT_HPP
#define STRATUS_CLIENT_HPP

#include <stratus/core/client_context.hpp>
#include <stratus/core/invoke.hpp>
#include <stratus/detail/config.hpp>

#include <boost/asio/async_result.hpp>

#include <memory>
#include <string_view>

namespace stratus {

class basic_client {
public:
    using executor_type = boost::asio::any_io_executor;
    using completion_signature = void(error_code, http::response);

    explicit basic_client(std::shared_ptr<client_context> ctx) : ctx_(std::move(ctx)) {}

    /// The region this client signs for.
    std::string const& region_name() const noexcept { return ctx_->region; }
    /// Where requests go (endpoint_url, or the service's regional endpoint).
    http::url const& endpoint() const noexcept { return ctx_->endpoint; }
    service_info const& service() const noexcept { return ctx_->service; }
    client_context& context() const noexcept { return *ctx_; }
    executor_type get_executor() const noexcept { return ctx_->http.get_executor(); }

    /// A request to `path` (percent-encoded, relative to the endpoint's base
    /// path) with an optional encoded query string.
    STRATUS_DECL http::request make_request(std::string method, std::string_view path,
                                            std::string_view query = {}) const;

    /// Signs, sends and retries. A response with status >= 300 becomes a
    /// service error carrying the service's code, message and request id.
    STRATUS_DECL result<http::response> try_send(http::request req, invoke_params const& params = {}) const;
    /// Throwing form: service_error, transport_error or client_error.
    STRATUS_DECL http::response send(http::request req, invoke_params const& params = {}) const;
    /// error_code form; `ec` is cleared on success.
    STRATUS_DECL http::response send(http::request req, error_code& ec, invoke_params const& params = {}) const;

    /// Asynchronous form for any completion token. Completes with
    /// (error_code, response); for a service error the code is
    /// errc::service_error and the response holds the error document
    /// (make_service_error() reads it).
    template <boost::asio::completion_token_for<completion_signature> CompletionToken>
    auto async_send(http::request req, invoke_params params, CompletionToken&& token) const
    {
        return boost::asio::async_initiate<CompletionToken, completion_signature>(
            [ctx = ctx_](auto handler, http::request r, invoke_params p) {
                async_send_impl(ctx, std::move(r), std::move(p),
                                boost::asio::any_completion_handler<completion_signature>(std::move(handler)));
            },
            token, std::move(req), std::move(params));
    }

    template <boost::asio::completion_token_for<completion_signature> CompletionToken>
    auto async_send(http::request req, CompletionToken&& token) const
    {
        return async_send(std::move(req), invoke_params{}, std::forward<CompletionToken>(token));
    }

private:
    STRATUS_DECL static void async_send_impl(std::shared_ptr<client_context> ctx, http::request req,
                                             invoke_params params,
                                             boost::asio::any_completion_handler<completion_signature> handler);

    std::shared_ptr<client_context> ctx_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/client.ipp>
#endif

#endif
