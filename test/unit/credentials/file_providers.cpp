#include <stratus/credentials/file_providers.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace stratus;
using Catch::Contains;

namespace {
shared_config files(std::string_view config, std::string_view credentials)
{
    auto r = shared_config::parse(config, credentials, "/h/.aws/config", "/h/.aws/credentials");
    if (!r) FAIL(r.error().message);
    return std::move(*r);
}
} // namespace

TEST_CASE("shared_credentials_provider: keys from the credentials file's profile")
{
    auto f =
        files("", "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRETVALUE\n"
                  "[dev]\naws_access_key_id = DEV\naws_secret_access_key = S\naws_session_token = TOKEN\n"
                  "[old]\naws_access_key_id = OLD\naws_secret_access_key = S\naws_security_token = A\n"
                  "aws_session_token = B\n");
    auto c = shared_credentials_provider(f, "default").resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "AKID");
    CHECK(c->secret_access_key == "SECRETVALUE");
    CHECK(c->session_token.empty());
    CHECK(c->method == "shared-credentials-file");
    std::ostringstream os;
    os << *c;
    CHECK_THAT(os.str(), !Contains("SECRETVALUE"));

    c = shared_credentials_provider(f, "dev").resolve();
    REQUIRE(c.has_value());
    CHECK(c->session_token == "TOKEN");
    c = shared_credentials_provider(f, "old").resolve();
    REQUIRE(c.has_value());
    CHECK(c->session_token == "A"); // aws_security_token first, as in botocore
}

TEST_CASE("shared_credentials_provider: aws_account_id")
{
    auto f = files("", "[default]\naws_access_key_id = A\naws_secret_access_key = S\naws_account_id = 111122223333\n"
                       "[none]\naws_access_key_id = A\naws_secret_access_key = S\n");
    auto c = shared_credentials_provider(f, "default").resolve();
    REQUIRE(c.has_value());
    CHECK(c->account_id == "111122223333");
    c = shared_credentials_provider(f, "none").resolve();
    REQUIRE(c.has_value());
    CHECK_FALSE(c->account_id);
}

TEST_CASE("shared_credentials_provider: reads the credentials file only")
{
    auto f = files("[default]\naws_access_key_id = CFG\naws_secret_access_key = S\n", "");
    auto c = shared_credentials_provider(f, "default").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
    CHECK(c.error().message == "the credentials file /h/.aws/credentials has no profile 'default'");

    f = files("", "[default]\nregion = x\naws_session_token = T\n");
    c = shared_credentials_provider(f, "default").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
    CHECK(c.error().message ==
          "profile 'default' in the credentials file /h/.aws/credentials has no aws_access_key_id");

    // Empty values count as unset.
    f = files("", "[default]\naws_access_key_id =\naws_secret_access_key =\n");
    c = shared_credentials_provider(f, "default").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
}

TEST_CASE("shared_credentials_provider: partial credentials name the missing key")
{
    auto f = files("", "[a]\naws_access_key_id = AKID\n[b]\naws_secret_access_key = SECRETVALUE\n"
                       "[c]\naws_access_key_id = AKID\naws_secret_access_key =\n");
    auto c = shared_credentials_provider(f, "a").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK(c.error().message ==
          "partial credentials in profile 'a' in the credentials file /h/.aws/credentials: "
          "aws_access_key_id is set but aws_secret_access_key is not");
    c = shared_credentials_provider(f, "b").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK_THAT(c.error().message, Contains("aws_secret_access_key is set but aws_access_key_id is not"));
    CHECK_THAT(c.error().to_string(), !Contains("SECRETVALUE"));
    c = shared_credentials_provider(f, "c").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
}

TEST_CASE("config_file_provider: keys from the config file's profile only")
{
    auto f =
        files("[default]\naws_access_key_id = CFG\naws_secret_access_key = S\n"
              "[profile dev]\naws_access_key_id = DEV\naws_secret_access_key = S\naws_session_token = T\n"
              "[half]\naws_access_key_id = X\n", // not a profile in the config file
              "[dev]\naws_access_key_id = FROM-CREDS\naws_secret_access_key = S\n");
    auto c = config_file_provider(f, "default").resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "CFG");
    CHECK(c->method == "config-file");
    c = config_file_provider(f, "dev").resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "DEV"); // not the merged value
    CHECK(c->session_token == "T");

    c = config_file_provider(f, "half").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
    CHECK(c.error().message == "the config file /h/.aws/config has no profile 'half'");
}

TEST_CASE("config_file_provider: partial credentials")
{
    auto f = files("[profile p]\naws_secret_access_key = SECRETVALUE\n", "");
    auto c = config_file_provider(f, "p").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK(c.error().message == "partial credentials in profile 'p' in the config file /h/.aws/config: "
                               "aws_secret_access_key is set but aws_access_key_id is not");
    CHECK_THAT(c.error().to_string(), !Contains("SECRETVALUE"));
}
