#include <stratus/credentials/process_provider.hpp>

#include "../../support/temp_dir.hpp"

#include <stratus/credentials/detail/timestamp.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace stratus;
using namespace std::chrono_literals;
using Catch::Contains;

namespace {

class fixture {
public:
    test::temp_dir dir;

    /// A /bin/sh script in the temp dir; `body` may use $COUNT, the number
    /// of times the script has run, this run included.
    std::string script(std::string_view name, std::string_view body) const
    {
        std::string text = "#!/bin/sh\n"
                           "n=$(cat '" +
                           dir.str("count") +
                           "' 2>/dev/null || echo 0)\n"
                           "COUNT=$((n + 1))\n"
                           "echo $COUNT > '" +
                           dir.str("count") + "'\n";
        text += body;
        text += '\n';
        return dir.write(name, text, true);
    }

    int runs() const
    {
        std::ifstream f(dir.str("count"));
        int n = 0;
        f >> n;
        return n;
    }

    static shared_config config(std::string const& command, std::string_view credentials = {})
    {
        auto r = shared_config::parse("[default]\ncredential_process = " + command + "\n", credentials,
                                      "config", "credentials");
        if (!r) FAIL(r.error().message);
        return std::move(*r);
    }

    result<credentials> resolve_once(std::string const& command) const
    {
        return process_provider(config(command), "default").resolve();
    }
};

std::string in(std::chrono::system_clock::duration d)
{
    return detail::format_timestamp(std::chrono::system_clock::now() + d);
}

std::string json(std::string_view key, std::string_view expiration = {})
{
    std::string s = R"({"Version": 1, "AccessKeyId": ")" + std::string(key) +
                    R"(", "SecretAccessKey": "SECRETVALUE", "SessionToken": "TOKENVALUE")";
    if (!expiration.empty()) s += R"(, "Expiration": ")" + std::string(expiration) + "\"";
    return s + "}";
}

std::string print(std::string_view text)
{
    return "cat <<EOF\n" + std::string(text) + "\nEOF";
}

error_info failure(result<credentials> const& r)
{
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::credential_process_failed);
    CHECK(r.error().kind() == error_kind::client);
    CHECK_THAT(r.error().to_string(), !Contains("SECRETVALUE"));
    CHECK_THAT(r.error().to_string(), !Contains("TOKENVALUE"));
    return r.error();
}

} // namespace

TEST_CASE("process_provider: reads the JSON the command prints")
{
    fixture f;
    auto expiration = in(2h);
    auto cmd = f.script("cred.sh", print(json("AKID", expiration)));
    auto c = f.resolve_once(cmd);
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "AKID");
    CHECK(c->secret_access_key == "SECRETVALUE");
    CHECK(c->session_token == "TOKENVALUE");
    CHECK(c->method == "custom-process");
    REQUIRE(c->expiration);
    CHECK(detail::format_timestamp(*c->expiration) == expiration);

    std::ostringstream os;
    os << *c;
    CHECK_THAT(os.str(), !Contains("SECRETVALUE"));
    CHECK_THAT(os.str(), !Contains("TOKENVALUE"));
}

TEST_CASE("process_provider: SessionToken and Expiration are optional")
{
    fixture f;
    auto c = f.resolve_once(f.script(
        "cred.sh",
        print(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": null})")));
    REQUIRE(c.has_value());
    CHECK(c->session_token.empty());
    CHECK_FALSE(c->expiration);
}

TEST_CASE("process_provider: AccountId, when the command prints one")
{
    fixture f;
    auto c = f.resolve_once(f.script(
        "cred.sh", print(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "AccountId": "111122223333"})")));
    REQUIRE(c.has_value());
    CHECK(c->account_id == "111122223333");
    c = f.resolve_once(f.script("cred2.sh", print(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S"})")));
    REQUIRE(c.has_value());
    CHECK_FALSE(c->account_id);
}

TEST_CASE("process_provider: the command is split like a shell would, but no shell runs it")
{
    fixture f;
    f.script(
        "with space/cred.sh",
        R"(printf '{"Version":1,"AccessKeyId":"%s|%s|%s|%s","SecretAccessKey":"S"}' "$#" "$1" "$2" "$3")");
    auto c = f.resolve_once("\"" + f.dir.str("with space/cred.sh") + "\" 'a b' \"c'd\" e\\ f");
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "3|a b|c'd|e f");

    // $VAR, ';' and '>' reach the program as they are.
    c = f.resolve_once("'" + f.dir.str("with space/cred.sh") + "' $HOME ; >x");
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "3|$HOME|;|>x");
    CHECK_FALSE(std::filesystem::exists(f.dir.path() / "x"));
}

