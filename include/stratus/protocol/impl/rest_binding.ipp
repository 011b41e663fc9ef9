#ifndef STRATUS_PROTOCOL_IMPL_REST_BINDING_IPP
#define STRATUS_PROTOCOL_IMPL_REST_BINDING_IPP

#include <stratus/protocol/rest_binding.hpp>

#include <stratus/detail/crypto.hpp>
#include <stratus/detail/text.hpp>
#include <stratus/detail/uri_encode.hpp>
#include <stratus/protocol/engine.hpp>
#include <stratus/protocol/encoding.hpp>
#include <stratus/protocol/timestamp.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace stratus::protocol {

STRATUS_DECL result<std::pair<std::string, std::string>> expand_uri(std::string_view uri_template,
                                                                    std::span<name_value const> labels)
{
    auto const qpos = uri_template.find('?');
    auto const path_t = uri_template.substr(0, qpos);
    std::string path;
    path.reserve(path_t.size() + 32);
    for (std::size_t i = 0; i < path_t.size();) {
        if (path_t[i] != '{') {
            path += path_t[i++];
            continue;
        }
        auto const close = path_t.find('}', i);
        if (close == std::string_view::npos) {
            path += path_t.substr(i);
            break;
        }
        auto name = path_t.substr(i + 1, close - i - 1);
        bool const greedy = !name.empty() && name.back() == '+';
        if (greedy) name.remove_suffix(1);
        auto const it = std::find_if(labels.begin(), labels.end(), [&](auto const& l) { return l.first == name; });
        if (it == labels.end())
            return make_error(errc::invalid_parameter, std::string(name) + ": missing required parameter (a URI label)");
        // botocore: percent_encode(value, safe='/~') for greedy labels, safe='' otherwise.
        stratus::detail::uri_encode_to(path, it->second, greedy);
        i = close + 1;
    }
    std::string query;
    if (qpos != std::string_view::npos) query = std::string(uri_template.substr(qpos + 1));
    return std::pair{std::move(path), std::move(query)};
}

STRATUS_DECL result<std::string> expand_host_prefix(std::string_view prefix_template, std::span<name_value const> labels)
{
    std::string out;
    for (std::size_t i = 0; i < prefix_template.size();) {
        if (prefix_template[i] != '{') {
            out += prefix_template[i++];
            continue;
        }
        auto const close = prefix_template.find('}', i);
        if (close == std::string_view::npos) break;
        auto const name = prefix_template.substr(i + 1, close - i - 1);
        auto const it = std::find_if(labels.begin(), labels.end(), [&](auto const& l) { return l.first == name; });
        if (it == labels.end())
            return make_error(errc::invalid_parameter, std::string(name) + ": missing required parameter (a host label)");
        bool ok = !it->second.empty();
        for (char c : it->second)
            ok = ok && (stratus::detail::is_alnum(c) || c == '-' || c == '.');
        if (!ok)
            return make_error(errc::invalid_parameter,
                              std::string(name) + ": \"" + it->second +
                                  "\" is not a valid host label (letters, digits, '-' and '.' only)");
        out += it->second;
        i = close + 1;
    }
    return out;
}

// ---------------------------------------------------------------------------
// rest_request_writer

STRATUS_DECL rest_request_writer::rest_request_writer(value_writer& body, shape_info const& input)
    : body_(body), input_(input)
{
}

STRATUS_DECL bool rest_request_writer::forwarding() const noexcept
{
    return depth_ > 0;
}

STRATUS_DECL void rest_request_writer::open_body()
{
    if (body_document) return;
    body_document = true;
    body_.begin_structure(member_info{}, input_);
}

STRATUS_DECL void rest_request_writer::finish()
{
    if (body_document) body_.end_structure();
    // A query map never overrides a named query member (Smithy's rule; botocore
    // lets whichever comes last win).
    std::string const named = query;
    for (auto const& [k, v] : query_map_)
        if (!query_has(named, k)) append_query(query, k, v);
    query_map_.clear();
}

