#include "jmespath.hpp"

#include "json_io.hpp"

#include <boost/json/parse.hpp>

#include <cctype>
#include <system_error>

namespace stratus_gen::jmespath {

namespace {

enum class tok {
    eof, identifier, quoted_identifier, literal, number, dot, star, flatten, filter, lbracket, rbracket, lbrace,
    rbrace, lparen, rparen, comma, colon, current, expref, pipe, or_, and_, not_, eq, ne, lt, lte, gt, gte,
};

struct token {
    tok t = tok::eof;
    std::size_t pos = 0;
    std::string text;          // identifiers, operators as written
    boost::json::value value;  // literals
    std::int64_t number = 0;
};

token make_token(tok t, std::size_t pos)
{
    token k;
    k.t = t;
    k.pos = pos;
    return k;
}

// jmespath.py's binding powers: what a led operator binds tighter than.
int binding_power(tok t)
{
    switch (t) {
    case tok::pipe: return 1;
    case tok::or_: return 2;
    case tok::and_: return 3;
    case tok::eq:
    case tok::ne:
    case tok::lt:
    case tok::lte:
    case tok::gt:
    case tok::gte: return 5;
    case tok::flatten: return 9;
    case tok::star: return 20;
    case tok::filter: return 21;
    case tok::dot: return 40;
    case tok::not_: return 45;
    case tok::lbrace: return 50;
    case tok::lbracket: return 55;
    case tok::lparen: return 60;
    default: return 0;
    }
}

// A projection's right side stops at anything weaker than this (jmespath.py's _PROJECTION_STOP).
constexpr int projection_stop = 10;

class parser {
public:
    explicit parser(std::string_view expr) : expr_(expr) { lex(); }

    node run()
    {
        node n = expression(0);
        if (cur().t != tok::eof) error("unexpected \"" + cur().text + "\"");
        return n;
    }

private:
    [[noreturn]] void error(std::string const& what, std::size_t pos) const
    {
        throw gen_error("JMESPath \"" + std::string(expr_) + "\" at " + std::to_string(pos) + ": " + what);
    }
    [[noreturn]] void error(std::string const& what) const { error(what, cur().pos); }

    // The text from `i` up to the unescaped `close`, escapes (\close) undone.
    std::string delimited(std::size_t& i, char close, std::size_t start)
    {
        std::string s;
        for (++i; i < expr_.size() && expr_[i] != close; ++i) {
            if (expr_[i] == '\\' && i + 1 < expr_.size() && expr_[i + 1] == close) ++i;
            s += expr_[i];
        }
        if (i >= expr_.size()) error(std::string("unterminated ") + close, start);
        ++i;
        return s;
    }

