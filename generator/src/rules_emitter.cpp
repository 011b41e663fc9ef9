#include "rules_emitter.hpp"

#include "names.hpp"

#include <stratus/endpoints/detail/region_pattern.hpp>

#include <boost/json.hpp>

#include <cctype>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace stratus_gen {

namespace {

namespace json = boost::json;

constexpr std::uint32_t npos = 0xFFFFFFFFu;
constexpr std::uint16_t no_slot = 0xFFFFu;

// Mirrors stratus::endpoints::node; ordered so identical subtrees compare equal.
struct node_rec {
    std::string kind;
    std::string fn = "boolean_equals";
    bool flag = false;
    std::uint16_t slot = 0;
    std::int64_t number = 0;
    std::uint32_t first = 0;
    std::uint32_t count = 0;
    std::string text;
    std::string key;
    bool has_text = false;

    auto tie() const { return std::tie(kind, fn, flag, slot, number, first, count, text, key, has_text); }
    bool operator<(node_rec const& o) const { return tie() < o.tie(); }
};

struct condition_rec {
    std::uint32_t call = 0;
    std::uint16_t assign = no_slot;
};

struct rule_rec {
    std::string kind;
    std::uint32_t conditions_first = 0, conditions_count = 0;
    std::uint32_t rules_first = 0, rules_count = 0;
    std::uint32_t value = npos, headers = npos, properties = npos;
};

struct param_rec {
    std::string name, type, built_in;
    bool required = false;
    std::uint32_t default_value = npos;
};

std::string const* function_name(std::string_view fn)
{
    static std::map<std::string, std::string, std::less<>> const names{
        {"booleanEquals", "boolean_equals"},
        {"stringEquals", "string_equals"},
        {"isSet", "is_set"},
        {"not", "not_"},
        {"getAttr", "get_attr"},
        {"substring", "substring"},
        {"parseURL", "parse_url"},
        {"isValidHostLabel", "is_valid_host_label"},
        {"uriEncode", "uri_encode"},
        {"aws.partition", "aws_partition"},
        {"aws.parseArn", "aws_parse_arn"},
        {"aws.isVirtualHostableS3Bucket", "aws_is_virtual_hostable_s3_bucket"},
    };
    auto it = names.find(fn);
    return it == names.end() ? nullptr : &it->second;
}

// botocore's TEMPLATE_STRING_RE, \{[a-zA-Z#]+\}: only such strings are templates.
bool is_template(std::string_view s)
{
    for (std::size_t open = s.find('{'); open != std::string_view::npos; open = s.find('{', open + 1)) {
        std::size_t i = open + 1;
        while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '#')) ++i;
        if (i > open + 1 && i < s.size() && s[i] == '}') return true;
    }
    return false;
}

class builder {
public:
    using scope = std::set<std::string>;

    explicit builder(json::object const& rs)
    {
        auto const* params = rs.if_contains("parameters");
        if (!params || !params->is_object()) throw gen_error("rule set has no parameters object");
        for (auto const& [k, v] : params->as_object()) {
            auto const& p = v.as_object();
            param_rec r;
            r.name = k;
            std::string type = json::value_to<std::string>(p.at("type"));
            for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (type == "string") r.type = "string";
            else if (type == "boolean") r.type = "boolean";
            else if (type == "stringarray") r.type = "string_array";
            else throw gen_error("parameter " + r.name + ": unknown type " + type);
            if (auto const* b = p.if_contains("builtIn")) r.built_in = json::value_to<std::string>(*b);
            if (auto const* q = p.if_contains("required"); q && q->is_bool()) r.required = q->as_bool();
            slot_of_[r.name] = static_cast<std::uint16_t>(params_.size());
            params_.push_back(std::move(r));
        }
        slots_ = static_cast<std::uint16_t>(params_.size());
        std::size_t i = 0;
        for (auto const& [k, v] : params->as_object()) {
            if (auto const* d = v.as_object().if_contains("default"); d && !d->is_null())
                params_[i].default_value = single(value_node(*d, {}, "default of " + std::string(k)));
            ++i;
        }
        scope top;
        for (auto const& p : params_) top.insert(p.name);
        auto const& rules = rs.at("rules").as_array();
        root_ = rule_block(rules, top);
        root_count_ = static_cast<std::uint32_t>(rules.size());
    }

