#include <stratus/session.hpp>

#include "../../support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace stratus;
using vars = std::map<std::string, std::string, std::less<>>;

namespace {

struct s3_like {
    static constexpr service_info info{"S3", "s3", "s3", true};
    using client_type = basic_client;
};

struct beanstalk_like {
    static constexpr service_info info{"Elastic Beanstalk", "elasticbeanstalk", "elasticbeanstalk", false};
    using client_type = basic_client;
};

// An environment whose config files live in `dir` (empty unless written).
vars files_in(test::temp_dir const& dir, std::string_view config = "", std::string_view credentials = "")
{
    return {{"AWS_CONFIG_FILE", dir.write("config", config)},
            {"AWS_SHARED_CREDENTIALS_FILE", dir.write("credentials", credentials)},
            {"HOME", dir.path().string()}};
}

session make(vars env, session_options opts = {})
{
    opts.environment = environment::from_map(std::move(env));
    return session(std::move(opts));
}

error_info create_error(vars env, session_options opts = {})
{
    opts.environment = environment::from_map(std::move(env));
    auto r = session::create(std::move(opts));
    REQUIRE(r.has_error());
    return r.error();
}

} // namespace

TEST_CASE("session: region precedence is option, AWS_REGION, AWS_DEFAULT_REGION, profile")
{
    test::temp_dir dir;
    auto env = files_in(dir, "[default]\nregion = eu-west-1\n");
    CHECK(make(env).region_name() == "eu-west-1");
    env["AWS_DEFAULT_REGION"] = "eu-central-1";
    CHECK(make(env).region_name() == "eu-central-1");
    env["AWS_REGION"] = "ap-south-1";
    CHECK(make(env).region_name() == "ap-south-1");
    CHECK(make(env, {.region_name = "us-west-2"}).region_name() == "us-west-2");
    // A client's own region wins over the session's.
    auto client = make(env).client<s3_like>({.region_name = "sa-east-1"});
    CHECK(client.region_name() == "sa-east-1");
    CHECK(client.endpoint().to_string() == "https://s3.sa-east-1.amazonaws.com/");
}

TEST_CASE("session: profiles select region and settings; an unknown profile is an error")
{
    test::temp_dir dir;
    auto env = files_in(dir, "[default]\nregion = us-east-1\n[profile dev]\nregion = us-west-2\n",
                        "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n");
    CHECK(make(env).profile_name() == "default");
    CHECK(make(env, {.profile_name = "dev"}).region_name() == "us-west-2");
    auto with_env = env;
    with_env["AWS_PROFILE"] = "dev";
    auto s = make(with_env);
    CHECK(s.profile_name() == "dev");
    CHECK(s.get_credentials().value().access_key_id == "AKIDDEV");
    CHECK(s.available_profiles() == std::vector<std::string>{"default", "dev"});

    auto e = create_error(env, {.profile_name = "prod"});
    CHECK(e.code == errc::unknown_profile);
    CHECK_THAT(e.message, Catch::Contains("prod"));
    CHECK_THROWS_AS(make(env, {.profile_name = "prod"}), client_error);
}

TEST_CASE("session: a malformed config file stops the session with file and line")
{
    test::temp_dir dir;
    auto e = create_error(files_in(dir, "[default]\nregion = us-east-1\nthis is not a setting\n"));
    CHECK(e.code == errc::invalid_config);
    CHECK_THAT(e.message, Catch::Contains("config") && Catch::Contains(":3"));
}

TEST_CASE("session: a client without any region says where it looked")
{
    test::temp_dir dir;
    auto s = make(files_in(dir));
    CHECK_FALSE(s.region_name());
    auto r = s.try_client<s3_like>();
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::missing_region);
    CHECK_THAT(r.error().message, Catch::Contains("AWS_REGION") && Catch::Contains("region_name"));
    CHECK_THROWS_AS(s.client<s3_like>(), client_error);
}

