#ifndef STRATUS_PROTOCOL_IMPL_ENCODING_IPP
#define STRATUS_PROTOCOL_IMPL_ENCODING_IPP

#include <stratus/protocol/encoding.hpp>

#include <stratus/detail/text.hpp>
#include <stratus/detail/uri_encode.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

namespace stratus::protocol {

STRATUS_DECL std::string format_double(double v)
{
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    auto const [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc{}) return "0";
    return std::string(buf, end);
}

STRATUS_DECL double widen_float(float v)
{
    if (!std::isfinite(v)) return static_cast<double>(v);
    char buf[32];
    auto const [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    double d = static_cast<double>(v);
    if (ec == std::errc{}) std::from_chars(buf, end, d);
    return d;
}

STRATUS_DECL std::optional<double> parse_double(std::string_view s)
{
    s = stratus::detail::trim(s);
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (s.empty()) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    double v = 0;
    auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

STRATUS_DECL std::optional<std::int64_t> parse_int64(std::string_view s)
{
    s = stratus::detail::trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    std::int64_t v = 0;
    auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

STRATUS_DECL std::optional<bool> parse_bool(std::string_view s)
{
    s = stratus::detail::trim(s);
    if (stratus::detail::iequals(s, "true")) return true;
    if (stratus::detail::iequals(s, "false")) return false;
    return std::nullopt;
}

STRATUS_DECL void append_query(std::string& query, std::string_view key, std::string_view value)
{
    if (!query.empty()) query += '&';
    stratus::detail::uri_encode_to(query, key);
    query += '=';
    stratus::detail::uri_encode_to(query, value);
}

STRATUS_DECL bool query_has(std::string_view query, std::string_view key)
{
    auto const k = stratus::detail::uri_encode(key);
    std::size_t pos = 0;
    while (pos <= query.size()) {
        auto const end = std::min(query.find('&', pos), query.size());
        auto const item = query.substr(pos, end - pos);
        if (item.substr(0, item.find('=')) == k) return true;
        pos = end + 1;
    }
    return false;
}

STRATUS_DECL std::string quote_header_item(std::string_view item)
{
    if (item.find_first_of(",\"") == std::string_view::npos) return std::string(item);
    std::string out = "\"";
    for (char c : item) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

STRATUS_DECL std::vector<std::string> split_header_list(std::string_view value, bool http_dates)
{
    std::vector<std::string> items;
    std::string cur;
    bool quoted = false, was_quoted = false;
    auto flush = [&] {
        items.push_back(was_quoted ? cur : std::string(stratus::detail::trim(cur)));
        cur.clear();
        was_quoted = false;
    };
    for (std::size_t i = 0; i < value.size(); ++i) {
        char const c = value[i];
        if (quoted) {
            if (c == '\\' && i + 1 < value.size()) cur += value[++i];
            else if (c == '"') quoted = false;
            else cur += c;
        } else if (c == '"' && stratus::detail::trim(cur).empty()) {
            cur.clear();
            quoted = was_quoted = true;
        } else if (c == ',') {
            flush();
        } else if (!(was_quoted && !quoted)) {
            cur += c;
        }
    }
    if (!cur.empty() || was_quoted || !items.empty()) flush();
    if (!http_dates) return items;
    // "Mon, 16 Dec 2019 23:48:18 GMT" has a comma of its own: a weekday
    // item joins the one after it.
    std::vector<std::string> dates;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].size() == 3 && stratus::detail::is_alpha(items[i][0]) && i + 1 < items.size()) {
            dates.push_back(items[i] + ", " + items[i + 1]);
            ++i;
        } else {
            dates.push_back(items[i]);
        }
    }
    return dates;
}

STRATUS_DECL std::string make_uuid4()
{
    thread_local std::mt19937_64 gen{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }()};
    std::uint64_t const hi = (gen() & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;
    std::uint64_t const lo = (gen() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                  static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
    return buf;
}

STRATUS_DECL std::size_t utf8_length(std::string_view s) noexcept
{
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

} // namespace stratus::protocol

#endif
