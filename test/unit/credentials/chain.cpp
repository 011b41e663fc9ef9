#include <stratus/credentials/chain.hpp>

#include "../../support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <sstream>
#include <thread>

using namespace stratus;
using Catch::Contains;

namespace {

// Answers from a script: each call takes the next entry (the last repeats).
class scripted_provider final : public credentials_provider {
public:
    explicit scripted_provider(std::vector<result<credentials>> answers) : answers_(std::move(answers)) {}
    result<credentials> resolve() override
    {
        auto i = calls_++;
        return answers_[std::min<std::size_t>(i, answers_.size() - 1)];
    }
    int calls() const { return calls_; }

private:
    std::vector<result<credentials>> answers_;
    std::atomic<int> calls_{0};
};

credentials keys(std::string id)
{
    credentials c;
    c.access_key_id = std::move(id);
    c.secret_access_key = "SECRETVALUE";
    c.method = "test";
    return c;
}

result<credentials> nothing(std::string what)
{
    return make_error(errc::no_credentials, std::move(what));
}

shared_config files(std::string_view config, std::string_view credentials)
{
    auto r = shared_config::parse(config, credentials, "/h/.aws/config", "/h/.aws/credentials");
    if (!r) FAIL(r.error().message);
    return std::move(*r);
}

profile_selection implicit_default()
{
    return {};
}

} // namespace

TEST_CASE("chain_provider: the first provider with credentials wins")
{
    auto a = std::make_shared<scripted_provider>(std::vector<result<credentials>>{nothing("a: nothing")});
    auto b = std::make_shared<scripted_provider>(std::vector<result<credentials>>{keys("B")});
    auto c = std::make_shared<scripted_provider>(std::vector<result<credentials>>{keys("C")});
    chain_provider chain({a, b, c});
    auto r = chain.resolve();
    REQUIRE(r.has_value());
    CHECK(r->access_key_id == "B");
    CHECK(a->calls() == 1);
    CHECK(c->calls() == 0);
    CHECK(chain.providers().size() == 3);
}

TEST_CASE("chain_provider: a configured provider that fails stops the chain")
{
    auto a = std::make_shared<scripted_provider>(
        std::vector<result<credentials>>{make_error(errc::invalid_config, "partial credentials in a")});
    auto b = std::make_shared<scripted_provider>(std::vector<result<credentials>>{keys("B")});
    chain_provider chain({a, b});
    auto r = chain.resolve();
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
    CHECK(r.error().message == "partial credentials in a");
    CHECK(b->calls() == 0);
}

TEST_CASE("chain_provider: when nobody has credentials the message lists what was looked for")
{
    chain_provider chain(
        {std::make_shared<scripted_provider>(std::vector<result<credentials>>{nothing("first")}), nullptr,
         std::make_shared<scripted_provider>(std::vector<result<credentials>>{nothing("second")})});
    CHECK(chain.providers().size() == 2);
    auto r = chain.resolve();
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::no_credentials);
    CHECK(r.error().message == "unable to locate credentials: first; second");

    chain_provider empty({});
    r = empty.resolve();
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::no_credentials);
}

TEST_CASE("chain_provider: keeps asking the provider that answered first")
{
    auto a = std::make_shared<scripted_provider>(std::vector<result<credentials>>{nothing("a"), keys("A")});
    auto b = std::make_shared<scripted_provider>(
        std::vector<result<credentials>>{keys("B1"), make_error(errc::credential_process_failed, "b broke")});
    chain_provider chain({a, b});
    CHECK(chain.resolve()->access_key_id == "B1");
    // a would answer now, but the chain sticks with b, errors included.
    auto r = chain.resolve();
    REQUIRE(r.has_error());
    CHECK(r.error().message == "b broke");
    CHECK(a->calls() == 1);

    // Until something answers, every call searches again.
    auto c = std::make_shared<scripted_provider>(std::vector<result<credentials>>{nothing("c"), keys("C")});
    chain_provider later({c});
    CHECK(later.resolve().has_error());
    CHECK(later.resolve()->access_key_id == "C");
}

TEST_CASE("chain_provider: safe to call from several threads")
{
    auto a = std::make_shared<scripted_provider>(std::vector<result<credentials>>{nothing("a")});
    auto b = std::make_shared<scripted_provider>(std::vector<result<credentials>>{keys("B")});
    chain_provider chain({a, b});
    std::atomic<int> ok{0};
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 200; ++i)
                    if (auto r = chain.resolve(); r && r->access_key_id == "B") ++ok;
            });
    }
    CHECK(ok == 1600);
    CHECK(a->calls() <= 8); // only callers that raced the first answer searched
}

TEST_CASE("default_chain: environment, credentials file, credential_process, config file")
{
    test::temp_dir dir;
    auto script = dir.write(
        "cred.sh",
        "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"PROCESS\",\"SecretAccessKey\":\"S\"}'\n", true);
    std::string const config_keys = "aws_access_key_id = CONFIG\naws_secret_access_key = S\n";
    std::string const process = "credential_process = " + script + "\n";
    std::string const creds_keys = "aws_access_key_id = CREDS\naws_secret_access_key = S\n";
    auto env_keys = environment::from_map({{"AWS_ACCESS_KEY_ID", "ENV"}, {"AWS_SECRET_ACCESS_KEY", "S"}});
    auto no_env = environment::from_map({});

    auto all = files("[default]\n" + config_keys + process, "[default]\n" + creds_keys);
    CHECK(default_chain(env_keys, all, implicit_default())->resolve()->method == "env");
    CHECK(default_chain(no_env, all, implicit_default())->resolve()->method == "shared-credentials-file");

    auto no_creds_file = files("[default]\n" + config_keys + process, "");
    auto c = default_chain(no_env, no_creds_file, implicit_default())->resolve();
    REQUIRE(c.has_value());
    CHECK(c->method == "custom-process");
    CHECK(c->access_key_id == "PROCESS");

    auto config_only = files("[default]\n" + config_keys, "");
    CHECK(default_chain(no_env, config_only, implicit_default())->resolve()->method == "config-file");
}