    emitted_rule_set emit(std::string const& name, std::string const& partitions) const
    {
        emitted_rule_set out;
        out.nodes = nodes_.size();
        out.rules = rules_.size();
        out.parameters = params_.size();
        std::string& t = out.text;
        t += "using K = ::stratus::endpoints::node_kind;\nusing F = ::stratus::endpoints::function;\n"
             "using R = ::stratus::endpoints::rule_kind;\nusing P = ::stratus::endpoints::param_type;\n"
             "inline constexpr std::uint32_t none = ::stratus::endpoints::npos;\n";
        t += "inline constexpr ::stratus::endpoints::parameter parameter_table[] = {\n";
        for (auto const& p : params_)
            t += "    {" + literal(p.name) + ", P::" + p.type + ", " + (p.built_in.empty() ? "{}" : literal(p.built_in)) +
                 ", " + (p.required ? "true" : "false") + ", " + index(p.default_value) + "},\n";
        t += "};\n";
        t += "inline constexpr ::stratus::endpoints::node node_table[] = {\n";
        for (auto const& n : nodes_) {
            t += "    {K::" + n.kind + ", F::" + n.fn + ", " + (n.flag ? "true" : "false") + ", " +
                 std::to_string(n.slot) + ", " + std::to_string(n.number) + ", " + std::to_string(n.first) + ", " +
                 std::to_string(n.count);
            if (n.has_text || !n.key.empty()) t += ", " + (n.has_text ? literal(n.text) : std::string("{}"));
            if (!n.key.empty()) t += ", " + literal(n.key);
            t += "},\n";
        }
        t += "};\n";
        t += "inline constexpr ::stratus::endpoints::condition condition_table[] = {\n";
        for (auto const& c : conditions_)
            t += "    {" + std::to_string(c.call) + ", " + std::to_string(c.assign) + "},\n";
        if (conditions_.empty()) t += "    {},\n";
        t += "};\n";
        t += "inline constexpr ::stratus::endpoints::rule rule_table[] = {\n";
        for (auto const& r : rules_)
            t += "    {R::" + r.kind + ", " + std::to_string(r.conditions_first) + ", " +
                 std::to_string(r.conditions_count) + ", " + std::to_string(r.rules_first) + ", " +
                 std::to_string(r.rules_count) + ", " + index(r.value) + ", " + index(r.headers) + ", " +
                 index(r.properties) + "},\n";
        t += "};\n";
        t += "inline constexpr ::stratus::endpoints::rule_set " + name + "{parameter_table, node_table, std::span(condition_table, " +
             std::to_string(conditions_.size()) + "), rule_table, " + std::to_string(root_) + ", " +
             std::to_string(root_count_) + ", " + std::to_string(slots_) + ", " + partitions + "};\n";
        return out;
    }

private:
    static std::string index(std::uint32_t i) { return i == npos ? "none" : std::to_string(i); }

    // Blocks of nodes are shared: identical subtrees (a reference to
    // "Region", "booleanEquals(UseFIPS, true)") are stored once.
    std::uint32_t intern(std::vector<node_rec> const& block)
    {
        if (block.empty()) return 0;
        auto it = blocks_.find(block);
        if (it != blocks_.end()) return it->second;
        auto base = static_cast<std::uint32_t>(nodes_.size());
        nodes_.insert(nodes_.end(), block.begin(), block.end());
        blocks_.emplace(block, base);
        return base;
    }

    std::uint32_t single(node_rec const& n) { return intern({n}); }