    void lex()
    {
        std::size_t i = 0;
        auto push = [&](tok t, std::size_t start, std::size_t len) {
            token k;
            k.t = t;
            k.pos = start;
            k.text = std::string(expr_.substr(start, len));
            tokens_.push_back(std::move(k));
            i = start + len;
        };
        auto next_is = [&](char c) { return i + 1 < expr_.size() && expr_[i + 1] == c; };
        while (i < expr_.size()) {
            char c = expr_[i];
            std::size_t start = i;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++i;
            } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
                std::size_t n = 1;
                while (start + n < expr_.size() &&
                       (std::isalnum(static_cast<unsigned char>(expr_[start + n])) || expr_[start + n] == '_'))
                    ++n;
                push(tok::identifier, start, n);
            } else if (std::isdigit(static_cast<unsigned char>(c)) ||
                       (c == '-' && i + 1 < expr_.size() && std::isdigit(static_cast<unsigned char>(expr_[i + 1])))) {
                std::size_t n = 1;
                while (start + n < expr_.size() && std::isdigit(static_cast<unsigned char>(expr_[start + n]))) ++n;
                push(tok::number, start, n);
                tokens_.back().number = std::stoll(tokens_.back().text);
            } else if (c == '"') {
                std::string body = delimited(i, '"', start);
                token k = make_token(tok::quoted_identifier, start);
                std::error_code ec;
                auto v = boost::json::parse("\"" + body + "\"", ec);
                if (ec || !v.is_string()) error("bad quoted identifier", start);
                k.text = std::string(v.get_string());
                tokens_.push_back(std::move(k));
            } else if (c == '\'') {
                token k = make_token(tok::literal, start);
                k.value = boost::json::string(delimited(i, '\'', start));
                k.text = "'";
                tokens_.push_back(std::move(k));
            } else if (c == '`') {
                std::string body = delimited(i, '`', start);
                token k = make_token(tok::literal, start);
                std::error_code ec;
                k.value = boost::json::parse(body, ec);
                if (ec) error("literal `" + body + "` is not JSON", start);
                k.text = "`";
                tokens_.push_back(std::move(k));
            } else if (c == '[') {
                if (next_is(']')) push(tok::flatten, start, 2);
                else if (next_is('?')) push(tok::filter, start, 2);
                else push(tok::lbracket, start, 1);
            } else if (c == '|') {
                push(next_is('|') ? tok::or_ : tok::pipe, start, next_is('|') ? 2 : 1);
            } else if (c == '&') {
                push(next_is('&') ? tok::and_ : tok::expref, start, next_is('&') ? 2 : 1);
            } else if (c == '!') {
                push(next_is('=') ? tok::ne : tok::not_, start, next_is('=') ? 2 : 1);
            } else if (c == '=') {
                if (!next_is('=')) error("\"=\" (comparison is \"==\")", start);
                push(tok::eq, start, 2);
            } else if (c == '<') {
                push(next_is('=') ? tok::lte : tok::lt, start, next_is('=') ? 2 : 1);
            } else if (c == '>') {
                push(next_is('=') ? tok::gte : tok::gt, start, next_is('=') ? 2 : 1);
            } else {
                tok t = c == '.'   ? tok::dot
                        : c == '*' ? tok::star
                        : c == ']' ? tok::rbracket
                        : c == '{' ? tok::lbrace
                        : c == '}' ? tok::rbrace
                        : c == '(' ? tok::lparen
                        : c == ')' ? tok::rparen
                        : c == ',' ? tok::comma
                        : c == ':' ? tok::colon
                        : c == '@' ? tok::current
                                   : tok::eof;
                if (t == tok::eof) error(std::string("unexpected character '") + c + "'", start);
                push(t, start, 1);
            }
        }
        tokens_.push_back(make_token(tok::eof, expr_.size()));
        tokens_.back().text = "end of expression";
    }

    token const& cur() const { return tokens_[at_]; }
    token const& ahead(std::size_t n) const { return tokens_[std::min(at_ + n, tokens_.size() - 1)]; }
    token const& advance() { return tokens_[at_++]; }
    void match(tok t, char const* what)
    {
        if (cur().t != t) error(std::string("expected ") + what + ", found \"" + cur().text + "\"");
        ++at_;
    }

    static node make(node::type t, std::vector<node> children = {})
    {
        node n;
        n.t = t;
        n.children = std::move(children);
        return n;
    }

    node expression(int bp)
    {
        token const& first = advance();
        node left = nud(first);
        while (bp < binding_power(cur().t)) {
            token const& op = advance();
            left = led(op, std::move(left));
        }
        return left;
    }

    node nud(token const& k)
    {
        switch (k.t) {
        case tok::literal: {
            node n = make(node::type::literal);
            n.value = k.value;
            return n;
        }
        case tok::identifier:
        case tok::quoted_identifier: {
            if (k.t == tok::quoted_identifier && cur().t == tok::lparen) error("a function name cannot be quoted", k.pos);
            node n = make(node::type::field);
            n.name = k.text;
            return n;
        }
        case tok::current: return make(node::type::current);
        case tok::star: return make(node::type::value_projection, {make(node::type::current), projection_rhs(20)});
        case tok::filter: return filter(make(node::type::current));
        case tok::flatten:
            return make(node::type::projection, {make(node::type::flatten, {make(node::type::current)}), projection_rhs(9)});
        case tok::not_: return make(node::type::not_, {expression(45)});
        case tok::lparen: {
            node n = expression(0);
            match(tok::rparen, "\")\"");
            return n;
        }
        case tok::lbracket:
            if (cur().t == tok::number) return index(make(node::type::current));
            if (cur().t == tok::star && ahead(1).t == tok::rbracket) {
                at_ += 2;
                return make(node::type::projection, {make(node::type::current), projection_rhs(20)});
            }
            error("multi-select lists are outside the subset stratus-gen compiles", k.pos);
        case tok::lbrace: error("multi-select hashes are outside the subset stratus-gen compiles", k.pos);
        case tok::expref: error("expression references are outside the subset stratus-gen compiles", k.pos);
        default: error("unexpected \"" + k.text + "\"", k.pos);
        }
    }

