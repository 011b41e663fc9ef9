// The HTTP/1.1 core: keep-alive connection pools per host, TLS through
// OpenSSL, timeouts, 100-continue, streamed bodies. The public header needs
// only Asio's completion-token machinery; Beast and OpenSSL stay in the .ipp.
#ifndef STRATUS_CORE_HTTP_CLIENT_HPP
#define STRATUS_CORE_HTTP_CLIENT_HPP

#include <stratus/detail/config.hpp>
#include <stratus/core/http_message.hpp>
#include <stratus/error.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace stratus::http {

/// Transport settings, botocore's names and defaults where it has them.
struct client_config {
    std::chrono::milliseconds connect_timeout{60'000}; ///< botocore connect_timeout
    std::chrono::milliseconds read_timeout{60'000};    ///< botocore read_timeout: longest silence while reading
    std::size_t max_pool_connections = 10;             ///< idle keep-alive connections kept per host
    bool verify_tls = true;                            ///< certificate and host name verification
    std::string ca_bundle;                             ///< PEM file of trusted CAs; empty: the system store
    /// Bodies at least this large are sent with "Expect: 100-continue", so a
    /// request the server refuses does not upload its whole body first.
    std::uint64_t expect_continue_threshold = 1024 * 1024;
    /// How long to wait for "100 Continue" before sending the body anyway.
    std::chrono::milliseconds expect_continue_timeout{1'000};
};

/// Per-request options.
struct send_options {
    /// When set, the response body is handed over piece by piece and
    /// response::body stays empty.
    body_sink on_body;
};

namespace detail {
class client_impl;
}

/// Sends requests and returns responses. A 4xx or 5xx answer is a response,
/// not an error: errors are transport failures only (refused, TLS, timeouts,
/// a peer that closes early), with codes from stratus::errc where stratus can
/// say more than the socket layer did.
///
/// Thread safety: the synchronous send() may be called from many threads at
/// once; each calling thread uses its own connections and runs its own I/O,
/// so no thread is started behind the caller's back. The asynchronous
/// functions run on the executor given at construction.
class client {
public:
    using executor_type = boost::asio::any_io_executor;
    using completion_signature = void(error_code, response);

    STRATUS_DECL explicit client(executor_type ex, client_config cfg = {});
    STRATUS_DECL ~client();
    client(client const&) = delete;
    client& operator=(client const&) = delete;

    executor_type get_executor() const noexcept { return ex_; }
    client_config const& config() const noexcept { return cfg_; }

    /// Blocking send. On failure ec is set and the response is empty.
    STRATUS_DECL response send(request const& req, error_code& ec, send_options const& opts = {});
    /// Blocking send that reports failures as error_info (what, where).
    STRATUS_DECL result<response> try_send(request const& req, send_options const& opts = {});
    /// Blocking send that throws transport_error.
    STRATUS_DECL response send(request const& req, send_options const& opts = {});

    /// Asynchronous send, for any Asio completion token (callback, use_future,
    /// use_awaitable, deferred). The request is moved into the operation.
    template <boost::asio::completion_token_for<completion_signature> CompletionToken>
    auto async_send(request req, send_options opts, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, completion_signature>(
            [this](auto handler, request r, send_options o) {
                async_send_impl(std::move(r), std::move(o),
                                boost::asio::any_completion_handler<completion_signature>(std::move(handler)));
            },
            token, std::move(req), std::move(opts));
    }

    template <boost::asio::completion_token_for<completion_signature> CompletionToken>
    auto async_send(request req, CompletionToken&& token)
    {
        return async_send(std::move(req), send_options{}, std::forward<CompletionToken>(token));
    }

    /// Closes every idle pooled connection of the asynchronous pool.
    STRATUS_DECL void close_idle();

private:
    // The type-erased core every async_send instantiation calls (STYLE.md §5.3).
    STRATUS_DECL void async_send_impl(request req, send_options opts,
                                      boost::asio::any_completion_handler<completion_signature> handler);

    executor_type ex_;
    client_config cfg_;
    std::shared_ptr<detail::client_impl> impl_;
};

} // namespace stratus::http

#ifdef STRATUS_HEADER_ONLY
#include <stratus/core/impl/http_client.ipp>
#endif

#endif
