// The helpers under the providers: shell-like splitting, timestamps, and
// running a child process.
#include <stratus/credentials/detail/process.hpp>
#include <stratus/credentials/detail/timestamp.hpp>
#include <stratus/detail/ini.hpp>
#include <stratus/detail/shlex.hpp>

#include <catch2/catch.hpp>

#include <csignal>

using namespace stratus;
using namespace std::chrono;
using words = std::vector<std::string>;

TEST_CASE("shlex_split: as Python's shlex.split")
{
    auto split = [](std::string_view s) {
        auto r = detail::shlex_split(s);
        REQUIRE(r.has_value());
        return *r;
    };
    CHECK(split("") == words{});
    CHECK(split("   \t\n ") == words{});
    CHECK(split("a b  c") == words{"a", "b", "c"});
    CHECK(split("'a b' \"c d\"") == words{"a b", "c d"});
    CHECK(split("a'b c'd") == words{"ab cd"});
    CHECK(split("'' \"\" x") == words{"", "", "x"});
    CHECK(split("a\\ b") == words{"a b"});
    CHECK(split("\\'x") == words{"'x"});
    CHECK(split("'a\\b'") == words{"a\\b"});                   // no escapes in single quotes
    CHECK(split("\"a\\\"b\\\\c\\d\"") == words{"a\"b\\c\\d"}); // in double quotes only \" and \\ escape
    CHECK(split("#not-a-comment $HOME ;") == words{"#not-a-comment", "$HOME", ";"});
    CHECK(split("profile \"my name\"") == words{"profile", "my name"});

    auto e = detail::shlex_split("'open");
    REQUIRE(e.has_error());
    CHECK(e.error().message == "no closing quotation");
    e = detail::shlex_split("\"open");
    REQUIRE(e.has_error());
    CHECK(e.error().message == "no closing quotation");
    e = detail::shlex_split("trailing\\");
    REQUIRE(e.has_error());
    CHECK(e.error().message == "no escaped character");
}

TEST_CASE("parse_timestamp: RFC 3339 and the forms AWS tools print")
{
    auto at = [](std::string_view s) {
        auto t = detail::parse_timestamp(s);
        REQUIRE(t.has_value());
        return *t;
    };
    auto base = sys_days{year{2024} / 2 / 29} + 13h + 14min + 15s;
    CHECK(at("2024-02-29T13:14:15Z") == base);
    CHECK(at("2024-02-29t13:14:15z") == base);
    CHECK(at("2024-02-29T13:14:15") == base); // no zone: UTC
    CHECK(at("2024-02-29T13:14:15.5Z") == base + 500ms);
    CHECK(at("2024-02-29T13:14:15.123456789Z") == base + 123456789ns);
    CHECK(at("2024-02-29T15:14:15+02:00") == base);
    CHECK(at("2024-02-29T11:44:15-0130") == base);
    CHECK(at("2024-02-29T13:14:15+00:00") == base);

    CHECK(at("9999-12-31T23:59:59Z") == system_clock::time_point::max());
    CHECK(at("0001-01-01T00:00:00Z") == system_clock::time_point::min());

    for (auto bad :
         {"", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
          "2024-01-01T00:60:00Z", "2024-01-01 00:00:00Z", "2024-01-01", "2024-01-01T00:00:00ZZ",
          "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+2", "tomorrow", "1700000000"})
        CHECK_FALSE(detail::parse_timestamp(bad));

    CHECK(detail::format_timestamp(base + 999ms) == "2024-02-29T13:14:15Z");
    CHECK(detail::format_timestamp(sys_days{year{1999} / 12 / 31}) == "1999-12-31T00:00:00Z");
}

TEST_CASE("run_process: exit status, both outputs, limits")
{
    auto r = detail::run_process({"/bin/sh", "-c", "printf out; printf err >&2; exit 7"}, 100, 100);
    REQUIRE(r.has_value());
    CHECK(r->exit_status == 7);
    CHECK(r->signal == 0);
    CHECK(r->out == "out");
    CHECK(r->err == "err");
    CHECK_FALSE(r->out_truncated);

    r = detail::run_process({"/bin/sh", "-c", "head -c 500000 /dev/zero; head -c 500000 /dev/zero >&2"}, 10,
                            20);
    REQUIRE(r.has_value());
    CHECK(r->exit_status == 0);
    CHECK(r->out.size() == 10);
    CHECK(r->out_truncated);
    CHECK(r->err.size() == 20);

    r = detail::run_process({"sh", "-c", "kill -TERM $$"}, 10, 10); // found in PATH
    REQUIRE(r.has_value());
    CHECK(r->signal == SIGTERM);

    // Only stdin, stdout and stderr are passed on.
    r = detail::run_process({"/bin/sh", "-c", "ls /proc/self/fd | wc -l"}, 100, 100);
    REQUIRE(r.has_value());
    CHECK(std::stoi(r->out) <= 4); // 0, 1, 2 and the directory ls reads

    r = detail::run_process({"/nonexistent/program", "SECRET"}, 10, 10);
    REQUIRE(r.has_error());
    CHECK(r.error().code == boost::system::errc::no_such_file_or_directory);
    CHECK(r.error().message == "cannot run '/nonexistent/program': No such file or directory");
}

TEST_CASE("parse_ini: sections in file order, including those that are not profiles")
{
    auto r = detail::parse_ini("[b]\nx = 1\n[a]\n[DEFAULT]\ny = 2\n", "f");
    REQUIRE(r.has_value());
    REQUIRE(r->size() == 2);
    CHECK((*r)[0].name == "b");
    CHECK((*r)[1].name == "a");
    CHECK((*r)[1].settings.get("y") == "2");
}