STRATUS_DECL void rest_request_writer::scalar(member_info const& m, std::string_view text, scalar_kind k, timestamp t)
{
    if (!frames_.empty()) {
        auto& f = frames_.back();
        switch (f.kind) {
        case frame::header_list: {
            if (k == scalar_kind::time)
                f.items.push_back(format_timestamp(t, f.m.timestamp == timestamp_format::protocol_default
                                                          ? timestamp_format::rfc822
                                                          : f.m.timestamp));
            else if (k == scalar_kind::text)
                f.items.push_back(quote_header_item(text));
            else
                f.items.emplace_back(text);
            return;
        }
        case frame::query_list: {
            auto const& key = f.key.empty() ? std::string(f.m.wire) : f.key;
            std::string v = k == scalar_kind::time
                                ? format_timestamp(t, f.m.timestamp == timestamp_format::protocol_default
                                                          ? timestamp_format::iso8601
                                                          : f.m.timestamp)
                                : std::string(text);
            // A list inside a query map (map<string, list<string>>) stays behind named members.
            if (frames_.size() > 1 && frames_[frames_.size() - 2].kind == frame::query_map)
                query_map_.emplace_back(key, std::move(v));
            else
                append_query(query, key, v);
            return;
        }
        case frame::query_map:
            query_map_.emplace_back(f.key, k == scalar_kind::time ? format_iso8601(t) : std::string(text));
            return;
        case frame::header_map:
            headers.add(std::string(f.m.wire) + f.key, k == scalar_kind::time ? format_rfc822(t) : std::string(text));
            return;
        }
        return;
    }
    auto fmt_time = [&](timestamp_format dflt) {
        return format_timestamp(t, m.timestamp == timestamp_format::protocol_default ? dflt : m.timestamp);
    };
    // hostPrefix templates name members ("{AccountId}."), not wire names.
    if (m.is(member_flags::host_label)) host_labels.emplace_back(std::string(m.name), std::string(text));
    switch (m.where) {
    case location::uri:
        labels.emplace_back(std::string(m.wire),
                            k == scalar_kind::time ? fmt_time(timestamp_format::iso8601) : std::string(text));
        return;
    case location::querystring:
        append_query(query, m.wire, k == scalar_kind::time ? fmt_time(timestamp_format::iso8601) : std::string(text));
        return;
    case location::header: {
        std::string v = k == scalar_kind::time ? fmt_time(timestamp_format::rfc822) : std::string(text);
        if (v.find_first_of("\r\n") != std::string::npos) {
            if (error.empty()) error = std::string(m.name) + ": a header value cannot contain CR or LF";
            return;
        }
        headers.add(std::string(m.wire), std::move(v));
        return;
    }
    default: return; // status_code and headers maps carry no scalar on input
    }
}

STRATUS_DECL void rest_request_writer::string(member_info const& m, std::string_view v)
{
    if (forwarding()) return body_.string(m, v);
    if (frames_.empty() && m.where == location::body) {
        if (m.is(member_flags::payload)) {
            has_raw_payload = true;
            raw_payload = std::string(v);
            return;
        }
        open_body();
        return body_.string(m, v);
    }
    // A JSON value in a header travels base64-encoded (botocore's jsonvalue headers).
    if (frames_.empty() && m.is(member_flags::json_value))
        return scalar(m, stratus::detail::base64_encode(v), scalar_kind::text);
    scalar(m, v, scalar_kind::text);
}

STRATUS_DECL void rest_request_writer::boolean(member_info const& m, bool v)
{
    if (forwarding()) return body_.boolean(m, v);
    if (frames_.empty() && m.where == location::body) {
        open_body();
        return body_.boolean(m, v);
    }
    scalar(m, v ? "true" : "false", scalar_kind::boolean);
}

STRATUS_DECL void rest_request_writer::integer(member_info const& m, std::int64_t v)
{
    if (forwarding()) return body_.integer(m, v);
    if (frames_.empty() && m.where == location::body) {
        open_body();
        return body_.integer(m, v);
    }
    scalar(m, std::to_string(v), scalar_kind::integer);
}

STRATUS_DECL void rest_request_writer::floating(member_info const& m, double v)
{
    if (forwarding()) return body_.floating(m, v);
    if (frames_.empty() && m.where == location::body) {
        open_body();
        return body_.floating(m, v);
    }
    scalar(m, format_double(v), scalar_kind::floating);
}

STRATUS_DECL void rest_request_writer::time(member_info const& m, timestamp v)
{
    if (forwarding()) return body_.time(m, v);
    if (frames_.empty() && m.where == location::body) {
        open_body();
        return body_.time(m, v);
    }
    scalar(m, {}, scalar_kind::time, v);
}

