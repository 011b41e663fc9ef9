#ifndef STRATUS_CORE_IMPL_HTTP_CLIENT_IPP
#define STRATUS_CORE_IMPL_HTTP_CLIENT_IPP

#include <stratus/core/detail/http_connection.hpp>
#include <stratus/core/http_client.hpp>
#include <stratus/detail/text.hpp>

#include <boost/asio/append.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::detail::http_core {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using http::client;
using http::client_config;
using http::request;
using http::response;
using http::send_options;

inline constexpr std::string_view user_agent = "stratus/0.1";

// What a client shares with every request it sends, synchronous or not.
class client_impl {
public:
    client_impl(net::any_io_executor ex, client_config cfg)
        : ex(std::move(ex)), cfg(std::move(cfg)), pool(this->cfg.max_pool_connections, true), id(next_id())
    {
    }

    net::any_io_executor const ex;
    client_config const cfg;
    connection_pool pool; // the asynchronous API's connections
    std::uint64_t const id;

    /// The TLS context, made on first use: plain-HTTP clients never pay for
    /// loading a CA store (aws-sdk-cpp's 132 ms startup is mostly that).
    result<std::shared_ptr<net::ssl::context>> tls_context()
    {
        std::call_once(tls_once_, [this] { make_tls_context(); });
        if (tls_error_) return tls_error_;
        return tls_;
    }

private:
    static std::uint64_t next_id() noexcept
    {
        static std::atomic<std::uint64_t> n{0};
        return ++n;
    }

    void make_tls_context()
    {
        auto ctx = std::make_shared<net::ssl::context>(net::ssl::context::tls_client);
        ctx->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                         net::ssl::context::no_sslv3 | net::ssl::context::no_compression);
        // AWS endpoints require TLS 1.2 or later.
        SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
        error_code ec;
        if (cfg.verify_tls) {
            ctx->set_verify_mode(net::ssl::verify_peer, ec);
            if (cfg.ca_bundle.empty()) {
                ctx->set_default_verify_paths(ec);
                if (ec) {
                    tls_error_ =
                        make_error(errc::invalid_config,
                                   "cannot load the system's trusted CA certificates: " + ec.message());
                    return;
                }
            } else {
                ctx->load_verify_file(cfg.ca_bundle, ec);
                if (ec) {
                    tls_error_ = make_error(errc::invalid_config,
                                            "ca_bundle '" + cfg.ca_bundle +
                                                "' cannot be loaded as PEM certificates: " + ec.message());
                    return;
                }
            }
        } else {
            ctx->set_verify_mode(net::ssl::verify_none, ec);
        }
        tls_ = std::move(ctx);
    }

    std::once_flag tls_once_;
    std::shared_ptr<net::ssl::context> tls_;
    error_info tls_error_;
};