TEST_CASE("session: invalid region names are refused before they reach a URL")
{
    test::temp_dir dir;
    auto env = files_in(dir);
    env["AWS_REGION"] = "us-east-1/../evil";
    auto e = create_error(env);
    CHECK(e.code == errc::invalid_config);
    CHECK_THAT(e.message, Catch::Contains("AWS_REGION"));

    auto s = make(files_in(dir), {.region_name = "us-east-1"});
    auto r = s.try_client<s3_like>({.region_name = "bad region"});
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
}

TEST_CASE("session: endpoint_url precedence as botocore's configured endpoints")
{
    test::temp_dir dir;
    auto env = files_in(dir,
                        "[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:1001\nservices = local\n"
                        "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:1002\n"
                        "elastic_beanstalk =\n  endpoint_url = http://127.0.0.1:1012\n");
    auto endpoint = [](vars const& e, client_options o = {}) {
        return make(e).client<s3_like>(o).endpoint().to_string();
    };
    CHECK(endpoint(env) == "http://127.0.0.1:1002/"); // services section beats the profile's endpoint_url
    CHECK(make(env).client<beanstalk_like>().endpoint().to_string() == "http://127.0.0.1:1012/");
    env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1003";
    CHECK(endpoint(env) == "http://127.0.0.1:1002/"); // ...and the global variable
    env["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:1004";
    CHECK(endpoint(env) == "http://127.0.0.1:1004/");
    CHECK(endpoint(env, {.endpoint_url = "http://127.0.0.1:1005"}) == "http://127.0.0.1:1005/");
    env["AWS_ENDPOINT_URL_ELASTIC_BEANSTALK"] = "http://127.0.0.1:1013";
    CHECK(make(env).client<beanstalk_like>().endpoint().to_string() == "http://127.0.0.1:1013/");

    // Ignoring configured endpoints leaves only the explicit option.
    env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
    CHECK(endpoint(env) == "https://s3.us-east-1.amazonaws.com/");
    CHECK(endpoint(env, {.endpoint_url = "http://127.0.0.1:1005"}) == "http://127.0.0.1:1005/");

    vars no_services = files_in(dir, "[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:1001\n");
    CHECK(endpoint(no_services) == "http://127.0.0.1:1001/");
}

TEST_CASE("session: an invalid endpoint_url names its source")
{
    test::temp_dir dir;
    auto env = files_in(dir, "[default]\nregion = us-east-1\n");
    env["AWS_ENDPOINT_URL_S3"] = "localhost:9000";
    auto r = make(env).try_client<s3_like>();
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_endpoint);
    CHECK_THAT(r.error().message, Catch::Contains("AWS_ENDPOINT_URL_S3") && Catch::Contains("localhost:9000"));
}

