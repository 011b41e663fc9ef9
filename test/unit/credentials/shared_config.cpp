#include <stratus/shared_config.hpp>

#include "../../support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace stratus;
using Catch::Contains;

namespace {

shared_config parse_ok(std::string_view config, std::string_view credentials = {})
{
    auto r = shared_config::parse(config, credentials, "/home/u/.aws/config", "/home/u/.aws/credentials");
    if (!r) FAIL(r.error().message);
    return std::move(*r);
}

error_info parse_fail(std::string_view config, std::string_view credentials = {})
{
    auto r = shared_config::parse(config, credentials, "/home/u/.aws/config", "/home/u/.aws/credentials");
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
    CHECK(r.error().kind() == error_kind::client);
    return r.error();
}

std::string value(shared_config const& c, std::string_view profile, std::string_view key)
{
    auto p = c.profile(profile);
    if (!p) return "<no profile>";
    auto v = p->get(key);
    return v ? std::string(*v) : "<unset>";
}

} // namespace

TEST_CASE("config file: [default], [profile name], [services name], [sso-session name]")
{
    auto c = parse_ok("[default]\n"
                      "region = us-east-1\n"
                      "[profile dev]\n"
                      "region = eu-west-1\n"
                      "services = my-services\n"
                      "[services my-services]\n"
                      "s3 =\n"
                      "  endpoint_url = http://localhost:4566\n"
                      "[sso-session corp]\n"
                      "sso_start_url = https://corp.awsapps.com/start\n");
    CHECK(value(c, "default", "region") == "us-east-1");
    CHECK(value(c, "dev", "region") == "eu-west-1");
    CHECK(value(c, "dev", "services") == "my-services");
    REQUIRE(c.services("my-services"));
    CHECK(c.services("my-services")->get("s3", "endpoint_url") == "http://localhost:4566");
    REQUIRE(c.sso_session("corp"));
    CHECK(c.sso_session("corp")->get("sso_start_url") == "https://corp.awsapps.com/start");
    CHECK(c.services("nope") == nullptr);
    CHECK(c.sso_session("nope") == nullptr);
    // Only profiles are profiles.
    CHECK(c.profile_names() == std::vector<std::string>{"default", "dev"});
    CHECK(c.profile("my-services") == nullptr);
    CHECK(c.profile("services my-services") == nullptr);
}

TEST_CASE("config file: a bare [name] is not a profile, except [default]")
{
    auto c = parse_ok("[dev]\nregion = a\n[preview]\ncloudfront = true\n[default]\nregion = b\n");
    CHECK(c.profile("dev") == nullptr);
    CHECK(c.profile("preview") == nullptr);
    CHECK(value(c, "default", "region") == "b");
}

TEST_CASE("config file: section names are case-sensitive")
{
    auto c = parse_ok("[Default]\nregion = a\n[PROFILE x]\nregion = b\n[Profile y]\nregion = c\n");
    CHECK(c.profile_names().empty());
}

TEST_CASE("key = value and key: value")
{
    auto c = parse_ok("[default]\n"
                      "region = us-west-2\n"
                      "output: json\n"
                      "tight=1\n"
                      "spaced   =    2   \n"
                      "a:b = c\n" // the first '=' or ':' ends the key
                      "url = http://x:8080/a=b\n"
                      "empty =\n"
                      "AWS_Access_Key_ID = AKID\n" // keys are lower-cased, values are not
                      "Mixed = CaSe\n");
    CHECK(value(c, "default", "region") == "us-west-2");
    CHECK(value(c, "default", "output") == "json");
    CHECK(value(c, "default", "tight") == "1");
    CHECK(value(c, "default", "spaced") == "2");
    CHECK(value(c, "default", "a") == "b = c");
    CHECK(value(c, "default", "url") == "http://x:8080/a=b");
    CHECK(value(c, "default", "empty") == "");
    CHECK(value(c, "default", "aws_access_key_id") == "AKID");
    CHECK(value(c, "default", "mixed") == "CaSe");
    CHECK(value(c, "default", "Mixed") == "<unset>");
}

