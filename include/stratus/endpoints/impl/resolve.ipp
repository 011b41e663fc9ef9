#ifndef STRATUS_ENDPOINTS_IMPL_RESOLVE_IPP
#define STRATUS_ENDPOINTS_IMPL_RESOLVE_IPP

#include <stratus/endpoints/resolve.hpp>

#include <stratus/detail/uri_encode.hpp>
#include <stratus/endpoints/functions.hpp>
#include <stratus/endpoints/partitions.hpp>

#include <cstddef>
#include <cstring>
#include <memory>
#include <memory_resource>

namespace stratus::endpoints {

namespace detail {

// A value while rules run. Strings are views: into the arguments, the rule
// set's literals, the partition table, or the evaluation's arena.
struct value {
    enum class kind_type : std::uint8_t { none, boolean, integer, string, strings, partition, arn, url };
    kind_type kind = kind_type::none;
    bool boolean = false;
    std::int64_t integer = 0;
    std::string_view string{};
    void const* object = nullptr; ///< partition_outputs, arn, url_value, or the first string_view of `strings`
    std::size_t size = 0;         ///< number of strings

    static value of(bool b) noexcept
    {
        value v;
        v.kind = kind_type::boolean;
        v.boolean = b;
        return v;
    }
    static value of(std::string_view s) noexcept
    {
        value v;
        v.kind = kind_type::string;
        v.string = s;
        return v;
    }
    static value of(kind_type k, void const* p) noexcept
    {
        value v;
        v.kind = k;
        v.object = p;
        return v;
    }
};

// parseURL's result with its normalized path in the arena.
struct url_value {
    std::string_view scheme, authority, path, normalized_path;
    bool is_ip = false;
};

class evaluator {
public:
    evaluator(rule_set const& rs, value* slots) : rs_(rs), slots_(slots) {}

    enum class outcome { no_match, endpoint, error };

    outcome run_rules(std::uint32_t first, std::uint32_t count)
    {
        for (std::uint32_t i = 0; i < count; ++i) {
            auto o = run_rule(rs_.rules[first + i]);
            if (o != outcome::no_match) return o;
        }
        return outcome::no_match;
    }

    value eval(std::uint32_t index)
    {
        node const& n = rs_.nodes[index];
        switch (n.kind) {
            case node_kind::boolean: return value::of(n.flag);
            case node_kind::integer: {
                value v;
                v.kind = value::kind_type::integer;
                v.integer = n.number;
                return v;
            }
            case node_kind::string: return value::of(n.text);
            case node_kind::templated: return value::of(expand(n));
            case node_kind::reference: return slots_[n.slot];
            case node_kind::call: return call(n);
            case node_kind::list: {
                auto* items = make_array<std::string_view>(n.count);
                for (std::uint32_t i = 0; i < n.count; ++i) items[i] = text_of(eval(n.first + i), "a list element");
                value v;
                v.kind = value::kind_type::strings;
                v.object = items;
                v.size = n.count;
                return v;
            }
            case node_kind::object: fail("an object is not a value"); return {};
        }
        return {};
    }

    value argument_value(argument const& a, parameter const& p)
    {
        using k = argument::kind_type;
        switch (a.kind) {
            case k::unset: return {};
            case k::boolean:
                if (p.type != param_type::boolean) break;
                return value::of(a.boolean);
            case k::string:
                if (p.type != param_type::string) break;
                return value::of(a.string);
            case k::string_array: {
                if (p.type != param_type::string_array) break;
                auto* items = make_array<std::string_view>(a.strings.size());
                for (std::size_t i = 0; i < a.strings.size(); ++i) items[i] = a.strings[i];
                value v;
                v.kind = value::kind_type::strings;
                v.object = items;
                v.size = a.strings.size();
                return v;
            }
        }
        static constexpr char const* type_names[] = {"str", "bool", "tuple"};
        fail("Value (" + std::string(p.name) + ") is the wrong type. Must be <class '" +
             type_names[static_cast<int>(p.type)] + "'>.");
        return {};
    }

    bool failed() const noexcept { return !error_.empty(); }
    std::string& error() noexcept { return error_; }
    void fail(std::string why)
    {
        if (error_.empty()) error_ = std::move(why);
    }

