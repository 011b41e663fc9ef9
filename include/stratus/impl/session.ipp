#ifndef STRATUS_IMPL_SESSION_IPP
#define STRATUS_IMPL_SESSION_IPP

#include <stratus/credentials/chain.hpp>
#include <stratus/detail/text.hpp>
#include <stratus/protocol/encoding.hpp>
#include <stratus/session.hpp>

#include <boost/asio/io_context.hpp>

namespace stratus {
namespace detail {

struct session_state {
    stratus::environment env = stratus::environment::process();
    stratus::shared_config files;
    std::string profile;
    config_section const* profile_section = nullptr; // may be null for an absent implicit default
    std::optional<std::string> region;
    std::shared_ptr<credentials_provider> credentials;
    client_options defaults;
    std::unique_ptr<boost::asio::io_context> owned_context;
    boost::asio::any_io_executor executor;
};

// A setting with botocore's precedence: explicit option, environment
// variable, the profile in ~/.aws/config. `source` says where it came from.
struct setting {
    std::optional<std::string> value;
    std::string source;
};

inline setting lookup(session_state const& s, std::optional<std::string> const& option, std::string_view option_name,
                      std::initializer_list<std::string_view> env_names, std::string_view config_key)
{
    if (option) return {option, std::string(option_name) + " option"};
    for (auto name : env_names)
        if (auto v = s.env.get(name)) return {v, std::string(name)};
    if (s.profile_section && !config_key.empty())
        if (auto v = s.profile_section->get(config_key))
            return {std::string(*v), "'" + std::string(config_key) + "' in profile '" + s.profile + "'"};
    return {};
}

inline bool valid_region(std::string_view r)
{
    if (r.empty() || r.size() > 63 || r.front() == '-' || r.back() == '-') return false;
    for (char c : r)
        if (!(is_alnum(c) || c == '-')) return false;
    return true;
}

// "Elastic Beanstalk" -> "ELASTIC_BEANSTALK" (environment) / "elastic_beanstalk" (config key).
inline std::string service_key(std::string_view service_id, bool upper)
{
    std::string k;
    for (char c : service_id) k += (c == ' ' || c == '-') ? '_' : (upper ? to_upper(c) : to_lower(c));
    return k;
}

inline bool truthy(std::string_view v) { return iequals(trim(v), "true"); }

// botocore's configured-endpoint lookup (the "endpoint_url" settings of the
// shared config spec), most specific first.
inline setting configured_endpoint(session_state const& s, service_info const& svc, client_options const& opts)
{
    if (opts.endpoint_url) return {opts.endpoint_url, "endpoint_url option"};
    if (s.defaults.endpoint_url) return {s.defaults.endpoint_url, "session endpoint_url option"};
    bool ignore = false;
    if (auto v = s.env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ignore = truthy(*v);
    else if (s.profile_section)
        if (auto v = s.profile_section->get("ignore_configured_endpoint_urls")) ignore = truthy(*v);
    if (ignore) return {};

    auto const env_name = "AWS_ENDPOINT_URL_" + service_key(svc.service_id, true);
    if (auto v = s.env.get(env_name)) return {v, env_name};
    if (s.profile_section)
        if (auto services_name = s.profile_section->get("services"))
            if (auto const* sec = s.files.services(*services_name))
                if (auto v = sec->get(service_key(svc.service_id, false), "endpoint_url"))
                    return {std::string(*v), "'endpoint_url' for " + service_key(svc.service_id, false) +
                                                 " in services section '" + std::string(*services_name) + "'"};
    if (auto v = s.env.get("AWS_ENDPOINT_URL")) return {v, "AWS_ENDPOINT_URL"};
    if (s.profile_section)
        if (auto v = s.profile_section->get("endpoint_url"))
            return {std::string(*v), "'endpoint_url' in profile '" + s.profile + "'"};
    return {};
}

// A boolean setting: the option, then the environment, then config keys
// (plain "key" or nested "block.key"), then the default. Strings are true
// when they say "true" in any case (botocore's ensure_boolean).
inline bool flag_setting(session_state const& s, std::optional<bool> option,
                         std::initializer_list<std::string_view> env_names,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> config_keys, bool fallback)
{
    if (option) return *option;
    for (auto name : env_names)
        if (auto v = s.env.get(name)) return truthy(*v);
    if (s.profile_section)
        for (auto [block, key] : config_keys) {
            auto v = block.empty() ? s.profile_section->get(key) : s.profile_section->get(block, key);
            if (v) return truthy(*v);
        }
    return fallback;
}

// botocore's LEGACY_GLOBAL_STS_REGIONS: with sts_regional_endpoints=legacy
// these regions use the global sts.amazonaws.com.
inline bool legacy_global_sts_region(std::string_view r)
{
    for (std::string_view g : {"ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global",
                               "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
                               "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"})
        if (r == g) return true;
    return false;
}

// botocore's compute_endpoint_resolver_builtin_defaults.
inline result<endpoint_settings> resolve_endpoint_settings(session_state const& s, service_info const& svc,
                                                           client_options const& opts, std::string const& region,
                                                           std::optional<std::string> url)
{
    auto const& d = s.defaults;
    auto pick = [](auto const& a, auto const& b) { return a ? a : b; };
    endpoint_settings e;
    bool const s3 = svc.service_id == "S3";
    e.url = std::move(url);
    if (!e.url) {
        e.use_fips = flag_setting(s, pick(opts.use_fips_endpoint, d.use_fips_endpoint), {"AWS_USE_FIPS_ENDPOINT"},
                                  {{"", "use_fips_endpoint"}}, false);
        auto dual = pick(opts.use_dualstack_endpoint, d.use_dualstack_endpoint);
        if (!dual && s3 && s.profile_section)
            if (auto v = s.profile_section->get("s3", "use_dualstack_endpoint")) dual = truthy(*v);
        e.use_dualstack =
            flag_setting(s, dual, {"AWS_USE_DUALSTACK_ENDPOINT"}, {{"", "use_dualstack_endpoint"}}, false);
    }

    auto style = pick(opts.s3.addressing_style, d.s3.addressing_style);
    if (!style && s.profile_section) {
        if (auto v = s.profile_section->get("s3", "addressing_style")) {
            if (*v == "path") style = s3_addressing_style::path;
            else if (*v == "virtual") style = s3_addressing_style::virtual_hosted;
            else if (*v == "auto") style = s3_addressing_style::automatic;
            else
                return make_error(errc::invalid_config, "s3.addressing_style '" + std::string(*v) + "' in profile '" +
                                                            s.profile + "' must be auto, virtual or path");
        }
    }
    e.s3_force_path_style = style == s3_addressing_style::path;
    e.s3_accelerate = flag_setting(s, pick(opts.s3.use_accelerate_endpoint, d.s3.use_accelerate_endpoint), {},
                                   {{"s3", "use_accelerate_endpoint"}}, false);
    auto arn_region = pick(opts.s3.use_arn_region, d.s3.use_arn_region);
    e.s3_use_arn_region = flag_setting(s, arn_region, {"AWS_S3_USE_ARN_REGION"},
                                       {{"", "s3_use_arn_region"}, {"s3", "use_arn_region"}}, true);
    e.s3control_use_arn_region = flag_setting(s, arn_region, {"AWS_S3_USE_ARN_REGION"},
                                              {{"", "s3_use_arn_region"}, {"s3", "use_arn_region"}}, false);
    e.s3_disable_mrap = flag_setting(
        s, pick(opts.s3.disable_multiregion_access_points, d.s3.disable_multiregion_access_points),
        {"AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS"}, {{"s3", "s3_disable_multiregion_access_points"}}, false);

    // "legacy" (the default) or "regional", from the option or the settings.
    auto regional_setting = [&](std::optional<bool> option, std::string_view env, std::string_view key,
                                std::string_view block_key, bool fallback) -> result<bool> {
        if (option) return *option;
        std::optional<std::string> v;
        std::string source;
        if (auto ev = s.env.get(env)) v = *ev, source = std::string(env);
        else if (s.profile_section) {
            if (auto c = s.profile_section->get(key)) v = std::string(*c), source = "'" + std::string(key) + "'";
            else if (!block_key.empty())
                if (auto n = s.profile_section->get("s3", block_key))
                    v = std::string(*n), source = "'s3." + std::string(block_key) + "'";
        }
        if (!v) return fallback;
        if (*v == "regional") return true;
        if (*v == "legacy") return false;
        // (in_place_error: result<bool> could also take an error_info as its bool)
        return result<bool>(boost::system::in_place_error,
                            make_error(errc::invalid_config, source + " is '" + *v + "'; it must be 'legacy' or 'regional'"));
    };
    auto s3_regional = regional_setting(pick(opts.s3.us_east_1_regional_endpoint, d.s3.us_east_1_regional_endpoint),
                                        "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "s3_us_east_1_regional_endpoint",
                                        "us_east_1_regional_endpoint", false);
    if (!s3_regional) return s3_regional.error();
    e.s3_use_global_endpoint = !*s3_regional && region == "us-east-1";
    auto sts_regional =
        regional_setting(std::nullopt, "AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints", "", true);
    if (!sts_regional) return sts_regional.error();
    e.sts_use_global_endpoint = !e.url && !*sts_regional && legacy_global_sts_region(region);
    auto mode = detail::lookup(s, pick(opts.account_id_endpoint_mode, d.account_id_endpoint_mode),
                               "account_id_endpoint_mode", {"AWS_ACCOUNT_ID_ENDPOINT_MODE"}, "account_id_endpoint_mode");
    if (mode.value) {
        if (*mode.value != "preferred" && *mode.value != "required" && *mode.value != "disabled")
            return make_error(errc::invalid_config, "account_id_endpoint_mode '" + *mode.value + "' from " +
                                                        mode.source + " must be preferred, required or disabled");
        e.account_id_endpoint_mode = *mode.value;
    }
    return e;
}

inline result<std::shared_ptr<credentials_provider>> explicit_keys(std::optional<std::string> const& id,
                                                                   std::optional<std::string> const& secret,
                                                                   std::optional<std::string> const& token,
                                                                   std::string_view where)
{
    if (!id && !secret) return std::shared_ptr<credentials_provider>{};
    if (!id || !secret)
        return make_error(errc::no_credentials, std::string(where) + ": aws_access_key_id and aws_secret_access_key " +
                                                    "must be given together (only " +
                                                    (id ? "aws_access_key_id" : "aws_secret_access_key") + " was)");
    credentials c;
    c.access_key_id = *id;
    c.secret_access_key = *secret;
    if (token) c.session_token = *token;
    c.method = "explicit";
    return std::shared_ptr<credentials_provider>(std::make_shared<static_credentials_provider>(std::move(c)));
}

} // namespace detail

STRATUS_DECL result<session> session::create(session_options opts)
{
    auto s = std::make_shared<detail::session_state>();
    if (opts.environment) s->env = std::move(*opts.environment);

    auto files = shared_config::load(s->env);
    if (!files) return files.error();
    s->files = std::move(*files);

    auto profile = resolve_profile(opts.profile_name, s->env, s->files);
    if (!profile) return profile.error();
    s->profile = profile->name;
    s->profile_section = s->files.profile(s->profile);

    auto region = detail::lookup(*s, opts.region_name, "region_name", {"AWS_REGION", "AWS_DEFAULT_REGION"}, "region");
    if (region.value) {
        if (!detail::valid_region(*region.value))
            return make_error(errc::invalid_config, "region '" + *region.value + "' from " + region.source +
                                                        " is not a valid region name");
        s->region = std::move(region.value);
    }

    auto keys = detail::explicit_keys(opts.aws_access_key_id, opts.aws_secret_access_key, opts.aws_session_token,
                                      "session options");
    if (!keys) return keys.error();
    if (*keys) s->credentials = std::move(*keys);
    else if (opts.credentials_provider) s->credentials = std::move(opts.credentials_provider);
    else s->credentials = default_chain(s->env, s->files, *profile);

    s->defaults = std::move(opts.defaults);
    if (opts.executor) {
        s->executor = std::move(opts.executor);
    } else {
        s->owned_context = std::make_unique<boost::asio::io_context>(1);
        s->executor = s->owned_context->get_executor();
    }
    return session(std::move(s));
}

STRATUS_DECL session::session() : session(session_options{}) {}

STRATUS_DECL session::session(session_options opts)
{
    auto r = create(std::move(opts));
    if (!r) throw_error(r.error());
    s_ = std::move(r->s_);
}

STRATUS_DECL std::string const& session::profile_name() const noexcept { return s_->profile; }
STRATUS_DECL std::optional<std::string> const& session::region_name() const noexcept { return s_->region; }
STRATUS_DECL std::vector<std::string> session::available_profiles() const { return s_->files.profile_names(); }
STRATUS_DECL session::executor_type session::get_executor() const noexcept { return s_->executor; }
STRATUS_DECL boost::asio::io_context* session::context() const noexcept { return s_->owned_context.get(); }

STRATUS_DECL result<credentials> session::get_credentials() const
{
    if (!s_->credentials) return make_error(errc::no_credentials, "no credentials provider is configured");
    return s_->credentials->resolve();
}

STRATUS_DECL result<std::shared_ptr<client_context>> session::make_client_context(service_info const& svc,
                                                                                 client_options const& opts) const
{
    auto const& s = *s_;
    auto const& d = s.defaults;
    auto pick = [](auto const& a, auto const& b) { return a ? a : b; };

    http::client_config http_cfg;
    if (auto v = pick(opts.connect_timeout, d.connect_timeout)) http_cfg.connect_timeout = *v;
    if (auto v = pick(opts.read_timeout, d.read_timeout)) http_cfg.read_timeout = *v;
    if (auto v = pick(opts.max_pool_connections, d.max_pool_connections)) http_cfg.max_pool_connections = *v;
    if (auto v = pick(opts.verify, d.verify)) http_cfg.verify_tls = *v;
    if (auto v = detail::lookup(s, pick(opts.ca_bundle, d.ca_bundle), "ca_bundle", {"AWS_CA_BUNDLE"}, "ca_bundle");
        v.value)
        http_cfg.ca_bundle = *v.value;

    auto ctx = std::make_shared<client_context>(s.executor, http_cfg);
    ctx->service = svc;
    if (auto l = pick(opts.logger, d.logger)) ctx->logger = *l;

    // Region: the client's, else the session's.
    auto region = opts.region_name ? opts.region_name : s.region;
    if (!region)
        return make_error(errc::missing_region,
                          "no region for " + std::string(svc.service_id) +
                              ": set region_name, AWS_REGION or AWS_DEFAULT_REGION, or 'region' in profile '" +
                              s.profile + "' of the config file");
    if (!detail::valid_region(*region))
        return make_error(errc::invalid_config, "region_name '" + *region + "' is not a valid region name");
    ctx->region = *region;

    // Endpoint: a configured endpoint_url, else the regional endpoint.
    std::optional<std::string> configured_url;
    if (auto ep = detail::configured_endpoint(s, svc, opts); ep.value) {
        configured_url = ep.value;
        auto url = http::parse_url(*ep.value);
        if (!url) {
            auto e = url.error();
            e.message += " (from " + ep.source + ")";
            return e;
        }
        ctx->endpoint = std::move(*url);
        ctx->custom_endpoint = true;
        ctx->endpoint_source = ep.source;
    }
    auto settings = detail::resolve_endpoint_settings(
        s, svc, opts, ctx->region, std::move(configured_url));
    if (!settings) return settings.error();
    ctx->endpoint_settings = std::move(*settings);
    if (!ctx->custom_endpoint) {
        // The fallback of services without a rule set, and what
        // basic_client::endpoint() shows; generated clients resolve their
        // service's rule set for every call.
        auto const suffix = ctx->region.starts_with("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";
        ctx->endpoint.scheme = "https";
        ctx->endpoint.host = std::string(svc.endpoint_prefix) + "." + ctx->region + suffix;
        ctx->endpoint_source = "the regional endpoint";
    }

    // Retries.
    auto mode_setting = detail::lookup(s, std::nullopt, "retry_mode", {"AWS_RETRY_MODE"}, "retry_mode");
    if (auto m = pick(opts.retry_mode, d.retry_mode)) ctx->retry.mode = *m;
    else if (mode_setting.value) {
        auto m2 = parse_retry_mode(*mode_setting.value, mode_setting.source);
        if (!m2) return m2.error();
        ctx->retry.mode = *m2;
    }
    if (auto n = pick(opts.max_attempts, d.max_attempts)) {
        if (*n < 1) return make_error(errc::invalid_config, "max_attempts option must be >= 1");
        ctx->retry.max_attempts = *n;
    } else if (auto ma = detail::lookup(s, std::nullopt, "max_attempts", {"AWS_MAX_ATTEMPTS"}, "max_attempts");
               ma.value) {
        auto n2 = parse_max_attempts(*ma.value, ma.source);
        if (!n2) return n2.error();
        ctx->retry.max_attempts = *n2;
    }

    // Request compression.
    ctx->compression.disabled =
        detail::flag_setting(s, pick(opts.disable_request_compression, d.disable_request_compression),
                             {"AWS_DISABLE_REQUEST_COMPRESSION"}, {{"", "disable_request_compression"}}, false);
    if (auto n = pick(opts.request_min_compression_size_bytes, d.request_min_compression_size_bytes)) {
        if (*n > max_request_min_compression_size)
            return make_error(errc::invalid_config, "request_min_compression_size_bytes option must be between 0 and " +
                                                        std::to_string(max_request_min_compression_size));
        ctx->compression.min_size = *n;
    } else if (auto ms = detail::lookup(s, std::nullopt, "request_min_compression_size_bytes",
                                        {"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES"}, "request_min_compression_size_bytes");
               ms.value) {
        auto v = protocol::parse_int64(*ms.value);
        if (!v || *v < 0 || static_cast<std::uint64_t>(*v) > max_request_min_compression_size)
            return make_error(errc::invalid_config, "request_min_compression_size_bytes '" + *ms.value + "' from " +
                                                        ms.source + " must be an integer between 0 and " +
                                                        std::to_string(max_request_min_compression_size));
        ctx->compression.min_size = static_cast<std::size_t>(*v);
    }

    // Credentials: explicit client keys, the client's provider, then the same
    // two from the session's client defaults, then the session's own.
    auto keys = detail::explicit_keys(opts.aws_access_key_id, opts.aws_secret_access_key, opts.aws_session_token,
                                      "client options");
    if (!keys) return keys.error();
    auto default_keys = detail::explicit_keys(d.aws_access_key_id, d.aws_secret_access_key, d.aws_session_token,
                                              "session client defaults");
    if (!default_keys) return default_keys.error();
    if (*keys) ctx->credentials = std::move(*keys);
    else if (opts.credentials_provider) ctx->credentials = opts.credentials_provider;
    else if (*default_keys) ctx->credentials = std::move(*default_keys);
    else if (d.credentials_provider) ctx->credentials = d.credentials_provider;
    else ctx->credentials = s.credentials;
    return ctx;
}

} // namespace stratus

#endif
