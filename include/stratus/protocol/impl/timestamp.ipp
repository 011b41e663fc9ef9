#ifndef STRATUS_PROTOCOL_IMPL_TIMESTAMP_IPP
#define STRATUS_PROTOCOL_IMPL_TIMESTAMP_IPP

#include <stratus/protocol/timestamp.hpp>

#include <stratus/detail/text.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace stratus::protocol {
namespace detail {

namespace chr = std::chrono;

inline constexpr char const* weekday_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr char const* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct civil {
    chr::year_month_day ymd;
    chr::hh_mm_ss<chr::milliseconds> hms;
};

inline civil split(timestamp t)
{
    auto const day = chr::floor<chr::days>(t);
    return {chr::year_month_day{day}, chr::hh_mm_ss<chr::milliseconds>{t - day}};
}

// A cursor over the text being parsed; every step fails softly.
struct scanner {
    std::string_view s;
    std::size_t i = 0;

    bool done() const noexcept { return i == s.size(); }
    char peek() const noexcept { return i < s.size() ? s[i] : '\0'; }
    bool eat(char c) noexcept
    {
        if (peek() != c || done()) return false;
        ++i;
        return true;
    }
    void skip_spaces() noexcept
    {
        while (!done() && s[i] == ' ') ++i;
    }
    // Exactly n digits (or between lo and hi digits).
    bool digits(std::size_t lo, std::size_t hi, int& out) noexcept
    {
        std::size_t n = 0;
        long v = 0;
        while (n < hi && i < s.size() && stratus::detail::is_digit(s[i])) {
            v = v * 10 + (s[i] - '0');
            ++i;
            ++n;
        }
        if (n < lo) return false;
        out = static_cast<int>(v);
        return true;
    }
    std::string_view word() noexcept
    {
        auto const start = i;
        while (i < s.size() && stratus::detail::is_alpha(s[i])) ++i;
        return s.substr(start, i - start);
    }
    // ".123456" -> 123 (milliseconds, truncated). Absent fraction: 0.
    bool fraction(int& ms) noexcept
    {
        ms = 0;
        if (!eat('.') && !eat(',')) return true;
        std::size_t n = 0;
        while (i < s.size() && stratus::detail::is_digit(s[i])) {
            if (n < 3) ms = ms * 10 + (s[i] - '0');
            ++i;
            ++n;
        }
        if (n == 0) return false;
        for (; n < 3; ++n) ms *= 10;
        return true;
    }
};

inline std::optional<timestamp> make_time(int y, int mo, int d, int h, int mi, int sec, int ms, chr::minutes offset)
{
    chr::year_month_day const ymd{chr::year{y}, chr::month{static_cast<unsigned>(mo)}, chr::day{static_cast<unsigned>(d)}};
    // 60 is a leap second; sys_time has none, so it lands on the next minute.
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    return timestamp{chr::sys_days{ymd}} + chr::hours{h} + chr::minutes{mi} + chr::seconds{sec} + chr::milliseconds{ms} - offset;
}

inline int month_index(std::string_view w) noexcept
{
    for (int k = 0; k < 12; ++k)
        if (stratus::detail::iequals(w, month_names[k])) return k + 1;
    return 0;
}

// "GMT", "UTC", "UT", "Z", "+0000", "-01:30"; nothing at all means UTC.
inline bool zone(scanner& sc, chr::minutes& offset)
{
    offset = chr::minutes{0};
    sc.skip_spaces();
    if (sc.done()) return true;
    if (sc.peek() == '+' || sc.peek() == '-') {
        int const sign = sc.peek() == '-' ? -1 : 1;
        ++sc.i;
        int oh = 0, om = 0;
        if (!sc.digits(2, 2, oh)) return false;
        sc.eat(':');
        if (!sc.done() && !sc.digits(2, 2, om)) return false;
        if (oh > 23 || om > 59) return false;
        offset = chr::minutes{sign * (oh * 60 + om)};
        return true;
    }
    auto const w = sc.word();
    return stratus::detail::iequals(w, "GMT") || stratus::detail::iequals(w, "UTC") ||
           stratus::detail::iequals(w, "UT") || stratus::detail::iequals(w, "Z");
}

inline bool clock(scanner& sc, int& h, int& mi, int& sec, int& ms)
{
    return sc.digits(1, 2, h) && sc.eat(':') && sc.digits(2, 2, mi) && sc.eat(':') && sc.digits(2, 2, sec) &&
           sc.fraction(ms);
}

} // namespace detail

