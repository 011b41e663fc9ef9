// DynamoDB items as native C++ values: boto3's TypeSerializer and
// TypeDeserializer. Strings are S, bool BOOL, nullptr NULL, integers and
// floating point N (exact decimal text, never rounded through a double on the
// way back), blob B, std::set of strings / numbers / blobs SS / NS / BS,
// std::vector L, std::map M.
//
//   namespace ddb = stratus::services::dynamodb;
//   c.put_item({.table_name = "t", .item = ddb::to_item({{"pk", "a"}, {"n", 3}, {"tags", std::set<std::string>{"x"}}})});
//   auto out = c.get_item({.table_name = "t", .key = ddb::to_item({{"pk", "a"}})});
//   int n = ddb::get<int>(out.item, "n");
//   ddb::value v = ddb::from_attribute(out.item.at("tags")); // a dynamic value, like boto3's
//
// Needs the generated <stratus/services/dynamodb.hpp> (-Dservices=dynamodb).
// Included before the include guard: the generated header includes
// dynamodb_table.hpp, which includes this one, so when this header is
// included first, that inner inclusion must still define everything below
// (the generated shapes it needs are declared by then).
#include <stratus/services/dynamodb.hpp>

#ifndef STRATUS_CUSTOMIZATIONS_DYNAMODB_HPP
#define STRATUS_CUSTOMIZATIONS_DYNAMODB_HPP

#include <stratus/error.hpp>
#include <stratus/model.hpp>

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace stratus::services::dynamodb {

/// A DynamoDB number: its exact decimal text (up to 38 digits, more than any
/// C++ arithmetic type holds), converted on request.
struct number {
    std::string text;

    number() = default;
    explicit number(std::string decimal) : text(std::move(decimal)) {}
    template <class T>
        requires std::is_arithmetic_v<T> && (!std::is_same_v<T, bool>)
    explicit number(T v);

    /// The value as T; errc::invalid_parameter when it is not a number or
    /// does not fit T exactly (an integer type given 1.5 or 1e40).
    template <class T>
        requires std::is_arithmetic_v<T> && (!std::is_same_v<T, bool>)
    T as() const;

    friend bool operator==(number const&, number const&) = default;
    friend auto operator<=>(number const& a, number const& b) { return a.text <=> b.text; }
};

/// A dynamic DynamoDB value, as boto3's TypeDeserializer returns it.
class value {
public:
    using list = std::vector<value>;
    using map = std::map<std::string, value>;
    using storage = std::variant<std::nullptr_t, bool, std::string, number, blob, std::set<std::string>, std::set<number>,
                                 std::vector<blob>, std::shared_ptr<list const>, std::shared_ptr<map const>>;

    value() : v_(nullptr) {}
    value(std::nullptr_t) : v_(nullptr) {}
    value(bool b) : v_(b) {}
    value(char const* s) : v_(std::string(s)) {}
    value(std::string s) : v_(std::move(s)) {}
    value(std::string_view s) : v_(std::string(s)) {}
    template <class T>
        requires std::is_arithmetic_v<T> && (!std::is_same_v<T, bool>)
    value(T n) : v_(number(n))
    {
    }
    value(number n) : v_(std::move(n)) {}
    value(blob b) : v_(std::move(b)) {}
    value(std::set<std::string> ss) : v_(std::move(ss)) {}
    template <class T>
        requires std::is_arithmetic_v<T> && (!std::is_same_v<T, bool>)
    value(std::set<T> const& ns)
    {
        std::set<number> out;
        for (auto const& n : ns) out.insert(number(n));
        v_ = std::move(out);
    }
    value(std::set<number> ns) : v_(std::move(ns)) {}
    value(std::vector<blob> bs) : v_(std::move(bs)) {}
    value(list l) : v_(std::make_shared<list const>(std::move(l))) {}
    value(map m) : v_(std::make_shared<map const>(std::move(m))) {}

    storage const& get() const noexcept { return v_; }
    bool is_null() const noexcept { return std::holds_alternative<std::nullptr_t>(v_); }
    list const* as_list() const noexcept
    {
        auto p = std::get_if<std::shared_ptr<list const>>(&v_);
        return p ? p->get() : nullptr;
    }
    map const* as_map() const noexcept
    {
        auto p = std::get_if<std::shared_ptr<map const>>(&v_);
        return p ? p->get() : nullptr;
    }
    template <class T>
    T const* if_is() const noexcept
    {
        return std::get_if<T>(&v_);
    }

    /// Deep equality, as Python compares boto3's values: the same type and
    /// the same contents. Numbers compare by their text (3 and 3.0 from C++
    /// values are both "3"; number("3.0") is not number("3")).
    friend bool operator==(value const& a, value const& b);

private:
    storage v_;
};

/// TypeSerializer: the AttributeValue of a native value.
inline attribute_value to_attribute(value const& v);

/// TypeDeserializer: the native value of an AttributeValue;
/// errc::invalid_parameter when it has no type or more than one set.
inline value from_attribute(attribute_value const& a);

/// An item (or key) from name/value pairs: .item = to_item({{"pk", "a"}, {"n", 3}}).
inline std::map<std::string, attribute_value> to_item(std::initializer_list<std::pair<std::string const, value>> fields)
{
    std::map<std::string, attribute_value> out;
    for (auto const& [k, v] : fields) out.emplace(k, to_attribute(v));
    return out;
}

/// An item's attribute as T (std::string, bool, an arithmetic type, blob,
/// number, value...); errc::invalid_parameter naming the attribute when it is
/// missing or of another type.
template <class T>
T get(std::map<std::string, attribute_value> const& item, std::string_view name);

/// The same for a native item (value::map), as Table's get_item returns it:
/// get<int>(*table.get_item({.key = ...}).item, "n").
template <class T>
T get(value::map const& item, std::string_view name);

} // namespace stratus::services::dynamodb

#include <stratus/customizations/impl/dynamodb.hpp>

#endif
