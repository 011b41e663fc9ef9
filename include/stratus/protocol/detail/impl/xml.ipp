#ifndef STRATUS_PROTOCOL_DETAIL_IMPL_XML_IPP
#define STRATUS_PROTOCOL_DETAIL_IMPL_XML_IPP

#include <stratus/protocol/detail/xml.hpp>

#include <stratus/customizations/s3.hpp>
#include <stratus/detail/crypto.hpp>
#include <stratus/detail/text.hpp>
#include <stratus/protocol/encoding.hpp>
#include <stratus/protocol/timestamp.hpp>

#include <pugixml.hpp>

#include <cstring>

namespace stratus::protocol::detail {

STRATUS_DECL void xml_escape_text(std::string& out, std::string_view s)
{
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\r': out += "&#xD;"; break;
        case '\n': out += "&#xA;"; break;
        default: out += c;
        }
    }
}

STRATUS_DECL void xml_escape_attr(std::string& out, std::string_view s)
{
    for (char c : s) {
        switch (c) {
        case '"': out += "&quot;"; break;
        case '\t': out += "&#x9;"; break;
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\r': out += "&#xD;"; break;
        case '\n': out += "&#xA;"; break;
        default: out += c;
        }
    }
}

namespace xml_impl {

inline void append_namespace(std::string& attrs, std::string_view uri, std::string_view prefix)
{
    if (uri.empty()) return;
    attrs += " xmlns";
    if (!prefix.empty()) {
        attrs += ':';
        attrs += prefix;
    }
    attrs += "=\"";
    xml_escape_attr(attrs, uri);
    attrs += '"';
}

inline std::string_view first_of(std::string_view a, std::string_view b, std::string_view c = {})
{
    return !a.empty() ? a : !b.empty() ? b : c;
}

} // namespace xml_impl

using namespace xml_impl;

// ---------------------------------------------------------------------------
// xml_writer

STRATUS_DECL xml_writer::xml_writer(operation_info const& op) : op_(op) {}

STRATUS_DECL std::string xml_writer::child_name(member_info const& m) const
{
    if (stack_.empty()) return std::string(first_of(m.wire, m.name));
    auto const& f = stack_.back();
    switch (f.kind) {
    case frame::list:
        // botocore: items of a flattened list repeat the list's own name.
        if (f.m.is(member_flags::flattened)) return std::string(first_of(f.m.wire, f.m.name));
        return std::string(first_of(f.m.item, "member"));
    case frame::map: return std::string(first_of(f.m.value, "value"));
    default: return std::string(first_of(m.wire, m.name));
    }
}

STRATUS_DECL timestamp_format xml_writer::time_format(member_info const& m) const
{
    auto f = m.timestamp;
    if (m.name.empty() && !stack_.empty() && stack_.back().kind != frame::element) f = stack_.back().m.timestamp;
    return f == timestamp_format::protocol_default ? timestamp_format::iso8601 : f;
}

STRATUS_DECL void xml_writer::emit(std::string text)
{
    if (stack_.empty()) this->text += text;
    else stack_.back().content += text;
}

STRATUS_DECL void xml_writer::scalar(member_info const& m, std::string_view text)
{
    if (!stack_.empty() && stack_.back().kind == frame::element && m.is(member_flags::xml_attribute)) {
        auto& attrs = stack_.back().attrs;
        attrs += ' ';
        attrs += first_of(m.wire, m.name);
        attrs += "=\"";
        xml_escape_attr(attrs, text);
        attrs += '"';
        return;
    }
    auto const name = child_name(m);
    std::string el;
    el.reserve(name.size() * 2 + text.size() + 5);
    el += '<';
    el += name;
    append_namespace(el, m.xml_namespace, m.xml_prefix);
    el += '>';
    xml_escape_text(el, text);
    el += "</";
    el += name;
    el += '>';
    emit(std::move(el));
}