TEST_CASE("session: endpoint rule-set builtIns from options, environment and profile")
{
    test::temp_dir dir;
    auto settings = [](vars const& e, client_options const& o = {}) {
        auto ctx = make(e).make_client_context(s3_like::info, o);
        REQUIRE(ctx.has_value());
        return (*ctx)->endpoint_settings;
    };
    auto env = files_in(dir, "[default]\nregion = us-east-1\n");
    auto d = settings(env);
    CHECK_FALSE(d.url);
    CHECK_FALSE(d.use_fips);
    CHECK_FALSE(d.use_dualstack);
    CHECK_FALSE(d.s3_force_path_style);
    CHECK(d.s3_use_arn_region);        // botocore: s3 use_arn_region defaults to true
    CHECK_FALSE(d.s3control_use_arn_region);
    CHECK(d.s3_use_global_endpoint);   // us-east-1 with the legacy default: s3.amazonaws.com
    CHECK_FALSE(d.sts_use_global_endpoint); // sts_regional_endpoints defaults to regional
    CHECK(d.account_id_endpoint_mode == "preferred");

    // Environment, then the option over it.
    env["AWS_USE_FIPS_ENDPOINT"] = "True";
    env["AWS_USE_DUALSTACK_ENDPOINT"] = "true";
    env["AWS_S3_US_EAST_1_REGIONAL_ENDPOINT"] = "regional";
    env["AWS_STS_REGIONAL_ENDPOINTS"] = "legacy";
    env["AWS_S3_USE_ARN_REGION"] = "false";
    auto e = settings(env);
    CHECK(e.use_fips);
    CHECK(e.use_dualstack);
    CHECK_FALSE(e.s3_use_global_endpoint);
    CHECK(e.sts_use_global_endpoint); // us-east-1 is one of botocore's legacy global STS regions
    CHECK_FALSE(e.s3_use_arn_region);
    CHECK_FALSE(settings(env, {.use_fips_endpoint = false}).use_fips);
    CHECK_FALSE(settings(env, {.region_name = "eu-south-2"}).sts_use_global_endpoint); // not a legacy region

    // An endpoint_url turns FIPS and dual-stack off (botocore ignores both with one).
    auto u = settings(env, {.endpoint_url = "http://127.0.0.1:9000"});
    REQUIRE(u.url);
    CHECK(*u.url == "http://127.0.0.1:9000");
    CHECK_FALSE(u.use_fips);
    CHECK_FALSE(u.use_dualstack);
    CHECK_FALSE(u.sts_use_global_endpoint);

    // The profile's s3 block.
    auto p = files_in(dir, "[default]\nregion = us-west-2\nuse_fips_endpoint = true\n"
                           "s3 =\n  addressing_style = path\n  use_accelerate_endpoint = true\n"
                           "  use_dualstack_endpoint = true\n");
    auto ps = settings(p);
    CHECK(ps.use_fips);
    CHECK(ps.use_dualstack);
    CHECK(ps.s3_force_path_style);
    CHECK(ps.s3_accelerate);
    CHECK_FALSE(ps.s3_use_global_endpoint); // not us-east-1
    CHECK_FALSE(settings(p, {.s3 = {.addressing_style = s3_addressing_style::virtual_hosted}}).s3_force_path_style);
}

TEST_CASE("session: endpoint settings with values botocore refuses are errors naming them")
{
    test::temp_dir dir;
    auto env = files_in(dir, "[default]\nregion = us-east-1\ns3 =\n  addressing_style = sideways\n");
    auto r = make(env).try_client<s3_like>();
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
    CHECK_THAT(r.error().message, Catch::Contains("addressing_style") && Catch::Contains("sideways"));

    auto env2 = files_in(dir, "[default]\nregion = us-east-1\n");
    env2["AWS_STS_REGIONAL_ENDPOINTS"] = "global";
    auto r2 = make(env2).try_client<s3_like>();
    REQUIRE(r2.has_error());
    CHECK(r2.error().code == errc::invalid_config);
    CHECK_THAT(r2.error().message, Catch::Contains("AWS_STS_REGIONAL_ENDPOINTS") && Catch::Contains("global"));
}

TEST_CASE("session: retry settings from options, environment and profile, with checked values")
{
    test::temp_dir dir;
    auto env = files_in(dir, "[default]\nregion = us-east-1\nretry_mode = legacy\nmax_attempts = 7\n");
    auto ctx = make(env).client<s3_like>().context().retry;
    CHECK(ctx.mode == retry_mode::legacy);
    CHECK(ctx.max_attempts == 7);

    env["AWS_RETRY_MODE"] = "standard";
    env["AWS_MAX_ATTEMPTS"] = "2";
    ctx = make(env).client<s3_like>().context().retry;
    CHECK(ctx.mode == retry_mode::standard);
    CHECK(ctx.max_attempts == 2);

    ctx = make(env).client<s3_like>({.retry_mode = retry_mode::legacy, .max_attempts = 9}).context().retry;
    CHECK(ctx.mode == retry_mode::legacy);
    CHECK(ctx.max_attempts == 9);

    env["AWS_MAX_ATTEMPTS"] = "many";
    auto r = make(env).try_client<s3_like>();
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
    CHECK_THAT(r.error().message, Catch::Contains("AWS_MAX_ATTEMPTS"));

    env["AWS_MAX_ATTEMPTS"] = "3";
    env["AWS_RETRY_MODE"] = "turbo";
    r = make(env).try_client<s3_like>();
    REQUIRE(r.has_error());
    CHECK_THAT(r.error().message, Catch::Contains("AWS_RETRY_MODE") && Catch::Contains("turbo"));
}