    node_rec reference(std::string const& name, scope const& sc, std::string const& where)
    {
        if (!sc.count(name)) throw gen_error(where + ": reference to '" + name + "', which is not in scope");
        node_rec n;
        n.kind = "reference";
        n.slot = slot_of_.at(name);
        return n;
    }

    // A template string, split as Python's string.Formatter does: {{ and }}
    // are braces, {Name} a reference, {Name#attr} getAttr(Name, "attr").
    node_rec template_node(std::string const& s, scope const& sc, std::string const& where)
    {
        std::vector<node_rec> parts;
        std::string lit;
        auto flush = [&] {
            if (lit.empty()) return;
            node_rec n;
            n.kind = "string";
            n.text = lit;
            n.has_text = true;
            parts.push_back(n);
            lit.clear();
        };
        for (std::size_t i = 0; i < s.size(); ++i) {
            char c = s[i];
            if ((c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
                lit += c;
                ++i;
                continue;
            }
            if (c == '}') throw gen_error(where + ": single '}' in template " + s);
            if (c != '{') {
                lit += c;
                continue;
            }
            auto close = s.find('}', i);
            if (close == std::string::npos) throw gen_error(where + ": unclosed '{' in template " + s);
            std::string field = s.substr(i + 1, close - i - 1);
            i = close;
            flush();
            auto hash = field.find('#');
            if (hash == std::string::npos) {
                parts.push_back(reference(field, sc, where));
                continue;
            }
            std::string attr = field.substr(hash + 1);
            if (attr.find_first_of("#[.") != std::string::npos)
                throw gen_error(where + ": template field {" + field + "} is not name#attribute");
            node_rec path;
            path.kind = "string";
            path.text = attr;
            path.has_text = true;
            node_rec call;
            call.kind = "call";
            call.fn = "get_attr";
            call.first = intern({reference(field.substr(0, hash), sc, where), path});
            call.count = 2;
            parts.push_back(call);
        }
        flush();
        if (parts.size() > 16) throw gen_error(where + ": a template of more than 16 parts");
        node_rec n;
        n.kind = "templated";
        n.count = static_cast<std::uint32_t>(parts.size());
        n.first = intern(parts);
        return n;
    }

    node_rec string_node(std::string const& s, scope const& sc, std::string const& where)
    {
        if (is_template(s)) return template_node(s, sc, where);
        node_rec n;
        n.kind = "string";
        n.text = s;
        n.has_text = true;
        return n;
    }

    // botocore's resolve_value: a function call, a reference, a template,
    // or a literal.
    node_rec value_node(json::value const& v, scope const& sc, std::string const& where)
    {
        node_rec n;
        switch (v.kind()) {
            case json::kind::bool_:
                n.kind = "boolean";
                n.flag = v.get_bool();
                return n;
            case json::kind::int64:
            case json::kind::uint64:
                n.kind = "integer";
                n.number = v.is_int64() ? v.get_int64() : static_cast<std::int64_t>(v.get_uint64());
                return n;
            case json::kind::string: return string_node(std::string(v.get_string()), sc, where);
            case json::kind::array: {
                std::vector<node_rec> items;
                for (auto const& e : v.get_array()) items.push_back(value_node(e, sc, where));
                n.kind = "list";
                n.count = static_cast<std::uint32_t>(items.size());
                n.first = intern(items);
                return n;
            }
            case json::kind::object: {
                auto const& o = v.get_object();
                if (auto const* r = o.if_contains("ref")) return reference(json::value_to<std::string>(*r), sc, where);
                if (auto const* fn = o.if_contains("fn")) {
                    if (o.contains("assign")) throw gen_error(where + ": 'assign' inside a function argument");
                    return call_node(o, json::value_to<std::string>(*fn), sc, where);
                }
                throw gen_error(where + ": an object that is neither a function nor a reference");
            }
            default: throw gen_error(where + ": unsupported value " + json::serialize(v));
        }
    }

    node_rec call_node(json::object const& o, std::string const& fn, scope const& sc, std::string const& where)
    {
        auto const* cpp = function_name(fn);
        if (!cpp) throw gen_error(where + ": unknown function " + fn);
        std::vector<node_rec> args;
        if (auto const* argv = o.if_contains("argv"))
            for (auto const& a : argv->as_array()) args.push_back(value_node(a, sc, where + " " + fn));
        node_rec n;
        n.kind = "call";
        n.fn = *cpp;
        n.count = static_cast<std::uint32_t>(args.size());
        n.first = intern(args);
        return n;
    }

    // botocore's resolve_properties: objects and lists as they are, strings
    // through the template engine, other literals unchanged.
    node_rec property_node(json::value const& v, scope const& sc, std::string const& where)
    {
        if (v.is_string()) return string_node(std::string(v.get_string()), sc, where);
        node_rec n;
        if (v.is_array()) {
            std::vector<node_rec> items;
            for (auto const& e : v.get_array()) items.push_back(property_node(e, sc, where));
            n.kind = "list";
            n.count = static_cast<std::uint32_t>(items.size());
            n.first = intern(items);
            return n;
        }
        if (v.is_object()) {
            std::vector<node_rec> items;
            for (auto const& [k, e] : v.get_object()) {
                items.push_back(property_node(e, sc, where));
                items.back().key = k;
            }
            n.kind = "object";
            n.count = static_cast<std::uint32_t>(items.size());
            n.first = intern(items);
            return n;
        }
        return value_node(v, sc, where);
    }

    std::uint32_t rule_block(json::array const& rules, scope const& sc)
    {
        auto base = static_cast<std::uint32_t>(rules_.size());
        rules_.resize(rules_.size() + rules.size());
        for (std::size_t i = 0; i < rules.size(); ++i) {
            auto r = make_rule(rules[i].as_object(), sc, "rule " + std::to_string(base + i));
            rules_[base + i] = r;
        }
        return base;
    }

    rule_rec make_rule(json::object const& o, scope sc, std::string const& where)
    {
        rule_rec r;
        r.kind = json::value_to<std::string>(o.at("type"));
        if (r.kind != "tree" && r.kind != "endpoint" && r.kind != "error")
            throw gen_error(where + ": unknown rule type " + r.kind);
        std::vector<condition_rec> conds;
        if (auto const* cs = o.if_contains("conditions")) {
            for (auto const& c : cs->as_array()) {
                auto const& co = c.as_object();
                condition_rec cr;
                cr.call = single(call_node(co, json::value_to<std::string>(co.at("fn")), sc, where));
                if (auto const* a = co.if_contains("assign")) {
                    std::string name = json::value_to<std::string>(*a);
                    if (sc.count(name)) throw gen_error(where + ": '" + name + "' is assigned twice in one scope");
                    auto [it, fresh] = slot_of_.emplace(name, slots_);
                    if (fresh) {
                        if (slots_ == no_slot - 1) throw gen_error("too many names in the rule set");
                        ++slots_;
                    }
                    cr.assign = it->second;
                    sc.insert(name);
                }
                conds.push_back(cr);
            }
        }
        r.conditions_first = static_cast<std::uint32_t>(conditions_.size());
        r.conditions_count = static_cast<std::uint32_t>(conds.size());
        conditions_.insert(conditions_.end(), conds.begin(), conds.end());
        if (r.kind == "tree") {
            auto const& sub = o.at("rules").as_array();
            r.rules_first = rule_block(sub, sc);
            r.rules_count = static_cast<std::uint32_t>(sub.size());
        } else if (r.kind == "error") {
            r.value = single(value_node(o.at("error"), sc, where + " error"));
        } else {
            auto const& ep = o.at("endpoint").as_object();
            r.value = single(value_node(ep.at("url"), sc, where + " url"));
            if (auto const* h = ep.if_contains("headers"); h && !h->as_object().empty()) {
                std::vector<node_rec> lists;
                for (auto const& [k, vals] : h->as_object()) {
                    auto l = value_node(vals, sc, where + " header " + std::string(k));
                    if (l.kind != "list") throw gen_error(where + ": header " + std::string(k) + " is not a list");
                    l.key = k;
                    lists.push_back(l);
                }
                node_rec obj;
                obj.kind = "object";
                obj.count = static_cast<std::uint32_t>(lists.size());
                obj.first = intern(lists);
                r.headers = single(obj);
            }
            if (auto const* p = ep.if_contains("properties"); p && p->is_object())
                r.properties = single(property_node(*p, sc, where + " properties"));
        }
        return r;
    }

    std::vector<param_rec> params_;
    std::vector<node_rec> nodes_;
    std::vector<condition_rec> conditions_;
    std::vector<rule_rec> rules_;
    std::map<std::vector<node_rec>, std::uint32_t> blocks_;
    std::map<std::string, std::uint16_t> slot_of_;
    std::uint16_t slots_ = 0;
    std::uint32_t root_ = 0, root_count_ = 0;
};

} // namespace

