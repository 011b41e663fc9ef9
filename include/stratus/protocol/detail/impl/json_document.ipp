#ifndef STRATUS_PROTOCOL_DETAIL_IMPL_JSON_DOCUMENT_IPP
#define STRATUS_PROTOCOL_DETAIL_IMPL_JSON_DOCUMENT_IPP

#include <stratus/protocol/detail/json_document.hpp>

#include <stratus/detail/crypto.hpp>
#include <stratus/protocol/encoding.hpp>
#include <stratus/protocol/timestamp.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <limits>

namespace stratus::protocol::detail {

namespace json = boost::json;

// --- writing -----------------------------------------------------------------

STRATUS_DECL json_writer::json_writer(json_dialect d) : root(json::object()), d_(d)
{
    stack_.push_back(&root);
    keys_.emplace_back();
}

STRATUS_DECL json::value& json_writer::put(member_info const& m, json::value v)
{
    json::value& top = *stack_.back();
    if (top.is_array()) {
        top.get_array().push_back(std::move(v));
        return top.get_array().back();
    }
    auto& obj = top.get_object();
    // A map value goes under its key; a structure member under its wire name.
    std::string_view key = m.name.empty() && m.wire.empty() ? std::string_view(keys_.back())
                           : d_.member_names                ? m.name
                                                            : m.wire;
    return obj[key] = std::move(v);
}

STRATUS_DECL void json_writer::string(member_info const& m, std::string_view v)
{
    if (stack_.size() == 1 && m.is(member_flags::host_label)) host_labels.emplace_back(m.name, v);
    put(m, json::string(v));
}

STRATUS_DECL void json_writer::absent(member_info const& m)
{
    if (d_.fill_idempotency_tokens && stack_.size() == 1 && m.is(member_flags::idempotency_token))
        string(m, make_uuid4());
}

STRATUS_DECL void json_writer::boolean(member_info const& m, bool v)
{
    put(m, v);
}

STRATUS_DECL void json_writer::integer(member_info const& m, std::int64_t v)
{
    put(m, v);
}

STRATUS_DECL void json_writer::floating(member_info const& m, double v)
{
    // JSON has no NaN or Infinity; the JSON protocols send them as strings.
    if (std::isnan(v)) put(m, "NaN");
    else if (std::isinf(v)) put(m, v > 0 ? "Infinity" : "-Infinity");
    else put(m, v);
}

STRATUS_DECL void json_writer::time(member_info const& m, timestamp v)
{
    auto f = d_.lenient_timestamps || m.timestamp == timestamp_format::protocol_default ? d_.default_timestamp
                                                                                        : m.timestamp;
    if (f == timestamp_format::unix_seconds || f == timestamp_format::protocol_default) {
        auto ms = v.time_since_epoch().count();
        if (ms % 1000 == 0) put(m, ms / 1000);
        else put(m, static_cast<double>(ms) / 1000.0);
    } else {
        put(m, json::string(format_timestamp(v, f)));
    }
}

STRATUS_DECL void json_writer::bytes(member_info const& m, std::string_view v)
{
    put(m, json::string(d_.base64_blobs ? stratus::detail::base64_encode(v) : std::string(v)));
}

STRATUS_DECL void json_writer::stream(member_info const& m, streaming_body const& v)
{
    if (v.stream) {
        if (error.empty()) error = std::string(m.name) + ": a streamed body cannot be part of a JSON document";
        return;
    }
    bytes(m, v.data);
}

STRATUS_DECL void json_writer::json(member_info const& m, document const& v)
{
    put(m, v);
}

// The REST binding opens the document itself with an unnamed member, or
// with the payload member when a structure is the whole body: both are the root.
inline bool is_document_root(member_info const& m, std::size_t depth) noexcept
{
    return depth == 1 && ((m.name.empty() && m.wire.empty()) || m.is(member_flags::payload));
}

STRATUS_DECL bool json_writer::begin_structure(member_info const& m, shape_info const&)
{
    if (!d_.member_names && is_document_root(m, stack_.size())) {
        stack_.push_back(&root);
        keys_.emplace_back();
        return true;
    }
    auto& v = put(m, json::object());
    stack_.push_back(&v);
    keys_.emplace_back();
    return true;
}

STRATUS_DECL void json_writer::end_structure()
{
    stack_.pop_back();
    keys_.pop_back();
}

STRATUS_DECL bool json_writer::begin_list(member_info const& m, std::size_t size)
{
    auto& v = put(m, json::array());
    v.get_array().reserve(size);
    stack_.push_back(&v);
    keys_.emplace_back();
    return true;
}

STRATUS_DECL void json_writer::end_list()
{
    stack_.pop_back();
    keys_.pop_back();
}

STRATUS_DECL bool json_writer::begin_map(member_info const& m, std::size_t)
{
    auto& v = put(m, json::object());
    stack_.push_back(&v);
    keys_.emplace_back();
    return true;
}

STRATUS_DECL void json_writer::map_key(std::string_view key)
{
    keys_.back() = key;
}

STRATUS_DECL void json_writer::end_map()
{
    stack_.pop_back();
    keys_.pop_back();
}

STRATUS_DECL std::string to_text(json::value const& root)
{
    return json::serialize(root);
}

STRATUS_DECL bool parse_document(std::string_view text, json::value& out, std::string& error)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out = json::object();
        return true;
    }
    boost::system::error_code ec;
    out = json::parse(text, ec);
    if (!ec) return true;
    error = "malformed JSON (" + ec.message() + ")";
    return false;
}