inline bool is_ip_literal(std::string const& host)
{
    error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

// A failure of the connection itself, as opposed to a malformed message or a
// timeout: the kind a server produces when it closed a keep-alive connection.
inline bool is_connection_drop(error_code const& ec)
{
    return ec == net::error::eof || ec == bhttp::error::end_of_stream ||
           ec == bhttp::error::partial_message || ec == net::error::connection_reset ||
           ec == net::error::broken_pipe || ec == net::error::connection_aborted ||
           ec == net::ssl::error::stream_truncated || ec == net::error::not_connected ||
           ec == net::error::bad_descriptor;
}

inline bool is_token_char(char c)
{
    return detail::is_alnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Confirms a failed handshake is a verification failure and says why, in
// OpenSSL's words ("self-signed certificate", "hostname mismatch").
inline std::string describe_tls_failure(error_code const& ec, SSL* ssl)
{
    if (ec.category() == net::error::get_ssl_category() && ssl != nullptr) {
        long const v = SSL_get_verify_result(ssl);
        if (v != X509_V_OK)
            return std::string("certificate verify failed: ") + X509_verify_cert_error_string(v);
    }
    return ec.message();
}

// Wraps Asio's host name check so that a mismatch is recorded in the
// verification result, where describe_tls_failure finds it; by itself the
// callback only makes the handshake fail with no reason given.
struct verify_host {
    net::ssl::host_name_verification check;
    bool operator()(bool preverified, net::ssl::verify_context& ctx) const
    {
        bool const ok = check(preverified, ctx);
        if (preverified && !ok) X509_STORE_CTX_set_error(ctx.native_handle(), X509_V_ERR_HOSTNAME_MISMATCH);
        return ok;
    }
};

/// One request from start to finish: connect or reuse, send, read, return the
/// connection to its pool. A shared object rather than an async_compose chain
/// because some steps run two operations at once (the connect deadline beside
/// resolve/connect/handshake, the 100-continue timer beside the header read),
/// and a connect deadline must be able to finish the request while a name
/// lookup, which Asio cannot interrupt, is still running. Every handler runs
/// on op_ex_ (a strand for the asynchronous API), so no state here is shared
/// between threads.
class send_op : public std::enable_shared_from_this<send_op> {
public:
    send_op(std::shared_ptr<client_impl> client, net::any_io_executor op_ex, net::any_io_executor io_ex,
            connection_pool& pool, request const& req, send_options const& opts)
        : client_(std::move(client)), op_ex_(std::move(op_ex)), io_ex_(std::move(io_ex)), pool_(pool),
          req_(req), opts_(opts), cfg_(client_->cfg), timer_(op_ex_)
    {
    }
    send_op(send_op const&) = delete;
    send_op& operator=(send_op const&) = delete;
    virtual ~send_op() = default;

    /// Starts the request. Must run on op_ex_.
    void run()
    {
        if (auto e = prepare()) return finish(std::move(e));
        attempt();
    }

    /// Per-operation cancellation: stops whatever is pending.
    void abort() { fail(net::error::operation_aborted, "the request to " + where_ + " was cancelled"); }

    net::any_io_executor const& executor() const noexcept { return op_ex_; }

protected:
    virtual void deliver(error_info e, response r) = 0;

private:
    enum class phase {
        resolving,
        connecting,
        handshaking,
        sending,
        waiting_continue,
        awaiting_response,
        reading_body
    };

    template <class F>
    auto bind(F f)
    {
        // Constrained so that Asio's completion-signature checks see exactly
        // the signatures f accepts.
        return net::bind_executor(
            op_ex_, [ self = shared_from_this(), f = std::move(f) ](
                        auto&&... args) mutable requires std::invocable<F&, send_op&, decltype(args)...> {
                if (!self->done_) f(*self, std::forward<decltype(args)>(args)...);
            });
    }

    // ---- request head -------------------------------------------------------

    error_info prepare()
    {
        auto const& u = req_.url;
        if (u.scheme != "http" && u.scheme != "https")
            return make_error(errc::invalid_endpoint,
                              "URL scheme must be http or https, not '" + u.scheme + "'");
        if (u.host.empty()) return make_error(errc::invalid_endpoint, "URL has no host");
        tls_ = u.scheme == "https";
        auto const port = std::to_string(u.effective_port());
        where_ = (u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host) + ":" + port;
        key_ = u.scheme + "://" + where_;

        auto bad = [](std::string why) {
            return make_error(errc::invalid_parameter, "HTTP request: " + why);
        };
        if (req_.method.empty() || !std::all_of(req_.method.begin(), req_.method.end(), is_token_char))
            return bad("invalid method '" + req_.method + "'");
        auto const target = u.target();
        for (char c : target)
            if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
                return bad("whitespace or control character in the request target");
        head_.clear();
        head_.reserve(target.size() + 512);
        head_ += req_.method;
        head_ += ' ';
        head_ += target;
        head_ += " HTTP/1.1\r\n";

        if (req_.body_stream)
            body_size_ = req_.body_stream->size();
        else
            body_size_ = req_.body.size();

        bool has_host = false, has_agent = false, has_length = false, has_expect = false;
        for (auto const& [name, value] : req_.headers) {
            if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char))
                return bad("invalid header name '" + name + "'");
            for (char c : value)
                if (c == '\r' || c == '\n' || c == '\0')
                    return bad("header " + name + " contains CR, LF or NUL");
            using detail::iequals;
            // The core decides how the body is framed.
            if (iequals(name, "Transfer-Encoding")) continue;
            if (iequals(name, "Content-Length")) {
                std::uint64_t n = 0;
                auto const t = detail::trim(value);
                auto const [p, err] = std::from_chars(t.data(), t.data() + t.size(), n);
                if (err != std::errc{} || p != t.data() + t.size())
                    return bad("Content-Length '" + value + "' is not a number");
                if (has_length) return bad("more than one Content-Length header");
                // A signer may have covered the header, so it is never rewritten:
                // it must match, or it gives the size of an unsized stream.
                if (body_size_ && *body_size_ != n)
                    return bad("Content-Length is " + std::string(t) + " but the body has " +
                               std::to_string(*body_size_) + " bytes");
                body_size_ = n;
                has_length = true;
            }
            if (iequals(name, "Host")) has_host = true;
            if (iequals(name, "User-Agent")) has_agent = true;
            if (iequals(name, "Connection") && detail::to_lower(value).find("close") != std::string::npos)
                keep_alive_ = false;
            if (iequals(name, "Expect")) {
                has_expect = true;
                if (detail::iequals(detail::trim(value), "100-continue")) expect_continue_ = true;
            }
            append_field(name, value);
        }
        if (!has_host) {
            // Host goes first, where servers and proxies expect it.
            std::string host = "Host: " + u.authority() + "\r\n";
            head_.insert(head_.find("\r\n") + 2, host);
        }
        if (!has_length) {
            if (!body_size_)
                append_field("Transfer-Encoding", "chunked");
            else if (*body_size_ > 0 || req_.method == "POST" || req_.method == "PUT" ||
                     req_.method == "PATCH")
                append_field("Content-Length", std::to_string(*body_size_));
        }
        if (!has_agent) append_field("User-Agent", user_agent);
        bool const has_body = !body_size_ || *body_size_ > 0;
        // A stream of unknown size is assumed to be large: a refusal then costs
        // one round trip, not the whole upload.
        if (!has_expect && has_body && (!body_size_ || *body_size_ >= cfg_.expect_continue_threshold)) {
            append_field("Expect", "100-continue");
            expect_continue_ = true;
        }
        if (!has_body) expect_continue_ = false;
        head_ += "\r\n";
        return {};
    }

    void append_field(std::string_view name, std::string_view value)
    {
        head_ += name;
        head_ += ": ";
        head_ += value;
        head_ += "\r\n";
    }

    // ---- connecting ---------------------------------------------------------

    void attempt()
    {
        if (auto c = pool_.take(key_)) {
            conn_ = std::move(c);
            reused_ = true;
            return send_request();
        }
        connect();
    }

    void connect()
    {
        reused_ = false;
        std::shared_ptr<net::ssl::context> tls;
        if (tls_) {
            auto r = client_->tls_context();
            if (!r) return finish(r.error());
            tls = *r;
        }
        conn_ = std::make_unique<connection>(io_ex_, std::move(tls), key_);
        phase_ = phase::resolving;
        if (cfg_.connect_timeout.count() > 0)
            arm_timer(cfg_.connect_timeout,
                      [](send_op& op, std::uint64_t gen) { op.on_connect_deadline(gen); });

        error_code ec;
        auto const addr = net::ip::make_address(req_.url.host, ec);
        if (!ec) {
            endpoints_.assign(1, tcp::endpoint(addr, req_.url.effective_port()));
            return start_connect();
        }
        // Asio resolves names with getaddrinfo on a private thread of its own:
        // the only way to resolve without an unbounded blocking call. Literal
        // addresses (above) never start it.
        resolver_.emplace(op_ex_);
        resolver_->async_resolve(
            req_.url.host, std::to_string(req_.url.effective_port()), tcp::resolver::numeric_service,
            bind([](send_op& op, error_code ec, tcp::resolver::results_type results) {
                if (ec) return op.fail(ec, "resolving " + op.req_.url.host + ": " + ec.message());
                op.endpoints_.assign(results.begin(), results.end());
                op.start_connect();
            }));
    }

    void start_connect()
    {
        phase_ = phase::connecting;
        conn_->raw().tcp().async_connect(
            endpoints_, bind([](send_op& op, error_code ec, tcp::endpoint const&) { op.on_connected(ec); }));
    }

    void on_connected(error_code ec)
    {
        if (ec) return fail(ec, "connecting to " + where_ + ": " + ec.message());
        auto& s = conn_->socket();
        error_code ignored;
        // Requests go out as a head and a body: Nagle would hold the body back
        // until the head is acknowledged.
        s.set_option(tcp::no_delay(true), ignored);
        // Lets connection::idle_and_open peek without blocking. It changes only
        // synchronous calls; every read and write here is asynchronous.
        s.non_blocking(true, ignored);
        auto* tls = conn_->tls();
        if (!tls) return connected();
        phase_ = phase::handshaking;
        if (!is_ip_literal(req_.url.host))
            SSL_set_tlsext_host_name(tls->native_handle(), req_.url.host.c_str());
        if (cfg_.verify_tls)
            tls->set_verify_callback(verify_host{net::ssl::host_name_verification(req_.url.host)});
        tls->async_handshake(net::ssl::stream_base::client, bind([](send_op& op, error_code ec) {
                                 if (ec)
                                     return op.fail(
                                         make_error_code(errc::tls_error),
                                         "TLS handshake with " + op.where_ + " failed: " +
                                             describe_tls_failure(ec, op.conn_->tls()->native_handle()));
                                 op.connected();
                             }));
    }

    void on_connect_deadline(std::uint64_t gen)
    {
        if (gen != timer_gen_) return;
        std::string what = phase_ == phase::resolving     ? "resolving " + req_.url.host
                           : phase_ == phase::handshaking ? "TLS handshake with " + where_
                                                          : "connecting to " + where_;
        fail(make_error_code(errc::connect_timeout),
             what + ": no connection within " + std::to_string(cfg_.connect_timeout.count()) + " ms");
    }

    void connected()
    {
        cancel_timer();
        conn_->raw().idle_limit(cfg_.read_timeout);
        send_request();
    }

    // ---- sending ------------------------------------------------------------

    void send_request()
    {
        phase_ = phase::sending;
        body_sent_ = 0;
        body_received_ = 0;
        continue_timed_out_ = false;
        conn_->buffer().clear();
        conn_->raw().idle_limit(cfg_.read_timeout);
        new_parser();
        auto on_sent = [](send_op& op, error_code ec, std::size_t) {
            if (ec) return op.send_failed(ec);
            op.after_head();
        };
        if (!expect_continue_ && !req_.body_stream && !req_.body.empty()) {
            body_sent_ = req_.body.size();
            std::array<net::const_buffer, 2> const b{net::buffer(head_), net::buffer(req_.body)};
            return net::async_write(*conn_, b, bind([](send_op& op, error_code ec, std::size_t) {
                if (ec) return op.send_failed(ec);
                op.read_header();
            }));
        }
        net::async_write(*conn_, net::buffer(head_), bind(on_sent));
    }

    void after_head()
    {
        if (expect_continue_) return wait_continue();
        send_body();
    }

    void send_body()
    {
        phase_ = phase::sending;
        if (!req_.body_stream) {
            if (req_.body.empty()) return read_header();
            body_sent_ = req_.body.size();
            return net::async_write(*conn_, net::buffer(req_.body),
                                    bind([](send_op& op, error_code ec, std::size_t) {
                                        if (ec) return op.send_failed(ec);
                                        op.read_header();
                                    }));
        }
        send_next_piece();
    }

    void send_next_piece()
    {
        // Chunk framing goes around the data in the same write.
        constexpr std::size_t frame = 16;
        char* const buf = conn_->scratch();
        std::size_t want = connection::scratch_size - 2 * frame;
        if (body_size_) {
            auto const left = *body_size_ - body_sent_;
            if (left == 0) return read_header();
            want = static_cast<std::size_t>(std::min<std::uint64_t>(want, left));
        }
        error_code ec;
        std::size_t n = 0;
        guard_user_code([&] { n = req_.body_stream->read(std::span<char>(buf + frame, want), ec); });
        if (ec)
            return fail(ec, "reading the request body for " + where_ + " after " +
                                std::to_string(body_sent_) + " bytes: " + ec.message());
        n = std::min(n, want);
        if (n == 0) {
            if (body_size_)
                return fail(make_error_code(errc::invalid_parameter),
                            "HTTP request: the body_source ended after " + std::to_string(body_sent_) +
                                " of " + std::to_string(*body_size_) + " bytes");
            return net::async_write(*conn_, net::buffer("0\r\n\r\n", 5),
                                    bind([](send_op& op, error_code ec, std::size_t) {
                                        if (ec) return op.send_failed(ec);
                                        op.read_header();
                                    }));
        }
        body_sent_ += n;
        auto piece_sent = bind([](send_op& op, error_code ec, std::size_t) {
            if (ec) return op.send_failed(ec);
            op.send_next_piece();
        });
        if (body_size_) return net::async_write(*conn_, net::buffer(buf + frame, n), std::move(piece_sent));
        char size_line[frame];
        auto const r = std::to_chars(size_line, size_line + frame - 2, n, 16);
        auto const len = static_cast<std::size_t>(r.ptr - size_line);
        std::copy(size_line, size_line + len, buf + frame - len - 2);
        buf[frame - 2] = '\r';
        buf[frame - 1] = '\n';
        buf[frame + n] = '\r';
        buf[frame + n + 1] = '\n';
        net::async_write(*conn_, net::buffer(buf + frame - len - 2, len + 2 + n + 2), std::move(piece_sent));
    }

    void send_failed(error_code ec)
    {
        if (retry_stale(ec)) return;
        if (ec == beast::error::timeout)
            return fail(make_error_code(errc::read_timeout),
                        "sending the request to " + where_ + ": no progress for " +
                            std::to_string(cfg_.read_timeout.count()) + " ms");
        if (is_connection_drop(ec))
            return fail(make_error_code(errc::connection_closed), "connection closed by " + where_ +
                                                                      " while sending the request (" +
                                                                      ec.message() + ")" + stale_note_);
        fail(ec, "sending the request to " + where_ + ": " + ec.message());
    }

    // ---- 100-continue -------------------------------------------------------

    void wait_continue()
    {
        phase_ = phase::waiting_continue;
        arm_timer(cfg_.expect_continue_timeout, [](send_op& op, std::uint64_t gen) {
            if (gen != op.timer_gen_ || op.phase_ != phase::waiting_continue) return;
            // The server is taking its time, or ignores Expect: send anyway.
            // Cancelling the read loses nothing: the parser and the buffer
            // keep whatever part of a response has arrived.
            op.continue_timed_out_ = true;
            op.conn_->cancel();
        });
        bhttp::async_read_header(
            *conn_, conn_->buffer(), *parser_,
            bind([](send_op& op, error_code ec, std::size_t) { op.on_continue_header(ec); }));
    }

    void on_continue_header(error_code ec)
    {
        cancel_timer();
        if (ec == net::error::operation_aborted && continue_timed_out_) return send_body();
        if (ec) return read_failed(ec);
        auto const status = parser_->get().result_int();
        if (status == 100) {
            new_parser();
            return send_body();
        }
        if (status > 100 && status < 200 && status != 101) {
            new_parser();
            return wait_continue();
        }
        // A final answer before the body (403, 413, 417...): the server will
        // not read the body we announced, so this connection is done.
        keep_alive_ = false;
        header_done();
    }

    // ---- receiving ----------------------------------------------------------

    void new_parser()
    {
        parser_.emplace();
        // Buffered bodies are the caller's choice; Beast's 8 MB default would
        // fail a plain GetObject. The 8 KiB header limit stays.
        parser_->body_limit(boost::none);
        if (req_.method == "HEAD") parser_->skip(true);
    }

    void read_header()
    {
        phase_ = phase::awaiting_response;
        bhttp::async_read_header(*conn_, conn_->buffer(), *parser_,
                                 bind([](send_op& op, error_code ec, std::size_t) {
                                     if (ec) return op.read_failed(ec);
                                     auto const status = op.parser_->get().result_int();
                                     if (status >= 100 && status < 200 && status != 101) {
                                         op.new_parser();
                                         return op.read_header();
                                     }
                                     op.header_done();
                                 }));
    }

    void header_done()
    {
        auto const& msg = parser_->get();
        res_.status = msg.result_int();
        // After 101 the connection speaks another protocol.
        if (res_.status == 101) keep_alive_ = false;
        res_.reason = std::string(msg.reason());
        for (auto const& f : msg)
            res_.headers.add(std::string(f.name_string()), std::string(f.value()));
        if (auto const n = parser_->content_length()) content_length_ = *n;
        if (!opts_.on_body && content_length_)
            res_.body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(*content_length_, 64u << 20)));
        parser_->eager(true);
        read_body();
    }

    void read_body()
    {
        phase_ = phase::reading_body;
        if (parser_->is_done()) return response_done();
        auto& b = parser_->get().body();
        b.data = conn_->scratch();
        b.size = connection::scratch_size;
        bhttp::async_read(*conn_, conn_->buffer(), *parser_,
                          bind([](send_op& op, error_code ec, std::size_t) { op.on_body_read(ec); }));
    }

    void on_body_read(error_code ec)
    {
        if (ec == bhttp::error::need_buffer) ec = {};
        // A TLS peer that ends a read-until-close body without close_notify.
        if (ec == net::ssl::error::stream_truncated && parser_->need_eof()) parser_->put_eof(ec);
        auto const n = connection::scratch_size - parser_->get().body().size;
        if (n > 0) {
            body_received_ += n;
            std::string_view const piece(conn_->scratch(), n);
            if (opts_.on_body) {
                error_code sink_ec;
                guard_user_code([&] { opts_.on_body(piece, sink_ec); });
                if (sink_ec)
                    return fail(sink_ec, "the response body sink stopped the transfer from " + where_ +
                                             " after " + std::to_string(body_received_) +
                                             " bytes: " + sink_ec.message());
            } else {
                res_.body.append(piece);
            }
        }
        if (ec) return read_failed(ec);
        if (!parser_->is_done()) return read_body();
        response_done();
    }

    void read_failed(error_code ec)
    {
        bool const nothing = !parser_->got_some() && conn_->buffer().size() == 0;
        if (nothing && ec == net::ssl::error::stream_truncated) ec = bhttp::error::end_of_stream;
        if (nothing && retry_stale(ec)) return;
        if (ec == beast::error::timeout) {
            std::string what = phase_ == phase::reading_body
                                   ? "reading the response body from " + where_ + " (" +
                                         std::to_string(body_received_) + " bytes received)"
                                   : "waiting for the response from " + where_;
            return fail(make_error_code(errc::read_timeout),
                        what + ": no data for " + std::to_string(cfg_.read_timeout.count()) + " ms");
        }
        if (is_connection_drop(ec)) {
            std::string what;
            if (phase_ != phase::reading_body)
                what = nothing ? "before sending a response" : "in the middle of the response header";
            else if (content_length_)
                what = "after " + std::to_string(body_received_) + " of " + std::to_string(*content_length_) +
                       " body bytes";
            else if (parser_->chunked())
                what = "after " + std::to_string(body_received_) + " body bytes, before the last chunk";
            else
                what = "after " + std::to_string(body_received_) + " body bytes";
            return fail(make_error_code(errc::connection_closed), "connection closed by " + where_ + " " +
                                                                      what + " (" + ec.message() + ")" +
                                                                      stale_note_);
        }
        if (ec.category() == bhttp::make_error_code(bhttp::error::need_more).category())
            return fail(make_error_code(errc::invalid_response),
                        "invalid HTTP response from " + where_ + ": " + ec.message());
        fail(ec, "reading the response from " + where_ + ": " + ec.message());
    }

    void response_done()
    {
        bool const reusable = keep_alive_ && parser_->keep_alive() && !parser_->need_eof() &&
                              conn_->buffer().size() == 0 && cfg_.max_pool_connections > 0;
        cancel_timer();
        if (reusable)
            pool_.put(std::move(conn_));
        else
            conn_->close();
        finish({}, std::move(res_));
    }

    // ---- the stale keep-alive connection ------------------------------------

    // A reused connection that fails before any byte of the response arrived
    // was most likely closed by the server while it sat in the pool (its idle
    // timeout raced our request). One fresh attempt is safe if the body can be
    // sent again; other pooled connections may be just as stale, so the retry
    // always connects anew.
    bool retry_stale(error_code const& ec)
    {
        if (!reused_ || retried_ || !is_connection_drop(ec)) return false;
        if (!req_.rewind_body()) {
            stale_note_ =
                "; the kept-alive connection was probably closed while idle, and the request was not "
                "retried because its body cannot be rewound";
            return false;
        }
        retried_ = true;
        conn_->close();
        conn_.reset();
        connect();
        return true;
    }

    // ---- timers, completion -------------------------------------------------

    template <class F>
    void arm_timer(std::chrono::milliseconds d, F f)
    {
        auto const gen = ++timer_gen_;
        timer_.expires_after(d);
        timer_.async_wait(bind([f, gen](send_op& op, error_code ec) {
            if (!ec) f(op, gen);
        }));
    }

    void cancel_timer()
    {
        ++timer_gen_;
        timer_.cancel();
    }

    // User code (body_source, body_sink) may throw. The exception leaves
    // through the io_context's run(), as from any handler, and this request
    // is over: nothing may touch the half-used connection again.
    template <class F>
    void guard_user_code(F&& f)
    {
        try {
            f();
        } catch (...) {
            done_ = true;
            cancel_timer();
            if (conn_) conn_->close();
            throw;
        }
    }

    void fail(error_code ec, std::string message) { finish(make_error(ec, std::move(message))); }

    void finish(error_info e, response r = {})
    {
        if (done_) return;
        done_ = true;
        cancel_timer();
        if (resolver_) resolver_->cancel();
        // Pending operations still refer to the connection: close it, keep the
        // object until their handlers have run.
        if (e && conn_) conn_->close();
        deliver(std::move(e), std::move(r));
    }

    std::shared_ptr<client_impl> client_;
    net::any_io_executor op_ex_;
    net::any_io_executor io_ex_;
    connection_pool& pool_;
    request const& req_;
    send_options const& opts_;
    client_config const& cfg_;

    std::string where_; // host:port, for messages
    std::string key_;   // the pool's key
    std::string head_;
    std::optional<std::uint64_t> body_size_;
    bool tls_ = false;
    bool keep_alive_ = true;
    bool expect_continue_ = false;
    bool continue_timed_out_ = false;
    bool reused_ = false;
    bool retried_ = false;
    bool done_ = false;
    std::string stale_note_;
    phase phase_ = phase::resolving;

    std::unique_ptr<connection> conn_;
    std::optional<tcp::resolver> resolver_;
    std::vector<tcp::endpoint> endpoints_;
    net::steady_timer timer_;
    std::uint64_t timer_gen_ = 0;

    std::optional<bhttp::response_parser<bhttp::buffer_body>> parser_;
    std::optional<std::uint64_t> content_length_;
    std::uint64_t body_sent_ = 0;
    std::uint64_t body_received_ = 0;
    response res_;
};

