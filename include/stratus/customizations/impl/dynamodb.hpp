#ifndef STRATUS_CUSTOMIZATIONS_IMPL_DYNAMODB_HPP
#define STRATUS_CUSTOMIZATIONS_IMPL_DYNAMODB_HPP

#include <limits>

namespace stratus::services::dynamodb {

namespace type_detail {

[[noreturn]] inline void refuse(std::string message)
{
    throw_error(make_error(errc::invalid_parameter, std::move(message)));
}

// "12.000" -> "12": DynamoDB may normalise an integer with a zero fraction.
inline std::string_view integral_part(std::string_view t)
{
    auto dot = t.find('.');
    if (dot == std::string_view::npos) return t;
    for (auto c : t.substr(dot + 1))
        if (c != '0') return t; // a real fraction: not an integer
    return t.substr(0, dot);
}

} // namespace type_detail

template <class T>
    requires std::is_arithmetic_v<T> && (!std::is_same_v<T, bool>)
number::number(T v)
{
    if constexpr (std::is_integral_v<T>) {
        text = std::to_string(v);
    } else {
        if (!std::isfinite(v)) type_detail::refuse("DynamoDB numbers cannot be NaN or infinite");
        // Shortest text that reads back as the same double, without an
        // exponent (DynamoDB keeps 38 significant digits; this never needs more than 17).
        char buf[400];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<double>(v), std::chars_format::fixed);
        if (ec != std::errc{}) type_detail::refuse("a number too long to write");
        text.assign(buf, end);
    }
}

template <class T>
    requires std::is_arithmetic_v<T> && (!std::is_same_v<T, bool>)
T number::as() const
{
    auto fail = [&]() -> T { type_detail::refuse("DynamoDB number \"" + text + "\" does not fit the requested type exactly"); };
    if constexpr (std::is_integral_v<T>) {
        auto t = type_detail::integral_part(text);
        T out{};
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
        if (ec != std::errc{} || end != t.data() + t.size()) return fail();
        return out;
    } else {
        double out = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec != std::errc{} || end != text.data() + text.size()) return fail();
        return static_cast<T>(out);
    }
}

inline attribute_value to_attribute(value const& v)
{
    attribute_value a;
    std::visit(
        [&](auto const& x) {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::nullptr_t>) {
                a.null = true;
            } else if constexpr (std::is_same_v<X, bool>) {
                a.bool_ = x;
            } else if constexpr (std::is_same_v<X, std::string>) {
                a.s = x;
            } else if constexpr (std::is_same_v<X, number>) {
                a.n = x.text;
            } else if constexpr (std::is_same_v<X, blob>) {
                a.b = x;
            } else if constexpr (std::is_same_v<X, std::set<std::string>>) {
                // DynamoDB has no empty sets; boto3 refuses them too.
                if (x.empty()) type_detail::refuse("DynamoDB sets cannot be empty (a string set)");
                a.ss = std::vector<std::string>(x.begin(), x.end());
            } else if constexpr (std::is_same_v<X, std::set<number>>) {
                if (x.empty()) type_detail::refuse("DynamoDB sets cannot be empty (a number set)");
                std::vector<std::string> ns;
                for (auto const& n : x) ns.push_back(n.text);
                a.ns = std::move(ns);
            } else if constexpr (std::is_same_v<X, std::vector<blob>>) {
                if (x.empty()) type_detail::refuse("DynamoDB sets cannot be empty (a binary set)");
                a.bs = x;
            } else if constexpr (std::is_same_v<X, std::shared_ptr<value::list const>>) {
                std::vector<attribute_value> l;
                l.reserve(x->size());
                for (auto const& e : *x) l.push_back(to_attribute(e));
                a.l = std::move(l);
            } else {
                std::map<std::string, attribute_value> m;
                for (auto const& [k, e] : *x) m.emplace(k, to_attribute(e));
                a.m = std::move(m);
            }
        },
        v.get());
    return a;
}

inline bool operator==(value const& a, value const& b)
{
    if (a.v_.index() != b.v_.index()) return false;
    // Lists and maps are held through pointers: compare what they point to.
    if (auto l = a.as_list()) return *l == *b.as_list();
    if (auto m = a.as_map()) return *m == *b.as_map();
    return a.v_ == b.v_;
}

inline value from_attribute(attribute_value const& a)
{
    int const set = a.s.has_value() + a.n.has_value() + a.b.has_value() + a.ss.has_value() + a.ns.has_value() +
                    a.bs.has_value() + a.m.has_value() + a.l.has_value() + a.null.has_value() + a.bool_.has_value();
    if (set != 1)
        type_detail::refuse(set == 0 ? "an AttributeValue with no type set"
                                     : "an AttributeValue with more than one type set");
    if (a.s) return value(*a.s);
    if (a.n) return value(number(*a.n));
    if (a.b) return value(*a.b);
    if (a.ss) return value(std::set<std::string>(a.ss->begin(), a.ss->end()));
    if (a.ns) {
        std::set<number> ns;
        for (auto const& n : *a.ns) ns.insert(number(n));
        return value(std::move(ns));
    }
    if (a.bs) return value(*a.bs);
    if (a.m) {
        value::map m;
        for (auto const& [k, e] : *a.m) m.emplace(k, from_attribute(e));
        return value(std::move(m));
    }
    if (a.l) {
        value::list l;
        l.reserve(a.l->size());
        for (auto const& e : *a.l) l.push_back(from_attribute(e));
        return value(std::move(l));
    }
    if (a.null) return value(nullptr);
    return value(*a.bool_);
}

template <class T>
T get(std::map<std::string, attribute_value> const& item, std::string_view name)
{
    auto it = item.find(std::string(name));
    if (it == item.end()) type_detail::refuse("the item has no attribute \"" + std::string(name) + "\"");
    auto const& a = it->second;
    auto wrong = [&](char const* want) -> T {
        type_detail::refuse("attribute \"" + std::string(name) + "\" is not " + want);
    };
    if constexpr (std::is_same_v<T, value>) {
        return from_attribute(a);
    } else if constexpr (std::is_same_v<T, std::string>) {
        return a.s ? *a.s : wrong("a string (S)");
    } else if constexpr (std::is_same_v<T, bool>) {
        return a.bool_ ? *a.bool_ : wrong("a boolean (BOOL)");
    } else if constexpr (std::is_same_v<T, number>) {
        return a.n ? number(*a.n) : wrong("a number (N)");
    } else if constexpr (std::is_arithmetic_v<T>) {
        if (!a.n) return wrong("a number (N)");
        try {
            return number(*a.n).template as<T>();
        } catch (stratus::error const&) {
            type_detail::refuse("attribute \"" + std::string(name) + "\" (" + *a.n + ") does not fit the requested type");
        }
    } else if constexpr (std::is_same_v<T, blob>) {
        return a.b ? *a.b : wrong("binary (B)");
    } else {
        static_assert(std::is_same_v<T, value>, "stratus: get<T> takes std::string, bool, number, an arithmetic type, "
                                                "blob or value");
    }
}

template <class T>
T get(value::map const& item, std::string_view name)
{
    // Through the AttributeValue form, so both overloads convert (and refuse) alike.
    std::map<std::string, attribute_value> one;
    if (auto it = item.find(std::string(name)); it != item.end()) one.emplace(it->first, to_attribute(it->second));
    return get<T>(one, name);
}

} // namespace stratus::services::dynamodb

#endif