TEST_CASE("process_provider: credential_process from the credentials file wins")
{
    fixture f;
    auto a = f.script("a.sh", print(json("FROM-CONFIG")));
    auto b = f.script("b.sh", print(json("FROM-CREDENTIALS")));
    auto c = process_provider(fixture::config(a, "[default]\ncredential_process = " + b + "\n"), "default")
                 .resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "FROM-CREDENTIALS");
}

TEST_CASE("process_provider: no credential_process is 'no credentials'")
{
    auto cfg = shared_config::parse("[default]\nregion = x\n", "", "config", "credentials");
    REQUIRE(cfg.has_value());
    auto c = process_provider(*cfg, "default").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
    CHECK(c.error().message == "profile 'default' has no credential_process");
    c = process_provider(*cfg, "absent").resolve();
    REQUIRE(c.has_error());
    CHECK(c.error().code == errc::no_credentials);
}

TEST_CASE("process_provider: a non-zero exit reports the status and stderr, trimmed")
{
    fixture f;
    auto cmd = f.script("fail.sh",
                        print(json("AKID")) + "\nprintf '\\n  token expired: run login  \\n\\n' >&2\nexit 3");
    auto e = failure(f.resolve_once(cmd + " --password SECRETVALUE"));
    CHECK(e.message == "credential_process of profile 'default': '" + cmd +
                           "' exited with status 3: token expired: run login");

    cmd = f.script("quiet.sh", "exit 1");
    e = failure(f.resolve_once(cmd));
    CHECK(e.message == "credential_process of profile 'default': '" + cmd + "' exited with status 1");
}

TEST_CASE("process_provider: a child that writes a lot to stderr does not hang")
{
    fixture f;
    // Far more than a pipe buffer (64 KiB) on stderr before anything on stdout.
    auto cmd = f.script("chatty.sh", "head -c 3000000 /dev/zero | tr '\\0' x >&2\n" + print(json("AKID")) +
                                         "\nhead -c 3000000 /dev/zero | tr '\\0' y >&2");
    auto c = f.resolve_once(cmd);
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "AKID");

    cmd = f.script("chatty-fail.sh", "head -c 3000000 /dev/zero | tr '\\0' x >&2\nexit 2");
    auto e = failure(f.resolve_once(cmd));
    CHECK_THAT(e.message, Contains("exited with status 2: xxxx"));
    CHECK(e.message.size() < 5000);
}

TEST_CASE("process_provider: a child killed by a signal")
{
    fixture f;
    auto cmd = f.script("killed.sh", "kill -9 $$");
    auto e = failure(f.resolve_once(cmd));
    CHECK_THAT(e.message, Contains("'" + cmd + "' was killed by signal 9"));
}

TEST_CASE("process_provider: output that is not credentials JSON")
{
    fixture f;
    auto check = [&](std::string_view output, std::string const& expected) {
        auto cmd = f.script("out.sh", print(output));
        auto e = failure(f.resolve_once(cmd));
        CHECK_THAT(e.message, Contains(expected));
        CHECK_THAT(e.message, Contains("credential_process of profile 'default'"));
    };
    check(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "SECRETVALUE")", "printed invalid JSON");
    check("SECRETVALUE", "printed invalid JSON");
    check("", "printed invalid JSON");
    check(R"(["SECRETVALUE"])", "printed JSON that is not an object");
    check(R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "SECRETVALUE"})",
          "unsupported Version 2 (supported: 1)");
    check(R"({"Version": "1", "AccessKeyId": "A", "SecretAccessKey": "SECRETVALUE"})",
          "unsupported Version '1' (supported: 1)");
    check(R"({"Version": "SECRETVALUE-but-long-enough", "SecretAccessKey": "SECRETVALUE"})",
          "unsupported Version a long string (supported: 1)");
    check(R"({"AccessKeyId": "A", "SecretAccessKey": "SECRETVALUE"})", "printed no Version (supported: 1)");
    check(R"({"Version": 1, "SecretAccessKey": "SECRETVALUE"})", "has no AccessKeyId");
    check(R"({"Version": 1, "AccessKeyId": "A"})", "has no SecretAccessKey");
    check(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": null})", "has no SecretAccessKey");
    check(R"({"Version": 1, "AccessKeyId": 7, "SecretAccessKey": "SECRETVALUE"})",
          "AccessKeyId in the output of");
    check(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": ""})", "SecretAccessKey in the output of");
    check(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "SECRETVALUE", "SessionToken": 5})",
          "SessionToken in the output of");
    check(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "SECRETVALUE", "Expiration": "soon"})",
          "Expiration in the output of");
    check(
        R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "SECRETVALUE", "Expiration": "2001-01-01T00:00:00Z"})",
        "returned credentials that expired at 2001-01-01T00:00:00Z");
}

