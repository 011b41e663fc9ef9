#ifndef STRATUS_CREDENTIALS_DETAIL_IMPL_TIMESTAMP_IPP
#define STRATUS_CREDENTIALS_DETAIL_IMPL_TIMESTAMP_IPP

#include <stratus/credentials/detail/timestamp.hpp>

#include <cstdio>

namespace stratus::detail {

STRATUS_DECL std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view s)
{
    using namespace std::chrono;
    std::size_t i = 0;
    auto digits = [&](std::size_t n, int& out) {
        if (i + n > s.size()) return false;
        out = 0;
        for (std::size_t k = 0; k < n; ++k) {
            char c = s[i + k];
            if (c < '0' || c > '9') return false;
            out = out * 10 + (c - '0');
        }
        i += n;
        return true;
    };
    auto literal = [&](char a, char b = '\0') {
        if (i < s.size() && (s[i] == a || (b && s[i] == b))) {
            ++i;
            return true;
        }
        return false;
    };

    int y, mo, d, h, mi, sec;
    if (!digits(4, y) || !literal('-') || !digits(2, mo) || !literal('-') || !digits(2, d) ||
        !literal('T', 't') || !digits(2, h) || !literal(':') || !digits(2, mi) || !literal(':') ||
        !digits(2, sec))
        return std::nullopt;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    // 60 is a leap second; system_clock has none, so it lands on the next minute.
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;

    nanoseconds fraction{0};
    if (literal('.') || literal(',')) {
        std::size_t start = i;
        long long ns = 0;
        int scale = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (scale < 9) {
                ns = ns * 10 + (s[i] - '0');
                ++scale;
            }
            ++i;
        }
        if (i == start) return std::nullopt;
        for (; scale < 9; ++scale)
            ns *= 10;
        fraction = nanoseconds{ns};
    }

    minutes offset{0};
    if (!literal('Z', 'z') && i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i] == '-' ? -1 : 1;
        ++i;
        int oh, om;
        if (!digits(2, oh)) return std::nullopt;
        literal(':');
        if (!digits(2, om) || oh > 23 || om > 59) return std::nullopt;
        offset = minutes{sign * (oh * 60 + om)};
    }
    if (i != s.size()) return std::nullopt;

    // In seconds first: system_clock counts nanoseconds in 64 bits and ends
    // in 2262, and "never expires" is sometimes written as 9999-12-31.
    sys_seconds t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} - offset;
    constexpr auto last = time_point_cast<seconds>(system_clock::time_point::max()) - seconds{1};
    constexpr auto first = time_point_cast<seconds>(system_clock::time_point::min()) + seconds{1};
    if (t >= last) return system_clock::time_point::max();
    if (t <= first) return system_clock::time_point::min();
    return time_point_cast<system_clock::duration>(t) + duration_cast<system_clock::duration>(fraction);
}

STRATUS_DECL std::string format_timestamp(std::chrono::system_clock::time_point t)
{
    using namespace std::chrono;
    auto day_start = floor<days>(t);
    year_month_day ymd{day_start};
    hh_mm_ss hms{floor<seconds>(t - day_start)};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

} // namespace stratus::detail

#endif
