// Built without STRATUS_SEPARATE_COMPILATION: proves the HTTP core compiles and
// works header-only, the default for users.
#include <stratus/core/http_client.hpp>

#include "http_fixture.hpp"

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#ifndef STRATUS_HEADER_ONLY
#error "this test must be built in header-only mode"
#endif

using namespace stratus;

TEST_CASE("http_client header-only: sync and async sends, keep-alive, errors")
{
    test::fixture_server srv([](test::fixture_connection& c) {
        while (auto h = c.read_head()) {
            c.read_body(*h);
            c.write(test::make_response(200, h->target));
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    http::request req;
    req.url = http::parse_url(srv.url("/sync")).value();
    CHECK(c.send(req).body == "/sync");

    std::string body;
    req.url.path = "/async";
    c.async_send(req, [&](error_code ec, http::response r) {
        CHECK_FALSE(ec);
        body = r.body;
    });
    ioc.run();
    CHECK(body == "/async");

    req.url.port = test::closed_port();
    error_code ec;
    c.send(req, ec);
    CHECK(ec == boost::asio::error::connection_refused);
}