// The request and options of an asynchronous send live in the operation; a
// base class so that they are constructed before send_op refers to them.
struct owned_request {
    request req;
    send_options opts;
};

class async_send_op final : private owned_request, public send_op {
public:
    using handler_type = net::any_completion_handler<client::completion_signature>;

    async_send_op(std::shared_ptr<client_impl> const& c, request req, send_options opts, handler_type handler)
        : owned_request{std::move(req), std::move(opts)},
          send_op(c, net::make_strand(c->ex), c->ex, c->pool, owned_request::req, owned_request::opts),
          handler_(std::move(handler)), client_ex_(c->ex),
          work_(net::prefer(net::get_associated_executor(handler_, client_ex_),
                            net::execution::outstanding_work.tracked))
    {
    }

    void start()
    {
        auto slot = net::get_associated_cancellation_slot(handler_);
        if (slot.is_connected()) slot.template emplace<cancel_handler>(weak_from_this(), executor());
        // Never complete inside the initiating function: every step runs as a
        // handler on the operation's strand.
        net::post(executor(), [self = shared_from_this()] { self->run(); });
    }

private:
    struct cancel_handler {
        cancel_handler(std::weak_ptr<send_op> op, net::any_io_executor ex)
            : op(std::move(op)), ex(std::move(ex))
        {
        }
        std::weak_ptr<send_op> op;
        net::any_io_executor ex;
        void operator()(net::cancellation_type type)
        {
            using ct = net::cancellation_type;
            if ((type & (ct::terminal | ct::partial | ct::total)) == ct::none) return;
            net::dispatch(ex, [op = op] {
                if (auto s = op.lock()) s->abort();
            });
        }
    };

