// The HTTP/1.1 core: keep-alive connection pools per host, TLS through
// OpenSSL, timeouts, 100-continue, streamed bodies. The public header needs
// only Asio's completion-token machinery; Beast and OpenSSL stay in the .ipp.
#ifndef STRATUS_CORE_HTTP_CLIENT_HPP
#define STRATUS_CORE_HTTP_CLIENT_HPP

#include <stratus/core/http_message.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace stratus::detail::http_core {
class client_impl;
}

namespace stratus::http {

/// Transport settings, botocore's names and defaults where it has them.
struct client_config {
    /// botocore connect_timeout: name lookup, TCP connect and TLS handshake
    /// together. Zero: no limit.
    std::chrono::milliseconds connect_timeout{60'000};
    /// botocore read_timeout: the longest silence while waiting for or reading
    /// the response (and the longest stall while sending the request), not a
    /// limit on the whole transfer. Zero: no limit.
    std::chrono::milliseconds read_timeout{60'000};
    std::size_t max_pool_connections = 10; ///< idle keep-alive connections kept per host
    bool verify_tls = true;                ///< certificate and host name verification
    std::string ca_bundle{};               ///< PEM file of trusted CAs; empty: the system store
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

/// Sends requests and returns responses over HTTP/1.1 keep-alive connections,
/// pooled per (scheme, host, port). A 4xx or 5xx answer is a response, not an
/// error: errors are transport failures only (refused, TLS, timeouts, a peer
/// that closes early, malformed HTTP), with codes from stratus::errc where
/// stratus can say more than the socket layer did. A kept-alive connection
/// that the server closed while idle is detected, and the request is sent once
/// more on a fresh connection if its body can be rewound.
///
/// The core sets Host, Content-Length (or chunked framing for a body_source of
/// unknown size), User-Agent when absent, and "Expect: 100-continue" for bodies
/// of at least client_config::expect_continue_threshold bytes (and for streams
/// of unknown size); every other header goes out as given, in order and case.
///
/// Thread safety: the synchronous functions may be called from many threads at
/// once; each calling thread runs its own I/O and keeps its own connections, so
/// no thread is started behind the caller's back. The asynchronous functions
/// run on the executor given at construction, which must outlive the client.
///
/// @code
/// http::client c(ioc.get_executor());
/// http::request req;
/// req.url = http::parse_url("http://127.0.0.1:9000/bucket/key").value();
/// auto r = c.try_send(req);          // result<response>
/// if (!r) std::cerr << r.error().to_string() << '\n';
/// c.async_send(req, [](error_code ec, http::response res) { ... });
/// @endcode
class client {
public:
    using executor_type = boost::asio::any_io_executor;
    using completion_signature = void(error_code, response);

    STRATUS_DECL explicit client(executor_type ex, client_config cfg = {});
    /// Closes the idle connections of the asynchronous pool; requests still in
    /// flight finish normally.
    STRATUS_DECL ~client();
    client(client const&) = delete;
    client& operator=(client const&) = delete;

    executor_type get_executor() const noexcept { return ex_; }
    client_config const& config() const noexcept { return cfg_; }

    /// Sends a request and waits for the whole response (or, with
    /// send_options::on_body, until the body has been handed over).
    /// @param req    the request; a body_stream is read from its current position
    /// @param ec     set on failure (the response is then empty), cleared on success
    /// @param opts   per-request options
    /// @return the response, any status
    /// @throws transport_error (throwing overload) for transport failures;
    ///         client_error for an invalid request or an unloadable ca_bundle
    STRATUS_DECL response send(request const& req, error_code& ec, send_options const& opts = {});
    /// As send(), reporting failures as error_info: what failed, where (host:port)
    /// and in which phase (resolving, connecting, TLS, sending, reading).
    STRATUS_DECL result<response> try_send(request const& req, send_options const& opts = {});
    STRATUS_DECL response send(request const& req, send_options const& opts = {});

    /// Asynchronous send, for any Asio completion token (callback, use_future,
    /// use_awaitable, deferred). The request is moved into the operation.
    /// Completion runs on the handler's associated executor (the client's
    /// executor by default); work is tracked on it while the request is in
    /// flight. A cancellation through the handler's associated cancellation
    /// slot (terminal, partial or total) closes the connection and completes
    /// with boost::asio::error::operation_aborted. Failures carry only the
    /// error_code here; try_send() has the full error_info.
    /// There is no default token: with Boost 1.81 the default for
    /// any_io_executor would be void.
    template <boost::asio::completion_token_for<completion_signature> CompletionToken>
    auto async_send(request req, send_options opts, CompletionToken&& token)
    {
        return boost::asio::async_initiate<CompletionToken, completion_signature>(
            [this](auto handler, request r, send_options o) {
                async_send_impl(
                    std::move(r), std::move(o),
                    boost::asio::any_completion_handler<completion_signature>(std::move(handler)));
            },
            token, std::move(req), std::move(opts));
    }

    template <boost::asio::completion_token_for<completion_signature> CompletionToken>
    auto async_send(request req, CompletionToken&& token)
    {
        return async_send(std::move(req), send_options{}, std::forward<CompletionToken>(token));
    }

    /// Closes every idle pooled connection of the asynchronous pool. The
    /// synchronous API's connections belong to the threads that opened them:
    /// they close when their thread ends, or when it next sends anything after
    /// the client is gone.
    STRATUS_DECL void close_idle();

private:
    // The type-erased core every async_send instantiation calls (STYLE.md §5.3).
    STRATUS_DECL void async_send_impl(request req, send_options opts,
                                      boost::asio::any_completion_handler<completion_signature> handler);

    executor_type ex_;
    client_config cfg_;
    std::shared_ptr<stratus::detail::http_core::client_impl> impl_{};
};

} // namespace stratus::http

#ifdef STRATUS_HEADER_ONLY
#include <stratus/core/impl/http_client.ipp>
#endif

#endif
