#include "emitter.hpp"

#include "jmespath.hpp"
#include "names.hpp"
#include "rules_emitter.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <array>
#include <vector>

namespace stratus_gen {

namespace json = boost::json;

namespace {

constexpr std::size_t line_width = 110;

// --- small JSON accessors -------------------------------------------------

std::string_view str(json::object const& o, std::string_view key)
{
    if (auto* v = o.if_contains(key); v && v->is_string()) return v->get_string();
    return {};
}

bool flag(json::object const& o, std::string_view key)
{
    if (auto* v = o.if_contains(key); v && v->is_bool()) return v->get_bool();
    return false;
}

json::object const* obj(json::object const& o, std::string_view key)
{
    if (auto* v = o.if_contains(key); v && v->is_object()) return &v->get_object();
    return nullptr;
}

// An integer bound of a shape ("min"/"max"). Bounds that member_info cannot
// hold exactly (fractions such as 0.001, values past int64) are left out.
std::optional<std::int64_t> bound(json::object const& o, std::string_view key)
{
    auto* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64()) {
        if (v->get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(v->get_uint64());
    }
    if (v->is_double()) {
        double d = v->get_double();
        if (std::floor(d) != d || std::fabs(d) > 9.0e18) return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

// --- C++ text helpers -----------------------------------------------------

// `head` + fields separated by ", " + `tail`. Fields move to a new line,
// indented to the column after `head`, when the line would pass the width.
void wrap(std::string& out, std::string const& head, std::vector<std::string> const& fields, std::string const& tail)
{
    std::string line = head;
    std::string pad(head.size(), ' ');
    bool first_on_line = true;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::string piece = fields[i] + (i + 1 < fields.size() ? "," : tail);
        std::size_t need = line.size() + (first_on_line ? 0 : 1) + piece.size();
        if (!first_on_line && need > line_width) {
            out += line;
            out += '\n';
            line = pad;
            first_on_line = true;
        }
        if (!first_on_line) line += ' ';
        line += piece;
        first_on_line = false;
    }
    if (fields.empty()) line += tail;
    out += line;
    out += '\n';
}

std::string join(std::vector<std::string> const& parts, std::string_view sep)
{
    std::string r;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) r += sep;
        r += parts[i];
    }
    return r;
}

// Names in namespace stratus that a service tag must not take (the tag for
// the "location" service becomes stratus::location_).
std::set<std::string> const& stratus_names()
{
    static std::set<std::string> const names{
        "auth", "basic_client", "blob", "boxed", "client", "client_context", "client_error", "client_options",
        "config_section", "core", "credentials", "credentials_provider", "customizations", "detail", "document",
        "empty_shape", "enum_string", "enumeration", "environment", "errc", "error", "error_code", "error_info",
        "error_kind", "http", "is_required", "location", "log_level", "logger", "member_flags", "member_info",
        "operation", "operation_info", "optional_container", "paginator", "protocol", "required", "resource", "result",
        "retry_mode",
        "service", "service_client", "service_error", "service_info", "services", "session", "session_options",
        "shape_info", "shared_config", "std", "streaming_body", "structure", "timestamp", "timestamp_format",
        "transport_error", "type_list", "waiter",
    };
    return names;
}

// --- the model, resolved --------------------------------------------------

enum class kind { scalar, enumeration, structure, error, document, list, map };

struct shape_data {
    std::string name;
    json::object const* def = nullptr;
    std::string type; // botocore type: "structure", "string", ...
    kind k = kind::scalar;
    std::string cpp; // type name (enumerations, structures, errors)
    bool top_input = false; // only ever an operation's input: required<T> members
    bool is_input = false;
    int scc = -1;
    bool cyclic = false;
    std::set<std::string> greedy_labels; // {Label+} in the URI of an operation taking this input
};

struct op_data {
    std::string name;
    json::object const* def = nullptr;
    std::string tag;    // ops::<tag>
    std::string method; // client method base name
    std::ptrdiff_t input = -1;
    std::ptrdiff_t output = -1;
    std::vector<std::size_t> errors;
    std::string paginator; // paginators::<name>, when the operation has one
};

class emitter {
public:
    emitter(service_model const& m, std::string label)
        : m_(m), label_(std::move(label)), meta_(m.model.at("metadata").get_object()),
          ops_json_(m.model.at("operations").get_object()), shapes_json_(m.model.at("shapes").get_object())
    {
    }

    generated_header run()
    {
        result_.cpp_name = sanitize_identifier(m_.name);
        svc_ = result_.cpp_name;
        ns_ = "::stratus::services::" + svc_;
        botocore_protocol_ = resolve_protocol(meta_);
        result_.protocol = protocol_cpp_name(botocore_protocol_);
        if (result_.protocol.empty()) fail("unknown protocol \"" + botocore_protocol_ + "\"");
        result_.tag_name = svc_;
        while (stratus_names().count(result_.tag_name) || is_reserved_word(result_.tag_name)) result_.tag_name += '_';

        resolve_shapes();
        resolve_operations();
        order_structures();
        name_types();
        name_operations();

        write_prologue();
        write_enums();
        write_structures();
        write_endpoint_rules();
        write_paginators();
        write_operations();
        write_waiters();
        write_client();
        declare_resources();
        write_tag();
        write_resources();
        write_epilogue();
        result_.text = std::move(out_);
        return std::move(result_);
    }

private:
    [[noreturn]] void fail(std::string const& what) const { throw gen_error(m_.name + ": " + what); }

    std::size_t lookup(std::string_view name, std::string const& context) const
    {
        auto it = index_.find(std::string(name));
        if (it == index_.end()) fail(context + ": unknown shape \"" + std::string(name) + "\"");
        return it->second;
    }

    // The shape a reference ({"shape": "X", ...}) points at.
    std::size_t target_of(json::object const& ref, std::string const& context) const
    {
        auto name = str(ref, "shape");
        if (name.empty()) fail(context + ": reference without \"shape\"");
        return lookup(name, context);
    }

    void resolve_shapes()
    {
        for (auto const& kv : shapes_json_) {
            if (!kv.value().is_object()) fail("shape " + std::string(kv.key()) + " is not an object");
            shape_data s;
            s.name = kv.key();
            s.def = &kv.value().get_object();
            s.type = str(*s.def, "type");
            if (s.type == "structure") {
                if (flag(*s.def, "document"))
                    s.k = kind::document;
                else if (flag(*s.def, "exception"))
                    s.k = kind::error;
                else
                    s.k = kind::structure;
            } else if (s.type == "string") {
                s.k = s.def->contains("enum") ? kind::enumeration : kind::scalar;
            } else if (s.type == "list") {
                s.k = kind::list;
            } else if (s.type == "map") {
                s.k = kind::map;
            } else if (s.type == "document") {
                s.k = kind::document;
            } else if (s.type == "integer" || s.type == "long" || s.type == "boolean" || s.type == "float" ||
                       s.type == "double" || s.type == "bigInteger" || s.type == "bigDecimal" ||
                       s.type == "timestamp" || s.type == "blob") {
                s.k = kind::scalar;
            } else {
                fail("shape " + s.name + ": unknown type \"" + s.type + "\"");
            }
            index_.emplace(s.name, shapes_.size());
            shapes_.push_back(std::move(s));
        }
        // Every reference must resolve.
        for (auto const& s : shapes_) {
            if (s.k == kind::structure || s.k == kind::error) {
                for (auto const& mk : members(s)) target_of(*mk.second, "shape " + s.name + " member " + mk.first);
            } else if (s.k == kind::list) {
                auto* mem = obj(*s.def, "member");
                if (!mem) fail("list " + s.name + " has no member");
                target_of(*mem, "list " + s.name);
            } else if (s.k == kind::map) {
                auto* key = obj(*s.def, "key");
                auto* value = obj(*s.def, "value");
                if (!key || !value) fail("map " + s.name + " lacks key or value");
                target_of(*key, "map " + s.name);
                target_of(*value, "map " + s.name);
            }
        }
    }

    std::vector<std::pair<std::string, json::object const*>> members(shape_data const& s) const
    {
        std::vector<std::pair<std::string, json::object const*>> out;
        auto* ms = obj(*s.def, "members");
        if (!ms) return out;
        for (auto const& kv : *ms) {
            if (!kv.value().is_object()) fail("shape " + s.name + " member " + std::string(kv.key()) + " is not an object");
            out.emplace_back(kv.key(), &kv.value().get_object());
        }
        return out;
    }

    bool is_required(shape_data const& s, std::string_view member) const
    {
        if (auto* r = s.def->if_contains("required"); r && r->is_array())
            for (auto const& e : r->get_array())
                if (e.is_string() && e.get_string() == member) return true;
        return false;
    }

    void resolve_operations()
    {
        std::set<std::size_t> member_targets, outputs, errors;
        for (auto const& s : shapes_) {
            if (s.k == kind::structure || s.k == kind::error) {
                for (auto const& mk : members(s)) member_targets.insert(target_of(*mk.second, s.name));
            } else if (s.k == kind::list) {
                member_targets.insert(target_of(*obj(*s.def, "member"), s.name));
            } else if (s.k == kind::map) {
                member_targets.insert(target_of(*obj(*s.def, "key"), s.name));
                member_targets.insert(target_of(*obj(*s.def, "value"), s.name));
            }
        }
        for (auto const& kv : ops_json_) {
            if (!kv.value().is_object()) fail("operation " + std::string(kv.key()) + " is not an object");
            op_data op;
            op.name = kv.key();
            op.def = &kv.value().get_object();
            std::string ctx = "operation " + op.name;
            if (auto* in = obj(*op.def, "input")) {
                op.input = static_cast<std::ptrdiff_t>(target_of(*in, ctx + " input"));
                if (shapes_[static_cast<std::size_t>(op.input)].k != kind::structure)
                    fail(ctx + ": input is not a structure");
            }
            if (auto* o = obj(*op.def, "output")) {
                op.output = static_cast<std::ptrdiff_t>(target_of(*o, ctx + " output"));
                if (shapes_[static_cast<std::size_t>(op.output)].k != kind::structure)
                    fail(ctx + ": output is not a structure");
                outputs.insert(static_cast<std::size_t>(op.output));
            }
            if (auto* es = op.def->if_contains("errors"); es && es->is_array()) {
                for (auto const& e : es->get_array()) {
                    if (!e.is_object()) continue;
                    std::size_t t = target_of(e.get_object(), ctx + " errors");
                    if (shapes_[t].k != kind::error && shapes_[t].k != kind::structure)
                        fail(ctx + ": error " + shapes_[t].name + " is not a structure");
                    errors.insert(t);
                    if (std::find(op.errors.begin(), op.errors.end(), t) == op.errors.end()) op.errors.push_back(t);
                }
            }
            if (op.input >= 0) {
                auto& in = shapes_[static_cast<std::size_t>(op.input)];
                in.is_input = true;
                auto* http = obj(*op.def, "http");
                std::string_view uri = http ? str(*http, "requestUri") : std::string_view();
                for (std::size_t p = uri.find('{'); p != std::string_view::npos; p = uri.find('{', p + 1)) {
                    std::size_t e = uri.find('}', p);
                    if (e == std::string_view::npos) break;
                    std::string_view label = uri.substr(p + 1, e - p - 1);
                    if (!label.empty() && label.back() == '+')
                        in.greedy_labels.insert(std::string(label.substr(0, label.size() - 1)));
                }
            }
            ops_.push_back(std::move(op));
        }
        // Errors named by operations are errors even without "exception".
        for (std::size_t e : errors)
            if (shapes_[e].k == kind::structure) shapes_[e].k = kind::error;
        for (std::size_t i = 0; i < shapes_.size(); ++i) {
            auto& s = shapes_[i];
            s.top_input = s.is_input && s.k == kind::structure && !member_targets.count(i) && !outputs.count(i) &&
                          !flag(*s.def, "union");
        }
    }

    static bool is_struct_like(kind k) { return k == kind::structure || k == kind::error; }

    // The structures a value of shape `t` contains, and whether directly
    // (optional<T>: T must be complete) or inside a list or map.
    void contained(std::size_t t, bool direct, std::vector<std::pair<std::size_t, bool>>& out) const
    {
        auto const& s = shapes_[t];
        if (is_struct_like(s.k)) {
            out.emplace_back(t, direct);
        } else if (s.k == kind::list) {
            contained(target_of(*obj(*s.def, "member"), s.name), false, out);
        } else if (s.k == kind::map) {
            contained(target_of(*obj(*s.def, "value"), s.name), false, out);
        }
    }

