// The vocabulary of the resource code stratus-gen writes: filling request
// members from identifiers, data and constants ("Filters[0].Values[0]",
// "Delete.Objects[].Key"), and making resources from the identifiers a
// response or request holds ("Reservations[].Instances[].InstanceId").
#ifndef STRATUS_DETAIL_RESOURCE_VALUES_HPP
#define STRATUS_DETAIL_RESOURCE_VALUES_HPP

#include <stratus/error.hpp>
#include <stratus/model.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace stratus::detail {

/// The value a member holds, created when it is unset (optional members),
/// for writing into it.
template <class M>
auto& ensure(M& m)
{
    if constexpr (is_required<M>::value) return m.value;
    else if constexpr (requires { m.has_value(); m.emplace(); }) {
        if (!m) m.emplace();
        return *m;
    } else return m;
}

/// A list's element i, the list grown to reach it ("Filters[0]", and the
/// i-th resource of a batch for "Objects[]").
template <class List>
auto& slot(List& l, std::size_t i)
{
    if (l.size() <= i) l.resize(i + 1);
    return l[i];
}

/// Sets a request member from an identifier, a datum or a model constant:
/// text into strings and enumerations, decimal text into numbers (an
/// identifier that is not a number is an invalid_parameter naming `what`).
template <class M, class V>
void assign(M& m, V const& v, std::string_view what)
{
    auto& dst = ensure(m);
    using T = std::remove_cvref_t<decltype(dst)>;
    if constexpr (std::is_same_v<T, bool>) {
        if constexpr (std::is_same_v<V, bool>) dst = v;
        else dst = std::string_view(v) == "true";
    } else if constexpr (std::is_arithmetic_v<T>) {
        if constexpr (std::is_arithmetic_v<V>) {
            dst = static_cast<T>(v);
        } else {
            std::string_view text(v);
            T n{};
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (ec != std::errc() || end != text.data() + text.size())
                throw_error(make_error(errc::invalid_parameter,
                                       std::string(what) + ": \"" + std::string(text) + "\" is not a number"));
            dst = n;
        }
    } else if constexpr (std::is_arithmetic_v<V> && !std::is_same_v<V, bool>) {
        dst = T(std::to_string(v));
    } else {
        dst = T(std::string(std::string_view(v)));
    }
}

/// An identifier as text, whatever the response member's type.
template <class T>
std::string identifier_text(T const& v)
{
    if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
    else if constexpr (std::is_arithmetic_v<T>) return std::to_string(v);
    else return std::string(std::string_view(v));
}

/// The values one identifier takes in a response or request: one for a
/// scalar path ("QueueUrl"), one per element for a projection ("Contents[].Key").
struct identifier_values {
    std::vector<std::string> values;
    bool plural = false;

    /// A collector for paging::each.
    auto collect()
    {
        return [this](auto const* v) { values.push_back(identifier_text(*v)); };
    }
};

/// Resources from identifier values and, where the response carries them,
/// their data (by position), as boto3's ResourceHandler: as many as the
/// first plural identifier has values, scalar identifiers repeated.
/// `data` points into a response the caller owns (moved from) or into a
/// parent's data (copied).
template <class R, std::size_t N, class Data>
std::vector<R> make_resources(typename R::client_type const& client, std::array<identifier_values, N>& ids,
                              std::vector<Data*> const& data)
{
    std::size_t n = 1;
    for (auto const& id : ids)
        if (id.plural) {
            n = id.values.size();
            break;
        }
    std::vector<R> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::array<std::string, N> v;
        for (std::size_t k = 0; k < N; ++k) {
            auto& src = ids[k].values;
            std::size_t at = ids[k].plural ? i : 0;
            if (at < src.size()) v[k] = ids[k].plural ? std::move(src[at]) : src[at];
        }
        std::optional<typename R::data_type> d;
        if (i < data.size() && data[i]) d.emplace(std::move(*data[i]));
        out.emplace_back(client, std::move(v), std::move(d));
    }
    return out;
}

/// The one resource an action makes; resource_unavailable when the
/// response lacks it.
template <class R>
R single_resource(std::vector<R>&& rs, std::string_view what)
{
    if (rs.empty())
        throw_error(make_error(errc::resource_unavailable, std::string(what) + ": the response holds no identifier"));
    return std::move(rs.front());
}

/// What load() throws when its response does not hold the resource (an
/// EC2 instance that no longer exists: DescribeInstances returns no reservation).
template <std::size_t N>
[[noreturn]] void resource_not_found(std::string_view type, std::array<std::string, N> const& ids,
                                     std::string_view operation)
{
    std::string what(type);
    what += '(';
    for (std::size_t i = 0; i < N; ++i) what += (i ? ", " : "") + ids[i];
    what += ')';
    throw_error(make_error(errc::resource_unavailable, what + ": the response holds no such resource",
                           std::string(operation)));
}

} // namespace stratus::detail

#endif