STRATUS_DECL void xml_writer::string(member_info const& m, std::string_view v)
{
    scalar(m, v);
}

STRATUS_DECL void xml_writer::boolean(member_info const& m, bool v)
{
    scalar(m, v ? "true" : "false");
}

STRATUS_DECL void xml_writer::integer(member_info const& m, std::int64_t v)
{
    scalar(m, std::to_string(v));
}

STRATUS_DECL void xml_writer::floating(member_info const& m, double v)
{
    scalar(m, format_double(v));
}

STRATUS_DECL void xml_writer::time(member_info const& m, timestamp v)
{
    scalar(m, format_timestamp(v, time_format(m)));
}

STRATUS_DECL void xml_writer::bytes(member_info const& m, std::string_view v)
{
    scalar(m, stratus::detail::base64_encode(v));
}

STRATUS_DECL void xml_writer::stream(member_info const& m, streaming_body const&)
{
    if (error.empty()) error = std::string(m.name) + ": a streaming body can only be the payload";
}

STRATUS_DECL void xml_writer::json(member_info const& m, document const&)
{
    if (error.empty()) error = std::string(m.name) + ": rest-xml cannot carry a document value";
}

STRATUS_DECL bool xml_writer::begin_structure(member_info const& m, shape_info const& s)
{
    frame f{frame::element};
    if (stack_.empty()) {
        if (m.is(member_flags::payload)) {
            // The payload's element: the member's own locationName when it
            // has one, otherwise the structure's name (Smithy; botocore
            // copies member names into locationName, so "same as the member
            // name" counts as none).
            f.name = !m.wire.empty() && m.wire != m.name ? std::string(m.wire)
                                                          : std::string(first_of(s.xml_name, s.name));
            append_namespace(f.attrs, first_of(m.xml_namespace, s.xml_namespace), m.xml_prefix);
        } else {
            f.name = std::string(first_of(s.xml_name, op_.input_xml_name, s.name));
            append_namespace(f.attrs, first_of(op_.input_xml_namespace, s.xml_namespace), {});
        }
    } else {
        f.name = child_name(m);
        append_namespace(f.attrs, first_of(m.xml_namespace, s.xml_namespace), m.xml_prefix);
    }
    stack_.push_back(std::move(f));
    return true;
}

STRATUS_DECL void xml_writer::end_structure()
{
    auto f = std::move(stack_.back());
    stack_.pop_back();
    std::string el;
    el.reserve(f.name.size() * 2 + f.attrs.size() + f.content.size() + 5);
    el += '<';
    el += f.name;
    el += f.attrs;
    el += '>';
    el += f.content;
    el += "</";
    el += f.name;
    el += '>';
    emit(std::move(el));
}

STRATUS_DECL bool xml_writer::begin_list(member_info const& m, std::size_t)
{
    frame f{frame::list, m};
    if (!m.is(member_flags::flattened)) {
        f.name = child_name(m);
        append_namespace(f.attrs, m.xml_namespace, m.xml_prefix);
    }
    stack_.push_back(std::move(f));
    return true;
}

STRATUS_DECL void xml_writer::end_list()
{
    auto f = std::move(stack_.back());
    stack_.pop_back();
    if (f.name.empty()) return emit(std::move(f.content));
    emit("<" + f.name + f.attrs + ">" + f.content + "</" + f.name + ">");
}

STRATUS_DECL bool xml_writer::begin_map(member_info const& m, std::size_t)
{
    frame f{frame::map, m};
    if (!m.is(member_flags::flattened)) {
        f.name = child_name(m);
        append_namespace(f.attrs, m.xml_namespace, m.xml_prefix);
    }
    stack_.push_back(std::move(f));
    return true;
}

STRATUS_DECL void xml_writer::close_entry(frame& f)
{
    if (!f.entry_open) return;
    f.entry_open = false;
    if (!f.name.empty()) {
        f.content += "</entry>";
    } else {
        f.content += "</";
        f.content += first_of(f.m.wire, f.m.name);
        f.content += '>';
    }
}