TEST_CASE("values keep inner whitespace and anything after '#' or ';'")
{
    auto c = parse_ok("[default]\n"
                      "credential_process = /bin/tool  --flag   \"two  spaces\"\n"
                      "region = us-east-1 # not a comment\n"
                      "tabs =\tx\ty\t\n"
                      "semi = a;b\n");
    CHECK(value(c, "default", "credential_process") == "/bin/tool  --flag   \"two  spaces\"");
    CHECK(value(c, "default", "region") == "us-east-1 # not a comment");
    CHECK(value(c, "default", "tabs") == "x\ty");
    CHECK(value(c, "default", "semi") == "a;b");
}

TEST_CASE("full-line comments start with # or ;, indented or not")
{
    auto c = parse_ok("# top comment\n"
                      "; another\n"
                      "[default]\n"
                      "# region = commented-out\n"
                      "  ; indented comment\n"
                      "\t# tab-indented comment\n"
                      "output = json\n"
                      "# trailing\n");
    CHECK(value(c, "default", "region") == "<unset>");
    CHECK(value(c, "default", "output") == "json");
    CHECK(c.profile("default")->values.size() == 1);
}

TEST_CASE("nested blocks: a key with an empty value and indented lines under it")
{
    auto c = parse_ok("[default]\n"
                      "s3 =\n"
                      "  addressing_style = path\n"
                      "\n"
                      "  # a comment inside the block\n"
                      "    Signature_Version=s3v4\n" // more indentation still belongs to the block
                      "  url = http://h:1/?a=b\n"
                      "region = us-east-1\n"
                      "dynamodb =\n"
                      "\n"
                      "\tendpoint_url = http://localhost:8000\n");
    auto const* p = c.profile("default");
    REQUIRE(p);
    CHECK(p->get("s3", "addressing_style") == "path");
    CHECK(p->get("s3", "Signature_Version") == "s3v4"); // nested keys keep their case, as in botocore
    CHECK(p->get("s3", "url") == "http://h:1/?a=b");
    CHECK(p->get("dynamodb", "endpoint_url") == "http://localhost:8000");
    CHECK(p->get("region") == "us-east-1");
    CHECK_FALSE(p->get("s3").has_value()); // a block is not a plain value
    CHECK(p->nested.size() == 2);
}

TEST_CASE("a key with an empty value and only blank lines after it is an empty value")
{
    auto c = parse_ok("[default]\ns3 =\n\n\nregion = x\n");
    CHECK(value(c, "default", "s3") == "");
    CHECK(c.profile("default")->nested.empty());
}

TEST_CASE("indented keys after a section header are ordinary keys, as in configparser")
{
    auto c = parse_ok("[default]\n"
                      "    aws_access_key_id = AKID\n"
                      "    aws_secret_access_key = SECRET\n"
                      "  region = r\n");
    CHECK(value(c, "default", "aws_access_key_id") == "AKID");
    CHECK(value(c, "default", "aws_secret_access_key") == "SECRET");
    CHECK(value(c, "default", "region") == "r");
}

TEST_CASE("section headers: text after the last ']' is ignored; names keep inner brackets")
{
    auto c =
        parse_ok("[default] # my default\nregion = a\n[profile a]b]\nregion = b\n", "[x] ; note\nk = v\n");
    CHECK(value(c, "default", "region") == "a");
    CHECK(value(c, "x", "k") == "v");
    CHECK(c.profile("a]b") != nullptr);
}

TEST_CASE("profile names are split like a shell would")
{
    auto c = parse_ok("[profile \"with space\"]\nregion = a\n"
                      "[profile 'single']\nregion = b\n"
                      "[profile   extra-spaces  ]\nregion = c\n"
                      "[profile]\nregion = d\n"              // one word: ignored
                      "[profile a b]\nregion = e\n"          // three words: ignored
                      "[profile \"unbalanced]\nregion = f\n" // no closing quote: ignored
                      "[profilex y]\nregion = g\n"           // botocore only checks the prefix
                      "[services \"svc name\"]\ns3 =\n  x = 1\n");
    CHECK(value(c, "with space", "region") == "a");
    CHECK(value(c, "single", "region") == "b");
    CHECK(value(c, "extra-spaces", "region") == "c");
    CHECK(value(c, "y", "region") == "g");
    CHECK(c.profile_names() == std::vector<std::string>{"extra-spaces", "single", "with space", "y"});
    CHECK(c.services("svc name") != nullptr);
}

