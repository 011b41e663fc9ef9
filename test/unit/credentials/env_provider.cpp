#include <stratus/credentials/env_provider.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>

using namespace stratus;
using Catch::Contains;

namespace {
result<credentials> from_env(std::map<std::string, std::string, std::less<>> vars)
{
    return env_provider(environment::from_map(std::move(vars))).resolve();
}
} // namespace

TEST_CASE("env_provider: key id and secret")
{
    auto c = from_env({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "SECRETVALUE"}});
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "AKID");
    CHECK(c->secret_access_key == "SECRETVALUE");
    CHECK(c->session_token.empty());
    CHECK_FALSE(c->expiration);
    CHECK(c->method == "env");

    std::ostringstream os;
    os << *c;
    CHECK_THAT(os.str(), Contains("AKID"));
    CHECK_THAT(os.str(), !Contains("SECRETVALUE"));
}

TEST_CASE("env_provider: the session token, AWS_SECURITY_TOKEN first as in botocore")
{
    auto c = from_env(
        {{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "S"}, {"AWS_SESSION_TOKEN", "TOKEN"}});
    REQUIRE(c.has_value());
    CHECK(c->session_token == "TOKEN");
    c = from_env({{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "S"}, {"AWS_SECURITY_TOKEN", "OLD"}});
    REQUIRE(c.has_value());
    CHECK(c->session_token == "OLD");
    c = from_env({{"AWS_ACCESS_KEY_ID", "A"},
                  {"AWS_SECRET_ACCESS_KEY", "S"},
                  {"AWS_SECURITY_TOKEN", "OLD"},
                  {"AWS_SESSION_TOKEN", "NEW"}});
    REQUIRE(c.has_value());
    CHECK(c->session_token == "OLD");

    std::ostringstream os;
    os << *c;
    CHECK_THAT(os.str(), !Contains("OLD"));
}

TEST_CASE("env_provider: AWS_ACCOUNT_ID; empty is unset, as in botocore")
{
    auto c = from_env({{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "S"}});
    REQUIRE(c.has_value());
    CHECK_FALSE(c->account_id);
    c = from_env({{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "S"}, {"AWS_ACCOUNT_ID", "111122223333"}});
    REQUIRE(c.has_value());
    CHECK(c->account_id == "111122223333");
    c = from_env({{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "S"}, {"AWS_ACCOUNT_ID", ""}});
    REQUIRE(c.has_value());
    CHECK_FALSE(c->account_id);
}

TEST_CASE("env_provider: nothing set is 'no credentials'")
{
    auto c = from_env({{"AWS_SESSION_TOKEN", "T"}, {"AWS_ACCESS_KEY_ID", ""}});
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
    CHECK(c.error().message ==
          "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
}

TEST_CASE("env_provider: partial credentials name the missing variable")
{
    auto c = from_env({{"AWS_ACCESS_KEY_ID", "AKID"}});
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK(
        c.error().message ==
        "partial credentials in the environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");

    c = from_env({{"AWS_SECRET_ACCESS_KEY", "SECRETVALUE"}});
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK(
        c.error().message ==
        "partial credentials in the environment: AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
    CHECK_THAT(c.error().to_string(), !Contains("SECRETVALUE"));
}

TEST_CASE("env_provider: AWS_CREDENTIAL_EXPIRATION")
{
    using namespace std::chrono;
    auto c = from_env({{"AWS_ACCESS_KEY_ID", "A"},
                       {"AWS_SECRET_ACCESS_KEY", "S"},
                       {"AWS_CREDENTIAL_EXPIRATION", "2999-01-02T03:04:05Z"}});
    REQUIRE(c.has_value());
    REQUIRE(c->expiration);
    CHECK(*c->expiration == system_clock::time_point::max()); // past what system_clock can hold

    c = from_env({{"AWS_ACCESS_KEY_ID", "A"},
                  {"AWS_SECRET_ACCESS_KEY", "S"},
                  {"AWS_CREDENTIAL_EXPIRATION", "2199-01-02T03:04:05Z"}});
    REQUIRE(c.has_value());
    REQUIRE(c->expiration);
    CHECK(*c->expiration == sys_days{year{2199} / 1 / 2} + 3h + 4min + 5s);

    c = from_env({{"AWS_ACCESS_KEY_ID", "A"},
                  {"AWS_SECRET_ACCESS_KEY", "SECRETVALUE"},
                  {"AWS_CREDENTIAL_EXPIRATION", "tomorrow"}});
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK(c.error().message == "AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 timestamp: 'tomorrow'");

    c = from_env({{"AWS_ACCESS_KEY_ID", "A"},
                  {"AWS_SECRET_ACCESS_KEY", "SECRETVALUE"},
                  {"AWS_CREDENTIAL_EXPIRATION", "2001-02-03T04:05:06+01:00"}});
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK(c.error().message ==
          "the credentials in the environment expired at 2001-02-03T03:05:06Z (AWS_CREDENTIAL_EXPIRATION)");
}

TEST_CASE("env_provider: reads the variables on every call")
{
    std::string key = "FIRST";
    env_provider p(environment([&](std::string_view name) -> std::optional<std::string> {
        if (name == "AWS_ACCESS_KEY_ID") return key;
        if (name == "AWS_SECRET_ACCESS_KEY") return std::string("S");
        return std::nullopt;
    }));
    CHECK(p.resolve()->access_key_id == "FIRST");
    key = "SECOND";
    CHECK(p.resolve()->access_key_id == "SECOND");
}