namespace {

// A chain of identifiers, '.' and "[*]", as path steps; false on anything else.
bool field_chain(std::string_view& in, std::vector<std::string>& steps, bool allow_projection)
{
    auto ident = [&]() -> bool {
        std::size_t n = 0;
        while (n < in.size() && (std::isalnum(static_cast<unsigned char>(in[n])) || in[n] == '_')) ++n;
        if (n == 0 || std::isdigit(static_cast<unsigned char>(in[0]))) return false;
        steps.emplace_back(in.substr(0, n));
        in.remove_prefix(n);
        return true;
    };
    auto skip_space = [&] {
        while (!in.empty() && in.front() == ' ') in.remove_prefix(1);
    };
    skip_space();
    if (!ident()) return false;
    for (;;) {
        if (allow_projection && in.starts_with("[*]")) {
            steps.emplace_back("*");
            in.remove_prefix(3);
        } else if (in.starts_with(".") && !in.starts_with(".[")) {
            in.remove_prefix(1);
            if (!ident()) return false;
        } else {
            skip_space();
            return true;
        }
    }
}

std::string join(std::vector<std::string> const& steps)
{
    std::string r;
    for (auto const& s : steps) r += (r.empty() ? "" : ".") + s;
    return r;
}

} // namespace

std::optional<std::string> compile_context_path(std::string_view in)
{
    std::vector<std::string> steps;
    if (in.starts_with("keys(")) {
        in.remove_prefix(5);
        if (!field_chain(in, steps, false) || in != ")") return std::nullopt;
        steps.emplace_back("keys()");
        return join(steps);
    }
    if (!field_chain(in, steps, true)) return std::nullopt;
    if (in.empty() || in == "[]") return join(steps);
    // prefix.[a.b, c.d][]: one path per element, in order.
    if (!in.starts_with(".[")) return std::nullopt;
    in.remove_prefix(2);
    std::string out;
    for (;;) {
        std::vector<std::string> tail = steps;
        if (!field_chain(in, tail, false)) return std::nullopt;
        out += (out.empty() ? "" : "|") + join(tail);
        if (in.starts_with(",")) {
            in.remove_prefix(1);
            continue;
        }
        if (!in.starts_with("]")) return std::nullopt;
        in.remove_prefix(1);
        break;
    }
    if (!in.empty() && in != "[]") return std::nullopt;
    return out;
}