// --- reading -----------------------------------------------------------------

STRATUS_DECL json_reader::json_reader(json::value const& root, json_dialect d) : d_(d)
{
    stack_.push_back({frame::object, &root});
}

STRATUS_DECL json::value const* json_reader::find(member_info const& m) const
{
    auto const& f = stack_.back();
    json::value const* v = nullptr;
    if (f.kind == frame::object) {
        if (!f.v->is_object()) return nullptr;
        v = f.v->get_object().if_contains(d_.member_names ? m.name : m.wire);
    } else {
        v = f.current;
    }
    // null means absent (services write "Member": null for unset members).
    return v && !v->is_null() ? v : nullptr;
}

STRATUS_DECL std::string json_reader::path(member_info const& m) const
{
    std::string p;
    for (std::size_t i = 1; i < stack_.size(); ++i) {
        // A structure that is a list item or map value has no name of its
        // own: its path is its container's ("Key[pk].S", not "Key[pk]..S").
        if (stack_[i].name.empty()) continue;
        if (!p.empty()) p += '.';
        p += stack_[i].name;
    }
    if (!m.name.empty()) {
        if (!p.empty()) p += '.';
        p += m.name;
    }
    return p.empty() ? std::string("(document)") : p;
}

STRATUS_DECL void json_reader::fail_type(member_info const& m, std::string_view expected)
{
    fail(m, "expected " + std::string(expected));
}

STRATUS_DECL void json_reader::fail(member_info const& m, std::string_view why)
{
    if (error_.empty()) error_ = path(m) + ": " + std::string(why);
}

STRATUS_DECL bool json_reader::string(member_info const& m, std::string& out)
{
    auto* v = find(m);
    if (!v) return false;
    if (!v->is_string()) {
        fail_type(m, "a string");
        return false;
    }
    out.assign(v->get_string().data(), v->get_string().size());
    return true;
}

STRATUS_DECL bool json_reader::boolean(member_info const& m, bool& out)
{
    auto* v = find(m);
    if (!v) return false;
    if (!v->is_bool()) {
        fail_type(m, "true or false");
        return false;
    }
    out = v->get_bool();
    return true;
}

STRATUS_DECL bool json_reader::integer(member_info const& m, std::int64_t& out)
{
    auto* v = find(m);
    if (!v) return false;
    if (v->is_int64()) {
        out = v->get_int64();
        return true;
    }
    if (v->is_uint64()) {
        fail(m, "integer out of range");
        return false;
    }
    // 3.0 is an integer written by a JSON library that keeps every number a
    // double; 3.5 is not.
    if (v->is_double()) {
        double d = v->get_double();
        if (std::trunc(d) == d && d >= -9.2e18 && d <= 9.2e18) {
            out = static_cast<std::int64_t>(d);
            return true;
        }
    }
    fail_type(m, "an integer");
    return false;
}