TEST_CASE("session: explicit keys beat every provider; half a key pair is an error")
{
    test::temp_dir dir;
    auto env = files_in(dir, "[default]\nregion = us-east-1\n");
    env["AWS_ACCESS_KEY_ID"] = "AKIDENV";
    env["AWS_SECRET_ACCESS_KEY"] = "envsecret";
    auto s = make(env);
    CHECK(s.get_credentials().value().access_key_id == "AKIDENV");
    auto explicit_s = make(env, {.aws_access_key_id = "AKIDX", .aws_secret_access_key = "xsecret"});
    CHECK(explicit_s.get_credentials().value().access_key_id == "AKIDX");

    auto client = s.client<s3_like>({.aws_access_key_id = "AKIDC", .aws_secret_access_key = "csecret"});
    CHECK(client.context().credentials->resolve().value().access_key_id == "AKIDC");

    auto defaulted = make(env, {.defaults = {.aws_access_key_id = "AKIDD", .aws_secret_access_key = "dsecret"}});
    CHECK(defaulted.client<s3_like>().context().credentials->resolve().value().access_key_id == "AKIDD");
    auto half_default = make(env, {.defaults = {.aws_secret_access_key = "dsecret"}}).try_client<s3_like>();
    REQUIRE(half_default.has_error());
    CHECK(half_default.error().code == errc::no_credentials);

    auto e = create_error(env, {.aws_access_key_id = "AKIDX"});
    CHECK(e.code == errc::no_credentials);
    CHECK_THAT(e.message, Catch::Contains("aws_secret_access_key"));
}

TEST_CASE("session: no credentials anywhere is an error naming what was looked for")
{
    test::temp_dir dir;
    auto s = make(files_in(dir, "[default]\nregion = us-east-1\n"));
    auto c = s.get_credentials();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
    CHECK_THAT(c.error().message, Catch::Contains("AWS_ACCESS_KEY_ID"));
}

TEST_CASE("session: two sessions side by side keep their own settings")
{
    test::temp_dir dir;
    auto env = files_in(dir);
    auto west = make(env, {.region_name = "us-west-2"});
    auto east = make(env, {.region_name = "us-east-1"});
    CHECK(west.client<s3_like>().endpoint().host == "s3.us-west-2.amazonaws.com");
    CHECK(east.client<s3_like>().endpoint().host == "s3.us-east-1.amazonaws.com");
    CHECK(make(env, {.region_name = "cn-north-1"}).client<s3_like>().endpoint().host ==
          "s3.cn-north-1.amazonaws.com.cn");
}

TEST_CASE("session: transport settings reach the HTTP client")
{
    test::temp_dir dir;
    auto env = files_in(dir, "[default]\nregion = us-east-1\nca_bundle = /from/profile.pem\n");
    using namespace std::chrono_literals;
    auto c = make(env).client<s3_like>({.connect_timeout = 2s, .read_timeout = 3s, .max_pool_connections = 4});
    auto const& cfg = c.context().http.config();
    CHECK(cfg.connect_timeout == 2s);
    CHECK(cfg.read_timeout == 3s);
    CHECK(cfg.max_pool_connections == 4);
    CHECK(cfg.ca_bundle == "/from/profile.pem");
    env["AWS_CA_BUNDLE"] = "/from/env.pem";
    CHECK(make(env).client<s3_like>().context().http.config().ca_bundle == "/from/env.pem");
    CHECK(make(env).client<s3_like>({.ca_bundle = "/opt.pem"}).context().http.config().ca_bundle == "/opt.pem");
}
