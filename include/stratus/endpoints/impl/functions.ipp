#ifndef STRATUS_ENDPOINTS_IMPL_FUNCTIONS_IPP
#define STRATUS_ENDPOINTS_IMPL_FUNCTIONS_IPP

#include <stratus/endpoints/functions.hpp>

#include <stratus/detail/uri_encode.hpp>

#include <vector>

namespace stratus::endpoints {

namespace detail {

inline bool is_alnum(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

inline bool is_hex(char c) noexcept
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

inline bool is_one_label(std::string_view s) noexcept
{
    if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
    for (char c : s)
        if (!is_alnum(c) && c != '-') return false;
    return true;
}

// Python's urlparse (3.11), as far as parseURL looks: scheme, netloc,
// path (without ";params" of its last segment) and query.
struct url_split {
    std::string_view scheme, netloc, path, query;
};

inline url_split split_url(std::string_view v) noexcept
{
    url_split r;
    // urlsplit strips leading C0 controls and spaces.
    while (!v.empty() && static_cast<unsigned char>(v.front()) <= 0x20) v.remove_prefix(1);
    // A scheme is letters, digits, '+', '-', '.' starting with a letter, before ':'.
    if (auto colon = v.find(':'); colon != std::string_view::npos && colon > 0) {
        bool ok = (v[0] >= 'a' && v[0] <= 'z') || (v[0] >= 'A' && v[0] <= 'Z');
        for (std::size_t i = 1; ok && i < colon; ++i)
            ok = is_alnum(v[i]) || v[i] == '+' || v[i] == '-' || v[i] == '.';
        if (ok) {
            r.scheme = v.substr(0, colon);
            v.remove_prefix(colon + 1);
        }
    }
    if (auto hash = v.find('#'); hash != std::string_view::npos) v = v.substr(0, hash);
    if (v.starts_with("//")) {
        v.remove_prefix(2);
        auto end = v.find_first_of("/?");
        r.netloc = v.substr(0, end);
        v = end == std::string_view::npos ? std::string_view{} : v.substr(end);
    }
    auto q = v.find('?');
    r.path = v.substr(0, q);
    if (q != std::string_view::npos) r.query = v.substr(q + 1);
    // urlparse's _splitparams: ";..." of the last segment is not path.
    auto slash = r.path.rfind('/');
    auto semi = r.path.find(';', slash == std::string_view::npos ? 0 : slash);
    if (semi != std::string_view::npos) r.path = r.path.substr(0, semi);
    return r;
}

inline bool iequals_ascii(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] - 'A' + 'a') : a[i];
        if (x != b[i]) return false;
    }
    return true;
}

// urlsplit's host checks and the port property: a bracketed host must be
// an IPv6 address (or "v<hex>.<...>"), the port decimal and at most 65535.
// Python takes the port after the first ':' of an unbracketed host.
inline bool split_host(std::string_view netloc, std::string_view& host, bool& bracketed) noexcept
{
    if (auto at = netloc.rfind('@'); at != std::string_view::npos) netloc.remove_prefix(at + 1);
    std::string_view port;
    bracketed = false;
    if (auto open = netloc.find('['); open != std::string_view::npos) {
        auto close = netloc.find(']', open);
        if (close == std::string_view::npos) return false;
        host = netloc.substr(open + 1, close - open - 1);
        bracketed = true;
        auto rest = netloc.substr(close + 1);
        if (auto colon = rest.find(':'); colon != std::string_view::npos) port = rest.substr(colon + 1);
        bool future = host.size() > 1 && host[0] == 'v' && host.find('.') != std::string_view::npos;
        if (!future && !is_ipv6_address(host)) return false;
    } else if (netloc.find(']') != std::string_view::npos) {
        return false;
    } else if (auto colon = netloc.find(':'); colon != std::string_view::npos) {
        host = netloc.substr(0, colon);
        port = netloc.substr(colon + 1);
    } else {
        host = netloc;
    }
    unsigned long n = 0;
    for (char c : port) {
        if (c < '0' || c > '9') return false;
        n = n * 10 + unsigned(c - '0');
        if (n > 65535) return false;
    }
    return true;
}

} // namespace detail

STRATUS_DECL bool is_valid_host_label(std::string_view value, bool allow_subdomains) noexcept
{
    if (!allow_subdomains) return detail::is_one_label(value);
    for (;;) {
        auto dot = value.find('.');
        if (!detail::is_one_label(value.substr(0, dot))) return false;
        if (dot == std::string_view::npos) return true;
        value.remove_prefix(dot + 1);
    }
}

STRATUS_DECL bool is_ipv4_like(std::string_view host) noexcept
{
    for (int group = 0; group < 4; ++group) {
        std::size_t digits = 0;
        while (digits < host.size() && host[digits] >= '0' && host[digits] <= '9') ++digits;
        if (digits < 1 || digits > 3) return false;
        host.remove_prefix(digits);
        if (group < 3) {
            if (host.empty() || host.front() != '.') return false;
            host.remove_prefix(1);
        }
    }
    return host.empty();
}