TEST_CASE("a later section for the same profile replaces the earlier one whole")
{
    auto c = parse_ok("[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n"
                      "[profile  p]\nx = 1\n[profile p]\ny = 2\n");
    CHECK(value(c, "default", "region") == "b");
    CHECK(value(c, "default", "output") == "<unset>");
    CHECK(value(c, "p", "x") == "<unset>");
    CHECK(value(c, "p", "y") == "2");

    auto d = parse_ok("[profile default]\nregion = b\n[default]\nregion = a\n");
    CHECK(value(d, "default", "region") == "a");
}

TEST_CASE("[DEFAULT] keys go into every section of the same file that lacks them")
{
    auto c = parse_ok("[DEFAULT]\nregion = r\ns3 =\n  addressing_style = path\n"
                      "[default]\nx = 1\n[profile own]\nregion = mine\n[DEFAULT]\noutput = json\n",
                      "[creds]\naws_access_key_id = A\n");
    CHECK(value(c, "default", "region") == "r");
    CHECK(value(c, "default", "output") == "json");
    CHECK(c.profile("default")->get("s3", "addressing_style") == "path");
    CHECK(value(c, "own", "region") == "mine");
    CHECK(c.profile("DEFAULT") == nullptr);
    CHECK(value(c, "creds", "region") == "<unset>"); // another file
    CHECK(c.profile_names() == std::vector<std::string>{"creds", "default", "own"});
}

TEST_CASE("line endings, byte order mark, missing final newline, empty input")
{
    CHECK(value(parse_ok("[default]\r\nregion = a\r\nx = 1"), "default", "region") == "a");
    CHECK(value(parse_ok("[default]\rregion = a\r"), "default", "region") == "a");
    CHECK(value(parse_ok("\xEF\xBB\xBF[default]\nregion = a\n"), "default", "region") == "a");
    CHECK(value(parse_ok("[default]\r\ns3 =\r\n  x = 1\r\n"), "default", "region") == "<unset>");
    CHECK(parse_ok("[default]\r\ns3 =\r\n  x = 1\r\n").profile("default")->get("s3", "x") == "1");
    CHECK(parse_ok("").profile_names().empty());
    CHECK(parse_ok("\n\n# only comments\n").profile_names().empty());
    CHECK(parse_ok("[default]").profile("default") != nullptr);
}

TEST_CASE("credentials file: every [name] is a profile, named as written")
{
    auto c = parse_ok("", "[default]\naws_access_key_id = A\n[dev]\naws_access_key_id = B\n"
                          "[profile odd]\naws_access_key_id = C\n");
    CHECK(value(c, "default", "aws_access_key_id") == "A");
    CHECK(value(c, "dev", "aws_access_key_id") == "B");
    CHECK(value(c, "profile odd", "aws_access_key_id") == "C");
    CHECK(c.profile("odd") == nullptr);
}

