#ifndef STRATUS_CORE_IMPL_HTTP_MESSAGE_IPP
#define STRATUS_CORE_IMPL_HTTP_MESSAGE_IPP

#include <stratus/core/http_message.hpp>
#include <stratus/detail/text.hpp>

#include <algorithm>
#include <charconv>

namespace stratus::http {

STRATUS_DECL void fields::set(std::string_view name, std::string value)
{
    erase(name);
    add(std::string(name), std::move(value));
}

STRATUS_DECL void fields::erase(std::string_view name)
{
    std::erase_if(v_, [&](value_type const& f) { return detail::iequals(f.first, name); });
}

STRATUS_DECL std::optional<std::string_view> fields::get(std::string_view name) const
{
    for (auto const& f : v_)
        if (detail::iequals(f.first, name)) return std::string_view(f.second);
    return std::nullopt;
}

STRATUS_DECL std::string url::authority() const
{
    std::string a = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (!default_port()) {
        a += ':';
        a += std::to_string(port);
    }
    return a;
}

STRATUS_DECL std::string url::target() const
{
    std::string t = path.empty() ? std::string("/") : path;
    if (!query.empty()) {
        t += '?';
        t += query;
    }
    return t;
}

STRATUS_DECL std::string url::to_string() const { return scheme + "://" + authority() + target(); }

STRATUS_DECL result<url> parse_url(std::string_view text)
{
    auto fail = [&](std::string why) -> result<url> {
        return make_error(errc::invalid_endpoint, "invalid endpoint URL '" + std::string(text) + "': " + why);
    };
    url u;
    auto const sep = text.find("://");
    if (sep == std::string_view::npos) return fail("expected scheme://host");
    u.scheme = detail::to_lower(text.substr(0, sep));
    if (u.scheme != "http" && u.scheme != "https") return fail("scheme must be http or https");
    auto rest = text.substr(sep + 3);
    auto const auth_end = rest.find_first_of("/?#");
    auto authority = rest.substr(0, auth_end);
    rest = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
    if (authority.find('@') != std::string_view::npos) return fail("user information is not allowed");
    std::string_view port_text;
    if (!authority.empty() && authority.front() == '[') {
        auto const close = authority.find(']');
        if (close == std::string_view::npos) return fail("unterminated IPv6 address");
        u.host = std::string(authority.substr(1, close - 1));
        auto const after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return fail("unexpected text after IPv6 address");
            port_text = after.substr(1);
            if (port_text.empty()) return fail("empty port");
        }
    } else {
        auto const colon = authority.rfind(':');
        u.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
            if (port_text.empty()) return fail("empty port");
        }
    }
    if (u.host.empty()) return fail("missing host");
    for (char c : u.host)
        if (!(detail::is_alnum(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '%'))
            return fail(std::string("invalid character '") + c + "' in host");
    if (!port_text.empty()) {
        unsigned p = 0;
        auto const [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), p);
        if (ec != std::errc{} || ptr != port_text.data() + port_text.size() || p == 0 || p > 65535)
            return fail("port must be a number from 1 to 65535");
        u.port = static_cast<std::uint16_t>(p);
    }
    if (auto const hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    auto const q = rest.find('?');
    u.path = std::string(rest.substr(0, q));
    if (u.path.empty()) u.path = "/";
    if (q != std::string_view::npos) u.query = std::string(rest.substr(q + 1));
    for (char c : u.path)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail("whitespace or control character in path");
    return u;
}

} // namespace stratus::http

#endif
