// The logging hook: off by default, a user-supplied sink with levels. Wire
// logs pass through redact() so credentials never reach a sink.
#ifndef STRATUS_LOGGING_HPP
#define STRATUS_LOGGING_HPP

#include <stratus/core/http_message.hpp>
#include <stratus/detail/config.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace stratus {

enum class log_level { trace, debug, info, warn, error, off };

STRATUS_DECL std::string_view to_string(log_level l) noexcept;

/// A sink receives one finished message per call, possibly from several
/// threads at once. `trace` carries the wire (request and response headers).
struct logger {
    log_level level = log_level::off;
    std::function<void(log_level, std::string_view)> sink;

    bool enabled(log_level l) const noexcept { return sink && l >= level && level != log_level::off; }
    void log(log_level l, std::string_view msg) const
    {
        if (enabled(l)) sink(l, msg);
    }
};

/// A header value as it may be logged: Authorization keeps its credential
/// scope and signed headers but not the signature; tokens, SSE-C keys and
/// other secrets become "***".
STRATUS_DECL std::string redact_header(std::string_view name, std::string_view value);

/// The request line and headers, redacted, for wire logging (bodies are not logged).
STRATUS_DECL std::string describe_request(http::request const& req);
STRATUS_DECL std::string describe_response(http::response const& res);

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/impl/logging.ipp>
#endif

#endif
