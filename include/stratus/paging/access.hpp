// The vocabulary of the accessors stratus-gen writes for paginators: the
// JMESPath expressions of paginators-1.json ("NextMarker || Contents[-1].Key",
// "StreamDescription.Shards[-1].ShardId") become chains of these calls over
// the generated types, so a path that does not fit its shapes fails to
// compile instead of failing at run time. Member wrappers (optional,
// required, plain) are looked through uniformly.
#ifndef STRATUS_PAGING_ACCESS_HPP
#define STRATUS_PAGING_ACCESS_HPP

#include <stratus/model.hpp>
#include <stratus/protocol/detail/json_document.hpp>
#include <stratus/protocol/value_io.hpp>

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace stratus::paging {

/// A member's value, or nullptr when it is unset.
template <class T>
T* get(std::optional<T>& m) noexcept
{
    return m ? &*m : nullptr;
}
template <class T>
T const* get(std::optional<T> const& m) noexcept
{
    return m ? &*m : nullptr;
}
template <class T>
T* get(optional_container<T>& m) noexcept
{
    return m ? &*m : nullptr;
}
template <class T>
T const* get(optional_container<T> const& m) noexcept
{
    return m ? &*m : nullptr;
}
template <class T>
T* get(required<T>& m) noexcept
{
    return &m.value;
}
template <class T>
T const* get(required<T> const& m) noexcept
{
    return &m.value;
}
template <class T>
T* get(T& m) noexcept
{
    return &m;
}

/// A list's element by JMESPath index (negative from the end), or nullptr.
template <class List>
auto at(List& l, std::int64_t i) noexcept -> decltype(&l[0])
{
    auto const n = static_cast<std::int64_t>(l.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) return nullptr;
    return &l[static_cast<std::size_t>(i)];
}

/// Applies each step (a pointer to the next value, or nullptr) while the
/// value is there.
template <class T>
T* path(T* p) noexcept
{
    return p;
}
template <class T, class Step, class... Steps>
auto path(T* p, Step step, Steps... steps)
{
    using next = decltype(step(*p));
    if (!p) return decltype(path(next{}, steps...)){};
    return path(step(*p), steps...);
}

/// JMESPath truthiness: unset, false, an empty string or list are false.
template <class T>
bool truthy(T const* p) noexcept
{
    if (!p) return false;
    if constexpr (std::is_same_v<T, bool>) return *p;
    else if constexpr (std::is_convertible_v<T const&, std::string_view>) return !std::string_view(*p).empty();
    else if constexpr (requires { p->empty(); }) return !p->empty();
    else return true;
}

/// a || b: the first truthy value.
template <class T>
T* first_truthy(T* a) noexcept
{
    return a;
}
template <class T, class... U>
T* first_truthy(T* a, U*... rest) noexcept
{
    return truthy(a) ? a : first_truthy(rest...);
}

/// A list projection step ("Reservations[].Instances[]"): each() continues
/// with every element of the list in hand.
struct every_element_t {};
inline constexpr every_element_t every_element{};

/// Calls f with a pointer to every value the path reaches, projections
/// flattened and unset values skipped (JMESPath drops nulls from
/// projections): the resource paths of resources-1.json ("Contents[].Key").
template <class T, class F>
void each(T* p, F& f)
{
    if (p) f(p);
}
template <class T, class F, class Step, class... Steps>
void each(T* p, F& f, Step step, Steps... steps)
{
    if (!p) return;
    if constexpr (std::is_same_v<Step, every_element_t>) {
        for (auto& e : *p) each(&e, f, steps...);
    } else {
        each(step(*p), f, steps...);
    }
}

/// Sets a member (optional, required or plain) to v.
template <class M, class V>
void set(M& m, V const& v)
{
    if constexpr (is_required<M>::value) m.value = v;
    else m = v;
}

/// Sets a limit key (MaxKeys, MaxResults...): integer members take n, the
/// few string-typed ones its decimal text.
template <class M>
void set_limit(M& m, std::int32_t n)
{
    using value = std::remove_cvref_t<decltype(*get(m))>;
    if constexpr (std::is_convertible_v<value const&, std::string_view>) set(m, value(std::to_string(n)));
    else set(m, static_cast<value>(n));
}

/// The element type of item iteration when a paginator's primary result key
/// is not a list (a map or a structure): pages are there, items are not.
struct not_a_list {};

/// Clears a member.
template <class M>
void clear(M& m)
{
    if constexpr (requires { m.reset(); }) m.reset();
    else if constexpr (!is_required<M>::value) m = M{};
}

/// Copies the next page's token into an input member; false (and the
/// member cleared) when there is none, as botocore treats falsy tokens.
template <class M, class T>
bool assign(M& m, T const* v)
{
    if (!truthy(v)) {
        clear(m);
        return false;
    }
    set(m, *v);
    return true;
}

namespace detail {

// A token that is a list, map or structure (DynamoDB's ExclusiveStartKey, a
// map of AttributeValue) travels in a resume token as the JSON the wire
// protocol writes for it: blobs as base64 text, as botocore's TokenEncoder
// writes bytes. It is written and read as the one member of an object.
inline constexpr member_info token_member{.name = "token", .wire = "token"};

template <class M>
inline constexpr bool is_composite_token =
    protocol::detail::is_vector<M>::value || protocol::detail::is_map<M>::value || structure<M>;

} // namespace detail

/// A token member as JSON, for resume tokens and the repeated-token check.
template <class M>
boost::json::value to_json(M const& m)
{
    if constexpr (requires { m.has_value(); }) {
        return m ? to_json(*m) : boost::json::value(nullptr);
    } else if constexpr (is_required<M>::value) {
        return to_json(m.value);
    } else if constexpr (std::is_same_v<M, bool>) {
        return m;
    } else if constexpr (std::is_integral_v<M>) {
        return static_cast<std::int64_t>(m);
    } else if constexpr (std::is_convertible_v<M const&, std::string_view>) {
        return boost::json::value(std::string_view(m));
    } else if constexpr (detail::is_composite_token<M>) {
        protocol::detail::json_writer w;
        protocol::write_value(w, detail::token_member, m, true);
        auto const* v = w.root.get_object().if_contains(detail::token_member.wire);
        return v ? *v : boost::json::value(nullptr);
    } else {
        static_assert(std::is_same_v<M, void>, "stratus: a pagination token of a type stratus cannot serialize");
    }
}

/// Sets a token member from JSON written by to_json; false when the JSON
/// does not fit the member.
template <class M>
bool from_json(M& m, boost::json::value const& v)
{
    if constexpr (requires { m.has_value(); }) {
        if (v.is_null()) {
            m.reset();
            return true;
        }
        typename M::value_type x{};
        if (!from_json(x, v)) return false;
        m = std::move(x);
        return true;
    } else if constexpr (is_required<M>::value) {
        return from_json(m.value, v);
    } else if constexpr (std::is_same_v<M, bool>) {
        if (!v.is_bool()) return false;
        m = v.get_bool();
        return true;
    } else if constexpr (std::is_integral_v<M>) {
        if (!v.is_int64()) return false;
        m = static_cast<M>(v.get_int64());
        return true;
    } else if constexpr (detail::is_composite_token<M>) {
        boost::json::value doc = boost::json::object{{detail::token_member.wire, v}};
        protocol::detail::json_reader r(doc);
        M x{};
        if (!protocol::read_value(r, detail::token_member, x) || r.failed()) return false;
        m = std::move(x);
        return true;
    } else {
        if (!v.is_string()) return false;
        m = M(std::string(v.get_string()));
        return true;
    }
}

} // namespace stratus::paging

#endif
