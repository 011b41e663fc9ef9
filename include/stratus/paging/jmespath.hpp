// The JMESPath of waiter matchers as typed calls: stratus-gen compiles each
// acceptor's `argument` ("length(services[?runningCount == desiredCount]) == `0`")
// into these functions over the generated output type, checking every name
// and shape at generation time. Values the expression finds in the response
// are pointers (nullptr for JMESPath null); values it computes (literals,
// comparisons, lengths) are a `scalar`; projections are a `list` (nullopt
// when the projected value is not a list, as JMESPath's null). The rules
// are jmespath.py's, which botocore's waiters use.
#ifndef STRATUS_PAGING_JMESPATH_HPP
#define STRATUS_PAGING_JMESPATH_HPP

#include <stratus/paging/access.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace stratus::paging {

/// A value an expression computed: null, a boolean, a number, a string, or
/// (`other`) a list or object that only its truthiness is kept of.
struct scalar {
    enum class kind : std::uint8_t { null, boolean, number, string, other };
    kind k = kind::null;
    bool b = false; ///< boolean: the value; other: its truthiness
    double n = 0;
    std::string_view s{};

    static constexpr scalar boolean(bool v) noexcept { return {kind::boolean, v}; }
    static constexpr scalar number(double v) noexcept { return {kind::number, false, v}; }
    static constexpr scalar string(std::string_view v) noexcept { return {kind::string, false, 0, v}; }
    static constexpr scalar other(bool truthy) noexcept { return {kind::other, truthy}; }
};

/// A projection's result: its non-null values, or nullopt for JMESPath null.
template <class E>
using list = std::optional<std::vector<E>>;

