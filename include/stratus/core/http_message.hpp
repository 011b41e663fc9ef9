// The HTTP request and response values that flow through the pipeline:
// serializer -> endpoint -> signer -> HTTP core -> parser. Plain data, no I/O,
// so the signer and the protocol engines need not see Beast.
#ifndef STRATUS_CORE_HTTP_MESSAGE_HPP
#define STRATUS_CORE_HTTP_MESSAGE_HPP

#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stratus::http {

/// Header fields in the order they were added; names keep their case.
/// Lookups are case-insensitive, as HTTP requires.
class fields {
public:
    using value_type = std::pair<std::string, std::string>;
    using const_iterator = std::vector<value_type>::const_iterator;

    /// Appends a field (a repeated name is allowed, as on the wire).
    void add(std::string name, std::string value) { v_.emplace_back(std::move(name), std::move(value)); }
    /// Replaces every field of that name with one field.
    STRATUS_DECL void set(std::string_view name, std::string value);
    STRATUS_DECL void erase(std::string_view name);
    /// The first field of that name, if any.
    STRATUS_DECL std::optional<std::string_view> get(std::string_view name) const;
    bool contains(std::string_view name) const { return get(name).has_value(); }

    const_iterator begin() const noexcept { return v_.begin(); }
    const_iterator end() const noexcept { return v_.end(); }
    std::size_t size() const noexcept { return v_.size(); }
    bool empty() const noexcept { return v_.empty(); }
    void clear() noexcept { v_.clear(); }

private:
    std::vector<value_type> v_{};
};

/// A request body read piece by piece, so large uploads never sit in memory.
class body_source {
public:
    virtual ~body_source() = default;
    /// Total length if known in advance (sent as Content-Length), otherwise the
    /// body goes out with chunked transfer encoding.
    virtual std::optional<std::uint64_t> size() const = 0;
    /// Fills up to buf.size() bytes; returns 0 at the end of the body.
    virtual std::size_t read(std::span<char> buf, error_code& ec) = 0;
    /// Starts over from the first byte, for a retry or a redirect. Returns
    /// false when that is impossible (a pipe, a socket): such a request is then
    /// never resent.
    virtual bool rewind() = 0;
};

/// Where a response body goes when it must not be buffered whole. Called once
/// per piece as it arrives; setting ec aborts the transfer.
using body_sink = std::function<void(std::string_view piece, error_code& ec)>;

/// An absolute http or https URL, split as the HTTP core needs it.
struct url {
    std::string scheme = "https"; ///< "http" or "https"
    std::string host{};             ///< without brackets for IPv6
    std::uint16_t port = 0;       ///< 0: the scheme's default
    std::string path = "/";       ///< percent-encoded, starts with '/'
    std::string query{};            ///< percent-encoded, without the '?'

    std::uint16_t effective_port() const noexcept { return port ? port : (scheme == "https" ? 443 : 80); }
    bool default_port() const noexcept { return port == 0 || port == (scheme == "https" ? 443 : 80); }
    /// host[:port] as the Host header carries it (the port only when not the default).
    STRATUS_DECL std::string authority() const;
    /// path[?query]
    STRATUS_DECL std::string target() const;
    STRATUS_DECL std::string to_string() const;
};

/// Parses an absolute http(s) URL. Errors carry errc::invalid_endpoint and say
/// what is wrong with which part.
STRATUS_DECL result<url> parse_url(std::string_view text);

struct request {
    std::string method = "GET";
    http::url url{};
    http::fields headers{};
    /// In-memory body; ignored when body_stream is set.
    std::string body{};
    /// Streamed body; must outlive the call.
    std::shared_ptr<body_source> body_stream{};

    /// Prepares the body to be sent again from its first byte; false when it
    /// cannot be (a retry never resends such a request).
    bool rewind_body() const { return !body_stream || body_stream->rewind(); }
};

struct response {
    unsigned status = 0;
    std::string reason{};
    http::fields headers{};
    /// The whole body, unless the request asked for a body_sink.
    std::string body{};
};

} // namespace stratus::http

#ifdef STRATUS_HEADER_ONLY
#include <stratus/core/impl/http_message.ipp>
#endif

#endif