    endpoint result{};

private:
    static bool truthy(value const& v) noexcept
    {
        return !(v.kind == value::kind_type::none || (v.kind == value::kind_type::boolean && !v.boolean));
    }

    // Python's truth value, for `not`.
    static bool python_truthy(value const& v) noexcept
    {
        switch (v.kind) {
            case value::kind_type::none: return false;
            case value::kind_type::boolean: return v.boolean;
            case value::kind_type::integer: return v.integer != 0;
            case value::kind_type::string: return !v.string.empty();
            case value::kind_type::strings: return v.size != 0;
            default: return true;
        }
    }

    outcome run_rule(rule const& r)
    {
        for (std::uint32_t i = 0; i < r.conditions_count; ++i) {
            condition const& c = rs_.conditions[r.conditions_first + i];
            value v = eval(c.call);
            if (failed()) return outcome::error;
            if (c.assign != no_slot) slots_[c.assign] = v;
            if (!truthy(v)) return outcome::no_match;
        }
        switch (r.kind) {
            case rule_kind::tree: return run_rules(r.rules_first, r.rules_count);
            case rule_kind::error: {
                auto msg = text_of(eval(r.value), "an error message");
                fail(std::string(msg));
                return outcome::error;
            }
            case rule_kind::endpoint: {
                result.url = text_of(eval(r.value), "an endpoint URL");
                if (r.headers != npos) {
                    node const& h = rs_.nodes[r.headers];
                    for (std::uint32_t i = 0; i < h.count; ++i) {
                        node const& list = rs_.nodes[h.first + i];
                        std::vector<std::string> values;
                        for (std::uint32_t j = 0; j < list.count; ++j)
                            values.emplace_back(text_of(eval(list.first + j), "a header value"));
                        result.headers.emplace_back(std::string(list.key), std::move(values));
                    }
                }
                if (r.properties != npos) result.properties = make_property(r.properties);
                else result.properties.kind = property::kind_type::object;
                return failed() ? outcome::error : outcome::endpoint;
            }
        }
        return outcome::no_match;
    }

    property make_property(std::uint32_t index)
    {
        node const& n = rs_.nodes[index];
        property p;
        switch (n.kind) {
            case node_kind::boolean:
                p.kind = property::kind_type::boolean;
                p.boolean = n.flag;
                break;
            case node_kind::integer:
                p.kind = property::kind_type::integer;
                p.integer = n.number;
                break;
            case node_kind::string:
            case node_kind::templated:
            case node_kind::reference:
            case node_kind::call:
                p.kind = property::kind_type::string;
                p.string = text_of(eval(index), "a property");
                break;
            case node_kind::list:
            case node_kind::object:
                p.kind = n.kind == node_kind::list ? property::kind_type::list : property::kind_type::object;
                p.items.reserve(n.count);
                if (n.kind == node_kind::object) p.keys.reserve(n.count);
                for (std::uint32_t i = 0; i < n.count; ++i) {
                    p.items.push_back(make_property(n.first + i));
                    if (n.kind == node_kind::object) p.keys.emplace_back(rs_.nodes[n.first + i].key);
                }
                break;
        }
        return p;
    }

    std::string_view text_of(value const& v, char const* what)
    {
        switch (v.kind) {
            case value::kind_type::string: return v.string;
            // Python's str() of a bool, as botocore's templates print it.
            case value::kind_type::boolean: return v.boolean ? "True" : "False";
            default: fail(std::string(what) + " is not a string"); return {};
        }
    }

    std::string_view expand(node const& n)
    {
        // Two passes: measure, then write once into the arena.
        std::string_view parts[16];
        std::size_t total = 0;
        if (n.count > std::size(parts)) {
            fail("a template has too many parts");
            return {};
        }
        for (std::uint32_t i = 0; i < n.count; ++i) {
            parts[i] = text_of(eval(n.first + i), "a template's value");
            total += parts[i].size();
        }
        char* out = make_array<char>(total);
        char* p = out;
        for (std::uint32_t i = 0; i < n.count; ++i) {
            if (!parts[i].empty()) std::memcpy(p, parts[i].data(), parts[i].size());
            p += parts[i].size();
        }
        return {out, total};
    }

