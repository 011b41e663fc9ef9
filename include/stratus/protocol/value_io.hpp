// The bridge between generated shapes and the protocol engines. A shape's
// visitor (model.hpp) is walked once per C++ type by the two small templates
// here, which turn every member into a call on a non-template interface:
// value_writer (serialize, validate) or value_reader (parse). Each protocol
// implements those interfaces once, in a .ipp, so adding an operation costs
// one instantiation of write_members/read_members per shape and nothing per
// protocol (STYLE.md §5.3, MEASUREMENTS.md).
//
// Writers and readers see member_info for top-level and structure members.
// List items and map values arrive with `item_info` (an empty member_info):
// the implementation knows from its own state which list or map they belong
// to. member_info objects are temporaries of the visitor call: copy what must
// outlive the call.
#ifndef STRATUS_PROTOCOL_VALUE_IO_HPP
#define STRATUS_PROTOCOL_VALUE_IO_HPP

#include <stratus/model.hpp>
#include <stratus/protocol/encoding.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace stratus::protocol {

/// Stands for a list item or a map value.
inline constexpr member_info item_info{};

/// Receives a shape member by member, in visitor order.
class value_writer {
public:
    virtual void string(member_info const& m, std::string_view v) = 0; ///< strings and enums
    virtual void boolean(member_info const& m, bool v) = 0;
    virtual void integer(member_info const& m, std::int64_t v) = 0;
    virtual void floating(member_info const& m, double v) = 0;
    virtual void time(member_info const& m, timestamp v) = 0;
    virtual void bytes(member_info const& m, std::string_view v) = 0; ///< a blob's raw bytes
    virtual void stream(member_info const& m, streaming_body const& v) = 0;
    virtual void json(member_info const& m, document const& v) = 0;
    /// An optional member that is not set (or an empty list/map that is not optional).
    virtual void absent(member_info const&) {}
    /// Return false to skip the contents (then no matching end_ call follows).
    virtual bool begin_structure(member_info const& m, shape_info const& s) = 0;
    virtual void end_structure() = 0;
    virtual bool begin_list(member_info const& m, std::size_t size) = 0;
    virtual void end_list() = 0;
    virtual bool begin_map(member_info const& m, std::size_t size) = 0;
    virtual void map_key(std::string_view key) = 0; ///< before each value of the map
    virtual void end_map() = 0;

protected:
    ~value_writer() = default;
};

/// Fills a shape member by member. Every function returns false when the
/// member is absent from the response; a value that is present but wrong is
/// reported through fail() and the walk stops.
class value_reader {
public:
    virtual bool string(member_info const& m, std::string& out) = 0;
    virtual bool boolean(member_info const& m, bool& out) = 0;
    virtual bool integer(member_info const& m, std::int64_t& out) = 0;
    virtual bool floating(member_info const& m, double& out) = 0;
    virtual bool time(member_info const& m, timestamp& out) = 0;
    virtual bool bytes(member_info const& m, std::string& out) = 0;
    virtual bool stream(member_info const& m, streaming_body& out) = 0;
    virtual bool json(member_info const& m, document& out) = 0;
    /// On true, the members that follow are read from inside the structure
    /// until leave_structure().
    virtual bool enter_structure(member_info const& m, shape_info const& s) = 0;
    virtual void leave_structure() = 0;
    /// On true, next_item() moves to each item in turn; items are read with item_info.
    virtual bool enter_list(member_info const& m) = 0;
    virtual bool next_item() = 0;
    virtual void leave_list() = 0;
    virtual bool enter_map(member_info const& m) = 0;
    virtual bool next_entry(std::string& key) = 0;
    virtual void leave_map() = 0;
    /// Records that the member just read is out of range for its C++ type.
    virtual void fail(member_info const& m, std::string_view why) = 0;
    virtual bool failed() const noexcept = 0;

protected:
    ~value_reader() = default;
};

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_optional<optional_container<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_map : std::false_type {};
template <class K, class V, class C, class A>
struct is_map<std::map<K, V, C, A>> : std::true_type {};
template <class T>
struct is_boxed : std::false_type {};
template <class T>
struct is_boxed<boxed<T>> : std::true_type {};

template <class T>
inline constexpr bool dependent_false = false;

template <class T>
using unwrapped_t = std::remove_cvref_t<T>;

} // namespace detail

template <structure T>
void write_members(value_writer& w, T const& v);
template <structure T>
void read_members(value_reader& r, T& v);

