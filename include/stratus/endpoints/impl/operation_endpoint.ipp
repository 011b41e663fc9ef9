#ifndef STRATUS_ENDPOINTS_IMPL_OPERATION_ENDPOINT_IPP
#define STRATUS_ENDPOINTS_IMPL_OPERATION_ENDPOINT_IPP

#include <stratus/endpoints/operation_endpoint.hpp>

#include <stratus/endpoints/resolve.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace stratus::endpoints {

namespace detail {

// Reads what contextParam and operationContextParams bindings name: top-level
// string and boolean members (as views into the input), and the strings at
// member paths (copied, in the input's order). Descends only into members
// on the way to a path.
class context_reader final : public protocol::value_writer {
public:
    explicit context_reader(operation_info const& op) : op_(op), found_(op.endpoint_params.size()) {}

    /// The values found for binding i (members: at most one).
    std::vector<std::string> const& found(std::size_t i) const noexcept { return found_[i]; }
    std::optional<bool> flag(std::size_t i) const noexcept { return flags_.size() > i ? flags_[i] : std::nullopt; }

    void string(member_info const& m, std::string_view v) override { leaf(m, v); }
    void boolean(member_info const& m, bool v) override
    {
        if (!stack_.empty()) return;
        for (std::size_t i = 0; i < op_.endpoint_params.size(); ++i) {
            auto const& b = op_.endpoint_params[i];
            if (b.from == endpoint_param_binding::source::member && b.text == m.name) {
                flags_.resize(op_.endpoint_params.size());
                flags_[i] = v;
            }
        }
    }
    void integer(member_info const&, std::int64_t) override {}
    void floating(member_info const&, double) override {}
    void time(member_info const&, timestamp) override {}
    void bytes(member_info const&, std::string_view) override {}
    void stream(member_info const&, streaming_body const&) override {}
    void json(member_info const&, document const&) override {}
    bool begin_structure(member_info const& m, shape_info const&) override { return enter(m); }
    void end_structure() override { stack_.pop_back(); }
    bool begin_list(member_info const& m, std::size_t) override { return enter(m); }
    void end_list() override { stack_.pop_back(); }
    bool begin_map(member_info const& m, std::size_t) override { return enter(m); }
    void map_key(std::string_view key) override
    {
        for (std::size_t i = 0; i < op_.endpoint_params.size(); ++i)
            if (matches(i, "keys()", false)) found_[i].emplace_back(key);
    }
    void end_map() override { stack_.pop_back(); }

private:
    // A list item or map value has no name of its own: it is step "*".
    static std::string_view step_of(member_info const& m) noexcept { return m.name.empty() ? "*" : m.name; }

    // Whether binding i's path (one of its '|' alternatives) is the current
    // stack followed by `last` (or, with `prefix`, starts with them).
    bool matches(std::size_t i, std::string_view last, bool prefix) const noexcept
    {
        auto const& b = op_.endpoint_params[i];
        if (b.from != endpoint_param_binding::source::member_path) return false;
        std::string_view paths = b.text;
        while (true) {
            auto bar = paths.find('|');
            std::string_view path = paths.substr(0, bar);
            bool ok = true;
            for (std::size_t d = 0; ok && d <= stack_.size(); ++d) {
                auto dot = path.find('.');
                std::string_view step = path.substr(0, dot);
                ok = step == (d < stack_.size() ? stack_[d] : last);
                if (!ok) break;
                path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
                if (d == stack_.size()) ok = prefix ? true : dot == std::string_view::npos;
                else if (dot == std::string_view::npos) ok = false;
            }
            if (ok) return true;
            if (bar == std::string_view::npos) return false;
            paths.remove_prefix(bar + 1);
        }
    }

    bool enter(member_info const& m)
    {
        for (std::size_t i = 0; i < op_.endpoint_params.size(); ++i)
            if (matches(i, step_of(m), true)) {
                stack_.push_back(step_of(m));
                return true;
            }
        return false;
    }