emitted_rule_set emit_rule_set(boost::json::object const& rules, std::string const& name, std::string const& partitions)
{
    return builder(rules).emit(name, partitions);
}

std::string emit_partitions_header(boost::json::object const& partitions, std::string const& label)
{
    std::string t = "// Generated by stratus-gen from " + label +
                    "/partitions.json. Do not edit.\n#ifndef STRATUS_SERVICES_PARTITIONS_HPP\n"
                    "#define STRATUS_SERVICES_PARTITIONS_HPP\n\n#include <stratus/endpoints/partitions.hpp>\n\n"
                    "#include <string_view>\n\nnamespace stratus::services {\n\nnamespace partitions_data {\n\n";
    std::string list;
    std::size_t i = 0;
    for (auto const& pv : partitions.at("partitions").as_array()) {
        auto const& p = pv.as_object();
        auto const& out = p.at("outputs").as_object();
        auto s = [&](json::object const& o, char const* k) {
            auto const* v = o.if_contains(k);
            return v && v->is_string() ? literal(v->get_string()) : std::string("{}");
        };
        auto b = [&](char const* k) {
            auto const* v = out.if_contains(k);
            return v && v->is_bool() && v->get_bool() ? std::string("true") : std::string("false");
        };
        auto const* rx = p.if_contains("regionRegex");
        if (!rx || !rx->is_string() || !stratus::endpoints::detail::pattern_supported(rx->get_string()))
            throw gen_error("partition " + s(p, "id") + ": regionRegex " + (rx ? json::serialize(*rx) : "(none)") +
                            " is outside the pattern subset stratus matches (endpoints/detail/region_pattern.hpp)");
        std::string regions = "regions_" + std::to_string(i++);
        t += "inline constexpr std::string_view " + regions + "[] = {";
        std::size_t n = 0;
        if (auto const* rs = p.if_contains("regions"))
            for (auto const& [k, v] : rs->as_object()) {
                t += (n++ ? ", " : "") + literal(k);
                (void)v;
            }
        if (n == 0) t += "{}";
        t += "};\n";
        std::string name = out.contains("name") ? s(out, "name") : s(p, "id");
        list += "    {" + s(p, "id") + ", " + s(p, "regionRegex") + ", " +
                (n == 0 ? "{}" : "std::span<std::string_view const>(" + regions + ")") + ", {" + name + ", " +
                s(out, "dnsSuffix") + ", " + s(out, "dualStackDnsSuffix") + ", " + s(out, "implicitGlobalRegion") +
                ", " + b("supportsFIPS") + ", " + b("supportsDualStack") + "}},\n";
    }
    t += "\ninline constexpr ::stratus::endpoints::partition list[] = {\n" + list + "};\n\n} // namespace partitions_data\n\n";
    t += "/// The partitions of " + label +
         "/partitions.json, for aws.partition.\ninline constexpr ::stratus::endpoints::partition_table partitions{"
         "partitions_data::list};\n\n} // namespace stratus::services\n\n#endif\n";
    return t;
}