TEST_CASE("process_provider: a command that cannot be run or split")
{
    fixture f;
    auto e = failure(f.resolve_once(f.dir.str("missing/prog") + " --secret SECRETVALUE"));
    CHECK(e.message == "credential_process of profile 'default': cannot run '" + f.dir.str("missing/prog") +
                           "': No such file or directory");
    e = failure(f.resolve_once("stratus-no-such-program-on-path"));
    CHECK_THAT(e.message, Contains("cannot run 'stratus-no-such-program-on-path'"));
    e = failure(f.resolve_once("prog 'SECRETVALUE"));
    CHECK(e.message ==
          "credential_process of profile 'default': cannot split the command: no closing quotation");
    e = failure(f.resolve_once(""));
    CHECK(e.message == "credential_process of profile 'default': the command is empty");
}

TEST_CASE("process_provider: credentials are kept until the refresh window")
{
    fixture f;
    process_provider p(fixture::config(f.script("cred.sh", print(json("AKID$COUNT", in(1h))))), "default");
    auto a = p.resolve();
    auto b = p.resolve();
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(f.runs() == 1);
    CHECK(b->access_key_id == "AKID1");

    fixture g;
    process_provider forever(fixture::config(g.script("cred.sh", print(json("AKID")))), "default");
    REQUIRE(forever.resolve().has_value());
    REQUIRE(forever.resolve().has_value());
    CHECK(g.runs() == 1);
}

TEST_CASE("process_provider: a failed first run is not cached")
{
    fixture f;
    auto cmd = f.script("cred.sh", "if [ $COUNT -eq 1 ]; then exit 1; fi\n" + print(json("AKID$COUNT")));
    process_provider p(fixture::config(cmd), "default");
    CHECK(p.resolve().has_error());
    auto c = p.resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "AKID2");
}

TEST_CASE("process_provider: within 10 minutes of expiry a refresh must succeed")
{
    fixture f;
    auto cmd = f.script("cred.sh", "if [ $COUNT -eq 3 ]; then echo 'login needed' >&2; exit 1; fi\n" +
                                       print(json("AKID$COUNT", in(5min))));
    process_provider p(fixture::config(cmd), "default");
    CHECK(p.resolve()->access_key_id == "AKID1");
    CHECK(p.resolve()->access_key_id == "AKID2");
    auto e = failure(p.resolve());
    CHECK_THAT(e.message, Contains("exited with status 1: login needed"));
    CHECK(f.runs() == 3);
}

TEST_CASE("process_provider: within 15 minutes of expiry a refresh is tried, its failure ignored")
{
    fixture f;
    auto cmd =
        f.script("cred.sh", "if [ $COUNT -ge 2 ]; then exit 1; fi\n" + print(json("AKID$COUNT", in(12min))));
    process_provider p(fixture::config(cmd), "default");
    CHECK(p.resolve()->access_key_id == "AKID1");
    auto c = p.resolve();
    REQUIRE(c.has_value());
    CHECK(c->access_key_id == "AKID1");
    CHECK(f.runs() == 2);

    fixture g;
    cmd = g.script("cred.sh", "if [ $COUNT -eq 1 ]; then\n" + print(json("AKID1", in(12min))) + "\nelse\n" +
                                  print(json("AKID2", in(1h))) + "\nfi");
    process_provider q(fixture::config(cmd), "default");
    CHECK(q.resolve()->access_key_id == "AKID1");
    CHECK(q.resolve()->access_key_id == "AKID2");
    CHECK(q.resolve()->access_key_id == "AKID2");
    CHECK(g.runs() == 2);
}

TEST_CASE("process_provider: concurrent callers share one run")
{
    fixture f;
    process_provider p(
        fixture::config(f.script("cred.sh", "sleep 0.3\n" + print(json("AKID$COUNT", in(1h))))), "default");
    std::vector<std::string> keys(8);
    {
        std::vector<std::jthread> threads;
        for (auto& k : keys)
            threads.emplace_back([&p, &k] {
                auto c = p.resolve();
                k = c ? c->access_key_id : c.error().message;
            });
    }
    for (auto const& k : keys)
        CHECK(k == "AKID1");
    CHECK(f.runs() == 1);
}