namespace detail {

template <class T>
struct is_list : std::false_type {};
template <class E>
struct is_list<list<E>> : std::true_type {};

template <class T>
struct is_model_list : std::false_type {};
template <class E, class A>
struct is_model_list<std::vector<E, A> const*> : std::true_type {};
template <class E, class A>
struct is_model_list<std::vector<E, A>*> : std::true_type {};

template <class T>
struct is_model_map : std::false_type {};
template <class V, class C, class A>
struct is_model_map<std::map<std::string, V, C, A> const*> : std::true_type {};
template <class V, class C, class A>
struct is_model_map<std::map<std::string, V, C, A>*> : std::true_type {};

template <class T>
inline constexpr bool listlike = is_list<T>::value || is_model_list<T>::value;

template <class T>
inline constexpr bool textual = std::is_convertible_v<T const&, std::string_view>;

// How a list hands out its elements: a model list's as pointers, a
// projection's as they are.
template <class L>
struct element;
template <class E, class A>
struct element<std::vector<E, A> const*> {
    using type = E const*;
};
template <class E, class A>
struct element<std::vector<E, A>*> {
    using type = E const*;
};
template <class E>
struct element<list<E>> {
    using type = E;
};

template <class V>
bool is_null(V const& v) noexcept
{
    if constexpr (std::is_pointer_v<V>) return v == nullptr;
    else if constexpr (is_list<V>::value) return !v.has_value();
    else return v.k == scalar::kind::null;
}

// Calls f with each element; false when `l` is not a list (or null).
template <class L, class F>
bool each_element(L const& l, F&& f)
{
    if constexpr (is_model_list<L>::value) {
        if (!l) return false;
        for (auto const& e : *l) f(&e);
        return true;
    } else if constexpr (is_list<L>::value) {
        if (!l) return false;
        for (auto const& e : *l) f(e);
        return true;
    } else {
        return false;
    }
}

inline std::size_t code_points(std::string_view s) noexcept
{
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

} // namespace detail

/// Truthiness of computed values and projections (pointers: truthy() of access.hpp).
inline bool truthy(scalar const& v) noexcept
{
    switch (v.k) {
    case scalar::kind::null: return false;
    case scalar::kind::number: return true;
    case scalar::kind::string: return !v.s.empty();
    default: return v.b;
    }
}
template <class E>
bool truthy(list<E> const& l) noexcept
{
    return l && !l->empty();
}

/// Any value as a scalar: strings and enums, booleans, numbers; lists,
/// objects, blobs and timestamps as `other`.
inline scalar to_scalar(scalar const& v) noexcept { return v; }
template <class E>
scalar to_scalar(list<E> const& l) noexcept
{
    return l ? scalar::other(!l->empty()) : scalar{};
}
template <class T>
scalar to_scalar(T const* p) noexcept
{
    if (!p) return {};
    if constexpr (std::is_same_v<T, bool>) return scalar::boolean(*p);
    else if constexpr (std::is_arithmetic_v<T>) return scalar::number(static_cast<double>(*p));
    else if constexpr (detail::textual<T>) return scalar::string(std::string_view(*p));
    else return scalar::other(truthy(p));
}

/// a == b: same kind and value; lists and objects equal nothing but null's
/// absence (stratus-gen does not compile == of two lists or objects).
template <class A, class B>
bool eq(A const& a, B const& b) noexcept
{
    scalar const x = to_scalar(a), y = to_scalar(b);
    if (x.k != y.k) return false;
    switch (x.k) {
    case scalar::kind::null: return true;
    case scalar::kind::boolean: return x.b == y.b;
    case scalar::kind::number: return x.n == y.n;
    case scalar::kind::string: return x.s == y.s;
    default: return false;
    }
}

enum class order : std::uint8_t { lt, lte, gt, gte };

/// Comparisons; < <= > >= of anything but two numbers is null, as in jmespath.py.
template <class A, class B>
scalar equal(A const& a, B const& b) noexcept
{
    return scalar::boolean(eq(a, b));
}
template <class A, class B>
scalar not_equal(A const& a, B const& b) noexcept
{
    return scalar::boolean(!eq(a, b));
}
template <order O, class A, class B>
scalar compare(A const& a, B const& b) noexcept
{
    scalar const x = to_scalar(a), y = to_scalar(b);
    if (x.k != scalar::kind::number || y.k != scalar::kind::number) return {};
    switch (O) {
    case order::lt: return scalar::boolean(x.n < y.n);
    case order::lte: return scalar::boolean(x.n <= y.n);
    case order::gt: return scalar::boolean(x.n > y.n);
    default: return scalar::boolean(x.n >= y.n);
    }
}

/// !a
template <class A>
scalar not_(A const& a) noexcept
{
    return scalar::boolean(!truthy(a));
}

/// a || b (the first truthy operand) and a && b (the first falsy one).
/// Operands of different types meet as scalars; stratus-gen only mixes
/// types whose values a scalar holds.
template <class A, class B>
auto or_(A const& a, B const& b)
{
    if constexpr (std::is_same_v<A, B>) return truthy(a) ? a : b;
    else return truthy(a) ? to_scalar(a) : to_scalar(b);
}
template <class A, class B>
auto and_(A const& a, B const& b)
{
    if constexpr (std::is_same_v<A, B>) return truthy(a) ? b : a;
    else return truthy(a) ? to_scalar(b) : to_scalar(a);
}

/// length(): characters of a string, entries of a list or map; null for
/// anything else (where jmespath.py raises, the matcher does not match).
template <class V>
scalar length(V const& v) noexcept
{
    if constexpr (detail::is_list<V>::value) {
        return v ? scalar::number(static_cast<double>(v->size())) : scalar{};
    } else if constexpr (std::is_pointer_v<V>) {
        using T = std::remove_cvref_t<decltype(*v)>;
        if (!v) return {};
        if constexpr (detail::textual<T>) return scalar::number(static_cast<double>(detail::code_points(*v)));
        else if constexpr (detail::is_model_list<V>::value || detail::is_model_map<V>::value)
            return scalar::number(static_cast<double>(v->size()));
        else return {};
    } else {
        if (v.k != scalar::kind::string) return {};
        return scalar::number(static_cast<double>(detail::code_points(v.s)));
    }
}

/// contains(subject, search): an element of a list equal to search, or a
/// substring of a string; null when the subject is neither.
template <class L, class S>
scalar contains(L const& subject, S const& search) noexcept
{
    bool found = false;
    if (detail::each_element(subject, [&](auto const& e) { found = found || eq(e, search); }))
        return scalar::boolean(found);
    scalar const x = to_scalar(subject), y = to_scalar(search);
    if (x.k != scalar::kind::string || y.k != scalar::kind::string) return {};
    return scalar::boolean(x.s.find(y.s) != std::string_view::npos);
}

/// l[*].f / l[].f: f of each element, null results dropped; null when l is not a list.
template <class L, class F>
auto project(L const& l, F f)
{
    using E = typename detail::element<L>::type;
    list<std::decay_t<decltype(f(std::declval<E const&>()))>> r;
    if (!detail::is_null(l)) r.emplace();
    detail::each_element(l, [&](E const& e) {
        auto v = f(e);
        if (!detail::is_null(v)) r->push_back(std::move(v));
    });
    return r;
}

/// l[?cond].f: f of the elements cond is truthy for.
template <class L, class C, class F>
auto filter(L const& l, C cond, F f)
{
    using E = typename detail::element<L>::type;
    list<std::decay_t<decltype(f(std::declval<E const&>()))>> r;
    if (!detail::is_null(l)) r.emplace();
    detail::each_element(l, [&](E const& e) {
        if (!truthy(cond(e))) return;
        auto v = f(e);
        if (!detail::is_null(v)) r->push_back(std::move(v));
    });
    return r;
}

/// m.*.f: f of each value of a map.
template <class V, class F>
auto values(std::map<std::string, V> const* m, F f)
{
    list<std::decay_t<decltype(f(std::declval<V const*>()))>> r;
    if (!m) return r;
    r.emplace();
    for (auto const& [k, v] : *m) {
        auto x = f(&v);
        if (!detail::is_null(x)) r->push_back(std::move(x));
    }
    return r;
}

/// l[]: the elements, those that are lists spliced in.
template <class L>
auto flatten(L const& l)
{
    using E = typename detail::element<L>::type;
    if constexpr (detail::listlike<E>) {
        list<typename detail::element<E>::type> r;
        if (!detail::is_null(l)) r.emplace();
        detail::each_element(l, [&](E const& e) { detail::each_element(e, [&](auto const& x) { r->push_back(x); }); });
        return r;
    } else {
        return project(l, [](E const& e) { return e; });
    }
}

/// l[i] of a projection (a model list's index is at() of access.hpp).
template <class E>
E index(list<E> const& l, std::int64_t i)
{
    if (!l) return E{};
    auto const* p = at(*l, i);
    return p ? *p : E{};
}

/// The matchers: path (the value equals expected), pathAll (a non-empty
/// list whose every element does) and pathAny (a list with one that does).
template <class V>
bool path_matches(V const& v, scalar expected) noexcept
{
    return eq(v, expected);
}
template <class V>
bool path_all_match(V const& v, scalar expected) noexcept
{
    std::size_t n = 0;
    bool all = true;
    bool const is_list = detail::each_element(v, [&](auto const& e) {
        ++n;
        all = all && eq(e, expected);
    });
    return is_list && n > 0 && all;
}
template <class V>
bool path_any_match(V const& v, scalar expected) noexcept
{
    bool any = false;
    detail::each_element(v, [&](auto const& e) { any = any || eq(e, expected); });
    return any;
}

} // namespace stratus::paging

#endif
