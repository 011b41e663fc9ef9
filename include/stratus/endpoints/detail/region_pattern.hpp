// Matching a region against a partition's regionRegex ("^(us|eu|ap)\\-\\w+\\-\\d+$")
// without <regex>: std::regex costs a TU about 4 s and a binary about 110 KB,
// for patterns that use a handful of constructs. This backtracking matcher
// reads the pattern as it goes (no compilation, no allocation) and supports
// exactly the subset partitions.json uses; stratus-gen refuses a pattern
// outside it (pattern_supported), so an unsupported construct never reaches
// a program silently.
//   ^ $               anchors (at the pattern's start / end)
//   ( a | b )         groups with alternatives, nested, without a quantifier
//   . \d \w \s        any character, digit, word character, space
//   \x                an escaped literal (\- \. \\ ...)
//   [a-z0-9_] [^...]  character classes with ranges and escapes
//   * + ?             greedy quantifiers on a single-character atom
#ifndef STRATUS_ENDPOINTS_DETAIL_REGION_PATTERN_HPP
#define STRATUS_ENDPOINTS_DETAIL_REGION_PATTERN_HPP

#include <cstddef>
#include <string_view>

namespace stratus::endpoints::detail {

// The pattern to match after the current one is exhausted (a group's tail).
struct pattern_tail {
    std::string_view pattern;
    pattern_tail const* next;
};

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_word(char c) noexcept
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

constexpr bool escape_matches(char e, char c) noexcept
{
    switch (e) {
        case 'd': return is_digit(c);
        case 'w': return is_word(c);
        case 's': return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        default: return c == e;
    }
}

// Length of the single-character atom at the start of p (0: not one).
constexpr std::size_t atom_length(std::string_view p) noexcept
{
    if (p.empty()) return 0;
    if (p[0] == '\\') return p.size() >= 2 ? 2 : 0;
    if (p[0] == '[') {
        std::size_t i = 1;
        if (i < p.size() && p[i] == '^') ++i;
        if (i < p.size() && p[i] == ']') ++i; // a leading ']' is literal
        for (; i < p.size(); ++i) {
            if (p[i] == '\\') ++i;
            else if (p[i] == ']') return i + 1;
        }
        return 0;
    }
    if (p[0] == '(' || p[0] == ')' || p[0] == '|' || p[0] == '*' || p[0] == '+' || p[0] == '?') return 0;
    return 1;
}

constexpr bool atom_matches(std::string_view atom, char c) noexcept
{
    if (atom[0] == '.') return c != '\n';
    if (atom[0] == '\\') return escape_matches(atom[1], c);
    if (atom[0] != '[') return atom[0] == c;
    std::string_view body = atom.substr(1, atom.size() - 2);
    bool negate = !body.empty() && body[0] == '^';
    if (negate) body.remove_prefix(1);
    bool hit = false;
    for (std::size_t i = 0; i < body.size() && !hit; ++i) {
        if (body[i] == '\\' && i + 1 < body.size()) {
            hit = escape_matches(body[++i], c);
        } else if (i + 2 < body.size() && body[i + 1] == '-') {
            hit = c >= body[i] && c <= body[i + 2];
            i += 2;
        } else {
            hit = body[i] == c;
        }
    }
    return hit != negate;
}

// The index of the ')' closing the group that starts at p[0] == '(', or npos.
constexpr std::size_t group_end(std::string_view p) noexcept
{
    int depth = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\\') ++i;
        else if (p[i] == '[') {
            auto n = atom_length(p.substr(i));
            if (n == 0) return std::string_view::npos;
            i += n - 1;
        } else if (p[i] == '(') ++depth;
        else if (p[i] == ')' && --depth == 0) return i;
    }
    return std::string_view::npos;
}

constexpr bool match_here(std::string_view p, std::string_view t, pattern_tail const* tail) noexcept
{
    if (p.empty()) return tail ? match_here(tail->pattern, t, tail->next) : true;
    if (p[0] == '$' && p.size() == 1) return t.empty() && (!tail || match_here(tail->pattern, t, tail->next));
    if (p[0] == '(') {
        auto close = group_end(p);
        if (close == std::string_view::npos) return false;
        pattern_tail rest{p.substr(close + 1), tail};
        std::string_view body = p.substr(1, close - 1);
        // Each top-level alternative of the group, then the rest.
        std::size_t start = 0;
        int depth = 0;
        for (std::size_t i = 0; i <= body.size(); ++i) {
            if (i < body.size()) {
                if (body[i] == '\\') {
                    ++i;
                    continue;
                }
                if (body[i] == '[') {
                    i += atom_length(body.substr(i)) - 1;
                    continue;
                }
                if (body[i] == '(') ++depth;
                if (body[i] == ')') --depth;
                if (body[i] != '|' || depth != 0) continue;
            }
            if (match_here(body.substr(start, i - start), t, &rest)) return true;
            start = i + 1;
        }
        return false;
    }
    auto n = atom_length(p);
    if (n == 0) return false;
    std::string_view atom = p.substr(0, n);
    char q = n < p.size() ? p[n] : '\0';
    if (q == '*' || q == '+' || q == '?') {
        std::string_view rest = p.substr(n + 1);
        std::size_t most = 0;
        while (most < t.size() && atom_matches(atom, t[most]) && !(q == '?' && most == 1)) ++most;
        std::size_t least = q == '+' ? 1 : 0;
        for (std::size_t k = most + 1; k-- > least;)
            if (match_here(rest, t.substr(k), tail)) return true;
        return false;
    }
    return !t.empty() && atom_matches(atom, t[0]) && match_here(p.substr(n), t.substr(1), tail);
}

/// ECMAScript regex_search semantics for the supported subset.
constexpr bool region_matches(std::string_view pattern, std::string_view text) noexcept
{
    if (!pattern.empty() && pattern[0] == '^') return match_here(pattern.substr(1), text, nullptr);
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (match_here(pattern, text.substr(i), nullptr)) return true;
    return false;
}

/// Whether `pattern` stays inside the subset above.
constexpr bool pattern_supported(std::string_view p) noexcept
{
    int depth = 0;
    bool atom_before = false; // a quantifier needs a single-character atom before it
    for (std::size_t i = 0; i < p.size();) {
        char c = p[i];
        if (c == '^' && i == 0) {
            ++i;
            atom_before = false;
        } else if (c == '$' && i + 1 == p.size()) {
            ++i;
            atom_before = false;
        } else if (c == '(') {
            ++depth;
            ++i;
            atom_before = false;
        } else if (c == ')') {
            if (--depth < 0) return false;
            ++i;
            if (i < p.size() && (p[i] == '*' || p[i] == '+' || p[i] == '?' || p[i] == '{')) return false;
            atom_before = false;
        } else if (c == '|') {
            ++i;
            atom_before = false;
        } else if (c == '*' || c == '+' || c == '?') {
            if (!atom_before) return false;
            ++i;
            atom_before = false;
            if (i < p.size() && p[i] == '?') return false; // lazy quantifiers
        } else if (c == '{' || c == '}' || c == '^' || c == '$') {
            return false;
        } else {
            auto n = atom_length(p.substr(i));
            if (n == 0) return false;
            if (c == '\\' && !(p[i + 1] == 'd' || p[i + 1] == 'w' || p[i + 1] == 's' || !is_word(p[i + 1])))
                return false; // \b, \D, \W, \S, \1... are not in the subset
            i += n;
            atom_before = true;
        }
    }
    return depth == 0;
}

} // namespace stratus::endpoints::detail

#endif