STRATUS_DECL bool json_reader::floating(member_info const& m, double& out)
{
    auto* v = find(m);
    if (!v) return false;
    if (v->is_number()) {
        out = v->to_number<double>();
        return true;
    }
    if (v->is_string()) {
        std::string_view s = v->get_string();
        if (s == "NaN") out = std::numeric_limits<double>::quiet_NaN();
        else if (s == "Infinity") out = std::numeric_limits<double>::infinity();
        else if (s == "-Infinity") out = -std::numeric_limits<double>::infinity();
        else {
            fail_type(m, "a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
            return false;
        }
        return true;
    }
    fail_type(m, "a number");
    return false;
}

STRATUS_DECL bool json_reader::time(member_info const& m, timestamp& out)
{
    auto* v = find(m);
    if (!v) return false;
    if (v->is_number()) {
        double secs = v->to_number<double>();
        // Milliseconds, rounded: 1.1 s is 1100 ms although 1.1 is not exact in binary.
        if (!std::isfinite(secs) || std::fabs(secs) > 1e14) {
            fail(m, "timestamp out of range");
            return false;
        }
        out = timestamp(std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(secs * 1000.0))));
        return true;
    }
    if (v->is_string()) {
        std::string_view s = v->get_string();
        auto f = d_.lenient_timestamps ? timestamp_format::protocol_default : m.timestamp;
        std::optional<timestamp> t;
        switch (f) {
        case timestamp_format::iso8601: t = parse_iso8601(s); break;
        case timestamp_format::rfc822: t = parse_rfc822(s); break;
        case timestamp_format::unix_seconds: t = parse_unix(s); break;
        default: t = parse_timestamp(s); break;
        }
        if (t) {
            out = *t;
            return true;
        }
        fail(m, "not a timestamp: \"" + std::string(s.substr(0, 64)) + "\"");
        return false;
    }
    fail_type(m, "a timestamp (number or string)");
    return false;
}

STRATUS_DECL bool json_reader::bytes(member_info const& m, std::string& out)
{
    auto* v = find(m);
    if (!v) return false;
    if (!v->is_string()) {
        fail_type(m, d_.base64_blobs ? "base64 text" : "a string");
        return false;
    }
    std::string_view s = v->get_string();
    if (!d_.base64_blobs) {
        out.assign(s);
        return true;
    }
    auto decoded = stratus::detail::base64_decode(s);
    if (!decoded) {
        fail(m, "invalid base64");
        return false;
    }
    out = std::move(*decoded);
    return true;
}

STRATUS_DECL bool json_reader::stream(member_info const& m, streaming_body& out)
{
    return bytes(m, out.data);
}

STRATUS_DECL bool json_reader::json(member_info const& m, document& out)
{
    auto* v = find(m);
    if (!v) return false;
    out = *v;
    return true;
}

STRATUS_DECL bool json_reader::enter_structure(member_info const& m, shape_info const&)
{
    if (!d_.member_names && is_document_root(m, stack_.size())) {
        stack_.push_back({frame::object, stack_.back().v, 0, nullptr, {}});
        return stack_.back().v->is_object();
    }
    auto* v = find(m);
    if (!v) return false;
    if (!v->is_object()) {
        fail_type(m, "an object");
        return false;
    }
    stack_.push_back({frame::object, v, 0, nullptr, m.name.empty() ? std::string() : std::string(m.name)});
    return true;
}

STRATUS_DECL void json_reader::leave_structure()
{
    stack_.pop_back();
}

STRATUS_DECL bool json_reader::enter_list(member_info const& m)
{
    auto* v = find(m);
    if (!v) return false;
    if (!v->is_array()) {
        fail_type(m, "a list");
        return false;
    }
    stack_.push_back({frame::list, v, 0, nullptr, std::string(m.name)});
    return true;
}

STRATUS_DECL bool json_reader::next_item()
{
    auto& f = stack_.back();
    auto const& a = f.v->get_array();
    if (f.next >= a.size()) return false;
    f.current = &a[f.next];
    f.name = f.name.substr(0, f.name.find('[')) + "[" + std::to_string(f.next) + "]";
    ++f.next;
    return true;
}

STRATUS_DECL void json_reader::leave_list()
{
    stack_.pop_back();
}

STRATUS_DECL bool json_reader::enter_map(member_info const& m)
{
    auto* v = find(m);
    if (!v) return false;
    if (!v->is_object()) {
        fail_type(m, "an object (a map)");
        return false;
    }
    stack_.push_back({frame::map, v, 0, nullptr, std::string(m.name)});
    return true;
}

STRATUS_DECL bool json_reader::next_entry(std::string& key)
{
    auto& f = stack_.back();
    auto const& o = f.v->get_object();
    if (f.next >= o.size()) return false;
    auto const& kv = *(o.begin() + static_cast<std::ptrdiff_t>(f.next));
    key.assign(kv.key());
    f.current = &kv.value();
    f.name = f.name.substr(0, f.name.find('[')) + "[" + key + "]";
    ++f.next;
    return true;
}

STRATUS_DECL void json_reader::leave_map()
{
    stack_.pop_back();
}

} // namespace stratus::protocol::detail

#endif