TEST_CASE("merge: the credentials file wins key by key; each file stays readable alone")
{
    auto c =
        parse_ok("[default]\nregion = us-east-1\naws_access_key_id = CONFIG\ns3 =\n  a = 1\n"
                 "[profile cfg-only]\nregion = x\n",
                 "[default]\naws_access_key_id = CREDS\ns3 = flat\n[creds-only]\naws_access_key_id = K\n");
    CHECK(value(c, "default", "aws_access_key_id") == "CREDS");
    CHECK(value(c, "default", "region") == "us-east-1");
    CHECK(value(c, "default", "s3") == "flat"); // a whole block is one key
    CHECK(c.profile("default")->nested.empty());
    CHECK(value(c, "cfg-only", "region") == "x");
    CHECK(value(c, "creds-only", "aws_access_key_id") == "K");
    CHECK(c.profile_names() == std::vector<std::string>{"cfg-only", "creds-only", "default"});

    REQUIRE(c.config_file_profile("default"));
    CHECK(c.config_file_profile("default")->get("aws_access_key_id") == "CONFIG");
    CHECK(c.config_file_profile("creds-only") == nullptr);
    REQUIRE(c.credentials_file_profile("default"));
    CHECK(c.credentials_file_profile("default")->get("region") == std::nullopt);
    CHECK(c.credentials_file_profile("cfg-only") == nullptr);

    auto d = parse_ok("[default]\ns3 = flat\n", "[default]\ns3 =\n  b = 2\n");
    CHECK(d.profile("default")->get("s3", "b") == "2");
    CHECK_FALSE(d.profile("default")->get("s3").has_value());
    CHECK(d.config_path() == "/home/u/.aws/config");
    CHECK(d.credentials_path() == "/home/u/.aws/credentials");
}

// Each malformed-input rule: the message has "<path>:<line>: " and the rule,
// and never the value (which may be a secret).
TEST_CASE("malformed: a key outside any section")
{
    auto e = parse_fail("aws_secret_access_key = SECRETVALUE\n[default]\n");
    CHECK_THAT(e.message, Contains("/home/u/.aws/config:1: 'aws_secret_access_key' is outside any section"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));

    e = parse_fail("", "# comment\n\n  aws_secret_access_key: SECRETVALUE\n");
    CHECK_THAT(e.message,
               Contains("/home/u/.aws/credentials:3: 'aws_secret_access_key' is outside any section"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));

    // A line that may be a bare secret is not echoed as a "key" either.
    e = parse_fail("abc/def+SECRETVALUE=\n");
    CHECK_THAT(e.message, Contains(":1: a key is outside any section"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));
}

TEST_CASE("malformed: a line before any section that is not a key either")
{
    auto e = parse_fail("SECRETVALUE\n[default]\n");
    CHECK_THAT(e.message, Contains("/home/u/.aws/config:1: expected a section header such as [default]"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));
}

TEST_CASE("malformed: a line that is neither a section, key = value nor comment")
{
    auto e = parse_fail("[default]\nregion = a\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETVALUE\n");
    CHECK_THAT(e.message,
               Contains("/home/u/.aws/config:3: expected \"key = value\", a [section] header or a comment "
                        "(in section [default])"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));

    e = parse_fail("", "[default]\n[other]\nSECRETVALUE\n");
    CHECK_THAT(e.message, Contains("/home/u/.aws/credentials:3:"));
    CHECK_THAT(e.message, Contains("(in section [other])"));
}

TEST_CASE("malformed: a key with no name")
{
    auto e = parse_fail("[default]\n= SECRETVALUE\n");
    CHECK_THAT(e.message, Contains("/home/u/.aws/config:2: missing key name before '='"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));
    e = parse_fail("[default]\n  : SECRETVALUE\n");
    CHECK_THAT(e.message, Contains(":2: missing key name before ':'"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));
}

TEST_CASE("malformed: an unterminated or empty section header")
{
    auto e = parse_fail("[default]\nregion = a\n[profile dev\nregion = b\n");
    CHECK_THAT(e.message, Contains("/home/u/.aws/config:3: unterminated section header: missing ']'"));
    // Even where configparser would read it as a key: "[profile x = y".
    e = parse_fail("[default]\n[profile x = y\n");
    CHECK_THAT(e.message, Contains(":2: unterminated section header"));
    e = parse_fail("[profile dev\n");
    CHECK_THAT(e.message, Contains(":1: unterminated section header"));
    e = parse_fail("[default]\n[]\n");
    CHECK_THAT(e.message, Contains(":2: empty section name \"[]\""));
}

