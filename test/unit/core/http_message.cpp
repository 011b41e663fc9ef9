#include <stratus/core/http_message.hpp>

#include <catch2/catch.hpp>

using namespace stratus;

TEST_CASE("fields: lookups ignore case, set replaces every duplicate")
{
    http::fields f;
    f.add("Content-Type", "text/plain");
    f.add("X-Amz-Meta-A", "1");
    f.add("x-amz-meta-a", "2");
    CHECK(f.get("content-type") == "text/plain");
    CHECK(f.get("X-AMZ-META-A") == "1");
    f.set("X-Amz-Meta-A", "3");
    CHECK(f.size() == 2);
    CHECK(f.get("x-amz-meta-a") == "3");
    f.erase("CONTENT-TYPE");
    CHECK_FALSE(f.contains("content-type"));
}

TEST_CASE("parse_url: accepts what endpoint_url may hold")
{
    auto u = http::parse_url("http://127.0.0.1:4566").value();
    CHECK(u.scheme == "http");
    CHECK(u.host == "127.0.0.1");
    CHECK(u.port == 4566);
    CHECK(u.path == "/");
    CHECK(u.authority() == "127.0.0.1:4566");

    u = http::parse_url("HTTPS://s3.us-west-2.amazonaws.com:443/base/path?x=1").value();
    CHECK(u.scheme == "https");
    CHECK(u.default_port());
    CHECK(u.authority() == "s3.us-west-2.amazonaws.com");
    CHECK(u.target() == "/base/path?x=1");

    u = http::parse_url("http://[::1]:9000/").value();
    CHECK(u.host == "::1");
    CHECK(u.authority() == "[::1]:9000");
    CHECK(u.to_string() == "http://[::1]:9000/");
}

TEST_CASE("parse_url: bad input names the problem")
{
    auto check = [](std::string_view text, std::string_view why) {
        auto r = http::parse_url(text);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_endpoint);
        CHECK(r.error().kind() == error_kind::client);
        CHECK_THAT(r.error().message, Catch::Contains(std::string(why)));
    };
    check("localhost:9000", "expected scheme://host");
    check("ftp://example.com", "scheme must be http or https");
    check("http://", "missing host");
    check("http://host:0", "port must be a number from 1 to 65535");
    check("http://host:65536", "port must be a number from 1 to 65535");
    check("http://host:12ab", "port must be a number from 1 to 65535");
    check("http://host:", "empty port");
    check("http://user:pw@host", "user information is not allowed");
    check("http://ho st/", "invalid character ' ' in host");
    check("http://[::1/", "unterminated IPv6 address");
    check("http://host/a b", "whitespace or control character in path");
}

TEST_CASE("result<T>::value() throws the typed exception")
{
    auto r = http::parse_url("nope");
    CHECK_THROWS_AS(r.value(), client_error);
    try {
        (void)r.value();
    } catch (error const& e) {
        CHECK(e.info().code == errc::invalid_endpoint);
        CHECK_THAT(std::string(e.what()), Catch::Contains("expected scheme://host"));
    }
}