STRATUS_DECL void rest_request_writer::bytes(member_info const& m, std::string_view v)
{
    if (forwarding()) return body_.bytes(m, v);
    if (frames_.empty() && m.where == location::body) {
        if (m.is(member_flags::payload)) {
            has_raw_payload = true;
            raw_payload = std::string(v);
            return;
        }
        open_body();
        return body_.bytes(m, v);
    }
    scalar(m, stratus::detail::base64_encode(v), scalar_kind::bytes);
}

STRATUS_DECL void rest_request_writer::stream(member_info const& m, streaming_body const& v)
{
    if (forwarding()) return body_.stream(m, v);
    if (!frames_.empty() || m.where != location::body) {
        if (error.empty()) error = std::string(m.name) + ": a streaming body can only be the payload";
        return;
    }
    has_raw_payload = true;
    if (v.stream) payload_stream = v.stream;
    else raw_payload = v.data;
}

STRATUS_DECL void rest_request_writer::json(member_info const& m, document const& v)
{
    if (forwarding()) return body_.json(m, v);
    if (frames_.empty() && m.where == location::body) {
        if (m.is(member_flags::payload)) {
            has_raw_payload = true;
            raw_payload = boost::json::serialize(v);
            return;
        }
        open_body();
        return body_.json(m, v);
    }
    // jsonvalue headers: compact JSON, base64-encoded.
    scalar(m, stratus::detail::base64_encode(boost::json::serialize(v)), scalar_kind::text);
}

STRATUS_DECL void rest_request_writer::absent(member_info const& m)
{
    if (forwarding()) return body_.absent(m);
    // botocore fills unset idempotency tokens with a fresh UUID.
    if (frames_.empty() && m.is(member_flags::idempotency_token)) string(m, make_uuid4());
}

STRATUS_DECL bool rest_request_writer::begin_structure(member_info const& m, shape_info const& s)
{
    if (forwarding()) {
        if (!body_.begin_structure(m, s)) return false;
        ++depth_;
        return true;
    }
    if (!frames_.empty() || m.where != location::body) {
        if (error.empty()) error = std::string(m.name) + ": a structure cannot travel in a " +
                                   (m.where == location::uri ? "URI" : "header or query string");
        return false;
    }
    if (!m.is(member_flags::payload)) open_body();
    // A structure payload is the whole document: the body writer opens and
    // closes its root with this member.
    if (!body_.begin_structure(m, s)) return false;
    depth_ = 1;
    return true;
}

STRATUS_DECL void rest_request_writer::end_structure()
{
    if (forwarding()) {
        body_.end_structure();
        --depth_;
    }
}

STRATUS_DECL bool rest_request_writer::begin_list(member_info const& m, std::size_t size)
{
    if (forwarding()) {
        if (!body_.begin_list(m, size)) return false;
        ++depth_;
        return true;
    }
    if (frames_.empty()) {
        switch (m.where) {
        case location::body:
            open_body();
            if (!body_.begin_list(m, size)) return false;
            depth_ = 1;
            return true;
        case location::header: frames_.push_back({frame::header_list, m}); return true;
        case location::querystring: frames_.push_back({frame::query_list, m}); return true;
        default: return false;
        }
    }
    // A list as a query map's value: one parameter per item, named by the key.
    if (frames_.back().kind == frame::query_map) {
        frame f{frame::query_list, frames_.back().m};
        f.key = frames_.back().key;
        frames_.push_back(std::move(f));
        return true;
    }
    if (error.empty()) error = std::string(frames_.back().m.name) + ": nested lists cannot travel outside the body";
    return false;
}

STRATUS_DECL void rest_request_writer::end_list()
{
    if (forwarding()) {
        body_.end_list();
        --depth_;
        return;
    }
    if (frames_.empty()) return;
    auto f = std::move(frames_.back());
    frames_.pop_back();
    if (f.kind == frame::header_list && !f.items.empty()) {
        // botocore joins with ","; empty lists send no header at all.
        std::string v;
        for (auto const& item : f.items) {
            if (!v.empty()) v += ',';
            v += item;
        }
        headers.add(std::string(f.m.wire), std::move(v));
    }
}