TEST_CASE("malformed: an indented line with no block to belong to")
{
    // configparser would glue it onto the value: "SECRETVALUE\nsub = x".
    auto e = parse_fail("[default]\naws_secret_access_key = SECRETVALUE\n\n  sub = SECRETVALUE2\n");
    CHECK_THAT(e.message,
               Contains("/home/u/.aws/config:4: indented line continues 'aws_secret_access_key', which "
                        "already has a value; only a key with an empty value (\"key =\") starts a "
                        "nested block"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));

    e = parse_fail("", "[default]\n  region = a\n    more\n");
    CHECK_THAT(e.message, Contains("/home/u/.aws/credentials:3: indented line continues 'region'"));
}

TEST_CASE("malformed: a nested line that is not key = value")
{
    auto e = parse_fail("[default]\ns3 =\n  addressing_style = path\n  SECRETVALUE\n");
    CHECK_THAT(e.message,
               Contains("/home/u/.aws/config:4: expected \"key = value\" in the nested block under 's3'"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));
    // Only '=' separates in a block, as in botocore's _parse_nested.
    e = parse_fail("[default]\ns3 =\n  addressing_style: path\n");
    CHECK_THAT(e.message, Contains(":3: expected \"key = value\" in the nested block under 's3'"));
    e = parse_fail("[default]\ns3 =\n  = SECRETVALUE\n");
    CHECK_THAT(e.message, Contains(":3: missing key name before '=' in the nested block under 's3'"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));
}

TEST_CASE("malformed: duplicate sections and keys (configparser's strict mode)")
{
    auto e = parse_fail("[default]\na = 1\n\n[default]\nb = 2\n");
    CHECK_THAT(e.message, Contains("/home/u/.aws/config:4: duplicate section [default] (first on line 1)"));
    e = parse_fail("[default]\naws_secret_access_key = SECRETVALUE\nAWS_SECRET_ACCESS_KEY = SECRETVALUE2\n");
    CHECK_THAT(e.message, Contains(":3: duplicate key 'aws_secret_access_key' in section [default]"));
    CHECK_THAT(e.message, !Contains("SECRETVALUE"));
    e = parse_fail("[default]\ns3 =\n  a = 1\ns3 = x\n");
    CHECK_THAT(e.message, Contains(":4: duplicate key 's3' in section [default]"));
    e = parse_fail("[DEFAULT]\na = 1\n[DEFAULT]\na = 2\n");
    CHECK_THAT(e.message, Contains(":4: duplicate key 'a' in section [DEFAULT]"));
    // A nested block may repeat a key: botocore keeps the last.
    CHECK(parse_ok("[default]\ns3 =\n  a = 1\n  a = 2\n").profile("default")->get("s3", "a") == "2");
}

TEST_CASE("malformed input never crashes")
{
    std::vector<std::string> const pieces = {"[",
                                             "]",
                                             "[default]",
                                             "=",
                                             ":",
                                             " ",
                                             "\t",
                                             "\n",
                                             "\r",
                                             "#",
                                             ";",
                                             "a",
                                             "s3 =",
                                             "\n  ",
                                             "\"",
                                             "'",
                                             "\\",
                                             "\xEF\xBB\xBF",
                                             std::string(1, '\0')};
    // Every sequence of three pieces: no crash, and an error always names the file.
    for (auto const& a : pieces)
        for (auto const& b : pieces)
            for (auto const& c : pieces) {
                auto text = a + b + c + "\nk = v\n" + a + c + b;
                auto r = shared_config::parse(text, text, "cfg", "creds");
                if (r.has_error()) {
                    CHECK(r.error().code == errc::invalid_config);
                    bool named =
                        r.error().message.starts_with("cfg:") || r.error().message.starts_with("creds:");
                    CHECK(named);
                }
            }
}

TEST_CASE("load: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE")
{
    test::temp_dir dir;
    auto config = dir.write("c/config", "[profile dev]\nregion = eu-west-1\n");
    auto creds = dir.write("c/credentials", "[dev]\naws_access_key_id = AKID\n");
    auto c = shared_config::load(
        environment::from_map({{"AWS_CONFIG_FILE", config}, {"AWS_SHARED_CREDENTIALS_FILE", creds}}));
    REQUIRE(c.has_value());
    CHECK(value(*c, "dev", "region") == "eu-west-1");
    CHECK(value(*c, "dev", "aws_access_key_id") == "AKID");
    CHECK(c->config_path() == config);
    CHECK(c->credentials_path() == creds);
}