std::string emit_rule_set_bundle(boost::json::object const& partitions, std::vector<rule_set_source> const& sources,
                                 std::string const& label)
{
    std::string t = emit_partitions_header(partitions, label);
    t += "\n// Generated by stratus-gen from the endpoint rule sets of " + label +
         ". Do not edit.\n#include <stratus/endpoints/rule_set.hpp>\n\n#include <cstdint>\n#include <span>\n"
         "#include <string_view>\n\n";
    std::string table;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        auto const& src = sources[i];
        std::string ns = "stratus_endpoint_bundle::rules_" + std::to_string(i);
        emitted_rule_set rs;
        try {
            rs = emit_rule_set(src.rules, "rules", "&::stratus::services::partitions");
        } catch (gen_error const& e) {
            throw gen_error(src.path + ": " + e.what());
        }
        t += "// " + src.service + "/" + src.version + ": " + std::to_string(rs.parameters) + " parameters, " +
             std::to_string(rs.rules) + " rules, " + std::to_string(rs.nodes) + " nodes\nnamespace " + ns + " {\n" +
             rs.text + "} // namespace " + ns + "\n\n";
        table += "    {" + literal(src.service) + ", &rules_" + std::to_string(i) + "::rules},\n";
    }
    t += "namespace stratus_endpoint_bundle {\n\nstruct entry {\n    std::string_view service;\n"
         "    ::stratus::endpoints::rule_set const* rules;\n};\n\ninline constexpr entry services[] = {\n" +
         (table.empty() ? std::string("    {{}, nullptr},\n") : table) + "};\n\n} // namespace stratus_endpoint_bundle\n";
    return t;
}

} // namespace stratus_gen