STRATUS_DECL std::string format_iso8601(timestamp t)
{
    auto const c = detail::split(t);
    char buf[48];
    int const ms = static_cast<int>(c.hms.subseconds().count());
    int const n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(c.ymd.year()),
                                static_cast<unsigned>(c.ymd.month()), static_cast<unsigned>(c.ymd.day()),
                                static_cast<int>(c.hms.hours().count()), static_cast<int>(c.hms.minutes().count()),
                                static_cast<int>(c.hms.seconds().count()));
    std::string out(buf, static_cast<std::size_t>(n));
    if (ms != 0) {
        std::snprintf(buf, sizeof buf, ".%03d", ms);
        out += buf;
    }
    out += 'Z';
    return out;
}

STRATUS_DECL std::string format_rfc822(timestamp t)
{
    auto const c = detail::split(t);
    std::chrono::weekday const wd{std::chrono::floor<std::chrono::days>(t)};
    char buf[48];
    int const n = std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT",
                                detail::weekday_names[wd.c_encoding()], static_cast<unsigned>(c.ymd.day()),
                                detail::month_names[static_cast<unsigned>(c.ymd.month()) - 1],
                                static_cast<int>(c.ymd.year()), static_cast<int>(c.hms.hours().count()),
                                static_cast<int>(c.hms.minutes().count()), static_cast<int>(c.hms.seconds().count()));
    return std::string(buf, static_cast<std::size_t>(n));
}

STRATUS_DECL std::string format_unix(timestamp t)
{
    std::int64_t ms = t.time_since_epoch().count();
    std::string out;
    if (ms < 0) {
        out += '-';
        ms = -ms;
    }
    out += std::to_string(ms / 1000);
    if (auto const frac = ms % 1000; frac != 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac));
        // "1.500" -> "1.5", as botocore and the JSON protocols print it.
        std::string f = buf;
        while (f.back() == '0') f.pop_back();
        out += f;
    }
    return out;
}

STRATUS_DECL std::string format_timestamp(timestamp t, timestamp_format f)
{
    switch (f) {
    case timestamp_format::rfc822: return format_rfc822(t);
    case timestamp_format::unix_seconds: return format_unix(t);
    default: return format_iso8601(t);
    }
}

STRATUS_DECL std::optional<timestamp> parse_iso8601(std::string_view s)
{
    detail::scanner sc{stratus::detail::trim(s)};
    int y, mo, d, h, mi, sec, ms;
    if (!sc.digits(4, 4, y) || !sc.eat('-') || !sc.digits(2, 2, mo) || !sc.eat('-') || !sc.digits(2, 2, d))
        return std::nullopt;
    if (!sc.eat('T') && !sc.eat('t') && !sc.eat(' ')) return std::nullopt;
    if (!sc.digits(2, 2, h) || !sc.eat(':') || !sc.digits(2, 2, mi) || !sc.eat(':') || !sc.digits(2, 2, sec) ||
        !sc.fraction(ms))
        return std::nullopt;
    std::chrono::minutes offset{0};
    if (!sc.eat('Z') && !sc.eat('z') && !sc.done()) {
        if (sc.peek() != '+' && sc.peek() != '-') return std::nullopt;
        if (!detail::zone(sc, offset)) return std::nullopt;
    }
    if (!sc.done()) return std::nullopt;
    return detail::make_time(y, mo, d, h, mi, sec, ms, offset);
}