TEST_CASE("load: the default paths are under HOME")
{
    test::temp_dir dir;
    dir.write(".aws/config", "[default]\nregion = us-east-2\n");
    dir.write(".aws/credentials", "[default]\naws_access_key_id = AKID\n");
    auto c = shared_config::load(environment::from_map({{"HOME", dir.str() + "/"}}));
    REQUIRE(c.has_value());
    CHECK(value(*c, "default", "region") == "us-east-2");
    CHECK(value(*c, "default", "aws_access_key_id") == "AKID");
    CHECK(c->config_path() == dir.str(".aws/config"));
    CHECK(c->credentials_path() == dir.str(".aws/credentials"));
}

TEST_CASE("load: ~ and $VARIABLES in the file variables are expanded from the environment")
{
    test::temp_dir dir;
    dir.write("cfg/a", "[default]\nregion = from-a\n");
    dir.write("b", "[default]\naws_access_key_id = from-b\n");
    auto c = shared_config::load(environment::from_map({{"HOME", dir.str()},
                                                        {"SUB", "cfg"},
                                                        {"AWS_CONFIG_FILE", "~/$SUB/a"},
                                                        {"AWS_SHARED_CREDENTIALS_FILE", "${HOME}/b"}}));
    REQUIRE(c.has_value());
    CHECK(value(*c, "default", "region") == "from-a");
    CHECK(value(*c, "default", "aws_access_key_id") == "from-b");
    CHECK(c->config_path() == dir.str("cfg/a"));

    // Unknown variables stay as written (and that file does not exist).
    auto d = shared_config::load(environment::from_map({{"HOME", dir.str()},
                                                        {"AWS_CONFIG_FILE", dir.str() + "/$NOPE/a"},
                                                        {"AWS_SHARED_CREDENTIALS_FILE", "${NOPE}"}}));
    REQUIRE(d.has_value());
    CHECK(d->config_path() == dir.str() + "/$NOPE/a");
    CHECK(d->credentials_path() == "${NOPE}");
    CHECK(d->profile_names().empty());
}

TEST_CASE("load: missing files are fine")
{
    test::temp_dir dir;
    auto c = shared_config::load(environment::from_map({{"HOME", dir.str()}}));
    REQUIRE(c.has_value());
    CHECK(c->profile_names().empty());
    auto d = shared_config::load(environment::from_map(
        {{"AWS_CONFIG_FILE", dir.str("no/such/file")}, {"AWS_SHARED_CREDENTIALS_FILE", dir.str("x/y")}}));
    REQUIRE(d.has_value());
    CHECK(d->profile_names().empty());
    // A path through a regular file is "missing" too (ENOTDIR), as os.path.isfile says.
    auto file = dir.write("plain", "");
    auto e = shared_config::load(environment::from_map({{"AWS_CONFIG_FILE", file + "/config"}}));
    CHECK(e.has_value());
}

TEST_CASE("load: without HOME the default files are not read")
{
    auto c = shared_config::load(environment::from_map({}));
    REQUIRE(c.has_value());
    CHECK(c->profile_names().empty());
    CHECK_THAT(c->config_path(), Contains("HOME is not set"));
    CHECK_THAT(c->credentials_path(), Contains("HOME is not set"));

    c = shared_config::load(environment::from_map({{"HOME", "/"}, {"AWS_CONFIG_FILE", "~nobody/config"}}));
    REQUIRE(c.has_value());
    CHECK(c->config_path() == "~nobody/config (not read: ~user is not supported)");
    CHECK(c->credentials_path() == "/.aws/credentials");
}

