// In-process HTTP/1.1 servers for the HTTP core's tests, on 127.0.0.1 and a
// port the kernel picks. Each accepted connection runs a test-supplied handler
// on its own thread, with blocking-style calls over raw sockets, so a handler
// can misbehave on purpose: stall, close mid-body, send garbage. Every wait is
// bounded (a broken client fails its test instead of hanging it).
#ifndef STRATUS_TEST_SUPPORT_HTTP_FIXTURE_HPP
#define STRATUS_TEST_SUPPORT_HTTP_FIXTURE_HPP

#include <stratus/core/http_message.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::test {

/// A self-signed certificate and its key, made at run time with the OpenSSL
/// API; nothing secret is ever committed.
struct tls_identity {
    /// subject_alt_names as OpenSSL writes them: "IP:127.0.0.1,DNS:localhost".
    explicit tls_identity(std::string const& subject_alt_names);
    ~tls_identity();
    tls_identity(tls_identity const&) = delete;
    tls_identity& operator=(tls_identity const&) = delete;

    std::string cert_pem;
    std::string key_pem;
    std::string cert_file; ///< cert_pem in a temporary file, for client_config::ca_bundle
};

struct request_head {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers; ///< as received, in order
    std::optional<std::string> get(std::string_view name) const;
};

/// Thrown by the fixture when a read or write it needed fails.
struct fixture_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class fixture_server;

/// One accepted connection, seen from the server.
class fixture_connection {
public:
    struct impl;
    explicit fixture_connection(std::unique_ptr<impl> p);
    ~fixture_connection();

    /// 1 for the first connection the server accepted, 2 for the next...
    int index() const;
    /// The next request head; nullopt if the peer closed (or stayed silent for
    /// the wait) before one arrived.
    std::optional<request_head> read_head(std::chrono::milliseconds wait = std::chrono::seconds(10));
    /// The body the head announces (Content-Length or chunked).
    std::string read_body(request_head const& h);
    /// Exactly n bytes, or fixture_error.
    std::string read_exact(std::size_t n);
    /// Whatever arrives within wait (possibly nothing).
    std::string read_for(std::chrono::milliseconds wait);
    /// True when the peer closes within wait without sending anything more.
    bool closed_by_peer(std::chrono::milliseconds wait);
    void write(std::string_view data);
    void close();

private:
    std::unique_ptr<impl> p_;
};

class fixture_server {
public:
    using handler = std::function<void(fixture_connection&)>;

    /// Plain HTTP; with id, every connection does a TLS handshake first.
    explicit fixture_server(handler h, tls_identity const* id = nullptr);
    ~fixture_server();
    fixture_server(fixture_server const&) = delete;
    fixture_server& operator=(fixture_server const&) = delete;

    std::uint16_t port() const;
    /// "http://127.0.0.1:PORT" + path (https with a TLS identity).
    std::string url(std::string_view path = "/") const;
    /// Connections accepted so far.
    int connections() const;

    struct impl;

private:
    std::shared_ptr<impl> p_;
};

/// "HTTP/1.1 <status> <reason>\r\n" + headers + Content-Length + body.
std::string make_response(int status, std::string_view body = {},
                          std::vector<std::pair<std::string, std::string>> const& headers = {});

/// A port that was bound on 127.0.0.1 and closed again: nothing listens there.
std::uint16_t closed_port();

/// A handler that answers every request of a keep-alive connection with 200
/// and the body `respond` makes from the request head.
std::function<void(fixture_connection&)> serve_all(std::function<std::string(request_head const&)> respond);

/// A GET request for an absolute URL.
http::request get_request(std::string const& url);

} // namespace stratus::test

#endif