STRATUS_DECL bool rest_request_writer::begin_map(member_info const& m, std::size_t size)
{
    if (forwarding()) {
        if (!body_.begin_map(m, size)) return false;
        ++depth_;
        return true;
    }
    if (!frames_.empty()) return false;
    switch (m.where) {
    case location::body:
        open_body();
        if (!body_.begin_map(m, size)) return false;
        depth_ = 1;
        return true;
    case location::headers: frames_.push_back({frame::header_map, m}); return true;
    case location::querystring: frames_.push_back({frame::query_map, m}); return true;
    default: return false;
    }
}

STRATUS_DECL void rest_request_writer::map_key(std::string_view key)
{
    if (forwarding()) return body_.map_key(key);
    if (!frames_.empty()) frames_.back().key = std::string(key);
}

STRATUS_DECL void rest_request_writer::end_map()
{
    if (forwarding()) {
        body_.end_map();
        --depth_;
        return;
    }
    if (!frames_.empty()) frames_.pop_back();
}

// ---------------------------------------------------------------------------
// rest_response_reader

STRATUS_DECL rest_response_reader::rest_response_reader(http::response const& res, value_reader* body, options opts)
    : res_(res), body_(body), opts_(opts)
{
}

STRATUS_DECL void rest_response_reader::finish()
{
    if (body_state_ == 1 && body_) body_->leave_structure();
    body_state_ = 3;
}

STRATUS_DECL std::string const& rest_response_reader::error() const noexcept
{
    return error_;
}

STRATUS_DECL bool rest_response_reader::failed() const noexcept
{
    return !error_.empty() || (body_ && body_->failed());
}

STRATUS_DECL void rest_response_reader::fail(member_info const& m, std::string_view why)
{
    if (depth_ > 0 || (frames_.empty() && body_member(m) && body_state_ == 1)) {
        if (body_) return body_->fail(m, why);
    }
    if (error_.empty()) error_ = std::string(frames_.empty() ? m.name : frames_.back().m.name) + ": " + std::string(why);
}

STRATUS_DECL void rest_response_reader::fail_value(member_info const& m, std::string_view what, std::string_view text)
{
    std::string why = "not ";
    why += what;
    why += ": \"";
    why += text.substr(0, 64);
    if (text.size() > 64) why += "...";
    why += '"';
    fail(m, why);
}

STRATUS_DECL bool rest_response_reader::body_member(member_info const& m) const noexcept
{
    // A response binds only headers and the status code: a member bound to
    // the URI or the query string (a shape both input and output) is read
    // from the document, as Smithy ignores httpLabel and httpQuery on output.
    return m.where == location::body || m.where == location::uri || m.where == location::querystring;
}

STRATUS_DECL bool rest_response_reader::enter_body()
{
    if (body_state_ == 0) body_state_ = body_ && body_->enter_structure(member_info{}, shape_info{}) ? 1 : 2;
    return body_state_ == 1;
}

STRATUS_DECL std::optional<std::string_view> rest_response_reader::text_for(member_info const& m)
{
    if (!frames_.empty()) {
        auto const& f = frames_.back();
        if (f.next == 0 || f.next > f.items.size()) return std::nullopt;
        auto const& item = f.items[f.next - 1];
        return f.map ? std::string_view(item.second) : std::string_view(item.first);
    }
    if (m.where == location::header) return res_.headers.get(m.wire);
    return std::nullopt;
}

STRATUS_DECL bool rest_response_reader::string(member_info const& m, std::string& out)
{
    if (depth_ > 0) return body_->string(m, out);
    if (frames_.empty() && body_member(m)) {
        if (m.is(member_flags::payload)) {
            // A string payload is the body itself; no body, no value (botocore).
            if (res_.body.empty()) return false;
            out = res_.body;
            return true;
        }
        return enter_body() && body_->string(m, out);
    }
    auto const t = text_for(m);
    if (!t) return false;
    if (frames_.empty() && m.is(member_flags::json_value)) {
        auto decoded = stratus::detail::base64_decode(stratus::detail::trim(*t));
        if (!decoded) {
            fail_value(m, "base64", *t);
            return false;
        }
        out = std::move(*decoded);
        return true;
    }
    out = std::string(*t);
    return true;
}