    template <class T>
    T* make_array(std::size_t n)
    {
        if (n == 0) return nullptr;
        return static_cast<T*>(arena_.allocate(n * sizeof(T), alignof(T)));
    }

    std::string_view store(std::string_view s)
    {
        char* out = make_array<char>(s.size());
        if (!s.empty()) std::memcpy(out, s.data(), s.size());
        return {out, s.size()};
    }

    static bool is_string(value const& v) noexcept { return v.kind == value::kind_type::string; }

    value call(node const& n)
    {
        auto arg = [&](std::uint32_t i) { return i < n.count ? eval(n.first + i) : value{}; };
        using k = value::kind_type;
        switch (n.fn) {
            case function::boolean_equals: {
                auto a = arg(0), b = arg(1);
                if (a.kind != k::boolean || b.kind != k::boolean) {
                    fail("Both arguments must be bools.");
                    return {};
                }
                return value::of(a.boolean == b.boolean);
            }
            case function::string_equals: {
                auto a = arg(0), b = arg(1);
                if (!is_string(a) || !is_string(b)) {
                    fail("Both values must be strings.");
                    return {};
                }
                return value::of(a.string == b.string);
            }
            case function::is_set: return value::of(arg(0).kind != k::none);
            case function::not_: return value::of(!python_truthy(arg(0)));
            case function::get_attr: {
                auto v = arg(0);
                auto path = arg(1);
                if (!is_string(path)) {
                    fail("getAttr needs a path");
                    return {};
                }
                return get_attr(v, path.string);
            }
            case function::substring: {
                auto s = arg(0), start = arg(1), stop = arg(2), rev = arg(3);
                if (!is_string(s)) {
                    fail("Input must be a string.");
                    return {};
                }
                auto r = endpoints::substring(s.string, start.integer, stop.integer, rev.kind == k::boolean && rev.boolean);
                return r ? value::of(*r) : value{};
            }
            case function::parse_url: {
                auto s = arg(0);
                if (!is_string(s)) return {};
                auto u = endpoints::parse_url(s.string);
                if (!u) return {};
                auto* uv = make_array<url_value>(1);
                new (uv) url_value{u->scheme, u->authority, u->path, store(u->normalized_path), u->is_ip};
                return value::of(k::url, uv);
            }
            case function::is_valid_host_label: {
                auto s = arg(0), sub = arg(1);
                if (!is_string(s)) return value::of(false);
                return value::of(endpoints::is_valid_host_label(s.string, sub.kind == k::boolean && sub.boolean));
            }
            case function::uri_encode: {
                auto s = arg(0);
                if (!is_string(s)) return {};
                // Measured, then written once into the arena.
                auto n = stratus::detail::uri_encoded_size(s.string);
                char* out = make_array<char>(n);
                stratus::detail::uri_encode_into(out, s.string);
                return value::of(std::string_view(out, n));
            }
            case function::aws_partition: {
                auto s = arg(0);
                if (!rs_.partitions) {
                    fail("the rule set has no partition table");
                    return {};
                }
                auto const* p = find_partition(*rs_.partitions, is_string(s) ? s.string : std::string_view{});
                if (!is_string(s)) p = rs_.partitions->partitions.empty() ? nullptr
                                                                          : &rs_.partitions->partitions.front().outputs;
                return p ? value::of(k::partition, p) : value{};
            }
            case function::aws_parse_arn: {
                auto s = arg(0);
                if (!is_string(s)) return {};
                auto a = endpoints::parse_arn(s.string);
                if (!a) return {};
                auto* av = make_array<arn>(1);
                new (av) arn(*a);
                return value::of(k::arn, av);
            }
            case function::aws_is_virtual_hostable_s3_bucket: {
                auto s = arg(0), sub = arg(1);
                if (!is_string(s)) return value::of(false);
                return value::of(
                    endpoints::is_virtual_hostable_s3_bucket(s.string, sub.kind == k::boolean && sub.boolean));
            }
        }
        fail("unknown function");
        return {};
    }