    node led(token const& k, node left)
    {
        switch (k.t) {
        case tok::dot:
            if (cur().t == tok::star) {
                ++at_;
                return make(node::type::value_projection, {std::move(left), projection_rhs(40)});
            }
            return make(node::type::subexpression, {std::move(left), dot_rhs(40)});
        case tok::pipe: return make(node::type::pipe, {std::move(left), expression(1)});
        case tok::or_: return make(node::type::or_, {std::move(left), expression(2)});
        case tok::and_: return make(node::type::and_, {std::move(left), expression(3)});
        case tok::eq:
        case tok::ne:
        case tok::lt:
        case tok::lte:
        case tok::gt:
        case tok::gte: {
            node n = make(node::type::comparator, {std::move(left), expression(5)});
            n.name = k.text;
            return n;
        }
        case tok::flatten:
            return make(node::type::projection, {make(node::type::flatten, {std::move(left)}), projection_rhs(9)});
        case tok::filter: return filter(std::move(left));
        case tok::lbracket:
            if (cur().t == tok::number) return index(std::move(left));
            if (cur().t == tok::colon) error("slices are outside the subset stratus-gen compiles");
            match(tok::star, "a number or \"*\"");
            match(tok::rbracket, "\"]\"");
            return make(node::type::projection, {std::move(left), projection_rhs(20)});
        case tok::lparen: {
            if (left.t != node::type::field) error("only a name can be called", k.pos);
            node n = make(node::type::function);
            n.name = left.name;
            while (cur().t != tok::rparen) {
                n.children.push_back(expression(0));
                if (cur().t == tok::comma) ++at_;
                else if (cur().t != tok::rparen) error("expected \",\" or \")\", found \"" + cur().text + "\"");
            }
            ++at_;
            return n;
        }
        default: error("unexpected \"" + k.text + "\"", k.pos);
        }
    }

    // `[` already taken, a number in hand: left[n].
    node index(node left)
    {
        std::int64_t i = advance().number;
        if (cur().t == tok::colon) error("slices are outside the subset stratus-gen compiles");
        match(tok::rbracket, "\"]\"");
        node n = make(node::type::index, {std::move(left)});
        n.index = i;
        return n;
    }

    // `[?` already taken.
    node filter(node left)
    {
        node condition = expression(0);
        match(tok::rbracket, "\"]\"");
        node right = cur().t == tok::flatten ? make(node::type::current) : projection_rhs(21);
        return make(node::type::filter_projection, {std::move(left), std::move(right), std::move(condition)});
    }

    node projection_rhs(int bp)
    {
        if (binding_power(cur().t) < projection_stop) return make(node::type::current);
        if (cur().t == tok::lbracket || cur().t == tok::filter) return expression(bp);
        if (cur().t == tok::dot) {
            ++at_;
            return dot_rhs(bp);
        }
        error("unexpected \"" + cur().text + "\" after a projection");
    }

    node dot_rhs(int bp)
    {
        if (cur().t == tok::identifier || cur().t == tok::quoted_identifier || cur().t == tok::star) return expression(bp);
        if (cur().t == tok::lbracket || cur().t == tok::lbrace)
            error("multi-select lists and hashes are outside the subset stratus-gen compiles");
        error("expected a name after \".\", found \"" + cur().text + "\"");
    }

    std::string_view expr_;
    std::vector<token> tokens_;
    std::size_t at_ = 0;
};

} // namespace

node parse(std::string_view expr) { return parser(expr).run(); }

} // namespace stratus_gen::jmespath
