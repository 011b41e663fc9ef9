#ifndef STRATUS_PROTOCOL_DETAIL_IMPL_QUERY_WRITER_IPP
#define STRATUS_PROTOCOL_DETAIL_IMPL_QUERY_WRITER_IPP

#include <stratus/protocol/detail/query_writer.hpp>

#include <stratus/detail/crypto.hpp>
#include <stratus/protocol/encoding.hpp>
#include <stratus/protocol/timestamp.hpp>

namespace stratus::protocol::detail {

STRATUS_DECL query_writer::query_writer(bool ec2) : ec2_(ec2) {}

STRATUS_DECL std::string query_writer::name_of(member_info const& m)
{
    std::string local;
    if (!ec2_) local = std::string(m.wire);
    else if (!m.query_name.empty()) local = std::string(m.query_name);
    else if (m.wire != m.name && !m.wire.empty()) {
        // EC2 capitalises locationName ("groupName" -> "GroupName").
        local = std::string(m.wire);
        if (local[0] >= 'a' && local[0] <= 'z') local[0] = static_cast<char>(local[0] - 'a' + 'A');
    } else {
        local = std::string(m.name);
    }
    if (stack_.empty()) return local;
    auto& f = stack_.back();
    switch (f.kind) {
    case frame::structure: return f.prefix.empty() ? local : f.prefix + "." + local;
    case frame::list: return f.prefix + "." + std::to_string(++f.index);
    case frame::map: return f.prefix + "." + std::to_string(f.index) + "." + f.value_name;
    }
    return local;
}

STRATUS_DECL void query_writer::put(member_info const& m, std::string_view value)
{
    append_form(body, name_of(m), value);
}

STRATUS_DECL void query_writer::string(member_info const& m, std::string_view v)
{
    if (stack_.empty() && m.is(member_flags::host_label)) host_labels.emplace_back(m.name, v);
    put(m, v);
}

STRATUS_DECL void query_writer::boolean(member_info const& m, bool v)
{
    put(m, v ? "true" : "false");
}

STRATUS_DECL void query_writer::integer(member_info const& m, std::int64_t v)
{
    put(m, std::to_string(v));
}

STRATUS_DECL void query_writer::floating(member_info const& m, double v)
{
    // Python's str(float), which botocore sends: "1.0", not "1".
    auto text = format_double(v);
    if (text.find_first_of(".eEaI") == std::string::npos) text += ".0";
    put(m, text);
}

STRATUS_DECL void query_writer::time(member_info const& m, timestamp v)
{
    auto f = m.timestamp == timestamp_format::protocol_default ? timestamp_format::iso8601 : m.timestamp;
    put(m, format_timestamp(v, f));
}

STRATUS_DECL void query_writer::bytes(member_info const& m, std::string_view v)
{
    put(m, stratus::detail::base64_encode(v));
}

STRATUS_DECL void query_writer::stream(member_info const& m, streaming_body const& v)
{
    if (v.stream) {
        if (error.empty()) error = std::string(m.name) + ": a streamed body cannot be sent as a query parameter";
        return;
    }
    bytes(m, v.data);
}

STRATUS_DECL void query_writer::json(member_info const& m, document const&)
{
    if (error.empty()) error = std::string(m.name) + ": the query protocol cannot carry a document value";
}

STRATUS_DECL void query_writer::absent(member_info const& m)
{
    // botocore fills unset top-level idempotency tokens with a fresh UUID.
    if (stack_.empty() && m.is(member_flags::idempotency_token)) string(m, make_uuid4());
}

STRATUS_DECL bool query_writer::begin_structure(member_info const& m, shape_info const&)
{
    stack_.push_back({frame::structure, name_of(m)});
    return true;
}

STRATUS_DECL void query_writer::end_structure()
{
    stack_.pop_back();
}

STRATUS_DECL bool query_writer::begin_list(member_info const& m, std::size_t size)
{
    auto full = name_of(m);
    std::string items;
    if (ec2_) {
        // EC2 lists are always flat, and an empty one is not sent.
        if (size == 0) return false;
        items = full;
    } else {
        // An empty list is sent as "Name=" so the service sees it cleared.
        if (size == 0) {
            append_form(body, full, "");
            return false;
        }
        if (m.is(member_flags::flattened)) {
            // A flattened list whose items are named replaces its own last name segment with theirs.
            items = full;
            if (!m.item.empty()) {
                auto dot = items.rfind('.');
                items = (dot == std::string::npos ? std::string() : items.substr(0, dot + 1)) + std::string(m.item);
            }
        } else {
            items = full + "." + std::string(m.item.empty() ? std::string_view("member") : m.item);
        }
    }
    stack_.push_back({frame::list, std::move(items)});
    return true;
}

STRATUS_DECL void query_writer::end_list()
{
    stack_.pop_back();
}

STRATUS_DECL bool query_writer::begin_map(member_info const& m, std::size_t size)
{
    auto full = name_of(m); // also numbers it, as an item of a list
    // Unlike an empty list, an empty map is not sent at all (botocore).
    if (size == 0) return false;
    frame f{frame::map, m.is(member_flags::flattened) ? full : full + ".entry"};
    f.value_name = m.value.empty() ? "value" : std::string(m.value);
    // The key's name travels in value_name's place until map_key() uses it.
    key_names_.push_back(m.key.empty() ? std::string("key") : std::string(m.key));
    stack_.push_back(std::move(f));
    return true;
}

STRATUS_DECL void query_writer::map_key(std::string_view key)
{
    auto& f = stack_.back();
    ++f.index;
    append_form(body, f.prefix + "." + std::to_string(f.index) + "." + key_names_.back(), key);
}

STRATUS_DECL void query_writer::end_map()
{
    stack_.pop_back();
    key_names_.pop_back();
}

} // namespace stratus::protocol::detail

#endif
