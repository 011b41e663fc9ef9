#ifndef STRATUS_DETAIL_IMPL_SHLEX_IPP
#define STRATUS_DETAIL_IMPL_SHLEX_IPP

#include <stratus/detail/shlex.hpp>

namespace stratus::detail {

STRATUS_DECL result<std::vector<std::string>> shlex_split(std::string_view s)
{
    // The states of Python's shlex.shlex.read_token with posix=True and
    // whitespace_split=True; names follow it so the two can be compared.
    enum class state { whitespace, word, single_quote, double_quote, escape };
    auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };

    std::vector<std::string> words;
    std::string token;
    bool quoted = false; // an empty '' still makes a word
    state st = state::whitespace;
    state escaped_from = state::word;

    for (char c : s) {
        switch (st) {
        case state::whitespace:
        case state::word:
            if (is_ws(c)) {
                if (st == state::word && (!token.empty() || quoted)) {
                    words.push_back(std::move(token));
                    token.clear();
                    quoted = false;
                }
                st = state::whitespace;
            } else if (c == '\\') {
                escaped_from = state::word;
                st = state::escape;
            } else if (c == '\'') {
                st = state::single_quote;
            } else if (c == '"') {
                st = state::double_quote;
            } else {
                token += c;
                st = state::word;
            }
            break;
        case state::single_quote:
            quoted = true;
            if (c == '\'')
                st = state::word;
            else
                token += c;
            break;
        case state::double_quote:
            quoted = true;
            if (c == '"') {
                st = state::word;
            } else if (c == '\\') {
                escaped_from = state::double_quote;
                st = state::escape;
            } else {
                token += c;
            }
            break;
        case state::escape:
            // Inside "...", a backslash only escapes " and itself; before
            // anything else it stays, as in sh.
            if (escaped_from == state::double_quote && c != '"' && c != '\\') token += '\\';
            token += c;
            st = escaped_from;
            break;
        }
    }
    switch (st) {
    case state::single_quote:
    case state::double_quote:
        return make_error(errc::invalid_config, "no closing quotation");
    case state::escape:
        return make_error(errc::invalid_config, "no escaped character");
    case state::word:
        if (!token.empty() || quoted) words.push_back(std::move(token));
        break;
    case state::whitespace:
        break;
    }
    return words;
}

} // namespace stratus::detail

#endif