STRATUS_DECL void xml_writer::map_key(std::string_view key)
{
    auto& f = stack_.back();
    close_entry(f);
    if (!f.name.empty()) {
        f.content += "<entry>";
    } else {
        f.content += '<';
        f.content += first_of(f.m.wire, f.m.name);
        f.content += '>';
    }
    auto const key_name = first_of(f.m.key, "key");
    f.content += '<';
    f.content += key_name;
    f.content += '>';
    xml_escape_text(f.content, key);
    f.content += "</";
    f.content += key_name;
    f.content += '>';
    f.entry_open = true;
}

STRATUS_DECL void xml_writer::end_map()
{
    close_entry(stack_.back());
    end_list();
}

// ---------------------------------------------------------------------------
// xml_reader

namespace xml_impl {

inline std::string_view local_name(char const* name) noexcept
{
    std::string_view n(name);
    if (auto const colon = n.find(':'); colon != std::string_view::npos) n.remove_prefix(colon + 1);
    return n;
}

inline pugi::xml_node child_named(pugi::xml_node parent, std::string_view name) noexcept
{
    for (auto c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
    return {};
}

// All the text of an element: its character data and CDATA sections; an
// empty element is an empty string, not an absent value (botocore).
inline std::string text_of(pugi::xml_node n)
{
    std::string out;
    for (auto c = n.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    return out;
}

} // namespace xml_impl

struct xml_reader::state {
    struct frame {
        enum kind_t { element, list, map } kind;
        pugi::xml_node node{};
        std::string name{}; // the member's name, for error paths
        member_info m{};
        std::vector<pugi::xml_node> items{};
        std::size_t next = 0;
        pugi::xml_node current{};
        std::string key{};
    };

    std::string_view body;
    xml_reader_options opts;
    pugi::xml_document doc{};
    int parsed = 0; // 0 not yet, 1 a document, 2 no document
    std::string error{};
    std::vector<frame> stack{};
    bool listing_encoded = false;

    bool load()
    {
        if (parsed == 0) {
            auto const trimmed = stratus::detail::trim(body);
            if (trimmed.empty()) {
                parsed = 2;
            } else {
                auto const r = doc.load_buffer(body.data(), body.size(),
                                               pugi::parse_default | pugi::parse_ws_pcdata_single);
                if (!r || !doc.document_element()) {
                    parsed = 2;
                    if (error.empty())
                        error = std::string("malformed XML: ") + (r ? "no root element" : r.description()) +
                                " at offset " + std::to_string(r ? 0 : r.offset);
                } else {
                    parsed = 1;
                }
            }
        }
        return parsed == 1;
    }

    std::string path(member_info const& m) const
    {
        std::string p;
        auto add = [&](std::string_view seg) {
            if (seg.empty()) return;
            if (!p.empty() && seg.front() != '[') p += '.';
            p += seg;
        };
        for (auto const& f : stack) {
            add(f.name);
            if (f.kind == frame::list && f.next > 0) add("[" + std::to_string(f.next - 1) + "]");
            if (f.kind == frame::map && f.next > 0) add("[\"" + f.key + "\"]");
        }
        add(m.name);
        return p.empty() ? std::string("body") : p;
    }

    // The element holding member m's value, or null when it is absent.
    pugi::xml_node value_node(member_info const& m) const
    {
        if (stack.empty()) return {};
        auto const& f = stack.back();
        if (f.kind != frame::element) return f.current;
        return child_named(f.node, m.wire.empty() ? m.name : m.wire);
    }

    std::optional<std::string> text(member_info const& m)
    {
        if (stack.empty()) return std::nullopt;
        auto const& f = stack.back();
        if (f.kind == frame::element && m.is(member_flags::xml_attribute)) {
            auto const want = m.wire.empty() ? m.name : m.wire;
            for (auto a = f.node.first_attribute(); a; a = a.next_attribute())
                if (std::string_view(a.name()) == want) return std::string(a.value());
            // "xsi:type" may arrive under another prefix.
            for (auto a = f.node.first_attribute(); a; a = a.next_attribute())
                if (local_name(a.name()) == local_name(std::string(want).c_str())) return std::string(a.value());
            return std::nullopt;
        }
        auto n = value_node(m);
        if (!n && stack.size() == 1 && f.kind == frame::element && !opts.root_value_member.empty() &&
            m.name == opts.root_value_member && local_name(f.node.name()) == (m.wire.empty() ? m.name : m.wire)) {
            // <LocationConstraint>eu-west-1</LocationConstraint>: the root is the value;
            // an empty root is no value (botocore returns None, meaning us-east-1).
            auto t = text_of(f.node);
            if (t.empty()) return std::nullopt;
            return t;
        }
        if (!n) return std::nullopt;
        auto t = text_of(n);
        if (listing_encoded && customizations::s3::listing_member_is_encoded(opts.s3_listing_op, list_name(), m.name))
            t = customizations::s3::unquote_plus(t);
        return t;
    }

    // The name of the list whose item is being read (for S3's listing keys).
    std::string_view list_name() const
    {
        if (stack.size() >= 2 && stack[stack.size() - 2].kind == frame::list && stack.back().kind == frame::element)
            return stack[stack.size() - 2].name;
        return {};
    }

    void fail(member_info const& m, std::string_view why)
    {
        if (error.empty()) error = path(m) + ": " + std::string(why);
    }

    void fail_value(member_info const& m, std::string_view what, std::string_view t)
    {
        std::string why = "not ";
        why += what;
        why += ": \"";
        why += t.substr(0, 64);
        if (t.size() > 64) why += "...";
        why += '"';
        fail(m, why);
    }
};

STRATUS_DECL xml_reader::xml_reader(std::string_view body, xml_reader_options opts) : s_(std::make_unique<state>())
{
    s_->body = body;
    s_->opts = opts;
}

STRATUS_DECL xml_reader::~xml_reader() = default;

STRATUS_DECL std::string const& xml_reader::error() const noexcept
{
    return s_->error;
}

STRATUS_DECL bool xml_reader::failed() const noexcept
{
    return !s_->error.empty();
}

STRATUS_DECL void xml_reader::fail(member_info const& m, std::string_view why)
{
    s_->fail(m, why);
}

STRATUS_DECL bool xml_reader::string(member_info const& m, std::string& out)
{
    auto t = s_->text(m);
    if (!t) return false;
    out = std::move(*t);
    return true;
}

STRATUS_DECL bool xml_reader::boolean(member_info const& m, bool& out)
{
    auto const t = s_->text(m);
    if (!t) return false;
    auto const v = parse_bool(*t);
    if (!v) {
        s_->fail_value(m, "a boolean", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool xml_reader::integer(member_info const& m, std::int64_t& out)
{
    auto const t = s_->text(m);
    if (!t) return false;
    auto const v = parse_int64(*t);
    if (!v) {
        s_->fail_value(m, "an integer", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool xml_reader::floating(member_info const& m, double& out)
{
    auto const t = s_->text(m);
    if (!t) return false;
    auto const v = parse_double(*t);
    if (!v) {
        s_->fail_value(m, "a number", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool xml_reader::time(member_info const& m, timestamp& out)
{
    auto const t = s_->text(m);
    if (!t) return false;
    auto const v = parse_timestamp(*t);
    if (!v) {
        s_->fail_value(m, "a timestamp", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool xml_reader::bytes(member_info const& m, std::string& out)
{
    auto const t = s_->text(m);
    if (!t) return false;
    // Some services break long base64 into lines.
    std::string compact;
    compact.reserve(t->size());
    for (char c : *t)
        if (!stratus::detail::is_space(c)) compact += c;
    auto decoded = stratus::detail::base64_decode(compact);
    if (!decoded) {
        s_->fail_value(m, "base64", *t);
        return false;
    }
    out = std::move(*decoded);
    return true;
}

STRATUS_DECL bool xml_reader::stream(member_info const& m, streaming_body& out)
{
    std::string data;
    if (!string(m, data)) return false;
    out.data = std::move(data);
    return true;
}

STRATUS_DECL bool xml_reader::json(member_info const& m, document&)
{
    s_->fail(m, "rest-xml cannot carry a document value");
    return false;
}

STRATUS_DECL bool xml_reader::enter_structure(member_info const& m, shape_info const&)
{
    auto& s = *s_;
    if (s.stack.empty()) {
        if (!s.load()) return false;
        auto root = s.doc.document_element();
        if (s.opts.error_document && local_name(root.name()) == "ErrorResponse")
            if (auto e = child_named(root, "Error")) root = e;
        // EC2: <Response><Errors><Error>.
        if (s.opts.error_document && local_name(root.name()) == "Response")
            if (auto e = child_named(child_named(root, "Errors"), "Error")) root = e;
        if (!s.opts.wrapper.empty()) {
            root = child_named(root, s.opts.wrapper);
            if (!root) return false;
        }
        if (!s.opts.s3_listing_op.empty()) s.listing_encoded = text_of(child_named(root, "EncodingType")) == "url";
        s.stack.push_back({state::frame::element, root, std::string(m.name)});
        return true;
    }
    auto const n = s.value_node(m);
    if (!n) return false;
    s.stack.push_back({state::frame::element, n, std::string(m.name)});
    return true;
}

STRATUS_DECL void xml_reader::leave_structure()
{
    if (!s_->stack.empty()) s_->stack.pop_back();
}

STRATUS_DECL bool xml_reader::enter_list(member_info const& m)
{
    auto& s = *s_;
    if (s.stack.empty()) return false;
    auto const& top = s.stack.back();
    state::frame f{state::frame::list, {}, std::string(m.name), m};
    if (top.kind == state::frame::element && m.is(member_flags::flattened)) {
        // Repeated elements named like the member (Smithy, and botocore's
        // serializer); botocore's parser also accepts the list member's
        // locationName, which older query-style models rely on.
        for (auto name : {m.wire.empty() ? m.name : m.wire, m.item}) {
            if (name.empty()) continue;
            for (auto c = top.node.first_child(); c; c = c.next_sibling())
                if (c.type() == pugi::node_element && local_name(c.name()) == name) f.items.push_back(c);
            if (!f.items.empty()) break;
        }
        if (f.items.empty()) return false;
    } else {
        auto const n = s.value_node(m);
        if (!n) return false;
        // Every child element is an item, whatever it is called (botocore).
        for (auto c = n.first_child(); c; c = c.next_sibling())
            if (c.type() == pugi::node_element) f.items.push_back(c);
    }
    s.stack.push_back(std::move(f));
    return true;
}

STRATUS_DECL bool xml_reader::next_item()
{
    auto& f = s_->stack.back();
    if (f.next >= f.items.size()) return false;
    f.current = f.items[f.next++];
    return true;
}

STRATUS_DECL void xml_reader::leave_list()
{
    if (!s_->stack.empty()) s_->stack.pop_back();
}

STRATUS_DECL bool xml_reader::enter_map(member_info const& m)
{
    auto& s = *s_;
    if (s.stack.empty()) return false;
    auto const& top = s.stack.back();
    state::frame f{state::frame::map, {}, std::string(m.name), m};
    if (top.kind == state::frame::element && m.is(member_flags::flattened)) {
        auto const name = m.wire.empty() ? m.name : m.wire;
        for (auto c = top.node.first_child(); c; c = c.next_sibling())
            if (c.type() == pugi::node_element && local_name(c.name()) == name) f.items.push_back(c);
        if (f.items.empty()) return false;
    } else {
        auto const n = s.value_node(m);
        if (!n) return false;
        for (auto c = n.first_child(); c; c = c.next_sibling())
            if (c.type() == pugi::node_element) f.items.push_back(c);
    }
    s.stack.push_back(std::move(f));
    return true;
}

STRATUS_DECL bool xml_reader::next_entry(std::string& key)
{
    auto& f = s_->stack.back();
    if (f.next >= f.items.size()) return false;
    auto const entry = f.items[f.next];
    auto const key_name = f.m.key.empty() ? std::string_view("key") : f.m.key;
    auto const value_name = f.m.value.empty() ? std::string_view("value") : f.m.value;
    auto const k = child_named(entry, key_name);
    if (!k) {
        s_->fail(item_info, "a map entry without <" + std::string(key_name) + ">");
        return false;
    }
    ++f.next;
    f.key = text_of(k);
    f.current = child_named(entry, value_name);
    key = f.key;
    return true;
}

STRATUS_DECL void xml_reader::leave_map()
{
    if (!s_->stack.empty()) s_->stack.pop_back();
}

// ---------------------------------------------------------------------------

STRATUS_DECL std::optional<xml_error_fields> parse_xml_error(std::string_view body)
{
    if (stratus::detail::trim(body).empty()) return std::nullopt;
    pugi::xml_document doc;
    if (!doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata_single))
        return std::nullopt;
    auto root = doc.document_element();
    if (!root) return std::nullopt;
    xml_error_fields f;
    auto error = root;
    if (local_name(root.name()) == "ErrorResponse") {
        error = child_named(root, "Error");
        f.request_id = text_of(child_named(root, "RequestId"));
    } else if (local_name(root.name()) == "Response") {
        // EC2: <Response><Errors><Error>...</Error></Errors><RequestID>.
        error = child_named(child_named(root, "Errors"), "Error");
        f.request_id = text_of(child_named(root, "RequestID"));
    }
    if (!error) return std::nullopt;
    f.code = stratus::detail::trim(text_of(child_named(error, "Code")));
    f.message = text_of(child_named(error, "Message"));
    if (f.request_id.empty()) f.request_id = text_of(child_named(error, "RequestId"));
    return f;
}

STRATUS_DECL bool xml_looks_like_error(std::string_view body)
{
    auto const b = stratus::detail::trim(body);
    if (b.empty()) return false;
    // The root element: skip the declaration, comments and DOCTYPE.
    std::size_t i = 0, lt = 0;
    std::string_view root;
    while (i < b.size()) {
        lt = b.find('<', i);
        if (lt == std::string_view::npos || lt + 1 >= b.size()) return true; // no element at all
        char const c = b[lt + 1];
        if (c == '?' || c == '!') {
            auto const end = b.substr(lt, 4) == "<!--" ? b.find("-->", lt) : b.find('>', lt);
            if (end == std::string_view::npos) return true;
            i = end + 1;
            continue;
        }
        auto const end = b.find_first_of(" \t\r\n/>", lt + 1);
        if (end == std::string_view::npos) return true;
        root = b.substr(lt + 1, end - lt - 1);
        break;
    }
    if (root.empty()) return true;
    auto const colon = root.find(':');
    if ((colon == std::string_view::npos ? root : root.substr(colon + 1)) == "Error") return true;
    // A complete document ends with the root's closing tag, or is one empty element.
    auto const tag_end = b.find('>', lt);
    if (tag_end == std::string_view::npos) return true;
    if (b[tag_end - 1] == '/') return tag_end + 1 != b.size();
    std::string close = "</";
    close += root;
    auto const last = b.rfind("</");
    if (last == std::string_view::npos || b.substr(last, close.size()) != close) return true;
    return stratus::detail::trim(b.substr(last + close.size())) != ">";
}

} // namespace stratus::protocol::detail

#endif