    void deliver(error_info e, response r) override
    {
        auto slot = net::get_associated_cancellation_slot(handler_);
        if (slot.is_connected()) slot.clear();
        auto const ex = net::get_associated_executor(handler_, client_ex_);
        net::dispatch(ex, net::append(std::move(handler_), e.code, std::move(r)));
        work_ = net::any_completion_executor();
    }

    handler_type handler_;
    net::any_io_executor client_ex_;
    net::any_completion_executor work_; // keeps the handler's executor from running out of work
};

struct sync_outcome {
    bool done = false;
    error_info error;
    response res;
};

class sync_send_op final : public send_op {
public:
    sync_send_op(std::shared_ptr<client_impl> const& c, net::any_io_executor ex, connection_pool& pool,
                 request const& req, send_options const& opts, sync_outcome& out)
        : send_op(c, ex, ex, pool, req, opts), out_(out)
    {
    }

private:
    void deliver(error_info e, response r) override
    {
        out_.error = std::move(e);
        out_.res = std::move(r);
        out_.done = true;
    }

    sync_outcome& out_;
};

// The synchronous API runs the asynchronous machinery on an io_context of the
// calling thread: no thread is started, no lock is taken on the way, and the
// connections this thread opened stay with it, each in the pool of the client
// that opened it (so clients with different TLS settings never share one).
// A send made from inside a body_source or sink of another send gets the next
// context of the stack: io_context::run must not be re-entered.
struct sync_context {
    net::io_context ioc{1}; // declared first: destroyed after the sockets below