STRATUS_DECL bool rest_response_reader::boolean(member_info const& m, bool& out)
{
    if (depth_ > 0) return body_->boolean(m, out);
    if (frames_.empty() && body_member(m)) return enter_body() && body_->boolean(m, out);
    auto const t = text_for(m);
    if (!t) return false;
    auto const v = parse_bool(*t);
    if (!v) {
        fail_value(m, "a boolean", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool rest_response_reader::integer(member_info const& m, std::int64_t& out)
{
    if (depth_ > 0) return body_->integer(m, out);
    if (frames_.empty() && m.where == location::status_code) {
        out = res_.status;
        return true;
    }
    if (frames_.empty() && body_member(m)) return enter_body() && body_->integer(m, out);
    auto const t = text_for(m);
    if (!t) return false;
    auto const v = parse_int64(*t);
    if (!v) {
        fail_value(m, "an integer", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool rest_response_reader::floating(member_info const& m, double& out)
{
    if (depth_ > 0) return body_->floating(m, out);
    if (frames_.empty() && body_member(m)) return enter_body() && body_->floating(m, out);
    auto const t = text_for(m);
    if (!t) return false;
    auto const v = parse_double(*t);
    if (!v) {
        fail_value(m, "a number", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool rest_response_reader::time(member_info const& m, timestamp& out)
{
    if (depth_ > 0) return body_->time(m, out);
    if (frames_.empty() && body_member(m)) return enter_body() && body_->time(m, out);
    auto t = text_for(m);
    if (!t) return false;
    std::string joined;
    if (!frames_.empty() && !frames_.back().map) {
        // An HTTP-date list item was split at its own comma: "Mon" + " 16 Dec 2019 ...".
        auto& f = frames_.back();
        if (t->size() == 3 && stratus::detail::is_alpha((*t)[0]) && f.next < f.items.size()) {
            joined = std::string(*t) + ", " + f.items[f.next].first;
            ++f.next;
            t = joined;
        }
    }
    auto const v = parse_timestamp(*t);
    if (!v) {
        // S3 sends Expires as the user wrote it; botocore drops what is not a date.
        if (opts_.lenient_expires && frames_.empty() && m.name == "Expires" && stratus::detail::iequals(m.wire, "Expires"))
            return false;
        fail_value(m, "a timestamp", *t);
        return false;
    }
    out = *v;
    return true;
}

STRATUS_DECL bool rest_response_reader::bytes(member_info const& m, std::string& out)
{
    if (depth_ > 0) return body_->bytes(m, out);
    if (frames_.empty() && body_member(m)) {
        if (m.is(member_flags::payload)) {
            if (res_.body.empty()) return false;
            out = res_.body;
            return true;
        }
        return enter_body() && body_->bytes(m, out);
    }
    auto const t = text_for(m);
    if (!t) return false;
    auto decoded = stratus::detail::base64_decode(stratus::detail::trim(*t));
    if (!decoded) {
        fail_value(m, "base64", *t);
        return false;
    }
    out = std::move(*decoded);
    return true;
}

STRATUS_DECL bool rest_response_reader::stream(member_info const& m, streaming_body& out)
{
    if (depth_ > 0) return body_->stream(m, out);
    if (!frames_.empty() || !body_member(m)) return false;
    // The whole body (empty when the call streamed it to a body_sink).
    out.data = res_.body;
    return true;
}

STRATUS_DECL bool rest_response_reader::json(member_info const& m, document& out)
{
    if (depth_ > 0) return body_->json(m, out);
    if (frames_.empty() && body_member(m)) {
        if (m.is(member_flags::payload)) {
            if (res_.body.empty()) return false;
            boost::system::error_code ec;
            auto v = boost::json::parse(res_.body, ec);
            if (ec) {
                fail_value(m, "JSON", res_.body);
                return false;
            }
            out = std::move(v);
            return true;
        }
        return enter_body() && body_->json(m, out);
    }
    auto const t = text_for(m);
    if (!t) return false;
    auto decoded = stratus::detail::base64_decode(stratus::detail::trim(*t));
    boost::system::error_code ec;
    if (decoded) out = boost::json::parse(*decoded, ec);
    if (!decoded || ec) {
        fail_value(m, "base64-encoded JSON", *t);
        return false;
    }
    return true;
}

STRATUS_DECL bool rest_response_reader::enter_structure(member_info const& m, shape_info const& s)
{
    if (depth_ > 0) {
        if (!body_->enter_structure(m, s)) return false;
        ++depth_;
        return true;
    }
    if (!frames_.empty() || !body_member(m) || !body_) return false;
    if (m.is(member_flags::payload)) {
        // The payload structure is the document itself.
        if (!body_->enter_structure(m, s)) return false;
    } else if (!enter_body() || !body_->enter_structure(m, s)) {
        return false;
    }
    depth_ = 1;
    return true;
}

STRATUS_DECL void rest_response_reader::leave_structure()
{
    if (depth_ > 0) {
        body_->leave_structure();
        --depth_;
    }
}

STRATUS_DECL bool rest_response_reader::enter_list(member_info const& m)
{
    if (depth_ > 0) {
        if (!body_->enter_list(m)) return false;
        ++depth_;
        return true;
    }
    if (!frames_.empty()) return false;
    if (body_member(m)) {
        if (!enter_body() || !body_->enter_list(m)) return false;
        depth_ = 1;
        return true;
    }
    if (m.where != location::header) return false;
    auto const h = res_.headers.get(m.wire);
    if (!h) return false;
    frame f{false, m};
    for (auto& item : split_header_list(*h)) f.items.emplace_back(std::move(item), std::string{});
    frames_.push_back(std::move(f));
    return true;
}

STRATUS_DECL bool rest_response_reader::next_item()
{
    if (depth_ > 0) return body_->next_item();
    if (frames_.empty()) return false;
    auto& f = frames_.back();
    if (f.next >= f.items.size()) return false;
    ++f.next;
    return true;
}

STRATUS_DECL void rest_response_reader::leave_list()
{
    if (depth_ > 0) {
        body_->leave_list();
        --depth_;
        return;
    }
    if (!frames_.empty()) frames_.pop_back();
}

STRATUS_DECL bool rest_response_reader::enter_map(member_info const& m)
{
    if (depth_ > 0) {
        if (!body_->enter_map(m)) return false;
        ++depth_;
        return true;
    }
    if (!frames_.empty()) return false;
    if (body_member(m)) {
        if (!enter_body() || !body_->enter_map(m)) return false;
        depth_ = 1;
        return true;
    }
    if (m.where != location::headers) return false;
    // Every header with the prefix, the prefix cut off and the rest
    // lower-cased (header names are case-insensitive; botocore compares in lower case).
    frame f{true, m};
    for (auto const& [name, value] : res_.headers) {
        if (name.size() < m.wire.size() || !stratus::detail::iequals(std::string_view(name).substr(0, m.wire.size()), m.wire))
            continue;
        f.items.emplace_back(stratus::detail::to_lower(std::string_view(name).substr(m.wire.size())), value);
    }
    frames_.push_back(std::move(f));
    return true;
}

STRATUS_DECL bool rest_response_reader::next_entry(std::string& key)
{
    if (depth_ > 0) return body_->next_entry(key);
    if (frames_.empty()) return false;
    auto& f = frames_.back();
    if (f.next >= f.items.size()) return false;
    key = f.items[f.next].first;
    ++f.next;
    return true;
}

STRATUS_DECL void rest_response_reader::leave_map()
{
    if (depth_ > 0) {
        body_->leave_map();
        --depth_;
        return;
    }
    if (!frames_.empty()) frames_.pop_back();
}

STRATUS_DECL result<http::request> make_rest_request(call_context& cc, rest_request_writer& rw)
{
    auto const& op = cc.op;
    auto fail = [&](std::string msg) { return make_error(errc::invalid_parameter, std::move(msg), std::string(op.name)); };
    auto uri = expand_uri(op.uri, rw.labels);
    if (!uri) return fail(uri.error().message);

    http::request req;
    req.method = std::string(op.method);
    req.url.path = std::move(uri->first);
    // The template's literal query ("list-type=2", "tagging") comes first.
    req.url.query = std::move(uri->second);
    if (!rw.query.empty()) {
        if (!req.url.query.empty()) req.url.query += '&';
        req.url.query += rw.query;
    }
    req.headers = std::move(rw.headers);
    if (rw.has_raw_payload) {
        if (rw.payload_stream) req.body_stream = std::move(rw.payload_stream);
        else req.body = std::move(rw.raw_payload);
    }
    if (!op.host_prefix.empty()) {
        auto prefix = expand_host_prefix(op.host_prefix, rw.host_labels);
        if (!prefix) return fail(prefix.error().message);
        cc.host_prefix = std::move(*prefix);
    }
    return req;
}

} // namespace stratus::protocol

#endif