TEST_CASE("load: a file that cannot be read is an error")
{
    test::temp_dir dir;
    std::filesystem::create_directories(dir.path() / "is-a-dir");
    auto r = shared_config::load(environment::from_map({{"AWS_CONFIG_FILE", dir.str("is-a-dir")}}));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
    CHECK_THAT(r.error().message,
               Contains("cannot read config file " + dir.str("is-a-dir") + ": Is a directory"));

    r = shared_config::load(
        environment::from_map({{"HOME", dir.str()}, {"AWS_SHARED_CREDENTIALS_FILE", dir.str("is-a-dir")}}));
    REQUIRE(r.has_error());
    CHECK_THAT(r.error().message, Contains("cannot read credentials file " + dir.str("is-a-dir")));
}

TEST_CASE("load: a malformed file's error names its real path and line")
{
    test::temp_dir dir;
    auto creds =
        dir.write("credentials", "[default]\naws_access_key_id = A\naws_secret_access_key SECRETVALUE\n");
    auto r = shared_config::load(
        environment::from_map({{"HOME", dir.str()}, {"AWS_SHARED_CREDENTIALS_FILE", creds}}));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
    CHECK_THAT(r.error().message, Contains(creds + ":3: expected \"key = value\""));
    CHECK_THAT(r.error().to_string(), !Contains("SECRETVALUE"));
}

TEST_CASE("resolve_profile_name: argument, AWS_DEFAULT_PROFILE, AWS_PROFILE, then default")
{
    auto env =
        environment::from_map({{"AWS_DEFAULT_PROFILE", "from-default-var"}, {"AWS_PROFILE", "from-profile"}});
    auto p = resolve_profile_name(std::string("arg"), env);
    CHECK(p.name == "arg");
    CHECK(p.source == profile_source::argument);
    CHECK(p.chosen());

    p = resolve_profile_name(std::nullopt, env);
    CHECK(p.name == "from-default-var");
    CHECK(p.source == profile_source::aws_default_profile);

    p = resolve_profile_name(std::nullopt, environment::from_map({{"AWS_PROFILE", "from-profile"}}));
    CHECK(p.name == "from-profile");
    CHECK(p.source == profile_source::aws_profile);

    p = resolve_profile_name(std::nullopt, environment::from_map({{"AWS_PROFILE", ""}}));
    CHECK(p.name == "default");
    CHECK(p.source == profile_source::implicit_default);
    CHECK_FALSE(p.chosen());
}

TEST_CASE("resolve_profile: a chosen profile must exist; the implicit default need not")
{
    auto c = parse_ok("[profile in-config]\nregion = a\n", "[in-creds]\naws_access_key_id = A\n");
    auto none = environment::from_map({});

    auto r = resolve_profile(std::nullopt, none, c);
    REQUIRE(r.has_value());
    CHECK(r->name == "default");
    CHECK(resolve_profile(std::string("in-config"), none, c).has_value());
    CHECK(resolve_profile(std::string("in-creds"), none, c).has_value());

    auto e = resolve_profile(std::string("missing"), none, c);
    REQUIRE(e.has_error());
    CHECK(e.error().code == errc::unknown_profile);
    CHECK(e.error().kind() == error_kind::client);
    CHECK(e.error().message == "the config profile 'missing' could not be found in the config file "
                               "/home/u/.aws/config or the credentials file /home/u/.aws/credentials");

    // botocore: an explicitly chosen "default" has to exist too.
    e = resolve_profile(std::string("default"), none, c);
    REQUIRE(e.has_error());
    CHECK(e.error().code == errc::unknown_profile);

    e = resolve_profile(std::nullopt, environment::from_map({{"AWS_PROFILE", "gone"}}), c);
    REQUIRE(e.has_error());
    CHECK_THAT(e.error().message, Contains("'gone' (from AWS_PROFILE) could not be found"));
    e = resolve_profile(std::nullopt, environment::from_map({{"AWS_DEFAULT_PROFILE", "gone"}}), c);
    REQUIRE(e.has_error());
    CHECK_THAT(e.error().message, Contains("'gone' (from AWS_DEFAULT_PROFILE) could not be found"));
}