    void leaf(member_info const& m, std::string_view v)
    {
        for (std::size_t i = 0; i < op_.endpoint_params.size(); ++i) {
            auto const& b = op_.endpoint_params[i];
            if (b.from == endpoint_param_binding::source::member ? stack_.empty() && b.text == m.name
                                                                   : matches(i, step_of(m), false))
                found_[i].emplace_back(v);
        }
    }

    operation_info const& op_;
    std::vector<std::vector<std::string>> found_;
    std::vector<std::optional<bool>> flags_;
    std::vector<std::string_view> stack_;
};

inline argument builtin(endpoint_settings const& e, std::string const& region, std::string_view name)
{
    if (name == "AWS::Region") return argument::of(std::string_view(region));
    if (name == "AWS::UseFIPS") return argument::of(e.use_fips);
    if (name == "AWS::UseDualStack") return argument::of(e.use_dualstack);
    if (name == "SDK::Endpoint") return e.url ? argument::of(std::string_view(*e.url)) : argument{};
    if (name == "AWS::S3::ForcePathStyle") return argument::of(e.s3_force_path_style);
    if (name == "AWS::S3::Accelerate") return argument::of(e.s3_accelerate);
    if (name == "AWS::S3::UseArnRegion") return argument::of(e.s3_use_arn_region);
    if (name == "AWS::S3Control::UseArnRegion") return argument::of(e.s3control_use_arn_region);
    if (name == "AWS::S3::DisableMultiRegionAccessPoints") return argument::of(e.s3_disable_mrap);
    if (name == "AWS::S3::UseGlobalEndpoint") return argument::of(e.s3_use_global_endpoint);
    if (name == "AWS::STS::UseGlobalEndpoint") return argument::of(e.sts_use_global_endpoint);
    if (name == "AWS::Auth::AccountIdEndpointMode") return argument::of(std::string_view(e.account_id_endpoint_mode));
    // AWS::Auth::AccountId: credentials carry no account id yet, so the rule
    // sets take their regional endpoints (botocore's behaviour without one).
    return {};
}

} // namespace detail

namespace detail {

// The rule-set arguments of one call, with the storage their views need.
struct bound_arguments {
    std::array<argument, 48> local{};
    std::vector<argument> heap;
    std::span<argument> args;
    std::string account_id;
    std::optional<context_reader> reader;
};

inline void bind(bound_arguments& b, client_context const& ctx, rule_set const& rules, operation_info const& op,
                 protocol::input_shape const& in)
{
    auto& args = b.args;
    if (rules.parameters.size() > b.local.size()) {
        b.heap.resize(rules.parameters.size());
        args = b.heap;
    } else {
        args = std::span<argument>(b.local.data(), rules.parameters.size());
    }
    // Lowest precedence first: builtIns, then members, then static values.
    for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
        auto const& p = rules.parameters[i];
        if (p.built_in.empty()) continue;
        if (p.built_in == "AWS::Auth::AccountId") {
            // The account id of the credentials, for rule sets that route by
            // it. A failure here is the signer's to report, with its own message.
            if (!ctx.credentials) continue;
            if (auto c = ctx.credentials->resolve(); c && c->account_id) {
                b.account_id = *c->account_id;
                args[i] = argument::of(std::string_view(b.account_id));
            }
            continue;
        }
        args[i] = builtin(ctx.endpoint_settings, ctx.region, p.built_in);
    }
    for (auto const& e : op.endpoint_params)
        if (e.from == endpoint_param_binding::source::member || e.from == endpoint_param_binding::source::member_path)
            if (!b.reader && in.walk) {
                b.reader.emplace(op);
                in.write(*b.reader);
            }
    if (b.reader) {
        for (std::size_t i = 0; i < op.endpoint_params.size(); ++i) {
            auto const& e = op.endpoint_params[i];
            if (e.parameter >= args.size()) continue;
            auto const& values = b.reader->found(i);
            if (e.from == endpoint_param_binding::source::member) {
                if (auto f = b.reader->flag(i)) args[e.parameter] = argument::of(*f);
                else if (!values.empty()) args[e.parameter] = argument::of(std::string_view(values.front()));
            } else if (e.from == endpoint_param_binding::source::member_path) {
                if (rules.parameters[e.parameter].type == param_type::string_array)
                    args[e.parameter] = argument::of(std::span<std::string const>(values));
                else if (!values.empty())
                    args[e.parameter] = argument::of(std::string_view(values.front()));
            }
        }
    }
    for (auto const& e : op.endpoint_params) {
        if (e.parameter >= args.size()) continue;
        if (e.from == endpoint_param_binding::source::static_bool) args[e.parameter] = argument::of(e.flag);
        else if (e.from == endpoint_param_binding::source::static_string) args[e.parameter] = argument::of(e.text);
    }
}

