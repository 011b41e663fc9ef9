#ifndef STRATUS_IMPL_LOGGING_IPP
#define STRATUS_IMPL_LOGGING_IPP

#include <stratus/detail/text.hpp>
#include <stratus/logging.hpp>

namespace stratus {

STRATUS_DECL std::string_view to_string(log_level l) noexcept
{
    switch (l) {
    case log_level::trace: return "trace";
    case log_level::debug: return "debug";
    case log_level::info: return "info";
    case log_level::warn: return "warn";
    case log_level::error: return "error";
    case log_level::off: return "off";
    }
    return "?";
}

STRATUS_DECL std::string redact_header(std::string_view name, std::string_view value)
{
    if (detail::iequals(name, "authorization")) {
        // "AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=..., Signature=hex":
        // everything but the signature helps debug SignatureDoesNotMatch.
        auto const sig = value.find("Signature=");
        if (sig == std::string_view::npos) return "***";
        return std::string(value.substr(0, sig)) + "Signature=***";
    }
    auto const lower = detail::to_lower(name);
    if (lower == "x-amz-security-token" || lower == "x-amz-server-side-encryption-customer-key" ||
        lower == "x-amz-copy-source-server-side-encryption-customer-key" || lower == "cookie" ||
        lower == "set-cookie" || lower == "x-aws-ec2-metadata-token" || lower.find("secret") != std::string::npos ||
        lower.find("password") != std::string::npos)
        return "***";
    return std::string(value);
}

namespace detail {

inline void append_headers(std::string& out, http::fields const& f)
{
    for (auto const& [n, v] : f) {
        out += '\n';
        out += n;
        out += ": ";
        out += redact_header(n, v);
    }
}

} // namespace detail

STRATUS_DECL std::string describe_request(http::request const& req)
{
    std::string out = req.method + ' ' + req.url.scheme + "://" + req.url.authority() + req.url.path;
    // Presigned URLs carry the signature and token in the query.
    if (!req.url.query.empty())
        out += req.url.query.find("X-Amz-Signature") != std::string::npos ||
                       req.url.query.find("X-Amz-Security-Token") != std::string::npos
                   ? "?***"
                   : '?' + req.url.query;
    detail::append_headers(out, req.headers);
    return out;
}

STRATUS_DECL std::string describe_response(http::response const& res)
{
    std::string out = "HTTP " + std::to_string(res.status) + ' ' + res.reason;
    detail::append_headers(out, res.headers);
    return out;
}

} // namespace stratus

#endif