STRATUS_DECL bool is_ipv6_address(std::string_view host) noexcept
{
    // Zone id (botocore's ZONE_ID_PAT): "%" or "%25", then unreserved
    // characters ('!' among them) or %XX escapes.
    if (auto pct = host.find('%'); pct != std::string_view::npos) {
        auto zone = host.substr(pct + 1);
        if (zone.empty()) return false;
        for (std::size_t i = 0; i < zone.size(); ++i) {
            char c = zone[i];
            if (detail::is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '!') continue;
            if (c == '%' && i + 2 < zone.size() && detail::is_hex(zone[i + 1]) && detail::is_hex(zone[i + 2])) {
                i += 2;
                continue;
            }
            return false;
        }
        host = host.substr(0, pct);
    }
    int groups = 0;
    bool elided = false;
    if (host.starts_with("::")) {
        elided = true;
        host.remove_prefix(2);
        if (host.empty()) return true;
    }
    for (;;) {
        auto colon = host.find(':');
        auto part = host.substr(0, colon);
        if (colon == std::string_view::npos && part.find('.') != std::string_view::npos) {
            // A trailing IPv4 address counts as two groups.
            if (!is_ipv4_like(part)) return false;
            groups += 2;
            break;
        }
        if (part.empty() || part.size() > 4) return false;
        for (char c : part)
            if (!detail::is_hex(c)) return false;
        ++groups;
        if (colon == std::string_view::npos) break;
        host.remove_prefix(colon + 1);
        if (host.starts_with(':')) {
            if (elided) return false;
            elided = true;
            host.remove_prefix(1);
            if (host.empty()) break;
        } else if (host.empty()) {
            return false;
        }
    }
    return elided ? groups < 8 : groups == 8;
}

STRATUS_DECL bool is_virtual_hostable_s3_bucket(std::string_view value, bool allow_subdomains) noexcept
{
    if (value.size() < 3) return false;
    for (char c : value)
        if (c >= 'A' && c <= 'Z') return false;
    if (is_ipv4_like(value)) return false;
    return is_valid_host_label(value, allow_subdomains);
}

STRATUS_DECL std::optional<std::string_view> substring(std::string_view value, std::int64_t start, std::int64_t stop,
                                                       bool reverse) noexcept
{
    if (start < 0 || start >= stop || static_cast<std::int64_t>(value.size()) < stop) return std::nullopt;
    for (char c : value)
        if (static_cast<unsigned char>(c) > 0x7F) return std::nullopt;
    auto const n = static_cast<std::int64_t>(value.size());
    if (reverse) return value.substr(static_cast<std::size_t>(n - stop), static_cast<std::size_t>(stop - start));
    return value.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(stop - start));
}

STRATUS_DECL std::optional<parsed_url> parse_url(std::string_view value)
{
    // urlsplit removes tabs and line breaks anywhere in the URL; with views
    // into the input that cannot be done, and such an endpoint is refused.
    if (value.find_first_of("\t\r\n") != std::string_view::npos) return std::nullopt;
    auto parts = detail::split_url(value);
    std::string_view scheme;
    if (detail::iequals_ascii(parts.scheme, "http")) scheme = "http";
    else if (detail::iequals_ascii(parts.scheme, "https")) scheme = "https";
    else return std::nullopt;
    if (!parts.query.empty()) return std::nullopt;
    std::string_view host;
    bool bracketed = false;
    if (!detail::split_host(parts.netloc, host, bracketed)) return std::nullopt;
    // botocore's isIp check needs a host name (it raises without one).
    if (host.empty()) return std::nullopt;

    parsed_url r;
    r.scheme = scheme;
    r.authority = parts.netloc;
    r.path = parts.path;
    r.is_ip = bracketed ? is_ipv6_address(host) : is_ipv4_like(host);

    // botocore's normalize_url_path (remove_dot_segments, which also drops
    // empty segments), then quote() with '/' safe, then a trailing '/'.
    std::string_view path = parts.path;
    if (path.empty()) {
        r.normalized_path = "/";
        return r;
    }
    std::vector<std::string_view> segments;
    for (std::string_view rest = path;;) {
        auto slash = rest.find('/');
        auto seg = rest.substr(0, slash);
        if (seg == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!seg.empty() && seg != ".") {
            segments.push_back(seg);
        }
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    std::string normalized;
    if (path.front() == '/') normalized += '/';
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i) normalized += '/';
        normalized += segments[i];
    }
    if (path.back() == '/' && !segments.empty()) normalized += '/';
    stratus::detail::uri_encode_to(r.normalized_path, normalized, true);
    if (r.normalized_path.empty() || r.normalized_path.back() != '/') r.normalized_path += '/';
    return r;
}

STRATUS_DECL std::optional<arn> parse_arn(std::string_view value) noexcept
{
    if (!value.starts_with("arn:")) return std::nullopt;
    std::string_view fields[5];
    std::string_view rest = value;
    for (auto& f : fields) {
        auto colon = rest.find(':');
        if (colon == std::string_view::npos) return std::nullopt;
        f = rest.substr(0, colon);
        rest.remove_prefix(colon + 1);
    }
    arn r{fields[1], fields[2], fields[3], fields[4], rest};
    if (r.partition.empty() || r.service.empty() || r.resource.empty()) return std::nullopt;
    return r;
}

} // namespace stratus::endpoints

#endif