STRATUS_DECL std::optional<timestamp> parse_rfc822(std::string_view s)
{
    detail::scanner sc{stratus::detail::trim(s)};
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
    std::chrono::minutes offset{0};
    if (stratus::detail::is_alpha(sc.peek())) {
        auto const first = sc.word();
        if (sc.eat(',')) {
            // IMF-fixdate "Tue, 29 Apr 2014 ..." or RFC 850 "Tuesday, 29-Apr-14 ...".
            sc.skip_spaces();
            if (!sc.digits(1, 2, d)) return std::nullopt;
            bool const dashed = sc.eat('-');
            if (!dashed) sc.skip_spaces();
            mo = detail::month_index(sc.word());
            if (dashed ? !sc.eat('-') : (sc.skip_spaces(), false)) return std::nullopt;
            auto const ystart = sc.i;
            if (!sc.digits(2, 4, y)) return std::nullopt;
            if (sc.i - ystart == 2) y += y < 70 ? 2000 : 1900; // RFC 850's two-digit years
            else if (sc.i - ystart != 4) return std::nullopt;
        } else {
            // asctime "Tue Apr 29 18:30:38 2014".
            (void)first;
            sc.skip_spaces();
            mo = detail::month_index(sc.word());
            sc.skip_spaces();
            if (!sc.digits(1, 2, d)) return std::nullopt;
            sc.skip_spaces();
            if (!detail::clock(sc, h, mi, sec, ms)) return std::nullopt;
            sc.skip_spaces();
            if (!sc.digits(4, 4, y)) return std::nullopt;
            sc.skip_spaces();
            if (!sc.done() && !detail::zone(sc, offset)) return std::nullopt;
            if (!sc.done() || mo == 0) return std::nullopt;
            return detail::make_time(y, mo, d, h, mi, sec, ms, offset);
        }
    } else {
        // No weekday: "29 Apr 2014 18:30:38 GMT".
        if (!sc.digits(1, 2, d)) return std::nullopt;
        sc.skip_spaces();
        mo = detail::month_index(sc.word());
        sc.skip_spaces();
        if (!sc.digits(4, 4, y)) return std::nullopt;
    }
    if (mo == 0) return std::nullopt;
    sc.skip_spaces();
    if (!detail::clock(sc, h, mi, sec, ms)) return std::nullopt;
    if (!detail::zone(sc, offset)) return std::nullopt;
    sc.skip_spaces();
    if (!sc.done()) return std::nullopt;
    return detail::make_time(y, mo, d, h, mi, sec, ms, offset);
}

STRATUS_DECL std::optional<timestamp> parse_unix(std::string_view s)
{
    s = stratus::detail::trim(s);
    if (s.empty()) return std::nullopt;
    if (s.find_first_of("eE") != std::string_view::npos) {
        double v = 0;
        auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v) || std::fabs(v) > 9.0e12)
            return std::nullopt;
        return timestamp{std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(v * 1000.0))}};
    }
    bool negative = false;
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        ++i;
    }
    std::int64_t secs = 0;
    std::size_t n = 0;
    for (; i < s.size() && stratus::detail::is_digit(s[i]); ++i, ++n) {
        if (n >= 12) return std::nullopt; // beyond year 30000
        secs = secs * 10 + (s[i] - '0');
    }
    std::int64_t ms = 0;
    std::size_t f = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        for (; i < s.size() && stratus::detail::is_digit(s[i]); ++i, ++f)
            if (f < 3) ms = ms * 10 + (s[i] - '0');
        for (auto k = f; k < 3; ++k) ms *= 10;
    }
    if (i != s.size() || (n == 0 && f == 0)) return std::nullopt;
    std::int64_t total = secs * 1000 + ms;
    return timestamp{std::chrono::milliseconds{negative ? -total : total}};
}

STRATUS_DECL std::optional<timestamp> parse_timestamp(std::string_view s)
{
    auto const t = stratus::detail::trim(s);
    if (t.empty()) return std::nullopt;
    if (auto v = parse_unix(t)) return v;
    if (t.size() > 4 && t[4] == '-') return parse_iso8601(t);
    return parse_rfc822(t);
}

} // namespace stratus::protocol

#endif