    // Structures in dependency order (Tarjan's strongly connected components,
    // roots and edges in model order, so the order is deterministic).
    void order_structures()
    {
        std::vector<std::vector<std::size_t>> edges(shapes_.size());
        for (std::size_t i = 0; i < shapes_.size(); ++i) {
            if (!is_struct_like(shapes_[i].k)) continue;
            std::vector<std::pair<std::size_t, bool>> deps;
            for (auto const& mk : members(shapes_[i])) contained(target_of(*mk.second, shapes_[i].name), true, deps);
            for (auto const& d : deps) edges[i].push_back(d.first);
        }
        std::vector<int> low(shapes_.size(), -1), num(shapes_.size(), -1);
        std::vector<bool> on_stack(shapes_.size(), false);
        std::vector<std::size_t> stack;
        int counter = 0, scc_count = 0;
        std::function<void(std::size_t)> visit = [&](std::size_t v) {
            num[v] = low[v] = counter++;
            stack.push_back(v);
            on_stack[v] = true;
            for (std::size_t w : edges[v]) {
                if (num[w] < 0) {
                    visit(w);
                    low[v] = std::min(low[v], low[w]);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], num[w]);
                }
            }
            if (low[v] == num[v]) {
                std::vector<std::size_t> comp;
                std::size_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    comp.push_back(w);
                } while (w != v);
                std::sort(comp.begin(), comp.end());
                bool cyclic = comp.size() > 1 ||
                              std::find(edges[v].begin(), edges[v].end(), v) != edges[v].end();
                for (std::size_t c : comp) {
                    shapes_[c].scc = scc_count;
                    shapes_[c].cyclic = cyclic;
                }
                ++scc_count;
                if (comp.size() > 1) comp = order_for_vectors(comp);
                components_.push_back(std::move(comp));
            }
        };
        for (std::size_t i = 0; i < shapes_.size(); ++i)
            if (is_struct_like(shapes_[i].k) && num[i] < 0) visit(i);
    }

    // The structures a member holds in std::vector (through lists of lists,
    // not through maps): std::vector's destructor is constexpr, so clang
    // instantiates it at a default member initializer, and the element must
    // be complete there already.
    void vector_elements(std::size_t t, bool in_list, std::vector<std::size_t>& out) const
    {
        auto const& s = shapes_[t];
        if (is_struct_like(s.k)) {
            if (in_list) out.push_back(t);
        } else if (s.k == kind::list) {
            vector_elements(target_of(*obj(*s.def, "member"), s.name), true, out);
        }
    }

    // Inside a cycle, structures held in vectors come before the structures
    // holding them (a depth-first order over those edges, roots in model
    // order); what a cycle of vectors leaves incomplete gets no `{}`.
    std::vector<std::size_t> order_for_vectors(std::vector<std::size_t> const& comp) const
    {
        std::set<std::size_t> in(comp.begin(), comp.end()), seen;
        std::vector<std::size_t> order;
        std::function<void(std::size_t)> visit = [&](std::size_t v) {
            seen.insert(v);
            std::vector<std::size_t> elems;
            for (auto const& mk : members(shapes_[v])) vector_elements(target_of(*mk.second, shapes_[v].name), false, elems);
            for (std::size_t e : elems)
                if (e != v && in.count(e) && !seen.count(e)) visit(e);
            order.push_back(v);
        };
        for (std::size_t c : comp)
            if (!seen.count(c)) visit(c);
        return order;
    }

    void name_types()
    {
        // Names the namespace itself uses.
        scope_names scope({"all_errors", "client", "endpoint_rules_data", "ops", "paginators", "resources", "std", "waiters"});
        for (auto& s : shapes_) {
            if (s.k == kind::enumeration || is_struct_like(s.k)) s.cpp = scope.claim(cpp_name(s.name));
        }
    }

    void name_operations()
    {
        scope_names tags({"std"});
        // What a client method must not hide: basic_client's and
        // service_client's members, and the class's own names.
        scope_names methods({"async_call", "async_send", "basic_client", "call", "client", "completion_signature",
                             "context", "endpoint", "executor_type", "get_executor", "make_request", "ops",
                             "region_name", "send", "service", "service_client", "std", "try_call", "try_send"});
        for (auto& op : ops_) {
            op.tag = tags.claim(cpp_name(op.name));
            std::string base = op.tag;
            while (methods.contains(base) || methods.contains("try_" + base) || methods.contains("async_" + base))
                base += '_';
            op.method = methods.claim(base);
            methods.claim("try_" + base);
            methods.claim("async_" + base);
        }
    }

    // --- member types -----------------------------------------------------

    std::string qualified(shape_data const& s) const { return ns_ + "::" + s.cpp; }

    std::string value_type(std::size_t t, int owner_scc, bool direct, bool streaming) const
    {
        auto const& s = shapes_[t];
        switch (s.k) {
        case kind::enumeration: return qualified(s);
        case kind::structure:
        case kind::error:
            if (direct && s.cyclic && s.scc == owner_scc) return "::stratus::boxed<" + qualified(s) + ">";
            return qualified(s);
        case kind::document: return "::stratus::document";
        case kind::list:
            return "std::vector<" + value_type(target_of(*obj(*s.def, "member"), s.name), owner_scc, false, false) + ">";
        case kind::map:
            return "std::map<std::string, " +
                   value_type(target_of(*obj(*s.def, "value"), s.name), owner_scc, false, false) + ">";
        case kind::scalar: break;
        }
        bool stream = streaming || flag(*s.def, "streaming");
        if (s.type == "string") return stream ? "::stratus::streaming_body" : "std::string";
        if (s.type == "blob") return stream ? "::stratus::streaming_body" : "::stratus::blob";
        if (s.type == "integer") return "std::int32_t";
        if (s.type == "long") return "std::int64_t";
        if (s.type == "boolean") return "bool";
        if (s.type == "float") return "float";
        if (s.type == "double") return "double";
        if (s.type == "timestamp") return "::stratus::timestamp";
        return "std::string"; // bigInteger, bigDecimal: exact decimal text
    }

    static std::string_view timestamp_format(std::string_view tf)
    {
        if (tf == "iso8601") return "::stratus::timestamp_format::iso8601";
        if (tf == "rfc822") return "::stratus::timestamp_format::rfc822";
        if (tf == "unixTimestamp") return "::stratus::timestamp_format::unix_seconds";
        return {};
    }

    std::vector<std::string> member_info(shape_data const& owner, std::string const& name, json::object const& ref,
                                         std::size_t t) const
    {
        auto const& target = shapes_[t];
        std::vector<std::string> fields;
        std::string_view wire = str(ref, "locationName");
        if (wire.empty()) wire = name;
        fields.push_back(".name = " + literal(name));
        fields.push_back(".wire = " + literal(wire));

        std::string_view loc = str(ref, "location");
        std::string_view where;
        if (loc.empty()) {
        } else if (loc == "uri") {
            where = "::stratus::location::uri";
        } else if (loc == "querystring") {
            where = "::stratus::location::querystring";
        } else if (loc == "header") {
            where = "::stratus::location::header";
        } else if (loc == "headers") {
            where = "::stratus::location::headers";
        } else if (loc == "statusCode") {
            where = "::stratus::location::status_code";
        } else {
            fail("shape " + owner.name + " member " + name + ": unknown location \"" + std::string(loc) + "\"");
        }
        if (!where.empty()) fields.push_back(".where = " + std::string(where));

        std::vector<std::string> flags;
        auto add = [&](bool on, char const* f) {
            if (on) flags.push_back(std::string("::stratus::member_flags::") + f);
        };
        bool streaming = (flag(ref, "streaming") || flag(*target.def, "streaming")) &&
                         (target.type == "blob" || target.type == "string");
        add(is_required(owner, name), "required");
        add(flag(ref, "flattened") || ((target.k == kind::list || target.k == kind::map) && flag(*target.def, "flattened")),
            "flattened");
        add(flag(ref, "xmlAttribute"), "xml_attribute");
        add(flag(ref, "hostLabel"), "host_label");
        add(flag(ref, "idempotencyToken"), "idempotency_token");
        add(streaming, "streaming");
        add(str(*owner.def, "payload") == name, "payload");
        add(flag(ref, "jsonvalue") || flag(*target.def, "jsonvalue"), "json_value");
        add(loc == "uri" && owner.greedy_labels.count(std::string(wire)) != 0, "greedy");
        add(is_struct_like(target.k) && flag(*target.def, "eventstream"), "event_stream");
        add(flag(ref, "sensitive") || flag(*target.def, "sensitive"), "sensitive");
        if (!flags.empty()) fields.push_back(".flags = " + join(flags, " | "));

        // timestampFormat: the member reference wins over the shape; for a
        // list or map of timestamps, the element's.
        std::string_view tf = str(ref, "timestampFormat");
        if (tf.empty()) tf = str(*target.def, "timestampFormat");
        if (tf.empty() && (target.k == kind::list || target.k == kind::map)) {
            auto* elem = obj(*target.def, target.k == kind::list ? "member" : "value");
            tf = str(*elem, "timestampFormat");
            if (tf.empty()) tf = str(*shapes_[target_of(*elem, target.name)].def, "timestampFormat");
        }
        if (!tf.empty()) {
            auto f = timestamp_format(tf);
            if (f.empty())
                fail("shape " + owner.name + " member " + name + ": unknown timestampFormat \"" + std::string(tf) + "\"");
            fields.push_back(".timestamp = " + std::string(f));
        }

        if (auto* ns = ref.if_contains("xmlNamespace")) {
            if (ns->is_string()) {
                fields.push_back(".xml_namespace = " + literal(ns->get_string()));
            } else if (ns->is_object()) {
                auto uri = str(ns->get_object(), "uri");
                auto prefix = str(ns->get_object(), "prefix");
                if (!uri.empty()) fields.push_back(".xml_namespace = " + literal(uri));
                if (!prefix.empty()) fields.push_back(".xml_prefix = " + literal(prefix));
            }
        }
        if (target.k == kind::list) {
            auto item = str(*obj(*target.def, "member"), "locationName");
            if (!item.empty()) fields.push_back(".item = " + literal(item));
        } else if (target.k == kind::map) {
            auto key = str(*obj(*target.def, "key"), "locationName");
            auto value = str(*obj(*target.def, "value"), "locationName");
            if (!key.empty()) fields.push_back(".key = " + literal(key));
            if (!value.empty()) fields.push_back(".value = " + literal(value));
        }
        if (auto q = str(ref, "queryName"); !q.empty()) fields.push_back(".query_name = " + literal(q));
        auto lo = bound(*target.def, "min");
        auto hi = bound(*target.def, "max");
        if (lo) fields.push_back(".has_min = true");
        if (hi) fields.push_back(".has_max = true");
        if (lo) fields.push_back(".min = " + int_literal(*lo));
        if (hi) fields.push_back(".max = " + int_literal(*hi));
        if (target.k == kind::enumeration) fields.push_back(".enum_values = " + qualified(target) + "::known_values");
        return fields;
    }

    static std::string int_literal(std::int64_t v)
    {
        if (v == std::numeric_limits<std::int64_t>::min()) return "(-9223372036854775807 - 1)";
        return std::to_string(v);
    }

    // --- writing ------------------------------------------------------------

    void write_prologue()
    {
        std::string const& first = m_.sources.front();
        out_ += "// Generated by stratus-gen from " + label_ + "/" + first + ". Do not edit.\n";
        for (std::size_t i = 1; i < m_.sources.size(); ++i)
            out_ += (m_.sources[i].find("endpoint-rule-set") != std::string::npos ? "// Endpoint rules: "
                     : m_.sources[i].find("paginators-1") != std::string::npos    ? "// Paginators: "
                     : m_.sources[i].find("waiters-2") != std::string::npos       ? "// Waiters: "
                     : m_.sources[i].find("resources-1") != std::string::npos     ? "// Resources: "
                                                                                   : "// Merged in: ") +
                    label_ + "/" + m_.sources[i] + "\n";
        std::string full(str(meta_, "serviceFullName"));
        out_ += "//\n// " + (full.empty() ? m_.name : full) + ", API version " + m_.version + ", protocol " +
                botocore_protocol_ + ".\n";
        out_ += "// Types live in stratus::services::" + svc_ + " and are reachable from the service tag\n";
        out_ += "// stratus::" + result_.tag_name + " (stratus::" + result_.tag_name +
                "::<type>); operations are in stratus::services::" + svc_ + "::ops.\n";
        std::string guard = "STRATUS_SERVICES_" + svc_ + "_HPP";
        for (char& c : guard)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        out_ += "#ifndef " + guard + "\n#define " + guard + "\n\n";
        out_ += "#include <stratus/model.hpp>\n";
        out_ += "#include <stratus/protocol/" + result_.protocol + ".hpp>\n";
        out_ += "#include <stratus/dynamic_call.hpp>\n#include <stratus/service_client.hpp>\n";
        if (m_.resources) out_ += "#include <stratus/resource.hpp>\n#include <stratus/waiter.hpp>\n";
        if (m_.endpoint_rules)
            out_ += "#include <stratus/endpoints/rule_set.hpp>\n#include <stratus/services/partitions.hpp>\n";
        out_ += "\n#include <array>\n#include <concepts>\n#include <cstdint>\n#include <map>\n#include <optional>\n#include <span>\n#include <string>\n"
                "#include <string_view>\n#include <type_traits>\n#include <utility>\n#include <vector>\n\n";
        out_ += "namespace stratus::services::" + svc_ + " {\n";
        guard_ = guard;
    }

    void write_enums()
    {
        for (auto const& s : shapes_) {
            if (s.k != kind::enumeration) continue;
            ++result_.enums;
            out_ += "\nstruct " + s.cpp + " : ::stratus::enum_string {\n";
            out_ += "    using ::stratus::enum_string::enum_string;\n";
            scope_names scope({"enum_string", "known_values", "std", "str", "value", s.cpp});
            std::vector<std::string> values;
            auto const& list = s.def->at("enum");
            if (!list.is_array()) fail("enum " + s.name + ": \"enum\" is not a list");
            std::size_t index = 0;
            for (auto const& v : list.get_array()) {
                if (!v.is_string()) fail("enum " + s.name + ": a value is not a string");
                std::string_view value = v.get_string();
                values.emplace_back(value);
                std::string id = enum_constant_name(value);
                if (id.empty()) id = "value_" + std::to_string(index);
                id = scope.claim(id);
                out_ += "    static constexpr std::string_view " + id + " = " + literal(value) + ";\n";
                ++index;
            }
            std::string all = literal(join(values, "|"));
            std::string line = "    static constexpr std::string_view known_values = " + all + ";\n";
            if (line.size() > line_width + 1) {
                // A long list (EC2 instance types): one literal per line, concatenated.
                out_ += "    static constexpr std::string_view known_values =\n";
                std::string chunk;
                for (std::size_t i = 0; i < values.size(); ++i) {
                    std::string piece = values[i] + (i + 1 < values.size() ? "|" : "");
                    if (!chunk.empty() && literal(chunk + piece).size() + 8 > line_width) {
                        out_ += "        " + literal(chunk) + "\n";
                        chunk.clear();
                    }
                    chunk += piece;
                }
                out_ += "        " + literal(chunk) + ";\n";
            } else {
                out_ += line;
            }
            out_ += "};\n";
        }
    }

    void write_structures()
    {
        for (auto const& comp : components_) {
            bool cyclic = shapes_[comp.front()].cyclic;
            if (cyclic) {
                out_ += "\n";
                for (std::size_t i : comp) out_ += "struct " + shapes_[i].cpp + ";\n";
            }
            for (std::size_t i : comp) {
                write_structure(shapes_[i]);
                complete_.insert(i);
            }
        }
    }

    // Shapes that are unions in the service's API but not marked so in the
    // botocore model (botocore passes dicts and never needs to know): one
    // member is set, and an empty list or map is a value ({"L": []}), so
    // their containers must be optional like a union's.
    bool union_by_design(std::string_view shape) const
    {
        static constexpr std::pair<std::string_view, std::string_view> unions[] = {
            {"DynamoDB", "AttributeValue"},
            {"DynamoDB Streams", "AttributeValue"},
        };
        for (auto const& [service, name] : unions)
            if (str(meta_, "serviceId") == service && shape == name) return true;
        return false;
    }

    void write_structure(shape_data const& s)
    {
        bool error = s.k == kind::error;
        bool is_union = flag(*s.def, "union") || union_by_design(s.name);
        error ? ++result_.errors : ++result_.structures;
        out_ += "\nstruct " + s.cpp + (error ? " : ::stratus::service_error {\n" : " {\n");
        if (error) {
            out_ += "    using ::stratus::service_error::service_error;\n";
            out_ += "    " + s.cpp + "() : ::stratus::service_error(::stratus::error_info{}) {}\n";
        }
        std::set<std::string> reserved{"shape", "std", "visit", s.cpp};
        if (error)
            for (char const* n : {"aws_code", "code", "http_status", "info", "kind", "request_id", "what"})
                reserved.insert(n);
        scope_names scope(std::move(reserved));
        struct member_out {
            std::string cpp;
            std::vector<std::string> info;
        };
        std::vector<member_out> written;
        for (auto const& [name, ref] : members(s)) {
            std::size_t t = target_of(*ref, s.name);
            auto const& target = shapes_[t];
            std::string id = scope.claim(cpp_name(name));
            member_ids_[s.name][name] = id;
            bool streaming = flag(*ref, "streaming");
            std::string type = value_type(t, s.scc, true, streaming);
            bool container = target.k == kind::list || target.k == kind::map;
            std::vector<std::size_t> elems;
            vector_elements(t, false, elems);
            bool incomplete = std::any_of(elems.begin(), elems.end(), [&](std::size_t e) {
                return &shapes_[e] != &s && !complete_.count(e);
            });
            std::string init = incomplete ? ";\n" : "{};\n";
            bool required = s.top_input && is_required(s, name);
            out_ += "    " + member_type(s, type, container, required, is_union) + " " + id + (required ? ";\n" : init);
            written.push_back({id, member_info(s, name, *ref, t)});
            ++result_.members;
        }
        if (!written.empty()) out_ += "\n";

        std::vector<std::string> fields{".name = " + literal(s.name)};
        if (auto xml_name = str(*s.def, "locationName"); !xml_name.empty())
            fields.push_back(".xml_name = " + literal(xml_name));
        if (auto* ns = s.def->if_contains("xmlNamespace")) {
            if (ns->is_object() && !str(ns->get_object(), "uri").empty())
                fields.push_back(".xml_namespace = " + literal(str(ns->get_object(), "uri")));
            else if (ns->is_string())
                fields.push_back(".xml_namespace = " + literal(ns->get_string()));
        }
        if (auto payload = str(*s.def, "payload"); !payload.empty()) fields.push_back(".payload = " + literal(payload));
        if (error) {
            auto* e = obj(*s.def, "error");
            std::string_view code = e ? str(*e, "code") : std::string_view();
            fields.push_back(".error_code = " + literal(code.empty() ? std::string_view(s.name) : code));
            if (e) {
                if (auto* st = e->if_contains("httpStatusCode"); st && st->is_int64())
                    fields.push_back(".error_status = " + std::to_string(st->get_int64()));
            }
        }
        if (is_union) fields.push_back(".is_union = true");
        wrap(out_, "    static constexpr ::stratus::shape_info shape{", fields, "};");

        out_ += "\n    template <class F>\n";
        if (written.empty()) {
            out_ += "    static constexpr void visit(F&&)\n    {\n    }\n";
        } else {
            out_ += "    static constexpr void visit(F&& f)\n    {\n";
            for (auto const& w : written) write_visit_call(s.cpp, w.cpp, w.info);
            out_ += "    }\n";
        }
        out_ += "};\n";
    }

    // How a member of `s` holding `type` is declared: required<> for what a
    // request must set, optional_container for the optional lists and maps
    // of requests and unions (they take braced lists), plain containers
    // elsewhere, std::optional for the rest.
    static std::string member_type(shape_data const& s, std::string const& type, bool container, bool required,
                                   bool is_union)
    {
        if (required) return "::stratus::required<" + type + ">";
        if (container && !s.top_input && !is_union) return type;
        if (container) return "::stratus::optional_container<" + type + ">";
        return "std::optional<" + type + ">";
    }

    // f(::stratus::member_info{...}, &T::m); on one line when it fits.
    void write_visit_call(std::string const& type, std::string const& member, std::vector<std::string> const& fields)
    {
        std::string pointer = "&" + type + "::" + member + ");";
        std::string one = "        f(::stratus::member_info{" + join(fields, ", ") + "}, " + pointer;
        if (one.size() <= line_width) {
            out_ += one + "\n";
            return;
        }
        wrap(out_, "        f(::stratus::member_info{", fields, "},");
        out_ += "          " + pointer + "\n";
    }

    // --- paginators ----------------------------------------------------------

    // A paginators-1 expression (fields, [index], ||) over shape `from` as a
    // chain of ::stratus::paging calls on `base`; its final shape in `last`.
    // Empty when the expression does not fit the shapes.
    std::string paging_expr(std::string_view expr, std::size_t from, std::string const& base,
                            std::optional<std::size_t>& last, std::string& why) const
    {
        std::vector<std::string> alts;
        std::optional<std::size_t> final_shape;
        for (std::size_t start = 0;;) {
            auto bar = expr.find("||", start);
            std::string_view alt = expr.substr(start, bar == std::string_view::npos ? bar : bar - start);
            while (!alt.empty() && alt.front() == ' ') alt.remove_prefix(1);
            while (!alt.empty() && alt.back() == ' ') alt.remove_suffix(1);
            std::size_t cur = from;
            std::string code = "pg::path(" + base;
            while (!alt.empty()) {
                std::size_t n = 0;
                while (n < alt.size() && (std::isalnum(static_cast<unsigned char>(alt[n])) || alt[n] == '_')) ++n;
                if (n == 0) {
                    why = "unsupported expression \"" + std::string(expr) + "\"";
                    return {};
                }
                std::string field(alt.substr(0, n));
                alt.remove_prefix(n);
                auto const& sh = shapes_[cur];
                auto ids = member_ids_.find(sh.name);
                auto* ms = obj(*sh.def, "members");
                if (!is_struct_like(sh.k) || ids == member_ids_.end() || !ms || !ms->contains(field) ||
                    !ids->second.count(field)) {
                    why = "\"" + field + "\" is not a member of " + sh.name;
                    return {};
                }
                code += ", [](auto& x) { return pg::get(x." + ids->second.at(field) + "); }";
                cur = target_of(ms->at(field).get_object(), sh.name);
                if (alt.starts_with("[")) {
                    auto close = alt.find(']');
                    std::string index(alt.substr(1, close == std::string_view::npos ? 0 : close - 1));
                    if (close == std::string_view::npos || index.empty() ||
                        index.find_first_not_of("-0123456789") != std::string::npos || shapes_[cur].k != kind::list) {
                        why = "unsupported index in \"" + std::string(expr) + "\"";
                        return {};
                    }
                    code += ", [](auto& x) { return pg::at(x, " + index + "); }";
                    cur = target_of(*obj(*shapes_[cur].def, "member"), shapes_[cur].name);
                    alt.remove_prefix(close + 1);
                }
                if (alt.starts_with(".")) alt.remove_prefix(1);
                else if (!alt.empty()) {
                    why = "unsupported expression \"" + std::string(expr) + "\"";
                    return {};
                }
            }
            if (final_shape && shapes_[*final_shape].type != shapes_[cur].type) {
                why = "the alternatives of \"" + std::string(expr) + "\" differ in type";
                return {};
            }
            final_shape = cur;
            alts.push_back(code + ")");
            if (bar == std::string_view::npos) break;
            start = bar + 2;
        }
        last = final_shape;
        if (alts.size() == 1) return alts.front();
        return "pg::first_truthy(\n            " + join(alts, ",\n            ") + ")";
    }

    static std::vector<std::string> string_or_list(json::value const* v)
    {
        std::vector<std::string> r;
        if (!v) return r;
        if (v->is_string()) r.emplace_back(v->get_string());
        else if (v->is_array())
            for (auto const& e : v->get_array())
                if (e.is_string()) r.emplace_back(e.get_string());
        return r;
    }

    // One struct per paginated operation in namespace paginators: typed
    // accessors for page_range (include/stratus/paginator.hpp). Member
    // templates, so a paginator costs nothing until a program uses it.
    void write_paginators()
    {
        if (!m_.paginators) return;
        std::string text;
        for (auto& op : ops_) {
            auto const* cfg = m_.paginators->if_contains(op.name);
            if (!cfg || !cfg->is_object() || op.input < 0 || op.output < 0) continue;
            auto const& c = cfg->get_object();
            auto in_tokens = string_or_list(c.if_contains("input_token"));
            auto out_tokens = string_or_list(c.if_contains("output_token"));
            auto results = string_or_list(c.if_contains("result_key"));
            auto limit = string_or_list(c.if_contains("limit_key"));
            auto more = string_or_list(c.if_contains("more_results"));
            std::size_t in_shape = static_cast<std::size_t>(op.input), out_shape = static_cast<std::size_t>(op.output);
            std::string why;
            if (in_tokens.empty() || in_tokens.size() != out_tokens.size() || results.empty())
                why = "input_token, output_token and result_key do not pair up";
            auto input_member = [&](std::string const& name, std::string& id) -> std::optional<std::size_t> {
                auto ids = member_ids_.find(shapes_[in_shape].name);
                auto* ms = obj(*shapes_[in_shape].def, "members");
                if (ids == member_ids_.end() || !ms || !ms->contains(name) || !ids->second.count(name)) return std::nullopt;
                id = ids->second.at(name);
                return target_of(ms->at(name).get_object(), shapes_[in_shape].name);
            };
            std::string next_body, tokens_body;
            for (std::size_t i = 0; why.empty() && i < in_tokens.size(); ++i) {
                std::string id;
                auto t = input_member(in_tokens[i], id);
                std::optional<std::size_t> last;
                auto expr = paging_expr(out_tokens[i], out_shape, "&out", last, why);
                if (!why.empty()) break;
                if (!t) why = "input token " + in_tokens[i] + " is not a member of the input";
                else if (shapes_[*t].type != shapes_[*last].type) why = "token types differ (" + in_tokens[i] + ")";
                if (!why.empty()) break;
                next_body += "        auto const* token" + std::to_string(i) + " = " + expr + ";\n        if (pg::assign(in." + id +
                             ", token" + std::to_string(i) + ")) more = true;\n";
                tokens_body += "        f(" + literal(in_tokens[i]) + ", in." + id + ");\n";
            }
            std::string limit_body;
            if (why.empty() && !limit.empty()) {
                std::string id;
                auto t = input_member(limit.front(), id);
                if (!t || (shapes_[*t].type != "integer" && shapes_[*t].type != "long" && shapes_[*t].type != "string"))
                    why = "limit_key " + limit.front() + " is not an integer or string member of the input";
                else limit_body = "        pg::set_limit(in." + id + ", n);\n";
            }
            std::string more_test;
            if (why.empty() && !more.empty()) {
                std::optional<std::size_t> last;
                auto expr = paging_expr(more.front(), out_shape, "&out", last, why);
                if (why.empty())
                    more_test = "        auto const* more_results = " + expr + ";\n        if (!pg::truthy(more_results)) return false;\n";
            }
            std::string items_expr, secondary;
            for (std::size_t i = 0; why.empty() && i < results.size(); ++i) {
                std::optional<std::size_t> last;
                auto expr = paging_expr(results[i], out_shape, "&out", last, why);
                if (!why.empty()) break;
                if (shapes_[*last].k != kind::list) {
                    // Pages only: item iteration needs a list.
                    if (i == 0) items_expr = "static_cast<std::vector<::stratus::paging::not_a_list>*>(nullptr)";
                    continue;
                }
                if (i == 0) items_expr = expr;
                else secondary += "        f(" + expr + ");\n";
            }
            if (!why.empty()) {
                text += "\n// " + op.name + ": no paginator (" + why + ")\n";
                continue;
            }
            op.paginator = op.tag;
            text += "\n/// " + op.name + " pages: " + join(in_tokens, ", ") + " from " + join(out_tokens, ", ") +
                    (more.empty() ? "" : " while " + more.front()) + "; items: " + results.front() + ".\n";
            text += "struct " + op.tag + " {\n    static constexpr char const* operation_name = " + literal(op.name) +
                    ";\n";
            text += std::string("    template <class In>\n    static void limit([[maybe_unused]] In& in, [[maybe_unused]] std::int32_t n)\n    {\n") +
                    (limit_body.empty() ? "" : "        namespace pg = ::stratus::paging;\n") + limit_body + "    }\n";
            text += std::string("    template <class In, class Out>\n    static bool next(In& in, Out const& out)\n    {\n") +
                    "        namespace pg = ::stratus::paging;\n" + more_test +
                    "        bool more = false;\n" + next_body + "        return more;\n    }\n";
            text += "    template <class In, class F>\n    static void input_tokens(In& in, F&& f)\n    {\n" + tokens_body +
                    "    }\n";
            text += "    template <class Out>\n    static auto items(Out& out)\n    {\n        namespace pg = ::stratus::paging;\n        return " + items_expr +
                    ";\n    }\n";
            text += std::string("    template <class Out, class F>\n    static void secondary_results([[maybe_unused]] Out& out, "
                                "[[maybe_unused]] F&& f)\n    {\n") +
                    (secondary.empty() ? "" : "        namespace pg = ::stratus::paging;\n") + secondary + "    }\n};\n";
            ++result_.paginators;
        }
        if (text.empty()) return;
        out_ += "\n// Paginators (paginators-1.json): accessors for stratus::page_range.\nnamespace paginators {\n" + text +
                "\n} // namespace paginators\n";
    }

    // --- waiters --------------------------------------------------------------

    // A waiter's JMESPath compiled over the generated types: what a value is
    // at run time (include/stratus/paging/jmespath.hpp) and the C++ that
    // computes it. A value found in the response is a pointer to shape
    // `shape`, a projection a pg::list of `elem`, a computed value a pg::scalar.
    struct jtype {
        enum class kind { node, list, scalar } k = kind::scalar;
        std::size_t shape = 0;
        std::shared_ptr<jtype const> elem{};

        static jtype node(std::size_t s) { return jtype{kind::node, s, {}}; }
    };
    struct jvalue {
        std::string base;               // C++ of the value, or of where the steps start
        std::vector<std::string> steps; // pg::path steps (member and index accesses)
        jtype type;
        std::string code() const { return steps.empty() ? base : "pg::path(" + base + ", " + join(steps, ", ") + ")"; }
    };

    [[noreturn]] static void no_fit(std::string const& what) { throw gen_error(what); }

    std::string describe(jtype const& t) const
    {
        if (t.k == jtype::kind::list) return "a projection";
        if (t.k == jtype::kind::scalar) return "a computed value";
        auto const& s = shapes_[t.shape];
        return s.name + " (" + s.type + ")";
    }

    // The C++ type of a value, to tell whether two operands have the same one.
    std::string runtime_type(jtype const& t) const
    {
        if (t.k == jtype::kind::list) return "list<" + runtime_type(*t.elem) + ">";
        if (t.k == jtype::kind::scalar) return "scalar";
        return value_type(t.shape, -1, false, false) + " const*";
    }

    bool is_text(jtype const& t) const
    {
        if (t.k != jtype::kind::node) return false;
        auto const& s = shapes_[t.shape];
        return s.k == kind::enumeration || (s.k == kind::scalar && s.type == "string" && !flag(*s.def, "streaming"));
    }
    // Values a pg::scalar holds: no list, map, structure or document.
    bool is_simple(jtype const& t) const
    {
        return t.k == jtype::kind::scalar ||
               (t.k == jtype::kind::node && (shapes_[t.shape].k == kind::scalar || shapes_[t.shape].k == kind::enumeration));
    }
    std::optional<jtype> element_of(jtype const& t) const
    {
        if (t.k == jtype::kind::list) return *t.elem;
        if (t.k == jtype::kind::node && shapes_[t.shape].k == kind::list)
            return jtype::node(target_of(*obj(*shapes_[t.shape].def, "member"), shapes_[t.shape].name));
        return std::nullopt;
    }
    static jtype list_of(jtype e) { return jtype{jtype::kind::list, 0, std::make_shared<jtype const>(std::move(e))}; }
    static jvalue computed(std::string code, jtype t = jtype{jtype::kind::scalar, 0, {}}) { return jvalue{std::move(code), {}, std::move(t)}; }

    jtype listlike(jvalue const& v, std::string const& what) const
    {
        auto e = element_of(v.type);
        if (!e) no_fit(what + " of " + describe(v.type) + ", not a list");
        return *e;
    }

    // `n` evaluated with `cur` as the current value; `depth` names the
    // element of the projections it is inside (e0, e1...).
    jvalue compile(jmespath::node const& n, jvalue const& cur, int depth) const
    {
        using t = jmespath::node::type;
        auto const& c = n.children;
        auto sub = [&](std::size_t i) { return compile(c[i], cur, depth); };
        std::string const e = "e" + std::to_string(depth);
        auto lambda = [&](jmespath::node const& body, jtype const& el) {
            return "[](auto const& " + e + ") { return " + compile(body, jvalue{e, {}, el}, depth + 1).code() + "; }";
        };
        auto body_type = [&](jmespath::node const& body, jtype const& el) {
            return compile(body, jvalue{e, {}, el}, depth + 1).type;
        };
        switch (n.t) {
        case t::current: return cur;
        case t::field: {
            if (cur.type.k != jtype::kind::node || !is_struct_like(shapes_[cur.type.shape].k))
                no_fit("\"" + n.name + "\" of " + describe(cur.type) + ", not a structure");
            auto const& sh = shapes_[cur.type.shape];
            auto ids = member_ids_.find(sh.name);
            auto* ms = obj(*sh.def, "members");
            if (ids == member_ids_.end() || !ms || !ms->contains(n.name) || !ids->second.count(n.name))
                no_fit("\"" + n.name + "\" is not a member of " + sh.name);
            jvalue r = cur;
            r.steps.push_back("[](auto& x) { return pg::get(x." + ids->second.at(n.name) + "); }");
            r.type = jtype::node(target_of(ms->at(n.name).get_object(), sh.name));
            return r;
        }
        case t::literal: {
            auto const& v = n.value;
            if (v.is_string()) return computed("pg::scalar::string(" + literal(v.get_string()) + ")");
            if (v.is_bool()) return computed(std::string("pg::scalar::boolean(") + (v.get_bool() ? "true" : "false") + ")");
            if (v.is_number()) return computed("pg::scalar::number(" + json::serialize(v) + ")");
            if (v.is_null()) return computed("pg::scalar{}");
            no_fit("the literal " + json::serialize(v) + ": JSON lists and objects are outside the compiled subset");
        }
        case t::subexpression: return compile(c[1], sub(0), depth);
        case t::index: {
            jvalue l = sub(0);
            jtype el = listlike(l, "[" + std::to_string(n.index) + "]");
            if (l.type.k == jtype::kind::list) return computed("pg::index(" + l.code() + ", " + std::to_string(n.index) + ")", el);
            l.steps.push_back("[](auto& x) { return pg::at(x, " + std::to_string(n.index) + "); }");
            l.type = el;
            return l;
        }
        case t::flatten: {
            jvalue l = sub(0);
            jtype el = listlike(l, "[]");
            return computed("pg::flatten(" + l.code() + ")", list_of(element_of(el).value_or(el)));
        }
        case t::projection: {
            jvalue l = sub(0);
            jtype el = listlike(l, "[*]");
            if (c[1].t == t::current && l.type.k == jtype::kind::list) return l;
            return computed("pg::project(" + l.code() + ", " + lambda(c[1], el) + ")", list_of(body_type(c[1], el)));
        }
        case t::value_projection: {
            jvalue l = sub(0);
            if (l.type.k != jtype::kind::node || shapes_[l.type.shape].k != kind::map)
                no_fit(".* of " + describe(l.type) + ": only maps are projected by value");
            auto const& m = shapes_[l.type.shape];
            jtype el = jtype::node(target_of(*obj(*m.def, "value"), m.name));
            return computed("pg::values(" + l.code() + ", " + lambda(c[1], el) + ")", list_of(body_type(c[1], el)));
        }
        case t::filter_projection: {
            jvalue l = sub(0);
            jtype el = listlike(l, "[?...]");
            return computed("pg::filter(" + l.code() + ",\n                " + lambda(c[2], el) + ",\n                " +
                                lambda(c[1], el) + ")",
                            list_of(body_type(c[1], el)));
        }
        case t::comparator: {
            jvalue a = sub(0), b = sub(1);
            if ((n.name == "==" || n.name == "!=") && !is_simple(a.type) && !is_simple(b.type))
                no_fit(n.name + " of " + describe(a.type) + " and " + describe(b.type) +
                       ": comparing two lists or objects is outside the compiled subset");
            std::string fn = n.name == "==" ? "pg::equal"
                             : n.name == "!=" ? "pg::not_equal"
                             : n.name == "<"  ? "pg::compare<pg::order::lt>"
                             : n.name == "<=" ? "pg::compare<pg::order::lte>"
                             : n.name == ">"  ? "pg::compare<pg::order::gt>"
                                              : "pg::compare<pg::order::gte>";
            return computed(fn + "(" + a.code() + ", " + b.code() + ")");
        }
        case t::or_:
        case t::and_: {
            jvalue a = sub(0), b = sub(1);
            char const* op = n.t == t::or_ ? "||" : "&&";
            bool const same = runtime_type(a.type) == runtime_type(b.type);
            if (!same && !(is_simple(a.type) && is_simple(b.type)))
                no_fit(std::string("the operands of ") + op + " differ in type (" + describe(a.type) + " and " +
                       describe(b.type) + ")");
            return computed(std::string(n.t == t::or_ ? "pg::or_(" : "pg::and_(") + a.code() + ", " + b.code() + ")",
                            same ? a.type : jtype{jtype::kind::scalar, 0, {}});
        }
        case t::not_: return computed("pg::not_(" + sub(0).code() + ")");
        case t::pipe: return compile(c[1], sub(0), depth);
        case t::function: {
            if (n.name == "length" && c.size() == 1) {
                jvalue a = sub(0);
                bool const fits = a.type.k != jtype::kind::node || is_text(a.type) ||
                                  shapes_[a.type.shape].k == kind::list || shapes_[a.type.shape].k == kind::map;
                if (!fits) no_fit("length() of " + describe(a.type) + ", not a string, list or map");
                return computed("pg::length(" + a.code() + ")");
            }
            if (n.name == "contains" && c.size() == 2) {
                jvalue a = sub(0), b = sub(1);
                if (!element_of(a.type) && !is_text(a.type) && a.type.k != jtype::kind::scalar)
                    no_fit("contains() of " + describe(a.type) + ", not a list or string");
                if (!is_simple(b.type)) no_fit("contains() looking for " + describe(b.type) + ", not a single value");
                return computed("pg::contains(" + a.code() + ", " + b.code() + ")");
            }
            no_fit(n.name + "() with " + std::to_string(c.size()) + " arguments is outside the compiled subset");
        }
        }
        no_fit("unknown expression");
    }

    // One struct per waiter in namespace waiters: the acceptors as data, the
    // path matchers as typed code (include/stratus/waiter.hpp).
    void write_waiters()
    {
        if (!m_.waiters) return;
        std::string text;
        std::vector<std::string> ids;
        scope_names names({"all", "std"});
        for (auto const& [wname, wv] : *m_.waiters) {
            if (!wv.is_object()) continue;
            auto const& w = wv.get_object();
            std::string_view opname = str(w, "operation");
            auto op = std::find_if(ops_.begin(), ops_.end(), [&](op_data const& o) { return o.name == opname; });
            std::string why;
            if (op == ops_.end()) why = "operation " + std::string(opname) + " is not in the model";
            std::vector<std::string> table, cases;
            auto const* acc = w.if_contains("acceptors");
            if (why.empty() && (!acc || !acc->is_array() || acc->get_array().empty())) why = "no acceptors";
            for (std::size_t i = 0; why.empty() && i < acc->get_array().size(); ++i) {
                auto const& a = acc->get_array()[i].get_object();
                std::string matcher(str(a, "matcher")), state(str(a, "state"));
                if (state != "success" && state != "failure" && state != "retry") {
                    why = "unknown state " + state;
                    break;
                }
                auto const* ex = a.if_contains("expected");
                std::string entry = "{::stratus::acceptor::matcher_kind::";
                std::string st = "::stratus::acceptor::state_kind::" + state;
                if (matcher == "status" && ex && ex->is_int64()) {
                    entry += "status, " + st + ", " + std::to_string(ex->get_int64()) + "}";
                } else if (matcher == "error" && ex && ex->is_string()) {
                    entry += "error, " + st + ", 0, " + literal(ex->get_string()) + "}";
                } else if (matcher == "error" && ex && ex->is_bool()) {
                    entry += "error, " + st + ", 0, {}, " + (ex->get_bool() ? "true, false" : "false, true") + "}";
                } else if ((matcher == "path" || matcher == "pathAll" || matcher == "pathAny") && ex &&
                           (ex->is_string() || ex->is_bool() || ex->is_number() || ex->is_null()) && op->output >= 0) {
                    std::string code;
                    try {
                        auto tree = jmespath::parse(str(a, "argument"));
                        jvalue root{"&out", {}, jtype::node(static_cast<std::size_t>(op->output))};
                        code = compile(tree, root, 0).code();
                    } catch (gen_error const& e) {
                        why = "\"" + std::string(str(a, "argument")) + "\": " + e.what();
                        break;
                    }
                    std::string expect = ex->is_string() ? "pg::scalar::string(" + literal(ex->get_string()) + ")"
                                         : ex->is_bool() ? std::string("pg::scalar::boolean(") + (ex->get_bool() ? "true" : "false") + ")"
                                         : ex->is_null() ? std::string("pg::scalar{}")
                                                         : "pg::scalar::number(" + json::serialize(*ex) + ")";
                    std::string written = ex->is_string() ? std::string(ex->get_string()) : json::serialize(*ex);
                    std::string kindname = matcher == "path" ? "path" : matcher == "pathAll" ? "path_all" : "path_any";
                    entry += kindname + ", " + st + ", 0, {}, false, false, " + literal(str(a, "argument")) + ", " +
                             literal(written) + "}";
                    std::string fn = matcher == "path" ? "pg::path_matches" : matcher == "pathAll" ? "pg::path_all_match"
                                                                                                  : "pg::path_any_match";
                    cases.push_back("        case " + std::to_string(i) + ":\n            return " + fn + "(" + code +
                                    ",\n                " + expect + ");\n");
                } else {
                    why = "unsupported acceptor (" + matcher + ")";
                    break;
                }
                table.push_back(entry);
            }
            if (!why.empty()) {
                text += "\n// " + std::string(wname) + ": no waiter (" + why + ")\n";
                continue;
            }
            auto delay = w.if_contains("delay");
            auto attempts = w.if_contains("maxAttempts");
            std::string id = names.claim(cpp_name(wname));
            waiter_ids_[std::string(wname)] = id;
            ids.push_back(id);
            text += "\n/// " + std::string(wname) + ": " + op->name + " until an acceptor says success.\n";
            text += "struct " + id + " {\n    using operation = ops::" + op->tag + ";\n";
            text += "    static constexpr char const* name = " + literal(wname) + ";\n";
            text += "    static constexpr int delay_seconds = " +
                    std::to_string(delay && delay->is_int64() ? delay->get_int64() : 15) + ";\n";
            text += "    static constexpr int max_attempts = " +
                    std::to_string(attempts && attempts->is_int64() ? attempts->get_int64() : 40) + ";\n";
            text += "    static constexpr ::stratus::acceptor acceptor_table[] = {\n";
            for (auto const& t : table) text += "        " + t + ",\n";
            text += "    };\n    static constexpr std::span<::stratus::acceptor const> acceptors{acceptor_table};\n";
            text += "    template <class Out>\n    static bool path_matches([[maybe_unused]] std::size_t i, [[maybe_unused]] Out const& out)\n    {\n";
            if (!cases.empty()) {
                text += "        namespace pg = ::stratus::paging;\n        switch (i) {\n";
                for (auto const& c : cases) text += c;
                text += "        default: break;\n        }\n";
            }
            text += "        return false;\n    }\n};\n";
            ++result_.waiters;
        }
        if (text.empty()) return;
        if (!ids.empty()) {
            // Every waiter, for code that instantiates them all (the services sweep).
            text += "\n";
            wrap(text, "using all = ::stratus::type_list<", ids, ">;");
        }
        out_ += "\n// Waiters (waiters-2.json), for client.get_waiter<waiters::...>().\nnamespace waiters {\n" + text +
                "\n} // namespace waiters\n";
    }

    // The rule set as constexpr data (rule_set.hpp), in a namespace of its own.
    void write_endpoint_rules()
    {
        if (!m_.endpoint_rules) return;
        emitted_rule_set rs;
        try {
            rs = emit_rule_set(*m_.endpoint_rules, "rules", "&::stratus::services::partitions");
        } catch (gen_error const& e) {
            fail(std::string("endpoint rule set: ") + e.what());
        }
        out_ += "\n// The endpoint rule set: " + std::to_string(rs.parameters) + " parameters, " +
                std::to_string(rs.rules) + " rules, " + std::to_string(rs.nodes) +
                " nodes.\nnamespace endpoint_rules_data {\n" + rs.text + "} // namespace endpoint_rules_data\n";
        std::size_t i = 0;
        for (auto const& [k, v] : m_.endpoint_rules->at("parameters").as_object()) {
            (void)v;
            rule_params_[std::string(k)] = i++;
        }
    }

    // staticContextParams and contextParam members, as indexes into the rule
    // set's parameters (names the rule set lacks are ignored, as botocore does).
    std::vector<std::string> endpoint_bindings(op_data const& op) const
    {
        std::vector<std::string> out;
        if (rule_params_.empty()) return out;
        auto index = [&](std::string_view name) -> std::optional<std::size_t> {
            auto it = rule_params_.find(std::string(name));
            if (it == rule_params_.end()) return std::nullopt;
            return it->second;
        };
        using src = std::string_view;
        auto entry = [](std::size_t i, src from, bool flag, std::string const& text) {
            return "{" + std::to_string(i) + ", ::stratus::endpoint_param_binding::source::" + std::string(from) + ", " +
                   (flag ? "true" : "false") + (text.empty() ? "" : ", " + literal(text)) + "}";
        };
        if (auto* st = obj(*op.def, "staticContextParams")) {
            for (auto const& [k, v] : *st) {
                auto i = index(k);
                auto const* val = v.is_object() ? v.get_object().if_contains("value") : nullptr;
                if (!i || !val) continue;
                if (val->is_bool()) out.push_back(entry(*i, "static_bool", val->get_bool(), ""));
                else if (val->is_string()) out.push_back(entry(*i, "static_string", false, std::string(val->get_string())));
            }
        }
        if (auto* oc = obj(*op.def, "operationContextParams")) {
            for (auto const& [k, v] : *oc) {
                auto i = index(k);
                std::string_view path = v.is_object() ? str(v.get_object(), "path") : std::string_view();
                if (!i || path.empty()) continue;
                auto compiled = compile_context_path(path);
                if (!compiled)
                    fail("operation " + op.name + ": operationContextParams " + std::string(k) + " path \"" +
                         std::string(path) + "\" is outside the JMESPath subset stratus-gen compiles");
                out.push_back(entry(*i, "member_path", false, *compiled));
            }
        }
        if (op.input >= 0) {
            auto const& in = shapes_json_.at(shapes_[static_cast<std::size_t>(op.input)].name).get_object();
            if (auto* members = obj(in, "members")) {
                for (auto const& [name, mv] : *members) {
                    if (!mv.is_object()) continue;
                    auto* cp = obj(mv.get_object(), "contextParam");
                    if (!cp) continue;
                    if (auto i = index(str(*cp, "name"))) out.push_back(entry(*i, "member", false, std::string(name)));
                }
            }
        }
        return out;
    }

    // botocore rewrites some request URIs once endpoints come from rule sets.
    std::string request_uri(std::string_view uri) const
    {
        // S3: the rule set puts the bucket in the endpoint (host or path),
        // so "/{Bucket}" leaves the URI (remove_bucket_from_url_paths_from_model).
        if (m_.endpoint_rules && str(meta_, "serviceId") == "S3" && uri.starts_with("/{Bucket}"))
            return std::string(uri.substr(9));
        return std::string(uri);
    }

    void write_operations()
    {
        out_ += "\n// One tag per operation: its HTTP binding and the types it maps between.\nnamespace ops {\n";
        for (auto const& op : ops_) {
            ++result_.operations;
            auto const& d = *op.def;
            auto* http = obj(d, "http");
            std::vector<std::string> fields{".name = " + literal(op.name)};
            if (http) {
                if (auto m = str(*http, "method"); !m.empty()) fields.push_back(".method = " + literal(m));
                if (auto u = request_uri(str(*http, "requestUri")); !u.empty()) fields.push_back(".uri = " + literal(u));
            }
            // S3 Control's rule set puts the account id in the host itself
            // (botocore's remove_accid_host_prefix_from_model).
            bool drop_prefix = m_.endpoint_rules && str(meta_, "serviceId") == "S3 Control";
            if (auto* ep = obj(d, "endpoint"); ep && !drop_prefix)
                if (auto hp = str(*ep, "hostPrefix"); !hp.empty()) fields.push_back(".host_prefix = " + literal(hp));
            if (http) {
                if (auto* rc = http->if_contains("responseCode"); rc && rc->is_int64() && rc->get_int64() != 200)
                    fields.push_back(".response_code = " + std::to_string(rc->get_int64()));
            }
            bool checksum = flag(d, "httpChecksumRequired");
            if (auto* hc = obj(d, "httpChecksum")) checksum = checksum || flag(*hc, "requestChecksumRequired");
            if (checksum) fields.push_back(".checksum_required = true");
            if (d.contains("requestcompression")) fields.push_back(".request_compression = true");
            std::string_view authtype = str(d, "authtype");
            bool no_auth = authtype == "none";
            if (auto* auth = d.if_contains("auth"); auth && auth->is_array() && !auth->get_array().empty()) {
                auto const& first = auth->get_array().front();
                if (first.is_string() && first.get_string() == "smithy.api#noAuth") no_auth = true;
            }
            if (authtype == "v4-unsigned-body" || flag(d, "unsignedPayload")) fields.push_back(".unsigned_payload = true");
            if (no_auth) fields.push_back(".no_auth = true");
            if (auto* in = obj(d, "input")) {
                if (auto n = str(*in, "locationName"); !n.empty()) fields.push_back(".input_xml_name = " + literal(n));
                if (auto* ns = in->if_contains("xmlNamespace")) {
                    std::string_view uri = ns->is_object() ? str(ns->get_object(), "uri")
                                                           : (ns->is_string() ? std::string_view(ns->get_string())
                                                                              : std::string_view());
                    if (!uri.empty()) fields.push_back(".input_xml_namespace = " + literal(uri));
                }
            }
            if (auto* out = obj(d, "output"))
                if (auto w = str(*out, "resultWrapper"); !w.empty()) fields.push_back(".result_wrapper = " + literal(w));
            out_ += "\nstruct " + op.tag + " {\n";
            if (auto bindings = endpoint_bindings(op); !bindings.empty()) {
                out_ += "    static constexpr ::stratus::endpoint_param_binding endpoint_bindings[] = {\n";
                for (auto const& e : bindings) out_ += "        " + e + ",\n";
                out_ += "    };\n";
                fields.push_back(".endpoint_params = endpoint_bindings");
            }
            wrap(out_, "    static constexpr ::stratus::operation_info info{", fields, "};");
            if (!op.paginator.empty()) out_ += "    using paginator = paginators::" + op.paginator + ";\n";
            out_ += "    using input = " +
                    (op.input >= 0 ? qualified(shapes_[static_cast<std::size_t>(op.input)]) : "::stratus::empty_shape") +
                    ";\n";
            out_ += "    using output = " +
                    (op.output >= 0 ? qualified(shapes_[static_cast<std::size_t>(op.output)]) : "::stratus::empty_shape") +
                    ";\n";
            std::vector<std::string> errors;
            for (std::size_t e : op.errors) errors.push_back(qualified(shapes_[e]));
            wrap(out_, "    using errors = ::stratus::type_list<", errors, ">;");
            out_ += "};\n";
            result_.operation_list.push_back({op.name, ns_ + "::ops::" + op.tag, blank_input(op)});
        }
        out_ += "\n} // namespace ops\n";
    }

    // The input type constructed with each required<> member given an empty
    // value of its type, in declaration order (designated initializers).
    std::string blank_input(op_data const& op, std::string const& type_name = {}) const
    {
        if (op.input < 0) return type_name.empty() ? "::stratus::empty_shape{}" : type_name + "{}";
        auto const& in = shapes_[static_cast<std::size_t>(op.input)];
        std::vector<std::string> fields;
        if (in.top_input) {
            for (auto const& [name, ref] : members(in)) {
                if (!is_required(in, name)) continue;
                std::size_t t = target_of(*ref, in.name);
                fields.push_back("." + member_ids_.at(in.name).at(name) + " = " + value_type(t, in.scc, true, flag(*ref, "streaming")) + "{}");
            }
        }
        return (type_name.empty() ? qualified(in) : type_name) + "{" + join(fields, ", ") + "}";
    }

    // "<ret> <name>(<params>) const" on one line, or the return type on a
    // line of its own when that is too long.
    void write_signature(std::string const& ret, std::string const& rest)
    {
        std::string line = "    " + ret + " " + rest;
        if (line.size() <= line_width)
            out_ += line + "\n";
        else
            out_ += "    " + ret + "\n    " + rest + "\n";
    }

    void write_client()
    {
        std::string full(str(meta_, "serviceFullName"));
        out_ += "\n/// The " + (full.empty() ? m_.name : full) +
                " client, made by session.client<stratus::" + result_.tag_name +
                ">(). Per operation:\n"
                "/// a throwing method, a try_ form returning ::stratus::result, and an async_ form\n"
                "/// taking any Asio completion token. The methods are templates whose only\n"
                "/// parameter defaults to the operation (never give it), so that a program compiles\n"
                "/// the operations it calls and no others.\n";
        // Every modeled error of the service: boto3 maps an error code to its
        // exception class whatever the operation (client.exceptions.from_code),
        // so GetObject on a missing bucket raises NoSuchBucket although
        // GetObject's model lists only NoSuchKey and InvalidObjectState.
        std::vector<std::string> all_errors;
        for (auto const& sh : shapes_)
            if (sh.k == kind::error && !sh.cpp.empty()) all_errors.push_back(qualified(sh));
        std::sort(all_errors.begin(), all_errors.end());
        out_ += "\n/// Every modeled error of the service, for mapping error codes to types.\n";
        wrap(out_, "using all_errors = ::stratus::type_list<", all_errors, ">;");
        out_ += "class client : public ::stratus::service_client<::stratus::protocol::" + result_.protocol +
                ", all_errors> {\n";
        out_ += "public:\n    using service_client::service_client;\n    using service_client::call;\n"
                "    using service_client::try_call;\n";
        write_dynamic_call();
        for (auto const& op : ops_) {
            std::string const& m = op.method;
            std::string tag = "ops::" + op.tag;
            std::string tparam = "std::same_as<" + tag + "> Op = " + tag;
            bool no_input = op.input < 0;
            bool all_optional = no_input;
            if (!no_input) {
                auto const& in = shapes_[static_cast<std::size_t>(op.input)];
                all_optional = true;
                if (in.top_input)
                    for (auto const& mk : members(in))
                        if (is_required(in, mk.first)) all_optional = false;
            }
            std::string deflt = all_optional ? " = {}" : "";
            out_ += "\n    template <" + tparam + ">\n";
            write_signature("typename Op::output", m + "(typename Op::input const& in" + deflt + ") const");
            out_ += "    {\n        return call<Op>(in);\n    }\n";
            out_ += "    template <" + tparam + ">\n";
            write_signature("::stratus::result<typename Op::output>",
                            "try_" + m + "(typename Op::input const& in" + deflt + ") const");
            out_ += "    {\n        return try_call<Op>(in);\n    }\n";
            wrap(out_, "    template <", {"class CompletionToken", tparam}, ">");
            write_signature("auto", "async_" + m + "(typename Op::input in, CompletionToken&& token) const");
            out_ += "    {\n        return async_call<Op>(std::move(in), std::forward<CompletionToken>(token));\n    }\n";
            if (all_optional) {
                wrap(out_, "    template <", {"class CompletionToken", tparam}, ">");
                write_signature("auto", "async_" + m + "(CompletionToken&& token) const");
                out_ += "    {\n        return async_call<Op>(typename Op::input{}, std::forward<CompletionToken>(token));\n"
                        "    }\n";
            }
        }
        write_dynamic_table();
        out_ += "};\n\n} // namespace stratus::services::" + svc_ + "\n";
    }

    // client.call("Name", params) (stratus/dynamic_call.hpp). Templates whose
    // parameter is always the default, so that nothing below is compiled
    // unless a program calls them.
    void write_dynamic_call()
    {
        out_ += "\n    /// Any operation by its model name, with botocore's parameters as JSON:\n"
                "    /// s3.call(\"ListObjectsV2\", {{\"Bucket\", \"b\"}}). Throws as the typed calls do;\n"
                "    /// timestamps in the output are ISO 8601 text (stratus/dynamic_call.hpp).\n";
        out_ += "    template <class Json = ::boost::json::value>\n"
                "    Json call(std::string_view operation, std::type_identity_t<Json> const& params) const\n"
                "    {\n"
                "        auto r = try_call<Json>(operation, params);\n"
                "        if (!r) ::stratus::throw_error(r.error());\n"
                "        return std::move(*r);\n"
                "    }\n";
        out_ += "    /// call(name, params), the non-throwing form.\n"
                "    template <class Json = ::boost::json::value>\n"
                "    ::stratus::result<Json> try_call(std::string_view operation, std::type_identity_t<Json> const& params) const\n"
                "    {\n"
                "        return ::stratus::detail::dynamic_call(context(), dynamic_operations<Json>(), operation, params);\n"
                "    }\n";
    }

    void write_dynamic_table()
    {
        if (ops_.empty()) {
            out_ += "\nprivate:\n    template <class Json>\n"
                    "    static std::span<::stratus::dynamic_operation const> dynamic_operations()\n    {\n"
                    "        return {};\n    }\n";
            return;
        }
        // Every name below depends on Json (dyn<Json, T>), so that a program
        // that never calls call(name, ...) does not even check the blank
        // inputs' initializers.
        out_ += "\nprivate:\n    template <class Json, class T>\n"
                "    using dyn = typename ::stratus::detail::dependent_type<Json, T>::type;\n"
                "    template <class Json>\n"
                "    static std::span<::stratus::dynamic_operation const> dynamic_operations()\n    {\n"
                "        using protocol = dyn<Json, ::stratus::protocol::" + result_.protocol + ">;\n"
                "        static constexpr ::stratus::dynamic_operation table[] = {\n";
        for (auto const& op : ops_) {
            out_ += "            {" + literal(op.name) + ", [](::stratus::client_context& c, Json const& p) {\n";
            out_ += "                 using op = dyn<Json, ops::" + op.tag + ">;\n";
            out_ += "                 return ::stratus::detail::dynamic_invoke<op, protocol, all_errors>(\n";
            out_ += "                     c, p, " + blank_input(op, "typename op::input") + ");\n             }},\n";
        }
        out_ += "        };\n        return table;\n    }\n";
    }

    // --- resources (boto3's resources-1.json) ---------------------------------
    //
    // One class per resource in namespace resources: identifiers, data
    // (loaded by the load action, or received with the response that made
    // the resource), actions, sub-resources, collections, batch actions and
    // waiters. Everything that calls the service is a member template, so a
    // program compiles the parts of the resource layer it uses and no others;
    // resource types name each other through template default arguments,
    // which is also what lets Bucket.object() and Object.bucket() refer to
    // each other.

    struct res_info {
        std::string name; // "Bucket"; "" for the service resource
        std::string cls;  // "bucket"
        json::object const* def = nullptr;
        std::vector<std::string> ids; // identifier names, in model order
        std::optional<std::size_t> shape;
    };

    // A path of a resource model as ::stratus::paging::each steps, one
    // alternative per list of a multi-select ("[Versions,DeleteMarkers]|[].Key").
    struct compiled_path {
        std::vector<std::string> steps;
        std::vector<std::size_t> last; // each alternative's final shape
        bool plural = false;
    };

    // A method's name without the '_' a keyword got ("delete_" -> "delete"),
    // for the names made from it ("delete_params").
    static std::string stem(std::string name)
    {
        while (name.size() > 1 && name.back() == '_') name.pop_back();
        return name;
    }

    static std::size_t identifier_length(std::string_view x)
    {
        std::size_t n = 0;
        while (n < x.size() && (std::isalnum(static_cast<unsigned char>(x[n])) || x[n] == '_')) ++n;
        return n;
    }

    // The member `field` of structure `cur`: its C++ name and shape.
    bool member_of(std::size_t cur, std::string const& field, std::string& id, std::size_t& next, std::string& why) const
    {
        auto const& sh = shapes_[cur];
        auto ids = member_ids_.find(sh.name);
        auto* ms = obj(*sh.def, "members");
        if (!is_struct_like(sh.k) || ids == member_ids_.end() || !ms || !ms->contains(field) || !ids->second.count(field)) {
            why = "\"" + field + "\" is not a member of " + sh.name;
            return false;
        }
        id = ids->second.at(field);
        next = target_of(ms->at(field).get_object(), sh.name);
        return true;
    }

    std::optional<compiled_path> resource_path(std::string_view expr, std::size_t from, std::string& why) const
    {
        std::vector<std::string> exprs;
        if (expr.starts_with("[")) {
            auto close = expr.find("]|[]");
            if (close == std::string_view::npos) {
                why = "unsupported path \"" + std::string(expr) + "\"";
                return std::nullopt;
            }
            std::string rest(expr.substr(close + 4));
            std::string_view lists = expr.substr(1, close - 1);
            for (std::size_t start = 0;;) {
                auto comma = lists.find(',', start);
                exprs.push_back(std::string(lists.substr(start, comma == std::string_view::npos ? comma : comma - start)) +
                                "[]" + rest);
                if (comma == std::string_view::npos) break;
                start = comma + 1;
            }
        } else {
            exprs.emplace_back(expr == "@" || expr == "$" ? std::string_view() : expr);
        }
        compiled_path r;
        for (auto const& e : exprs) {
            std::string_view x = e;
            std::string steps;
            std::size_t cur = from;
            while (!x.empty()) {
                std::size_t n = identifier_length(x);
                std::string id;
                if (n == 0 || !member_of(cur, std::string(x.substr(0, n)), id, cur, why)) {
                    if (why.empty()) why = "unsupported path \"" + std::string(expr) + "\"";
                    return std::nullopt;
                }
                x.remove_prefix(n);
                steps += ", [](auto& x) { return pg::get(x." + id + "); }";
                while (x.starts_with("[")) {
                    auto close = x.find(']');
                    std::string_view inner = x.substr(1, close == std::string_view::npos ? 0 : close - 1);
                    if (close == std::string_view::npos || shapes_[cur].k != kind::list) {
                        why = "\"" + std::string(expr) + "\" indexes a non-list";
                        return std::nullopt;
                    }
                    if (inner.empty() || inner == "*") {
                        steps += ", pg::every_element";
                        r.plural = true;
                    } else if (inner.find_first_not_of("-0123456789") == std::string_view::npos) {
                        steps += ", [](auto& x) { return pg::at(x, " + std::string(inner) + "); }";
                    } else {
                        why = "unsupported index in \"" + std::string(expr) + "\"";
                        return std::nullopt;
                    }
                    cur = target_of(*obj(*shapes_[cur].def, "member"), shapes_[cur].name);
                    x.remove_prefix(close + 1);
                }
                if (x.starts_with(".")) x.remove_prefix(1);
                else if (!x.empty()) {
                    why = "unsupported path \"" + std::string(expr) + "\"";
                    return std::nullopt;
                }
            }
            r.steps.push_back(steps);
            r.last.push_back(cur);
        }
        return r;
    }

    // A request parameter's target ("Bucket", "Filters[0].Values[0]",
    // "Delete.Objects[].Key") as an lvalue over `in`, lists grown to the
    // index (`index` for "[]" and "[*]": the resource's place in a batch).
    std::optional<std::string> target_expr(std::string_view x, std::size_t input, std::string const& index, std::string& top,
                                           std::string& why) const
    {
        std::string code = "in";
        std::size_t cur = input;
        bool first = true;
        while (!x.empty()) {
            std::size_t n = identifier_length(x);
            std::string id, field(x.substr(0, n));
            if (n == 0 || !member_of(cur, field, id, cur, why)) {
                if (why.empty()) why = "unsupported target \"" + std::string(x) + "\"";
                return std::nullopt;
            }
            if (first) top = field;
            first = false;
            x.remove_prefix(n);
            code = x.empty() ? code + "." + id : "::stratus::detail::ensure(" + code + "." + id + ")";
            while (x.starts_with("[")) {
                auto close = x.find(']');
                std::string inner(x.substr(1, close == std::string_view::npos ? 0 : close - 1));
                if (close == std::string_view::npos || shapes_[cur].k != kind::list ||
                    inner.find_first_not_of("*0123456789") != std::string::npos) {
                    why = "unsupported target index in \"" + std::string(x) + "\"";
                    return std::nullopt;
                }
                code = "::stratus::detail::slot(" + code + ", " + (inner.empty() || inner == "*" ? index : inner) + ")";
                cur = target_of(*obj(*shapes_[cur].def, "member"), shapes_[cur].name);
                x.remove_prefix(close + 1);
            }
            if (x.starts_with(".")) x.remove_prefix(1);
            else if (!x.empty()) {
                why = "unsupported target \"" + std::string(x) + "\"";
                return std::nullopt;
            }
        }
        return code;
    }

    op_data const* find_op(std::string_view name) const
    {
        auto it = std::find_if(ops_.begin(), ops_.end(), [&](op_data const& o) { return o.name == name; });
        return it == ops_.end() ? nullptr : &*it;
    }

    // The statements that fill `in` from a request's params ({target,
    // source: identifier | data | string | integer | boolean}), `self`
    // being the resource; the top-level members they fill go to `tops`.
    std::optional<std::string> fill_request(json::object const& req, res_info const& r, std::string const& self,
                                            std::string const& index, op_data const& op, std::set<std::string>& tops,
                                            std::string const& indent, std::string& why) const
    {
        std::string code;
        auto const* params = req.if_contains("params");
        if (!params || !params->is_array()) return code;
        if (op.input < 0) {
            why = op.name + " takes no input";
            return std::nullopt;
        }
        for (auto const& pv : params->get_array()) {
            if (!pv.is_object()) continue;
            auto const& p = pv.get_object();
            std::string target(str(p, "target")), source(str(p, "source")), top;
            auto lhs = target_expr(target, static_cast<std::size_t>(op.input), index, top, why);
            if (!lhs) return std::nullopt;
            tops.insert(top);
            std::string what = literal(target);
            if (source == "identifier") {
                auto it = std::find(r.ids.begin(), r.ids.end(), str(p, "name"));
                if (it == r.ids.end()) {
                    why = "no identifier " + std::string(str(p, "name"));
                    return std::nullopt;
                }
                code += indent + "::stratus::detail::assign(" + *lhs + ", " + self + ".meta().identifiers()[" +
                        std::to_string(it - r.ids.begin()) + "], " + what + ");\n";
            } else if (source == "string" || source == "integer" || source == "boolean") {
                auto const* v = p.if_contains("value");
                std::string value = !v                ? std::string()
                                    : v->is_string()  ? "std::string_view(" + literal(v->get_string()) + ")"
                                    : v->is_bool()    ? (v->get_bool() ? "true" : "false")
                                    : v->is_int64()   ? "std::int64_t(" + std::to_string(v->get_int64()) + ")"
                                                      : std::string();
                if (value.empty()) {
                    why = "a " + source + " param without a usable value";
                    return std::nullopt;
                }
                code += indent + "::stratus::detail::assign(" + *lhs + ", " + value + ", " + what + ");\n";
            } else if (source == "data") {
                if (!r.shape) {
                    why = r.name + " has no data shape";
                    return std::nullopt;
                }
                auto path = resource_path(str(p, "path"), *r.shape, why);
                if (!path) return std::nullopt;
                code += indent + "{\n" + indent + "    auto f = [&](auto const* v) { ::stratus::detail::assign(" + *lhs +
                        ", *v, " + what + "); };\n";
                for (auto const& s : path->steps) code += indent + "    pg::each(&" + self + ".data(), f" + s + ");\n";
                code += indent + "}\n";
            } else {
                why = "unsupported param source \"" + source + "\"";
                return std::nullopt;
            }
        }
        return code;
    }

    // The caller's part of an operation's input: every member the model
    // does not fill, declared as in the input (required<> kept).
    struct params_struct {
        std::string text;  // the struct, or empty when nothing is left
        std::string apply; // statements moving p's members into `in`
        bool defaultable = true;
    };

    // A params struct goes before its resource class, at namespace scope,
    // and the class names it: as a nested struct, clang refuses it as a
    // default argument of the class's own members (its member initializers
    // are not parsed yet there).
    std::string hoist(params_struct const& params, std::string const& cls, std::string const& name)
    {
        if (params.text.empty()) return {};
        res_pre_ += "\n" + params.text;
        return "    using " + name + " = " + cls + "_" + name + ";\n";
    }

    params_struct caller_params(op_data const& op, std::set<std::string> const& tops, std::string const& name,
                                std::string const& indent, std::string const& from = "p") const
    {
        params_struct r;
        if (op.input < 0) return r;
        auto const& in = shapes_[static_cast<std::size_t>(op.input)];
        std::string body;
        for (auto const& [mname, ref] : members(in)) {
            if (tops.count(mname)) continue;
            std::size_t t = target_of(*ref, in.name);
            auto const& target = shapes_[t];
            std::string id = member_ids_.at(in.name).at(mname);
            bool container = target.k == kind::list || target.k == kind::map;
            bool required = in.top_input && is_required(in, mname);
            std::string type = value_type(t, in.scc, true, flag(*ref, "streaming"));
            body += indent + "    " + member_type(in, type, container, required, false) + " " + id + (required ? ";\n" : "{};\n");
            r.apply += "in." + id + " = std::move(" + from + "." + id + ");\n";
            if (required) r.defaultable = false;
        }
        if (body.empty()) return r;
        r.text = indent + "/// " + op.name + "'s parameters the resource does not fill in.\n" + indent + "struct " + name +
                 " {\n" + body + indent + "};\n";
        return r;
    }

    // Code that makes `rs`, the resources a reference ({type, identifiers,
    // path}) describes, from the resource `self`, the request `in` and the
    // response `out`; `args` collects the identifiers the caller gives.
    struct built_resources {
        std::string code;
        std::string type; // the resource class, qualified
        std::string name; // the resource's model name
        bool plural = false;
        bool from_data = false; // an identifier comes from the parent's data: may be missing
        std::vector<std::string> args;
    };

    std::optional<built_resources> make_resources_code(json::object const& ref, res_info const& parent, std::string const& self,
                                                       op_data const* op, bool path_on_data, std::string const& indent,
                                                       std::string& why) const
    {
        built_resources b;
        auto it = res_index_.find(std::string(str(ref, "type")));
        if (it == res_index_.end()) {
            why = "no resource " + std::string(str(ref, "type"));
            return std::nullopt;
        }
        auto const& t = res_[it->second];
        b.type = ns_ + "::resources::" + t.cls;
        b.name = t.name;
        auto const* idl = ref.if_contains("identifiers");
        std::string code = indent + "std::array<::stratus::detail::identifier_values, " + std::to_string(t.ids.size()) + "> ids;\n";
        scope_names argnames({"self", "in", "out", "ids", "data", "rs", "R", "std"});
        for (std::size_t k = 0; k < t.ids.size(); ++k) {
            json::object const* e = nullptr;
            if (idl && idl->is_array())
                for (auto const& v : idl->get_array())
                    if (v.is_object() && str(v.get_object(), "target") == t.ids[k]) e = &v.get_object();
            // A reference whose targets do not use the identifier's name
            // (iam's Policy: "PolicyArn" for Arn) matches by position.
            if (!e && idl && idl->is_array() && idl->get_array().size() == t.ids.size() &&
                idl->get_array()[k].is_object() &&
                std::find(t.ids.begin(), t.ids.end(), str(idl->get_array()[k].get_object(), "target")) == t.ids.end())
                e = &idl->get_array()[k].get_object();
            if (!e) {
                why = t.name + "'s identifier " + t.ids[k] + " has no source";
                return std::nullopt;
            }
            std::string source(str(*e, "source")), slot = "ids[" + std::to_string(k) + "]";
            std::optional<std::size_t> from;
            std::string base;
            if (source == "identifier") {
                auto pi = std::find(parent.ids.begin(), parent.ids.end(), str(*e, "name"));
                if (pi == parent.ids.end()) {
                    why = "no identifier " + std::string(str(*e, "name"));
                    return std::nullopt;
                }
                code += indent + slot + ".values.push_back(" + self + ".meta().identifiers()[" +
                        std::to_string(pi - parent.ids.begin()) + "]);\n";
                continue;
            }
            if (source == "input") {
                std::string arg = argnames.claim(cpp_name(t.ids[k]));
                b.args.push_back(arg);
                code += indent + slot + ".values.push_back(std::move(" + arg + "));\n";
                continue;
            }
            if (source == "string") {
                code += indent + slot + ".values.push_back(" + literal(str(*e, "value")) + ");\n";
                continue;
            }
            if (source == "data") {
                from = parent.shape;
                base = "&" + self + ".data()";
                b.from_data = true;
            } else if (source == "requestParameter" && op && op->input >= 0) {
                from = static_cast<std::size_t>(op->input);
                base = "&in";
            } else if (source == "response" && op && op->output >= 0) {
                from = static_cast<std::size_t>(op->output);
                base = "&out";
            }
            if (!from) {
                why = "identifier source \"" + source + "\" has nothing to read here";
                return std::nullopt;
            }
            auto path = resource_path(str(*e, "path"), *from, why);
            if (!path) return std::nullopt;
            code += indent + "{\n" + indent + "    auto f = " + slot + ".collect();\n";
            for (auto const& s : path->steps) code += indent + "    pg::each(" + base + ", f" + s + ");\n";
            code += indent + "}\n";
            if (path->plural) {
                code += indent + slot + ".plural = true;\n";
                b.plural = true;
            }
        }
        std::string pointer = path_on_data ? "typename R::data_type const*" : "typename R::data_type*";
        code += indent + "std::vector<" + pointer + "> data;\n";
        if (auto p = str(ref, "path"); !p.empty() && t.shape) {
            std::optional<std::size_t> from;
            if (path_on_data) from = parent.shape;
            else if (op && op->output >= 0) from = static_cast<std::size_t>(op->output);
            std::optional<compiled_path> path;
            if (from) path = resource_path(p, *from, why);
            if (!path) {
                if (why.empty()) why = "the path \"" + std::string(p) + "\" has nothing to read";
                return std::nullopt;
            }
            if (path->plural) b.plural = true;
            for (std::size_t a = 0; a < path->steps.size(); ++a) {
                // Elements of another shape ("[Versions,DeleteMarkers]|[]"'s
                // delete markers for ObjectVersion) make resources without data.
                bool same = shapes_[path->last[a]].name == shapes_[*t.shape].name;
                code += indent + "{\n" + indent +
                        (same ? "    auto f = [&](auto* p) { data.push_back(p); };\n"
                              : "    auto f = [&](auto*) { data.push_back(nullptr); };\n");
                code += indent + "    pg::each(" + (path_on_data ? "&" + self + ".data()" : std::string("&out")) + ", f" +
                        path->steps[a] + ");\n" + indent + "}\n";
            }
        }
        code += indent + "auto rs = ::stratus::detail::make_resources<R>(" + self + ".meta().client(), ids, data);\n";
        b.code = code;
        return b;
    }

    static std::string indent_lines(std::string const& lines, std::string const& indent)
    {
        std::string out;
        for (std::size_t s = 0; s < lines.size();) {
            auto e = lines.find('\n', s);
            if (e == std::string::npos) e = lines.size() - 1;
            out += indent + lines.substr(s, e - s + 1);
            s = e + 1;
        }
        return out;
    }

    std::string resource_label(res_info const& r) const { return r.name.empty() ? "ServiceResource" : r.name; }

    // One action ({request, resource?, path?}) as a member template.
    void write_action(std::string& text, res_info const& r, std::string const& aname, json::object const& a,
                      scope_names& scope)
    {
        std::string why;
        auto const* req = obj(a, "request");
        op_data const* op = req ? find_op(str(*req, "operation")) : nullptr;
        std::string method = scope.claim(cpp_name(aname));
        if (!op) {
            text += "    // " + aname + ": no action (operation " + std::string(req ? str(*req, "operation") : "?") +
                    " is not in the model)\n";
            return;
        }
        std::set<std::string> tops;
        auto fill = fill_request(*req, r, "(*this)", "0", *op, tops, "        ", why);
        std::optional<built_resources> made;
        if (fill && obj(a, "resource")) {
            made = make_resources_code(*obj(a, "resource"), r, "(*this)", op, false, "        ", why);
            if (!made) fill.reset();
            else if (!made->args.empty()) {
                why = "an action's resource identifiers come from arguments";
                fill.reset();
            }
        }
        if (!fill) {
            text += "    // " + aname + ": no action (" + why + ")\n";
            return;
        }
        std::string pname = scope.claim(stem(method) + "_params");
        auto params = caller_params(*op, tops, r.cls + "_" + pname, "");
        text += "\n" + hoist(params, r.cls, pname);
        std::string ret = !made ? "typename " + ns_ + "::ops::" + op->tag + "::output"
                          : made->plural ? "std::vector<R>"
                                         : "R";
        text += "    /// " + aname + ": " + op->name + (made ? ", making " + std::string(made->plural ? "resources" : "a resource") : "") + ".\n";
        text += made ? "    template <class R = " + made->type + ">\n" : "    template <int = 0>\n";
        text += "    " + ret + " " + method + "(" +
                (params.text.empty() ? "" : pname + " p" + (params.defaultable ? " = {}" : "")) + ") const\n    {\n";
        checks_.push_back("&" + r.cls + "::" + method + "<>");
        text += "        namespace pg = ::stratus::paging;\n";
        text += "        auto in = " + blank_input(*op) + ";\n" + *fill;
        text += indent_lines(params.apply, "        ");
        text += std::string("        ") + (made ? "[[maybe_unused]] auto out = " : "return ") + "this->client_.template call<" + ns_ +
                "::ops::" + op->tag + ">(in);\n";
        if (made) {
            text += made->code;
            text += made->plural ? "        return rs;\n"
                                 : "        return ::stratus::detail::single_resource(std::move(rs), " +
                                       literal(resource_label(r) + "." + aname) + ");\n";
        }
        text += "    }\n";
    }

    // A sub-resource or reference (has): made from identifiers, arguments
    // and the resource's data; std::optional when the data may lack it.
    void write_has(std::string& text, res_info const& r, std::string const& hname, json::object const& h, scope_names& scope)
    {
        std::string why;
        std::string method = scope.claim(cpp_name(hname));
        auto const* ref = obj(h, "resource");
        std::optional<built_resources> made;
        if (ref) made = make_resources_code(*ref, r, "(*this)", nullptr, true, "        ", why);
        if (!made) {
            text += "    // " + hname + ": no sub-resource (" + (why.empty() ? "no resource" : why) + ")\n";
            return;
        }
        std::string ret = made->plural ? "std::vector<R>" : made->from_data ? "std::optional<R>" : "R";
        std::vector<std::string> args;
        for (auto const& a : made->args) args.push_back("std::string " + a);
        text += "\n    /// " + hname + (made->plural ? ": the resources" : ": the resource") + " it refers to.\n";
        text += "    template <class R = " + made->type + ">\n";
        text += "    " + ret + " " + method + "(" + join(args, ", ") + ") const\n    {\n";
        checks_.push_back("&" + r.cls + "::" + method + "<>");
        text += "        namespace pg = ::stratus::paging;\n" + made->code;
        if (made->plural) text += "        return rs;\n";
        else if (made->from_data) text += "        if (rs.empty()) return std::nullopt;\n        return std::move(rs.front());\n";
        else text += "        return std::move(rs.front());\n";
        text += "    }\n";
    }

    // A collection (hasMany): its params struct, its spec for
    // ::stratus::resource_collection, and the method that makes it.
    void write_collection(std::string& text, res_info const& r, std::string const& cname, json::object const& c,
                          scope_names& scope)
    {
        std::string why;
        std::string method = scope.claim(cpp_name(cname));
        auto const* req = obj(c, "request");
        op_data const* op = req ? find_op(str(*req, "operation")) : nullptr;
        if (!op) {
            text += "    // " + cname + ": no collection (operation not in the model)\n";
            return;
        }
        std::set<std::string> tops;
        auto fill = fill_request(*req, r, "self", "0", *op, tops, "            ", why);
        std::optional<built_resources> made;
        if (fill && obj(c, "resource")) made = make_resources_code(*obj(c, "resource"), r, "self", op, false, "            ", why);
        if (fill && made && !made->args.empty()) {
            why = "a collection's identifiers come from arguments";
            made.reset();
        }
        if (!fill || !made) {
            text += "    // " + cname + ": no collection (" + (why.empty() ? "no resource" : why) + ")\n";
            return;
        }
        std::string pname = scope.claim(stem(method) + "_params");
        std::string spec = scope.claim(stem(method) + "_spec");
        auto params = caller_params(*op, tops, r.cls + "_" + pname, "");
        if (params.text.empty()) params.text = "struct " + r.cls + "_" + pname + " {};\n";
        std::string opq = ns_ + "::ops::" + op->tag;
        text += "\n" + hoist(params, r.cls, pname);
        text += "    template <class R = " + made->type + ", class Parent = " + r.cls + ">\n    struct " + spec + " {\n";
        text += "        using operation = " + opq + ";\n        using resource = R;\n        using parent = Parent;\n";
        text += "        using params = " + pname + ";\n";
        text += "        static constexpr char const* name = " + literal(resource_label(r) + "." + cname) + ";\n";
        text += "        static typename operation::input request([[maybe_unused]] parent const& self, [[maybe_unused]] params p)\n        {\n";
        text += "            namespace pg = ::stratus::paging;\n";
        text += "            auto in = " + blank_input(*op) + ";\n" + *fill + indent_lines(params.apply, "            ");
        text += "            return in;\n        }\n";
        text += "        static std::vector<R> resources([[maybe_unused]] parent const& self, [[maybe_unused]] typename operation::input const& in,\n"
                "                                        [[maybe_unused]] typename operation::output& out)\n        {\n";
        text += "            namespace pg = ::stratus::paging;\n" + made->code + "            return rs;\n        }\n    };\n";
        text += "    /// " + cname + ": " + op->name + (op->paginator.empty() ? "" : ", page by page") +
                ", as a lazy range of " + made->type.substr(made->type.rfind(':') + 1) + ".\n";
        checks_.push_back("&" + r.cls + "::" + method + "<>");
        checks_.push_back("&" + r.cls + "::" + spec + "<>::request");
        checks_.push_back("&" + r.cls + "::" + spec + "<>::resources");
        collection_checks_.emplace_back(r.cls + "::" + spec + "<>", made->name);
        text += "    template <class Spec = " + spec + "<>>\n    ::stratus::resource_collection<Spec> " + method +
                "() const\n    {\n        return ::stratus::resource_collection<Spec>(*this);\n    }\n";
    }

    // The batch actions of a resource, for the collections of it: one
    // request per page, its params filled from every resource of the page.
    std::string batch_actions(res_info const& r)
    {
        std::string text;
        auto const* ba = obj(*r.def, "batchActions");
        scope_names scope({"all", "begin", "end", "filter", "limit", "page_size", "pages", "parent", "std"});
        std::string structs;
        if (ba) {
            for (auto const& [bname, bv] : *ba) {
                if (!bv.is_object()) continue;
                std::string why;
                auto const* req = obj(bv.get_object(), "request");
                op_data const* op = req ? find_op(str(*req, "operation")) : nullptr;
                std::string method = scope.claim(cpp_name(bname));
                std::set<std::string> tops;
                std::optional<std::string> fill;
                if (op) fill = fill_request(*req, r, "page[i]", "i", *op, tops, "                ", why);
                else why = "operation not in the model";
                if (!fill) {
                    text += "        // " + std::string(bname) + ": no batch action (" + why + ")\n";
                    continue;
                }
                std::string pname = "batch_" + stem(method) + "_params";
                batch_methods_[r.name].push_back(method);
                auto params = caller_params(*op, tops, r.cls + "_" + pname, "", "params");
                structs += hoist(params, r.cls, pname);
                std::string out = "typename " + ns_ + "::ops::" + op->tag + "::output";
                text += "        /// " + std::string(bname) + ": one " + op->name + " per page of the collection.\n";
                text += "        template <class C = Coll>\n        std::vector<" + out + "> " + method + "(" +
                        (params.text.empty() ? "" : pname + " p" + std::string(params.defaultable ? " = {}" : "")) +
                        ") const\n        {\n";
                text += "            namespace pg = ::stratus::paging;\n            std::vector<" + out + "> results;\n";
                text += "            for (auto const& page : static_cast<C const&>(*this).pages()) {\n";
                text += "                if (page.empty()) continue;\n";
                text += "                auto in = " + blank_input(*op) + ";\n";
                text += "                for (std::size_t i = 0; i < page.size(); ++i) {\n" + indent_lines(*fill, "    ") + "                }\n";
                if (!params.text.empty())
                    text += "                auto params = p;\n" + indent_lines(params.apply, "                ");
                text += "                results.push_back(page.front().meta().client().template call<" + ns_ + "::ops::" +
                        op->tag + ">(in));\n            }\n            return results;\n        }\n";
            }
        }
        return structs + "    /// The batch actions of a collection of this resource.\n    template <class Coll>\n    class batch_actions {\n" +
               (text.empty() ? "" : "    public:\n" + text) + "    };\n";
    }

    void write_resource_waiters(std::string& text, res_info const& r, scope_names& scope)
    {
        auto const* ws = obj(*r.def, "waiters");
        if (!ws) return;
        for (auto const& [wname, wv] : *ws) {
            if (!wv.is_object()) continue;
            auto const& w = wv.get_object();
            std::string method = scope.claim("wait_until_" + cpp_name(wname));
            auto id = waiter_ids_.find(std::string(str(w, "waiterName")));
            std::string why;
            op_data const* op = nullptr;
            if (id == waiter_ids_.end()) why = "the client has no waiter " + std::string(str(w, "waiterName"));
            else op = find_op(m_.waiters->at(str(w, "waiterName")).get_object().at("operation").get_string());
            std::set<std::string> tops;
            std::optional<std::string> fill;
            if (op) fill = fill_request(w, r, "(*this)", "0", *op, tops, "        ", why);
            if (!fill) {
                text += "    // " + std::string(wname) + ": no waiter (" + why + ")\n";
                continue;
            }
            text += "\n    /// Waits until " + std::string(wname) + " (the client's " + std::string(str(w, "waiterName")) +
                    " waiter); throws client_error (waiter_failed) when it gives up.\n";
            text += "    template <class W = waiters::" + id->second + ">\n";
            text += "    void " + method + "(::stratus::waiter_config cfg = {}) const\n    {\n";
            checks_.push_back("&" + r.cls + "::" + method + "<>");
            text += "        namespace pg = ::stratus::paging;\n";
            text += "        auto in = " + blank_input(*op) + ";\n" + *fill;
            text += "        this->client_.template get_waiter<W>().wait(in, cfg);\n    }\n";
        }
    }

    // load()/reload()/data(): the load action, or the data the resource came with.
    void write_load(std::string& text, res_info const& r)
    {
        if (!r.shape) return;
        std::string why;
        auto const* load = obj(*r.def, "load");
        auto const* req = load ? obj(*load, "request") : nullptr;
        op_data const* op = req ? find_op(str(*req, "operation")) : nullptr;
        std::set<std::string> tops;
        std::optional<std::string> fill;
        std::optional<compiled_path> path;
        if (op) fill = fill_request(*req, r, "(*this)", "0", *op, tops, "        ", why);
        if (fill && op->output >= 0) path = resource_path(str(*load, "path"), static_cast<std::size_t>(op->output), why);
        if (path && (path->steps.size() != 1 || shapes_[path->last[0]].name != shapes_[*r.shape].name)) {
            why = "the load path does not reach a " + shapes_[*r.shape].name;
            path.reset();
        }
        if (!path) {
            if (load) text += "    // load: none (" + why + ")\n";
            text += "    /// The data the resource came with (boto3 raises ResourceLoadException\n"
                    "    /// where this throws client_error, resource_unavailable).\n";
            text += "    data_type const& data() const { return this->received_data(resource_name); }\n";
            return;
        }
        text += "    /// Calls " + op->name + " and keeps the resource's data (boto3's load()).\n";
        checks_.push_back("&" + r.cls + "::load<>");
        text += "    template <int = 0>\n    void load() const\n    {\n        namespace pg = ::stratus::paging;\n";
        text += "        auto in = " + blank_input(*op) + ";\n" + *fill;
        text += "        auto out = this->client_.template call<" + ns_ + "::ops::" + op->tag + ">(in);\n";
        text += "        data_type* found = nullptr;\n        auto f = [&](data_type* p) { if (!found) found = p; };\n";
        text += "        pg::each(&out, f" + path->steps[0] + ");\n";
        text += "        if (!found) ::stratus::detail::resource_not_found(resource_name, this->ids_, " + literal(op->name) + ");\n";
        text += "        this->data_ = std::move(*found);\n    }\n";
        text += "    /// load() again.\n    template <int = 0>\n    void reload() const { load(); }\n";
        text += "    /// The resource's data, loaded on first use.\n    template <int = 0>\n    data_type const& data() const\n    {\n"
                "        if (!this->data_) load();\n        return *this->data_;\n    }\n";
    }

    // Hand-written parts of a resource (include/stratus/customizations/):
    // a CRTP base that replaces some of the model's actions, as boto3's
    // customizations replace DynamoDB Table's item actions with ones taking
    // native values.
    struct resource_customization {
        std::string_view service, resource, base, header;
        std::array<std::string_view, 6> replaced;
    };
    static std::span<resource_customization const> resource_customizations()
    {
        static constexpr resource_customization table[] = {
            {"dynamodb", "Table", "::stratus::services::dynamodb::table_extension",
             "stratus/customizations/dynamodb_table.hpp",
             {"DeleteItem", "GetItem", "PutItem", "Query", "Scan", "UpdateItem"}},
        };
        return table;
    }
    resource_customization const* customization_of(res_info const& r) const
    {
        for (auto const& c : resource_customizations())
            if (c.service == m_.name && c.resource == r.name) return &c;
        return nullptr;
    }

    void write_resource_class(res_info const& r)
    {
        auto const* custom = customization_of(r);
        std::string const n = std::to_string(r.ids.size());
        std::string data = r.shape ? qualified(shapes_[*r.shape]) : "::stratus::no_data";
        std::string base = "::stratus::resource_meta<" + ns_ + "::client, " + n + ", " + data + ">";
        std::string text;
        text += "\n/// " + (r.name.empty() ? "The service resource: session.resource<stratus::" + result_.tag_name + ">()"
                                           : "The " + r.name + " resource") + ".\n";
        text += "class " + r.cls + " : protected " + base +
                (custom ? ", public " + std::string(custom->base) + "<" + r.cls + ">" : "") + " {\n    using meta_type = " +
                base + ";\n\npublic:\n";
        text += "    using client_type = " + ns_ + "::client;\n    using data_type = " + data + ";\n";
        text += "    static constexpr std::string_view resource_name = " + literal(resource_label(r)) + ";\n";
        std::vector<std::string> names;
        for (auto const& i : r.ids) names.push_back(literal(i));
        text += "    static constexpr std::array<char const*, " + n + "> identifier_names{" + join(names, ", ") + "};\n\n";
        scope_names scope({"batch_actions", "client_type", "data", "data_type", "identifier_names", "load", "meta", "meta_type",
                           "reload", "resource_name", "std", r.cls});
        std::vector<std::string> params, moves, ids_code;
        for (std::size_t k = 0; k < r.ids.size(); ++k) {
            std::string id = scope.claim(cpp_name(r.ids[k]));
            params.push_back("std::string " + id);
            moves.push_back("std::move(" + id + ")");
            ids_code.push_back("    std::string const& " + id + "() const noexcept { return ids_[" + std::to_string(k) + "]; }\n");
        }
        text += "    /// The resource with these identifiers (no request is made).\n";
        text += "    " + std::string(r.ids.size() == 0 ? "explicit " : "") + r.cls + "(client_type c" +
                (params.empty() ? "" : ", " + join(params, ", ")) + ")\n        : meta_type(resource_name, identifier_names, std::move(c), {" +
                join(moves, ", ") + "}, std::nullopt)\n    {\n    }\n";
        text += "    /// The resource with these identifiers and data (as collections and actions make them).\n";
        text += "    " + r.cls + "(client_type c, std::array<std::string, " + n + "> ids, std::optional<data_type> d)\n"
                "        : meta_type(resource_name, identifier_names, std::move(c), std::move(ids), std::move(d))\n    {\n    }\n\n";
        text += "    /// The client, the identifiers and the data as they stand (boto3's .meta).\n";
        text += "    meta_type const& meta() const noexcept { return *this; }\n";
        text += "    friend bool operator==(" + r.cls + " const& a, " + r.cls + " const& b) noexcept { return a.ids_ == b.ids_; }\n\n";
        for (auto const& c : ids_code) text += c;
        write_load(text, r);

        // Claim names in boto3's order of precedence; attributes come last
        // and give way to everything else.
        auto const* actions = obj(*r.def, "actions");
        auto const* has = obj(*r.def, "has");
        auto const* many = obj(*r.def, "hasMany");
        std::string body;
        if (actions)
            for (auto const& [aname, av] : *actions) {
                if (custom && std::find(custom->replaced.begin(), custom->replaced.end(), aname) != custom->replaced.end()) {
                    body += "    // " + std::string(aname) + ": from " + std::string(custom->header) + "\n";
                    continue;
                }
                if (av.is_object()) write_action(body, r, std::string(aname), av.get_object(), scope);
            }
        if (has)
            for (auto const& [hname, hv] : *has)
                if (hv.is_object()) write_has(body, r, std::string(hname), hv.get_object(), scope);
        if (many)
            for (auto const& [cname, cv] : *many)
                if (cv.is_object()) write_collection(body, r, std::string(cname), cv.get_object(), scope);
        write_resource_waiters(body, r, scope);
        if (r.shape) {
            auto const& sh = shapes_[*r.shape];
            std::string attrs;
            for (auto const& [mname, ref] : members(sh)) {
                std::string want = cpp_name(mname);
                if (std::find_if(r.ids.begin(), r.ids.end(), [&](std::string const& i) { return cpp_name(i) == want; }) !=
                    r.ids.end())
                    continue; // the identifier of the same name stands for it
                std::string id = scope.contains(want) ? scope.claim(want + "_attribute") : scope.claim(want);
                checks_.push_back("&" + r.cls + "::" + id + "<>");
                attrs += "    template <int = 0>\n    auto const& " + id + "() const { return data()." +
                         member_ids_.at(sh.name).at(mname) + "; }\n";
            }
            if (!attrs.empty()) body += "\n    // Attributes: the members of " + sh.name + (obj(*r.def, "load") ? ", loaded on first use.\n" : ".\n") + attrs;
        }
        text += body + "\n" + batch_actions(r) + "};\n";
        out_ += res_pre_ + text;
        res_pre_.clear();
    }

    // The resource classes, declared: the service tag names them, and a
    // customization header may only come after the tag (DynamoDB's get<T>()
    // would hide the shape `get` the tag names).
    void declare_resources()
    {
        if (!m_.resources) return;
        auto const& model = *m_.resources;
        scope_names classes({"service_resource", "std"});
        res_info svc;
        svc.cls = "service_resource";
        if (auto const* s = model.if_contains("service"); s && s->is_object()) svc.def = &s->get_object();
        res_.push_back(svc);
        if (auto const* rs = model.if_contains("resources"); rs && rs->is_object()) {
            for (auto const& [name, rv] : rs->get_object()) {
                if (!rv.is_object()) continue;
                res_info r;
                r.name = name;
                r.cls = classes.claim(cpp_name(name));
                r.def = &rv.get_object();
                if (auto const* ids = r.def->if_contains("identifiers"); ids && ids->is_array())
                    for (auto const& i : ids->get_array())
                        if (i.is_object()) r.ids.emplace_back(str(i.get_object(), "name"));
                if (auto sh = str(*r.def, "shape"); !sh.empty()) {
                    auto it = index_.find(std::string(sh));
                    if (it == index_.end()) fail("resource " + r.name + ": unknown shape " + std::string(sh));
                    r.shape = it->second;
                }
                res_index_.emplace(r.name, res_.size());
                res_.push_back(std::move(r));
            }
        }
        static json::object const empty;
        if (!res_[0].def) res_[0].def = &empty;
        out_ += "\n// Resources (boto3's resources-1.json): session.resource<stratus::" + result_.tag_name + ">().\n";
        out_ += "namespace stratus::services::" + svc_ + "::resources {\n\n";
        for (auto const& r : res_) out_ += "class " + r.cls + ";\n";
        out_ += "\n} // namespace stratus::services::" + svc_ + "::resources\n";
    }

    void write_resources()
    {
        if (res_.empty()) return;
        out_ += "\n";
        for (auto const& c : resource_customizations())
            if (c.service == m_.name && res_index_.count(std::string(c.resource)))
                out_ += "#include <" + std::string(c.header) + ">\n";
        out_ += "namespace stratus::services::" + svc_ + "::resources {\n";
        for (auto const& r : res_) write_resource_class(r);
        // Compiled with STRATUS_CHECK_RESOURCES (scripts/conformance
        // resources), every member template above is instantiated: a model
        // whose resources do not fit its shapes fails there, not in a user's build.
        for (auto const& [spec, target] : collection_checks_)
            for (auto const& b : batch_methods_[target])
                checks_.push_back("&::stratus::resource_collection<" + spec + ">::template " + b + "<>");
        out_ += "\n#ifdef STRATUS_CHECK_RESOURCES\ninline void check_resources()\n{\n";
        for (auto const& c : checks_) out_ += "    (void)" + c + ";\n";
        out_ += "}\n#endif\n";
        out_ += "\n} // namespace stratus::services::" + svc_ + "::resources\n";
    }

    void write_tag()
    {
        auto const& tag = result_.tag_name;
        std::string_view service_id = str(meta_, "serviceId");
        std::string_view prefix = str(meta_, "endpointPrefix");
        std::string_view signing = str(meta_, "signingName");
        if (signing.empty()) signing = prefix;
        std::string_view sigv = str(meta_, "signatureVersion");
        std::vector<std::string> fields{".service_id = " + literal(service_id), ".endpoint_prefix = " + literal(prefix),
                                        ".signing_name = " + literal(signing)};
        if (sigv == "s3" || sigv == "s3v4") fields.push_back(".s3_signing = true");
        if (auto v = str(meta_, "apiVersion"); !v.empty()) fields.push_back(".api_version = " + literal(v));
        if (auto v = str(meta_, "targetPrefix"); !v.empty()) fields.push_back(".target_prefix = " + literal(v));
        if (auto v = str(meta_, "jsonVersion"); !v.empty()) fields.push_back(".json_version = " + literal(v));
        if (meta_.contains("awsQueryCompatible")) fields.push_back(".query_compatible = true");
        if (m_.endpoint_rules) fields.push_back(".endpoint_rules = &" + ns_ + "::endpoint_rules_data::rules");
        out_ += "\nnamespace stratus {\n\n";
        out_ += "/// The " + std::string(service_id.empty() ? std::string_view(m_.name) : service_id) +
                " service: `session.client<stratus::" + tag + ">()`, and every type of the\n/// service by name (`stratus::" +
                tag + "::<type>`).\n";
        out_ += "struct " + tag + " {\n";
        wrap(out_, "    static constexpr ::stratus::service_info info{", fields, "};");
        out_ += "    using client_type = " + ns_ + "::client;\n";
        scope_names scope({"client_type", "info", "std", tag});
        if (!res_.empty()) {
            out_ += "    using service_resource = " + ns_ + "::resources::service_resource;\n";
            out_ += "    /// The resource types: `stratus::" + tag + "::resources::<name>`.\n    struct resources {\n";
            for (auto const& r : res_) out_ += "        using " + r.cls + " = " + ns_ + "::resources::" + r.cls + ";\n";
            out_ += "    };\n";
            scope.claim("service_resource");
            scope.claim("resources");
        }
        for (auto const& s : shapes_) {
            if (s.cpp.empty()) continue;
            out_ += "    using " + scope.claim(s.cpp) + " = " + qualified(s) + ";\n";
        }
        out_ += "};\n\n} // namespace stratus\n";
    }

    void write_epilogue() { out_ += "\n#endif // " + guard_ + "\n"; }

    service_model const& m_;
    std::string label_;
    json::object const& meta_;
    json::object const& ops_json_;
    json::object const& shapes_json_;
    std::string svc_, ns_, botocore_protocol_, guard_;
    std::vector<shape_data> shapes_;
    std::map<std::string, std::size_t> index_;
    std::vector<op_data> ops_;
    std::vector<std::vector<std::size_t>> components_;
    std::set<std::size_t> complete_; // structures written so far
    std::map<std::string, std::size_t> rule_params_; // endpoint rule-set parameter -> index
    std::map<std::string, std::map<std::string, std::string>> member_ids_; // shape -> model member -> C++ member
    std::map<std::string, std::string> waiter_ids_; // waiters-2 name -> struct in namespace waiters
    std::vector<res_info> res_;                     // resources; [0] is the service resource
    std::map<std::string, std::size_t> res_index_;  // resource name -> index in res_
    std::vector<std::string> checks_;               // every resource member template, for STRATUS_CHECK_RESOURCES
    std::string res_pre_;                           // what goes before the resource class being written
    std::map<std::string, std::vector<std::string>> batch_methods_; // resource name -> its batch action methods
    std::vector<std::pair<std::string, std::string>> collection_checks_; // collection spec, resource name
    std::string out_;
    generated_header result_;
};

} // namespace

generated_header generate_header(service_model const& model, std::string const& models_label)
{
    return emitter(model, models_label).run();
}

} // namespace stratus_gen
