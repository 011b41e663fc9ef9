#ifndef STRATUS_ENDPOINTS_IMPL_OPERATION_ENDPOINT_IPP
#define STRATUS_ENDPOINTS_IMPL_OPERATION_ENDPOINT_IPP

#include <stratus/endpoints/operation_endpoint.hpp>

#include <stratus/endpoints/resolve.hpp>

#include <array>
#include <vector>

namespace stratus::endpoints {

namespace detail {

// Reads the top-level string and boolean members that contextParam
// bindings name, as views into the input; skips everything nested.
class context_members final : public protocol::value_writer {
public:
    context_members(operation_info const& op, std::span<argument> args) : op_(op), args_(args) {}

    void string(member_info const& m, std::string_view v) override
    {
        if (auto i = wanted(m)) args_[*i] = argument::of(v);
    }
    void boolean(member_info const& m, bool v) override
    {
        if (auto i = wanted(m)) args_[*i] = argument::of(v);
    }
    void integer(member_info const&, std::int64_t) override {}
    void floating(member_info const&, double) override {}
    void time(member_info const&, timestamp) override {}
    void bytes(member_info const&, std::string_view) override {}
    void stream(member_info const&, streaming_body const&) override {}
    void json(member_info const&, document const&) override {}
    bool begin_structure(member_info const&, shape_info const&) override { return false; }
    void end_structure() override {}
    bool begin_list(member_info const&, std::size_t) override { return false; }
    void end_list() override {}
    bool begin_map(member_info const&, std::size_t) override { return false; }
    void map_key(std::string_view) override {}
    void end_map() override {}

private:
    std::optional<std::size_t> wanted(member_info const& m) const
    {
        for (auto const& b : op_.endpoint_params)
            if (b.from == endpoint_param_binding::source::member && b.text == m.name && b.parameter < args_.size())
                return b.parameter;
        return std::nullopt;
    }

    operation_info const& op_;
    std::span<argument> args_;
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
    bool members = false;
    for (auto const& b : op.endpoint_params) members = members || b.from == endpoint_param_binding::source::member;
    if (members && in.walk) {
        detail::context_members w(op, args);
        in.write(w);
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