    struct slot {
        std::uint64_t client_id;
        std::weak_ptr<client_impl> owner;
        std::unique_ptr<connection_pool> pool;
    };
    std::vector<slot> pools;

    connection_pool& pool_for(std::shared_ptr<client_impl> const& c)
    {
        // Connections of destroyed clients are dropped the next time this
        // thread sends anything.
        std::erase_if(pools, [](slot const& s) { return s.owner.expired(); });
        for (auto& s : pools)
            if (s.client_id == c->id) return *s.pool;
        pools.push_back({c->id, c, std::make_unique<connection_pool>(c->cfg.max_pool_connections, false)});
        return *pools.back().pool;
    }
};

struct sync_stack {
    std::vector<std::unique_ptr<sync_context>> contexts;
    std::size_t depth = 0;
};

inline sync_stack& this_thread_sync_stack()
{
    thread_local sync_stack s;
    return s;
}

} // namespace stratus::detail::http_core

namespace stratus::http {

STRATUS_DECL client::client(executor_type ex, client_config cfg)
    : ex_(std::move(ex)), cfg_(std::move(cfg)),
      impl_(std::make_shared<detail::http_core::client_impl>(ex_, cfg_))
{
}

STRATUS_DECL client::~client()
{
    impl_->pool.clear(true);
}

STRATUS_DECL void client::close_idle()
{
    impl_->pool.clear();
}

STRATUS_DECL void client::async_send_impl(request req, send_options opts,
                                          boost::asio::any_completion_handler<completion_signature> handler)
{
    auto op = std::make_shared<detail::http_core::async_send_op>(impl_, std::move(req), std::move(opts),
                                                                 std::move(handler));
    op->start();
}

STRATUS_DECL result<response> client::try_send(request const& req, send_options const& opts)
{
    auto& stack = detail::http_core::this_thread_sync_stack();
    if (stack.depth == stack.contexts.size())
        stack.contexts.push_back(std::make_unique<detail::http_core::sync_context>());
    auto& ctx = *stack.contexts[stack.depth];
    struct depth_guard {
        std::size_t& d;
        explicit depth_guard(std::size_t& d) : d(d) { ++d; }
        ~depth_guard() { --d; }
        depth_guard(depth_guard const&) = delete;
        depth_guard& operator=(depth_guard const&) = delete;
    } guard(stack.depth);

    detail::http_core::sync_outcome out;
    auto op = std::make_shared<detail::http_core::sync_send_op>(impl_, ctx.ioc.get_executor(),
                                                                ctx.pool_for(impl_), req, opts, out);
    ctx.ioc.restart();
    op->run();
    while (!out.done) {
        if (ctx.ioc.run_one() == 0 && !out.done)
            return make_error(make_error_code(boost::system::errc::state_not_recoverable),
                              "internal error: the request to " + req.url.authority() + " stalled");
    }
    if (out.error) return std::move(out.error);
    return std::move(out.res);
}

STRATUS_DECL response client::send(request const& req, error_code& ec, send_options const& opts)
{
    auto r = try_send(req, opts);
    if (r) {
        ec = {};
        return std::move(*r);
    }
    ec = r.error().code;
    return {};
}

STRATUS_DECL response client::send(request const& req, send_options const& opts)
{
    auto r = try_send(req, opts);
    if (!r) throw_error(r.error());
    return std::move(*r);
}

} // namespace stratus::http

#endif
