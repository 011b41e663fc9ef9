// Small ASCII helpers. Locale-free on purpose: HTTP, SigV4 and the AWS config
// files are defined over ASCII, and std::tolower depends on the global locale.
#ifndef STRATUS_DETAIL_TEXT_HPP
#define STRATUS_DETAIL_TEXT_HPP

#include <algorithm>
#include <string>
#include <string_view>

namespace stratus::detail {

constexpr char to_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) noexcept { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) noexcept { return is_alpha(c) || is_digit(c); }
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

inline std::string to_lower(std::string_view s)
{
    std::string r(s);
    for (auto& c : r) c = to_lower(c);
    return r;
}

inline std::string to_upper(std::string_view s)
{
    std::string r(s);
    for (auto& c : r) c = to_upper(c);
    return r;
}

constexpr bool iequals(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

constexpr std::string_view trim(std::string_view s) noexcept
{
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

} // namespace stratus::detail

#endif
