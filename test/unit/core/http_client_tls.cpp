#include <stratus/core/http_client.hpp>

#include "http_fixture.hpp"

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

using namespace stratus;
using test::fixture_connection;
using test::fixture_server;
using test::make_response;

namespace {

// Answers every request on the connection with 200 and a fixed body.
auto const serve_hello = test::serve_all([](auto const&) { return std::string("secure hello"); });

} // namespace

TEST_CASE("http_client TLS: a self-signed certificate is refused by default")
{
    test::tls_identity id("IP:127.0.0.1");
    fixture_server srv(serve_hello, &id);
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto r = c.try_send(test::get_request(srv.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::tls_error);
    CHECK(r.error().kind() == error_kind::transport);
    // OpenSSL 3 says "self-signed", 1.1.1 "self signed".
    CHECK_THAT(r.error().message,
               Catch::Contains("certificate verify failed: self") && Catch::Contains("signed certificate"));
    CHECK_THAT(r.error().message,
               Catch::Contains("TLS handshake with 127.0.0.1:" + std::to_string(srv.port())));
    CHECK_THROWS_AS(c.send(test::get_request(srv.url())), transport_error);
}

TEST_CASE("http_client TLS: trusted through ca_bundle, with keep-alive")
{
    test::tls_identity id("IP:127.0.0.1,DNS:localhost");
    fixture_server srv(serve_hello, &id);
    boost::asio::io_context ioc;
    http::client_config cfg;
    cfg.ca_bundle = id.cert_file;
    http::client c(ioc.get_executor(), cfg);
    for (int i = 0; i < 3; ++i) {
        auto r = c.try_send(test::get_request(srv.url()));
        REQUIRE(r.has_value());
        CHECK(r->body == "secure hello");
    }
    CHECK(srv.connections() == 1);

    SECTION("by host name too (SNI and DNS name check)")
    {
        auto r = c.try_send(test::get_request("https://localhost:" + std::to_string(srv.port()) + "/"));
        REQUIRE(r.has_value());
        CHECK(r->body == "secure hello");
    }
    SECTION("a large body in both directions")
    {
        auto req = test::get_request(srv.url());
        req.method = "PUT";
        req.body = std::string(3 << 20, 'z');
        auto r = c.try_send(req);
        REQUIRE(r.has_value());
        CHECK(r->status == 200);
    }
}

TEST_CASE("http_client TLS: a certificate for another host is refused")
{
    test::tls_identity id("DNS:elsewhere.invalid");
    fixture_server srv(serve_hello, &id);
    boost::asio::io_context ioc;
    http::client_config cfg;
    cfg.ca_bundle = id.cert_file;
    http::client c(ioc.get_executor(), cfg);
    auto r = c.try_send(test::get_request(srv.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::tls_error);
    CHECK_THAT(r.error().message, Catch::Contains("hostname mismatch"));

    SECTION("unless verification is off")
    {
        http::client_config off;
        off.verify_tls = false;
        http::client insecure(ioc.get_executor(), off);
        auto rr = insecure.try_send(test::get_request(srv.url()));
        REQUIRE(rr.has_value());
        CHECK(rr->body == "secure hello");
    }
}

TEST_CASE("http_client TLS: a ca_bundle that cannot be loaded names the file")
{
    test::tls_identity id("IP:127.0.0.1");
    fixture_server srv(serve_hello, &id);
    boost::asio::io_context ioc;
    http::client_config cfg;
    cfg.ca_bundle = "/nonexistent/stratus/ca.pem";
    http::client c(ioc.get_executor(), cfg);
    auto r = c.try_send(test::get_request(srv.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_config);
    CHECK_THAT(r.error().message, Catch::Contains("ca_bundle '/nonexistent/stratus/ca.pem'"));
    CHECK(srv.connections() == 0);
    CHECK_THROWS_AS(c.send(test::get_request(srv.url())), client_error);
}
