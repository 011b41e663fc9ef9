#ifndef STRATUS_DETAIL_IMPL_INI_IPP
#define STRATUS_DETAIL_IMPL_INI_IPP

#include <stratus/detail/ini.hpp>
#include <stratus/detail/text.hpp>

#include <map>
#include <optional>
#include <utility>

namespace stratus::detail {
namespace ini {

inline error_info error_at(std::string_view file, std::size_t line, std::string_view rule)
{
    std::string m(file);
    m += ':';
    m += std::to_string(line);
    m += ": ";
    m += rule;
    return make_error(errc::invalid_config, std::move(m));
}

// Key names go into error messages, but a line someone pasted by mistake may
// be a bare secret; only echo what looks like a setting's name.
inline std::string quoted_key(std::string_view key)
{
    bool plain = !key.empty() && key.size() <= 64;
    for (char c : key)
        if (!(is_alnum(c) || c == '_' || c == '-' || c == '.')) plain = false;
    if (!plain) return "a key";
    std::string s = "'";
    s += key;
    s += '\'';
    return s;
}

inline std::size_t indent_of(std::string_view line)
{
    std::size_t i = 0;
    while (i < line.size() && is_space(line[i]))
        ++i;
    return i;
}

// A key whose value may continue on more indented lines, kept until the next
// line that is not a continuation decides what it was.
struct pending_key {
    std::string key;
    std::vector<std::pair<std::string, std::size_t>> lines; // first: the text after the delimiter
};

} // namespace ini

STRATUS_DECL result<std::vector<ini_section>> parse_ini(std::string_view text, std::string_view file_name)
{
    // Python reads the file as UTF-8 and would choke on a BOM in "[default]";
    // editors on Windows write one, and skipping it costs nothing.
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

    constexpr std::size_t no_section = static_cast<std::size_t>(-1);
    constexpr std::size_t default_section = static_cast<std::size_t>(-2);

    std::vector<ini_section> sections;
    std::map<std::string, std::size_t, std::less<>> seen; // section name -> line of its header
    config_section defaults;
    std::size_t current = no_section;
    std::optional<ini::pending_key> pending;
    std::size_t indent_level = 0;

    auto section = [&](std::size_t i) -> config_section& {
        return i == default_section ? defaults : sections[i].settings;
    };
    auto section_label = [&](std::size_t i) -> std::string {
        return "[" + (i == default_section ? std::string("DEFAULT") : sections[i].name) + "]";
    };

    // Decides what the pending key was: a plain value, or (empty value plus
    // indented lines) a nested block, as raw_config_parse's _parse_nested.
    auto finish = [&]() -> error_info {
        if (!pending) return {};
        auto p = std::move(*pending);
        pending.reset();
        while (p.lines.size() > 1 && p.lines.back().first.empty())
            p.lines.pop_back();
        config_section& sec = section(current);
        if (p.lines.size() == 1) {
            sec.values.emplace(p.key, std::move(p.lines.front().first));
            return {};
        }
        if (!p.lines.front().first.empty()) {
            // configparser would glue the lines into one multi-line value
            // that no AWS setting accepts; say so where it happens instead.
            std::size_t at = p.lines[1].second;
            for (std::size_t i = 1; i < p.lines.size(); ++i)
                if (!p.lines[i].first.empty()) {
                    at = p.lines[i].second;
                    break;
                }
            return ini::error_at(file_name, at,
                                 "indented line continues " + ini::quoted_key(p.key) +
                                     ", which already has a value; only a key with an empty value "
                                     "(\"key =\") starts a nested block");
        }
        std::map<std::string, std::string, std::less<>> block;
        for (std::size_t i = 1; i < p.lines.size(); ++i) {
            auto const& [line, number] = p.lines[i];
            if (line.empty()) continue;
            // Only '=' here: _parse_nested splits on it alone, so "a: b" in a
            // block is an error in botocore too.
            auto eq = line.find('=');
            if (eq == std::string::npos)
                return ini::error_at(file_name, number,
                                     "expected \"key = value\" in the nested block under " +
                                         ini::quoted_key(p.key));
            auto key = trim(std::string_view(line).substr(0, eq));
            if (key.empty())
                return ini::error_at(file_name, number,
                                     "missing key name before '=' in the nested block under " +
                                         ini::quoted_key(p.key));
            block.insert_or_assign(std::string(key),
                                   std::string(trim(std::string_view(line).substr(eq + 1))));
        }
        sec.nested.emplace(p.key, std::move(block));
        return {};
    };

    std::size_t line_no = 0;
    while (!text.empty()) {
        // Universal newlines, as Python's text mode: \n, \r\n and a lone \r.
        auto eol = text.find_first_of("\r\n");
        std::string_view line = text.substr(0, eol);
        if (eol == std::string_view::npos)
            text = {};
        else
            text.remove_prefix(
                eol + ((text[eol] == '\r' && eol + 1 < text.size() && text[eol + 1] == '\n') ? 2 : 1));
        ++line_no;

        auto stripped = trim(line);
        if (stripped.starts_with('#') || stripped.starts_with(';')) continue;
        if (stripped.empty()) {
            if (pending) pending->lines.emplace_back(std::string(), line_no);
            continue;
        }
        auto indent = ini::indent_of(line);
        if (pending && indent > indent_level) {
            pending->lines.emplace_back(std::string(stripped), line_no);
            continue;
        }
        if (auto e = finish()) return e;
        indent_level = indent;

        if (stripped.front() == '[') {
            // configparser's "\[(?P<header>.+)\]": up to the last ']', and
            // whatever follows it (often a comment) is ignored.
            auto close = stripped.rfind(']');
            if (close == std::string_view::npos)
                return ini::error_at(file_name, line_no, "unterminated section header: missing ']'");
            auto name = stripped.substr(1, close - 1);
            if (name.empty()) return ini::error_at(file_name, line_no, "empty section name \"[]\"");
            if (name == "DEFAULT") {
                current = default_section;
                continue;
            }
            if (auto it = seen.find(name); it != seen.end())
                return ini::error_at(file_name, line_no,
                                     "duplicate section [" + std::string(name) + "] (first on line " +
                                         std::to_string(it->second) + ")");
            seen.emplace(std::string(name), line_no);
            current = sections.size();
            sections.push_back({std::string(name), {}});
            continue;
        }

        // configparser's option pattern "(.*?)\s*([=:])\s*(.*)": the first
        // '=' or ':' ends the key, so "a:b = c" sets a to "b = c".
        auto delim = stripped.find_first_of("=:");
        if (current == no_section) {
            if (delim != std::string_view::npos && !trim(stripped.substr(0, delim)).empty())
                return ini::error_at(file_name, line_no,
                                     ini::quoted_key(to_lower(trim(stripped.substr(0, delim)))) +
                                         " is outside any section; put a section header such as "
                                         "[default] above it");
            return ini::error_at(file_name, line_no,
                                 "expected a section header such as [default] before any settings");
        }
        if (delim == std::string_view::npos)
            return ini::error_at(file_name, line_no,
                                 "expected \"key = value\", a [section] header or a comment (in section " +
                                     section_label(current) + ")");
        auto key = to_lower(trim(stripped.substr(0, delim)));
        if (key.empty())
            return ini::error_at(file_name, line_no,
                                 std::string("missing key name before '") + stripped[delim] + "'");
        auto const& sec = section(current);
        if (sec.values.contains(key) || sec.nested.contains(key))
            return ini::error_at(file_name, line_no,
                                 "duplicate key " + ini::quoted_key(key) + " in section " +
                                     section_label(current));
        pending.emplace();
        pending->key = std::move(key);
        pending->lines.emplace_back(std::string(trim(stripped.substr(delim + 1))), line_no);
    }
    if (auto e = finish()) return e;

    // configparser hands [DEFAULT]'s keys to every section that lacks them.
    for (auto& s : sections) {
        for (auto const& [k, v] : defaults.values)
            if (!s.settings.values.contains(k) && !s.settings.nested.contains(k))
                s.settings.values.emplace(k, v);
        for (auto const& [k, v] : defaults.nested)
            if (!s.settings.values.contains(k) && !s.settings.nested.contains(k))
                s.settings.nested.emplace(k, v);
    }
    return sections;
}

} // namespace stratus::detail

#endif
