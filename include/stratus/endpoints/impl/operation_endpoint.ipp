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

STRATUS_DECL result<endpoint> resolve_operation(client_context const& ctx, rule_set const& rules,
                                                operation_info const& op, protocol::input_shape const& in)
{
    std::array<argument, 48> local{};
    std::vector<argument> heap;
    std::span<argument> args;
    if (rules.parameters.size() > local.size()) {
        heap.resize(rules.parameters.size());
        args = heap;
    } else {
        args = std::span<argument>(local.data(), rules.parameters.size());
    }
    // Lowest precedence first: builtIns, then members, then static values.
    for (std::size_t i = 0; i < rules.parameters.size(); ++i)
        if (!rules.parameters[i].built_in.empty())
            args[i] = detail::builtin(ctx.endpoint_settings, ctx.region, rules.parameters[i].built_in);
    // The account id of the credentials, for rule sets that route by it.
    std::string account_id;
    for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
        if (rules.parameters[i].built_in != "AWS::Auth::AccountId" || !ctx.credentials) continue;
        // A failure here is the signer's to report, with its own message.
        if (auto c = ctx.credentials->resolve(); c && c->account_id) {
            account_id = *c->account_id;
            args[i] = argument::of(std::string_view(account_id));
        }
    }
    std::optional<detail::context_reader> reader;
    for (auto const& b : op.endpoint_params)
        if (b.from == endpoint_param_binding::source::member || b.from == endpoint_param_binding::source::member_path)
            if (!reader && in.walk) {
                reader.emplace(op);
                in.write(*reader);
            }
    if (reader) {
        for (std::size_t i = 0; i < op.endpoint_params.size(); ++i) {
            auto const& b = op.endpoint_params[i];
            if (b.parameter >= args.size()) continue;
            auto const& values = reader->found(i);
            if (b.from == endpoint_param_binding::source::member) {
                if (auto f = reader->flag(i)) args[b.parameter] = argument::of(*f);
                else if (!values.empty()) args[b.parameter] = argument::of(std::string_view(values.front()));
            } else if (b.from == endpoint_param_binding::source::member_path) {
                if (rules.parameters[b.parameter].type == param_type::string_array)
                    args[b.parameter] = argument::of(std::span<std::string const>(values));
                else if (!values.empty())
                    args[b.parameter] = argument::of(std::string_view(values.front()));
            }
        }
    }
    for (auto const& b : op.endpoint_params) {
        if (b.parameter >= args.size()) continue;
        if (b.from == endpoint_param_binding::source::static_bool) args[b.parameter] = argument::of(b.flag);
        else if (b.from == endpoint_param_binding::source::static_string) args[b.parameter] = argument::of(b.text);
    }
    auto r = resolve(rules, args);
    if (!r) {
        auto e = r.error();
        e.operation = std::string(op.name);
        return e;
    }
    return r;
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