TEST_CASE("default_chain: a profile chosen by the program skips the environment, AWS_PROFILE does not")
{
    auto f = files("", "[dev]\naws_access_key_id = DEV\naws_secret_access_key = S\n");
    auto env = environment::from_map(
        {{"AWS_ACCESS_KEY_ID", "ENV"}, {"AWS_SECRET_ACCESS_KEY", "S"}, {"AWS_PROFILE", "dev"}});

    auto chosen = resolve_profile(std::string("dev"), env, f);
    REQUIRE(chosen.has_value());
    auto c = default_chain(env, f, *chosen)->resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "DEV");

    auto from_var = resolve_profile(std::nullopt, env, f);
    REQUIRE(from_var.has_value());
    CHECK(from_var->name == "dev");
    c = default_chain(env, f, *from_var)->resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "ENV");

    // With the environment skipped, even partial env keys do not matter.
    auto partial = environment::from_map({{"AWS_ACCESS_KEY_ID", "ENV"}});
    c = default_chain(partial, f, *chosen)->resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "DEV");
}

TEST_CASE("default_chain: a configured provider that fails does not fall through")
{
    auto f = files("[default]\naws_access_key_id = CONFIG\naws_secret_access_key = S\n",
                   "[default]\naws_access_key_id = CREDS\n");
    auto c = default_chain(environment::from_map({}), f, implicit_default())->resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::invalid_config);
    CHECK_THAT(c.error().message,
               Contains("partial credentials in profile 'default' in the credentials file"));

    auto g =
        files("[default]\ncredential_process = /nonexistent/stratus-test-prog\naws_access_key_id = CONFIG\n"
              "aws_secret_access_key = S\n",
              "");
    c = default_chain(environment::from_map({}), g, implicit_default())->resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::credential_process_failed);
}

TEST_CASE("default_chain: the no-credentials message names everything it looked for")
{
    auto f = files("[profile dev]\nregion = x\n", "");
    auto env = environment::from_map({{"AWS_PROFILE", "dev"}});
    auto profile = resolve_profile(std::nullopt, env, f);
    REQUIRE(profile.has_value());
    auto c = default_chain(env, f, *profile)->resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
    CHECK(
        c.error().message ==
        "unable to locate credentials: environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are "
        "not set; role_arn, web identity and SSO settings: not configured; the credentials file "
        "/h/.aws/credentials has no profile 'dev'; profile 'dev' has no credential_process; profile 'dev' in "
        "the config file /h/.aws/config has no aws_access_key_id; container credentials "
        "(AWS_CONTAINER_CREDENTIALS_*): not configured");

    // A profile chosen by the program: the environment is not consulted, nor listed.
    profile = resolve_profile(std::string("dev"), env, f);
    REQUIRE(profile.has_value());
    c = default_chain(env, f, *profile)->resolve();
    REQUIRE(c.has_error());
    CHECK_THAT(c.error().message, !Contains("AWS_ACCESS_KEY_ID"));
    CHECK_THAT(c.error().message, Contains("/h/.aws/credentials"));
}

TEST_CASE("default_chain: sources stratus lacks stop the chain instead of falling through")
{
    // boto3 would assume the role, not use the profile's own keys.
    auto f = files("[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = default\n"
                   "[profile sso]\nsso_session = corp\n",
                   "[ops]\naws_access_key_id = FILEKEY\naws_secret_access_key = S\n");
    auto env = environment::from_map({});
    auto c = default_chain(env, f, {"ops", profile_source::argument})->resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::unsupported);
    CHECK_THAT(c.error().message, Contains("profile 'ops' sets role_arn"));

    c = default_chain(env, f, {"sso", profile_source::argument})->resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::unsupported);
    CHECK_THAT(c.error().message, Contains("sso_session"));

    auto web = environment::from_map({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"}});
    c = default_chain(web, files("", ""), implicit_default())->resolve();
    REQUIRE(c.has_error());
    CHECK_THAT(c.error().message, Contains("AWS_WEB_IDENTITY_TOKEN_FILE"));

    // Environment keys come first in botocore's order, and still win.
    auto keyed = environment::from_map({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"},
                                        {"AWS_ACCESS_KEY_ID", "ENVKEY"},
                                        {"AWS_SECRET_ACCESS_KEY", "S"}});
    CHECK(default_chain(keyed, files("", ""), implicit_default())->resolve().value().access_key_id == "ENVKEY");

    // Container credentials come after the files: keys in a file still win.
    auto ecs = environment::from_map({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x"}});
    c = default_chain(ecs, files("", ""), implicit_default())->resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::unsupported);
    CHECK_THAT(c.error().message, Contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
    auto keyed_files = files("", "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = S\n");
    CHECK(default_chain(ecs, keyed_files, implicit_default())->resolve().value().access_key_id == "FILEKEY");
}

TEST_CASE("errors and printed credentials never show secrets")
{
    auto f = files("", "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRETVALUE\n"
                       "aws_session_token = TOKENVALUE\n");
    auto c = default_chain(environment::from_map({}), f, implicit_default())->resolve();
    REQUIRE(c.has_value());
    std::ostringstream os;
    os << *c;
    CHECK(os.str() == "credentials{access_key_id=AKID, secret_access_key=***, session_token=***, "
                      "method=shared-credentials-file}");
}