    // getAttr paths: "name", "name[2]", "[0]", or dotted ("a.b").
    value get_attr(value v, std::string_view path)
    {
        using k = value::kind_type;
        while (!path.empty()) {
            auto dot = path.find('.');
            auto part = path.substr(0, dot);
            path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
            std::string_view name = part;
            std::optional<std::size_t> index;
            if (auto open = part.find('['); open != std::string_view::npos && part.back() == ']') {
                name = part.substr(0, open);
                std::size_t i = 0;
                for (char c : part.substr(open + 1, part.size() - open - 2)) i = i * 10 + std::size_t(c - '0');
                index = i;
            }
            if (!name.empty()) v = member(v, name, index);
            else if (index) v = element(v, *index);
            if (v.kind == k::none) return v;
            // A part with an index ends the path (botocore returns there).
            if (index) return v;
        }
        return v;
    }

    value element(value const& v, std::size_t i)
    {
        if (v.kind != value::kind_type::strings || i >= v.size) return {};
        return value::of(static_cast<std::string_view const*>(v.object)[i]);
    }

    value member(value const& v, std::string_view name, std::optional<std::size_t> index)
    {
        using k = value::kind_type;
        switch (v.kind) {
            case k::partition: {
                auto const& p = *static_cast<partition_outputs const*>(v.object);
                if (name == "name") return value::of(p.name);
                if (name == "dnsSuffix") return value::of(p.dns_suffix);
                if (name == "dualStackDnsSuffix") return value::of(p.dual_stack_dns_suffix);
                if (name == "implicitGlobalRegion") return value::of(p.implicit_global_region);
                if (name == "supportsFIPS") return value::of(p.supports_fips);
                if (name == "supportsDualStack") return value::of(p.supports_dual_stack);
                break;
            }
            case k::arn: {
                auto const& a = *static_cast<arn const*>(v.object);
                if (name == "partition") return value::of(a.partition);
                if (name == "service") return value::of(a.service);
                if (name == "region") return value::of(a.region);
                if (name == "accountId") return value::of(a.account_id);
                if (name == "resourceId") {
                    if (!index) break; // the whole list is never a value in a rule set
                    auto r = a.resource_id(*index);
                    return r ? value::of(*r) : value{};
                }
                break;
            }
            case k::url: {
                auto const& u = *static_cast<url_value const*>(v.object);
                if (name == "scheme") return value::of(u.scheme);
                if (name == "authority") return value::of(u.authority);
                if (name == "path") return value::of(u.path);
                if (name == "normalizedPath") return value::of(u.normalized_path);
                if (name == "isIp") return value::of(u.is_ip);
                break;
            }
            default: break;
        }
        fail("getAttr: no attribute '" + std::string(name) + "'");
        return {};
    }

    rule_set const& rs_;
    value* slots_;
    std::string error_{};
    std::byte buffer_[2048];
    std::pmr::monotonic_buffer_resource arena_{buffer_, sizeof buffer_};
};

} // namespace detail

STRATUS_DECL result<endpoint> resolve(rule_set const& rules, std::span<argument const> args)
{
    detail::value local[64];
    std::unique_ptr<detail::value[]> heap;
    detail::value* slots = local;
    if (rules.slots > std::size(local)) {
        heap = std::make_unique<detail::value[]>(rules.slots);
        slots = heap.get();
    }
    detail::evaluator ev(rules, slots);

    for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
        auto const& p = rules.parameters[i];
        detail::value v;
        if (i < args.size()) v = ev.argument_value(args[i], p);
        if (v.kind == detail::value::kind_type::none && p.default_value != npos) v = ev.eval(p.default_value);
        if (v.kind == detail::value::kind_type::none && p.required)
            ev.fail("Cannot find value for required parameter " + std::string(p.name));
        if (ev.failed()) return make_error(errc::endpoint_resolution, std::move(ev.error()));
        slots[i] = v;
    }

    switch (ev.run_rules(rules.root_first, rules.root_count)) {
        case detail::evaluator::outcome::endpoint: return std::move(ev.result);
        case detail::evaluator::outcome::error: return make_error(errc::endpoint_resolution, std::move(ev.error()));
        case detail::evaluator::outcome::no_match: break;
    }
    return make_error(errc::endpoint_resolution, "no rule of the endpoint rule set matched the parameters");
}

} // namespace stratus::endpoints

#endif