/// Hands one member value to the writer. `set` is true when the value was
/// explicitly given (inside an optional, required or a container), so an
/// empty list or map is sent as empty rather than left out.
template <class T>
void write_value(value_writer& w, member_info const& m, T const& v, bool set = false)
{
    if constexpr (is_required<T>::value) {
        write_value(w, m, v.value, true);
    } else if constexpr (detail::is_optional<T>::value) {
        if (v) write_value(w, m, *v, true);
        else w.absent(m);
    } else if constexpr (detail::is_boxed<T>::value) {
        write_value(w, m, *v, set);
    } else if constexpr (std::is_same_v<T, bool>) {
        w.boolean(m, v);
    } else if constexpr (std::is_integral_v<T>) {
        w.integer(m, static_cast<std::int64_t>(v));
    } else if constexpr (std::is_same_v<T, float>) {
        w.floating(m, widen_float(v));
    } else if constexpr (std::is_floating_point_v<T>) {
        w.floating(m, static_cast<double>(v));
    } else if constexpr (std::is_same_v<T, timestamp>) {
        w.time(m, v);
    } else if constexpr (std::is_same_v<T, blob>) {
        w.bytes(m, v.bytes);
    } else if constexpr (std::is_same_v<T, streaming_body>) {
        w.stream(m, v);
    } else if constexpr (std::is_same_v<T, document>) {
        w.json(m, v);
    } else if constexpr (std::is_convertible_v<T const&, std::string_view>) {
        w.string(m, std::string_view(v));
    } else if constexpr (detail::is_vector<T>::value) {
        if (v.empty() && !set && !m.is(member_flags::required)) return w.absent(m);
        if (!w.begin_list(m, v.size())) return;
        for (auto const& e : v) write_value(w, item_info, e, true);
        w.end_list();
    } else if constexpr (detail::is_map<T>::value) {
        if (v.empty() && !set && !m.is(member_flags::required)) return w.absent(m);
        if (!w.begin_map(m, v.size())) return;
        for (auto const& [k, e] : v) {
            w.map_key(std::string_view(k));
            write_value(w, item_info, e, true);
        }
        w.end_map();
    } else if constexpr (structure<T>) {
        if (!w.begin_structure(m, T::shape)) return;
        write_members(w, v);
        w.end_structure();
    } else {
        static_assert(detail::dependent_false<T>, "stratus: a member type the protocol engines do not know (see "
                                                  "model.hpp for the types a shape may use)");
    }
}

namespace detail {

// A structure's member_info objects as one constant table, built by running
// the visitor at compile time. The walkers below pass these to the reader and
// writer instead of the temporaries the visitor creates, so the optimizer
// drops the temporaries and each member costs a call with a constant
// address: the walkers of a large output shape (S3 GetObjectOutput, 45
// members) shrink severalfold, and -O2 compile time with them.
template <structure T>
constexpr std::size_t member_count() noexcept
{
    std::size_t n = 0;
    T::visit([&](member_info const&, auto) { ++n; });
    return n;
}

template <structure T>
struct member_table {
    static constexpr auto make()
    {
        std::array<member_info, member_count<T>()> a{};
        std::size_t i = 0;
        T::visit([&](member_info const& m, auto) { a[i++] = m; });
        return a;
    }
    static constexpr auto members = make();
};

} // namespace detail

/// Every member of a structure, in visitor order.
template <structure T>
void write_members(value_writer& w, T const& v)
{
    std::size_t i = 0;
    T::visit([&](member_info const&, auto ptr) { write_value(w, detail::member_table<T>::members[i++], v.*ptr); });
}