// The arguments as one string: the cache key (lengths keep values apart).
inline std::string cache_key(std::span<argument const> args)
{
    std::string k;
    auto text = [&](std::string_view s) {
        k += std::to_string(s.size());
        k += ':';
        k += s;
    };
    for (auto const& a : args) {
        switch (a.kind) {
            case argument::kind_type::unset: k += 'u'; break;
            case argument::kind_type::boolean: k += a.boolean ? 't' : 'f'; break;
            case argument::kind_type::string:
                k += 's';
                text(a.string);
                break;
            case argument::kind_type::string_array:
                k += 'a';
                k += std::to_string(a.strings.size());
                for (auto const& s : a.strings) text(s);
                break;
        }
    }
    return k;
}

} // namespace detail

STRATUS_DECL result<endpoint> resolve_operation(client_context const& ctx, rule_set const& rules,
                                                operation_info const& op, protocol::input_shape const& in)
{
    detail::bound_arguments b;
    detail::bind(b, ctx, rules, op, in);
    auto r = resolve(rules, b.args);
    if (!r) {
        auto e = r.error();
        e.operation = std::string(op.name);
        return e;
    }
    return r;
}

STRATUS_DECL result<std::shared_ptr<call_endpoint const>> endpoint_for_call(client_context const& ctx,
                                                                           rule_set const& rules,
                                                                           operation_info const& op,
                                                                           protocol::input_shape const& in)
{
    detail::bound_arguments b;
    detail::bind(b, ctx, rules, op, in);
    auto key = detail::cache_key(b.args);
    if (auto hit = ctx.endpoint_cache.find(key)) return hit;

    auto with_operation = [&](error_info e) {
        e.operation = std::string(op.name);
        return e;
    };
    auto ep = resolve(rules, b.args);
    if (!ep) return with_operation(ep.error());
    auto url = http::parse_url(ep->url);
    if (!url) {
        auto e = url.error();
        e.code = errc::endpoint_resolution;
        e.message = "the endpoint rule set gave an unusable URL: " + e.message;
        return with_operation(std::move(e));
    }
    auto sign = signing_for(*ep);
    if (!sign) return with_operation(sign.error());
    auto out = std::make_shared<call_endpoint>();
    out->url = std::move(*url);
    for (auto const& [name, values] : ep->headers) {
        std::string joined;
        for (auto const& v : values) joined += (joined.empty() ? "" : ",") + v;
        out->headers.emplace_back(name, std::move(joined));
    }
    out->signing = std::move(*sign);
    ctx.endpoint_cache.insert(std::move(key), out);
    return std::shared_ptr<call_endpoint const>(std::move(out));
}

STRATUS_DECL result<signing> signing_for(endpoint const& ep)
{
    auto schemes = auth_schemes(ep);
    if (schemes.empty()) return signing{};
    std::string offered;
    for (auto& s : schemes) {
        if (s.name == "sigv4") return signing{std::move(s.signing_name), std::move(s.signing_region), s.disable_double_encoding};
        offered += (offered.empty() ? "" : ", ") + s.name;
    }
    return make_error(errc::unsupported, "the endpoint " + ep.url + " needs an auth scheme stratus does not support yet (" +
                                             offered + ")");
}

} // namespace stratus::endpoints

#endif
