#ifndef STRATUS_CORE_IMPL_ERROR_RESPONSE_IPP
#define STRATUS_CORE_IMPL_ERROR_RESPONSE_IPP

#include <stratus/core/error_response.hpp>
#include <stratus/detail/text.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace stratus {
namespace detail {

// The five predefined XML entities and numeric references; error texts need
// nothing more.
inline std::string xml_unescape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        auto const semi = s.find(';', i);
        if (semi == std::string_view::npos) {
            out += s.substr(i);
            break;
        }
        auto const ent = s.substr(i + 1, semi - i - 1);
        if (ent == "amp") out += '&';
        else if (ent == "lt") out += '<';
        else if (ent == "gt") out += '>';
        else if (ent == "quot") out += '"';
        else if (ent == "apos") out += '\'';
        else if (ent.size() > 1 && ent[0] == '#') {
            unsigned long cp = ent[1] == 'x' ? std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16)
                                             : std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10);
            if (cp < 0x80) out += static_cast<char>(cp);
            else out += '?';
        } else {
            out += s.substr(i, semi - i + 1);
        }
        i = semi;
    }
    return out;
}

// The text of the first <tag>...</tag>. AWS error documents use bare element
// names, so this needs no XML parser; the protocol engines use a real one.
inline std::string xml_first(std::string_view body, std::string_view tag)
{
    std::string const open = "<" + std::string(tag) + ">";
    std::string const close = "</" + std::string(tag) + ">";
    auto const b = body.find(open);
    if (b == std::string_view::npos) return {};
    auto const e = body.find(close, b + open.size());
    if (e == std::string_view::npos) return {};
    return xml_unescape(trim(body.substr(b + open.size(), e - b - open.size())));
}

inline char const* status_text(unsigned status) noexcept
{
    switch (status) {
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Request Entity Too Large";
    case 416: return "Requested Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}

} // namespace detail

STRATUS_DECL std::string clean_error_type(std::string_view t)
{
    if (auto const colon = t.find(':'); colon != std::string_view::npos) t = t.substr(0, colon);
    if (auto const hash = t.rfind('#'); hash != std::string_view::npos) t = t.substr(hash + 1);
    return std::string(detail::trim(t));
}

STRATUS_DECL error_response_fields parse_error_response(http::response const& res)
{
    error_response_fields f;
    for (auto name : {"x-amz-request-id", "x-amzn-RequestId", "x-amzn-request-id"})
        if (auto v = res.headers.get(name)) {
            f.request_id = std::string(*v);
            break;
        }
    if (auto t = res.headers.get("x-amzn-ErrorType")) f.code = clean_error_type(*t);

    auto const body = detail::trim(res.body);
    if (!body.empty() && body.front() == '<') {
        if (f.code.empty()) f.code = detail::xml_first(body, "Code");
        f.message = detail::xml_first(body, "Message");
        if (f.request_id.empty()) f.request_id = detail::xml_first(body, "RequestId");
        if (f.request_id.empty()) f.request_id = detail::xml_first(body, "RequestID"); // EC2
    } else if (!body.empty() && body.front() == '{') {
        boost::system::error_code ec;
        auto const v = boost::json::parse(body, ec);
        if (!ec && v.is_object()) {
            auto const& o = v.get_object();
            auto str = [&](char const* k) -> std::string {
                if (auto const* p = o.if_contains(k); p && p->is_string()) return std::string(p->get_string());
                return {};
            };
            if (f.code.empty()) f.code = clean_error_type(str("__type"));
            if (f.code.empty()) f.code = clean_error_type(str("code"));
            if (f.code.empty()) f.code = clean_error_type(str("Code"));
            f.message = str("message");
            if (f.message.empty()) f.message = str("Message");
            if (f.message.empty()) f.message = str("errorMessage");
        }
    }
    // botocore: an error without a code in the body (e.g. S3 HEAD 404) gets
    // the status code as its code and the reason phrase as its message.
    if (f.code.empty()) f.code = std::to_string(res.status);
    if (f.message.empty()) f.message = res.reason.empty() ? detail::status_text(res.status) : res.reason;
    return f;
}

STRATUS_DECL error_info make_service_error(http::response const& res, std::string_view operation)
{
    auto f = parse_error_response(res);
    error_info e;
    e.code = errc::service_error;
    e.aws_code = std::move(f.code);
    e.message = std::move(f.message);
    e.request_id = std::move(f.request_id);
    e.http_status = res.status;
    e.operation = std::string(operation);
    return e;
}

} // namespace stratus

#endif