/// Reads one member value; false when absent (then `out` is untouched).
template <class T>
bool read_value(value_reader& r, member_info const& m, T& out)
{
    if constexpr (is_required<T>::value) {
        return read_value(r, m, out.value);
    } else if constexpr (detail::is_optional<T>::value) {
        typename T::value_type v{};
        if (!read_value(r, m, v)) return false;
        out = std::move(v);
        return true;
    } else if constexpr (detail::is_boxed<T>::value) {
        return read_value(r, m, *out);
    } else if constexpr (std::is_same_v<T, bool>) {
        return r.boolean(m, out);
    } else if constexpr (std::is_integral_v<T>) {
        std::int64_t v = 0;
        if (!r.integer(m, v)) return false;
        if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
            (v > 0 && static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))) {
            r.fail(m, "integer out of range");
            return false;
        }
        out = static_cast<T>(v);
        return true;
    } else if constexpr (std::is_floating_point_v<T>) {
        double v = 0;
        if (!r.floating(m, v)) return false;
        out = static_cast<T>(v);
        return true;
    } else if constexpr (std::is_same_v<T, timestamp>) {
        return r.time(m, out);
    } else if constexpr (std::is_same_v<T, blob>) {
        return r.bytes(m, out.bytes);
    } else if constexpr (std::is_same_v<T, streaming_body>) {
        return r.stream(m, out);
    } else if constexpr (std::is_same_v<T, document>) {
        return r.json(m, out);
    } else if constexpr (std::is_same_v<T, std::string>) {
        return r.string(m, out);
    } else if constexpr (std::is_base_of_v<enum_string, T>) {
        return r.string(m, out.value);
    } else if constexpr (detail::is_vector<T>::value) {
        if (!r.enter_list(m)) return false;
        out.clear();
        while (!r.failed() && r.next_item()) {
            typename T::value_type e{};
            read_value(r, item_info, e);
            out.push_back(std::move(e));
        }
        r.leave_list();
        return true;
    } else if constexpr (detail::is_map<T>::value) {
        if (!r.enter_map(m)) return false;
        out.clear();
        std::string key;
        while (!r.failed() && r.next_entry(key)) {
            typename T::mapped_type e{};
            read_value(r, item_info, e);
            out.insert_or_assign(typename T::key_type(std::move(key)), std::move(e));
        }
        r.leave_map();
        return true;
    } else if constexpr (structure<T>) {
        if (!r.enter_structure(m, T::shape)) return false;
        read_members(r, out);
        r.leave_structure();
        return true;
    } else {
        static_assert(detail::dependent_false<T>, "stratus: a member type the protocol engines do not know (see "
                                                  "model.hpp for the types a shape may use)");
    }
}

/// Every member of a structure, in visitor order, until the reader fails.
template <structure T>
void read_members(value_reader& r, T& v)
{
    std::size_t i = 0;
    T::visit([&](member_info const&, auto ptr) {
        auto const& m = detail::member_table<T>::members[i++];
        if (!r.failed()) read_value(r, m, v.*ptr);
    });
}

/// A structure seen through the interfaces above: what a protocol engine
/// gets instead of a template parameter.
struct input_shape {
    shape_info const* shape = nullptr;
    void const* object = nullptr;
    void (*walk)(value_writer&, void const*) = nullptr;
    /// The payload member is a blob, string or stream: the body is the
    /// caller's bytes, never a document (rest-json sends no "{}" for it).
    bool raw_payload = false;
    /// Some member has no location (URI, header...): rest-json then sends
    /// "{}" even when none of them is set.
    bool body_members = false;

    void write(value_writer& w) const { walk(w, object); }
};

struct output_shape {
    shape_info const* shape = nullptr;
    void* object = nullptr;
    void (*walk)(value_reader&, void*) = nullptr;
    /// The payload member is a blob, string, stream or event stream: the body
    /// is not a document (so, e.g., S3's 200-with-error check does not apply).
    bool raw_payload = false;

    void read(value_reader& r) const { walk(r, object); }
};

namespace detail {

template <structure T>
void walk_write(value_writer& w, void const* p)
{
    write_members(w, *static_cast<T const*>(p));
}

template <structure T>
void walk_read(value_reader& r, void* p)
{
    read_members(r, *static_cast<T*>(p));
}

template <class T>
struct payload_kind {
    using type = T;
};
template <class T>
struct payload_kind<std::optional<T>> : payload_kind<T> {};
template <class T>
struct payload_kind<optional_container<T>> : payload_kind<T> {};
template <class T>
struct payload_kind<required<T>> : payload_kind<T> {};

template <structure T>
constexpr bool has_raw_payload()
{
    bool raw = false;
    T::visit([&](member_info const& m, auto ptr) {
        using member_type = std::remove_cvref_t<decltype(std::declval<T&>().*ptr)>;
        // A blob, string or stream payload is the caller's data; an event
        // stream is binary frames. Neither is a document.
        if (m.is(member_flags::payload) &&
            (m.is(member_flags::event_stream) || !structure<typename payload_kind<member_type>::type>))
            raw = true;
    });
    return raw;
}

template <structure T>
constexpr bool has_body_members()
{
    bool body = false;
    T::visit([&](member_info const& m, auto) { body = body || m.where == location::body; });
    return body;
}

} // namespace detail

template <structure T>
input_shape make_input(T const& v)
{
    return {&T::shape, &v, &detail::walk_write<T>, detail::has_raw_payload<T>(), detail::has_body_members<T>()};
}

template <structure T>
output_shape make_output(T& v)
{
    return {&T::shape, &v, &detail::walk_read<T>, detail::has_raw_payload<T>()};
}

} // namespace stratus::protocol

#endif
