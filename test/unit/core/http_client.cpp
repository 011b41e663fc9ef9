#include <stratus/core/http_client.hpp>

#include "http_fixture.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstring>
#include <thread>

using namespace stratus;
using namespace std::chrono_literals;
using test::fixture_connection;
using test::fixture_server;
using test::make_response;

namespace {

// Answers every request on the connection with 200 and a fixed body.
auto const serve_hello = test::serve_all([](auto const&) { return std::string("hello"); });

// A body read in pieces; counts rewinds, optionally refuses them.
class test_source final : public http::body_source {
public:
    test_source(std::string data, bool sized, bool rewindable = true)
        : data_(std::move(data)), sized_(sized), rewindable_(rewindable)
    {
    }
    std::optional<std::uint64_t> size() const override
    {
        return sized_ ? std::optional<std::uint64_t>(data_.size()) : std::nullopt;
    }
    std::size_t read(std::span<char> buf, error_code&) override
    {
        // Small pieces, so a body is always several writes (and chunks).
        auto const n = std::min({buf.size(), data_.size() - pos_, std::size_t(1000)});
        std::memcpy(buf.data(), data_.data() + pos_, n);
        pos_ += n;
        return n;
    }
    bool rewind() override
    {
        ++rewinds;
        if (!rewindable_) return false;
        pos_ = 0;
        return true;
    }
    int rewinds = 0;

private:
    std::string data_;
    bool sized_;
    bool rewindable_;
    std::size_t pos_ = 0;
};

std::string pattern(std::size_t n)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = static_cast<char>('a' + i % 23);
    return s;
}

} // namespace

TEST_CASE("http_client: keep-alive connections are reused")
{
    fixture_server srv(serve_hello);
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    for (int i = 0; i < 3; ++i) {
        auto r = c.send(test::get_request(srv.url("/x")));
        CHECK(r.status == 200);
        CHECK(r.reason == "OK");
        CHECK(r.body == "hello");
        CHECK(r.headers.get("content-length") == "5");
    }
    CHECK(srv.connections() == 1);
}

TEST_CASE("http_client: max_pool_connections = 0 never reuses")
{
    fixture_server srv(serve_hello);
    boost::asio::io_context ioc;
    http::client_config cfg;
    cfg.max_pool_connections = 0;
    http::client c(ioc.get_executor(), cfg);
    for (int i = 0; i < 3; ++i)
        CHECK(c.send(test::get_request(srv.url())).body == "hello");
    CHECK(srv.connections() == 3);
}

TEST_CASE("http_client: request head keeps header order and case, adds Host, Content-Length, User-Agent")
{
    std::vector<test::request_head> seen;
    std::vector<std::string> bodies;
    std::mutex m;
    fixture_server srv([&](fixture_connection& c) {
        while (auto h = c.read_head()) {
            auto b = c.read_body(*h);
            {
                std::lock_guard lock(m);
                seen.push_back(*h);
                bodies.push_back(b);
            }
            c.write(make_response(201));
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto req = test::get_request(srv.url("/a%20b?x=1&y=2"));
    req.method = "PUT";
    req.headers.add("X-Amz-Meta-Zeta", "1");
    req.headers.add("x-amz-date", "20240101T000000Z");
    req.headers.add("X-Amz-Meta-Alpha", "2");
    req.body = "payload";
    CHECK(c.send(req).status == 201);

    auto empty_put = test::get_request(srv.url("/e"));
    empty_put.method = "PUT";
    empty_put.headers.add("User-Agent", "mine/1.0");
    empty_put.headers.add("Host", "override.example");
    CHECK(c.send(empty_put).status == 201);

    REQUIRE(seen.size() == 2);
    auto const& h = seen[0];
    CHECK(h.method == "PUT");
    CHECK(h.target == "/a%20b?x=1&y=2");
    REQUIRE(h.headers.size() == 6);
    CHECK(h.headers[0] ==
          std::pair<std::string, std::string>("Host", "127.0.0.1:" + std::to_string(srv.port())));
    CHECK(h.headers[1].first == "X-Amz-Meta-Zeta");
    CHECK(h.headers[2].first == "x-amz-date");
    CHECK(h.headers[3].first == "X-Amz-Meta-Alpha");
    CHECK(h.headers[4] == std::pair<std::string, std::string>("Content-Length", "7"));
    CHECK(h.headers[5] == std::pair<std::string, std::string>("User-Agent", "stratus/0.1"));
    CHECK(bodies[0] == "payload");

    CHECK(seen[1].get("Content-Length") == "0");
    CHECK(seen[1].get("User-Agent") == "mine/1.0");
    CHECK(seen[1].get("Host") == "override.example");
    CHECK(seen[1].headers.size() == 3);
}

TEST_CASE("http_client: an invalid request is a client error, found before connecting")
{
    fixture_server srv(serve_hello);
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto req = test::get_request(srv.url());
    req.headers.add("X-Evil", "a\r\nInjected: yes");
    auto r = c.try_send(req);
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_parameter);
    CHECK_THAT(r.error().message, Catch::Contains("X-Evil"));
    CHECK_THROWS_AS(c.send(req), client_error);

    auto wrong = test::get_request(srv.url());
    wrong.method = "PUT";
    wrong.body = "abc";
    wrong.headers.add("Content-Length", "4");
    r = c.try_send(wrong);
    REQUIRE(r.has_error());
    CHECK_THAT(r.error().message, Catch::Contains("Content-Length is 4 but the body has 3 bytes"));
    CHECK(srv.connections() == 0);
}

TEST_CASE("http_client: a pooled connection the server closed while idle is not used")
{
    // The server answers one request per connection and then closes, without
    // saying Connection: close; the peek before reuse sees the FIN.
    fixture_server srv([](fixture_connection& c) {
        if (auto h = c.read_head()) {
            c.read_body(*h);
            c.write(make_response(200, "once"));
        }
        c.close();
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    CHECK(c.send(test::get_request(srv.url())).body == "once");
    std::this_thread::sleep_for(50ms); // let the FIN arrive
    CHECK(c.send(test::get_request(srv.url())).body == "once");
    CHECK(srv.connections() == 2);
}

TEST_CASE("http_client: a stale pooled connection is retried once on a fresh connection")
{
    // The first connection answers one request, then reads the next one and
    // hangs up without answering: the race between a server's idle timeout
    // and our request.
    auto handler = [](fixture_connection& c) {
        while (auto h = c.read_head()) {
            c.read_body(*h);
            if (c.index() == 1 && h->target == "/second") return c.close();
            c.write(make_response(200, h->target));
        }
    };

    SECTION("a rewindable body is sent again")
    {
        fixture_server srv(handler);
        boost::asio::io_context ioc;
        http::client c(ioc.get_executor());
        CHECK(c.send(test::get_request(srv.url("/first"))).body == "/first");
        auto req = test::get_request(srv.url("/second"));
        req.method = "PUT";
        auto src = std::make_shared<test_source>(pattern(5000), true);
        req.body_stream = src;
        auto r = c.try_send(req);
        REQUIRE(r.has_value());
        CHECK(r->body == "/second");
        CHECK(src->rewinds == 1);
        CHECK(srv.connections() == 2);
    }
    SECTION("a body that cannot be rewound is not, and the error says why")
    {
        fixture_server srv(handler);
        boost::asio::io_context ioc;
        http::client c(ioc.get_executor());
        CHECK(c.send(test::get_request(srv.url("/first"))).body == "/first");
        auto req = test::get_request(srv.url("/second"));
        req.method = "PUT";
        req.body_stream = std::make_shared<test_source>(pattern(5000), true, false);
        auto r = c.try_send(req);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::connection_closed);
        CHECK_THAT(r.error().message, Catch::Contains("cannot be rewound"));
        CHECK(srv.connections() == 1);
    }
}

TEST_CASE("http_client: Connection: close from the server is honoured")
{
    fixture_server srv([](fixture_connection& c) {
        while (auto h = c.read_head(2s)) {
            c.read_body(*h);
            c.write(make_response(200, "bye", {{"Connection", "close"}}));
            // Keep the connection open: only the header says not to reuse it.
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    CHECK(c.send(test::get_request(srv.url())).body == "bye");
    CHECK(c.send(test::get_request(srv.url())).body == "bye");
    CHECK(srv.connections() == 2);
}

TEST_CASE("http_client: chunked responses are decoded")
{
    fixture_server srv([](fixture_connection& c) {
        while (auto h = c.read_head()) {
            c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Before: 1\r\n\r\n");
            c.write("5\r\nhello\r\n");
            c.write("1;ext=1\r\n \r\n");
            c.write("5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n");
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto r = c.send(test::get_request(srv.url()));
    CHECK(r.body == "hello world");
    CHECK(r.headers.get("x-before") == "1");
    CHECK(c.send(test::get_request(srv.url())).body == "hello world");
    CHECK(srv.connections() == 1);
}

TEST_CASE("http_client: HEAD responses have no body whatever Content-Length says")
{
    fixture_server srv([](fixture_connection& c) {
        while (auto h = c.read_head())
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 12345\r\n\r\n");
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto req = test::get_request(srv.url());
    req.method = "HEAD";
    auto r = c.send(req);
    CHECK(r.status == 200);
    CHECK(r.headers.get("Content-Length") == "12345");
    CHECK(r.body.empty());
    CHECK(c.send(req).status == 200);
    CHECK(srv.connections() == 1);
}

TEST_CASE("http_client: bodies larger than Beast's 8 MB default are buffered whole")
{
    auto const body = pattern(9 << 20);
    fixture_server srv([&](fixture_connection& c) {
        while (auto h = c.read_head())
            c.write(make_response(200, body));
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto r = c.send(test::get_request(srv.url()));
    CHECK(r.body.size() == body.size());
    CHECK(r.body == body);
}

TEST_CASE("http_client: a large response streams to the sink piece by piece")
{
    constexpr std::uint64_t total = 64ull << 20;
    fixture_server srv([&](fixture_connection& c) {
        while (auto h = c.read_head()) {
            c.write("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(total) + "\r\n\r\n");
            std::string block(1 << 20, '\0');
            for (std::uint64_t off = 0; off < total; off += block.size()) {
                for (std::size_t i = 0; i < block.size(); ++i)
                    block[i] = static_cast<char>((off + i) % 251);
                c.write(block);
            }
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());

    std::uint64_t received = 0;
    std::size_t pieces = 0, largest = 0;
    bool intact = true;
    http::send_options opts;
    opts.on_body = [&](std::string_view piece, error_code&) {
        for (std::size_t i = 0; i < piece.size(); ++i)
            if (static_cast<unsigned char>(piece[i]) != (received + i) % 251) intact = false;
        received += piece.size();
        ++pieces;
        largest = std::max(largest, piece.size());
    };
    auto r = c.send(test::get_request(srv.url()), opts);
    CHECK(r.status == 200);
    CHECK(r.body.empty());
    CHECK(received == total);
    CHECK(intact);
    CHECK(pieces > 100);
    CHECK(largest <= 64 * 1024); // never more than one buffer at a time

    SECTION("a sink that sets ec stops the transfer and the connection is not reused")
    {
        std::uint64_t got = 0;
        opts.on_body = [&](std::string_view piece, error_code& ec) {
            got += piece.size();
            if (got > (1 << 20)) ec = make_error_code(boost::system::errc::no_space_on_device);
        };
        auto rr = c.try_send(test::get_request(srv.url()), opts);
        REQUIRE(rr.has_error());
        CHECK(rr.error().code == boost::system::errc::no_space_on_device);
        CHECK_THAT(rr.error().message, Catch::Contains("sink"));
        opts.on_body = nullptr;
        CHECK(srv.connections() == 1);
        error_code ec;
        auto small = c.send(test::get_request(srv.url()), ec, http::send_options{[](std::string_view, error_code& e) {
                                e = make_error_code(boost::system::errc::interrupted);
                            }});
        CHECK(ec == boost::system::errc::interrupted);
        CHECK(srv.connections() == 2);
    }
}

TEST_CASE("http_client: streamed request bodies, with and without a known size")
{
    std::vector<test::request_head> heads;
    std::vector<std::string> bodies;
    std::mutex m;
    fixture_server srv([&](fixture_connection& c) {
        while (auto h = c.read_head()) {
            if (h->get("Expect")) c.write("HTTP/1.1 100 Continue\r\n\r\n");
            auto b = c.read_body(*h);
            {
                std::lock_guard lock(m);
                heads.push_back(*h);
                bodies.push_back(b);
            }
            c.write(make_response(200, std::to_string(b.size())));
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto const data = pattern(300'000);

    auto req = test::get_request(srv.url("/sized"));
    req.method = "PUT";
    req.body_stream = std::make_shared<test_source>(data, true);
    CHECK(c.send(req).body == "300000");

    req = test::get_request(srv.url("/unsized"));
    req.method = "PUT";
    req.body_stream = std::make_shared<test_source>(data, false);
    CHECK(c.send(req).body == "300000");

    REQUIRE(heads.size() == 2);
    CHECK(heads[0].get("Content-Length") == "300000");
    CHECK_FALSE(heads[0].get("Transfer-Encoding"));
    CHECK(bodies[0] == data);
    CHECK(heads[1].get("Transfer-Encoding") == "chunked");
    CHECK_FALSE(heads[1].get("Content-Length"));
    // A stream of unknown size might be huge: it asks first.
    CHECK(heads[1].get("Expect") == "100-continue");
    CHECK(bodies[1] == data);
    CHECK(srv.connections() == 1);

    SECTION("a source that ends early fails the request")
    {
        class short_source final : public http::body_source {
        public:
            std::optional<std::uint64_t> size() const override { return 100; }
            std::size_t read(std::span<char> buf, error_code&) override
            {
                auto const n = std::min<std::size_t>(buf.size(), 40 - std::min<std::size_t>(sent_, 40));
                std::memset(buf.data(), 'x', n);
                sent_ += n;
                return n;
            }
            bool rewind() override { return false; }

        private:
            std::size_t sent_ = 0;
        };
        req = test::get_request(srv.url());
        req.method = "PUT";
        req.body_stream = std::make_shared<short_source>();
        auto r = c.try_send(req);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_parameter);
        CHECK_THAT(r.error().message, Catch::Contains("40 of 100 bytes"));
    }
}

TEST_CASE("http_client: Expect: 100-continue")
{
    http::client_config cfg;
    cfg.expect_continue_threshold = 1000;
    cfg.expect_continue_timeout = 200ms;
    auto const data = pattern(50'000);
    std::atomic<int> body_bytes{-1};
    std::atomic<bool> saw_expect{false};

    SECTION("100 Continue: the body follows")
    {
        fixture_server srv([&](fixture_connection& c) {
            while (auto h = c.read_head()) {
                saw_expect = h->get("Expect") == "100-continue";
                // Nothing may arrive before we say so.
                if (!c.read_for(100ms).empty()) return;
                c.write("HTTP/1.1 100 Continue\r\n\r\n");
                body_bytes = static_cast<int>(c.read_body(*h).size());
                c.write(make_response(200, "stored"));
            }
        });
        boost::asio::io_context ioc;
        http::client c(ioc.get_executor(), cfg);
        auto req = test::get_request(srv.url());
        req.method = "PUT";
        req.body = data;
        auto r = c.send(req);
        CHECK(r.body == "stored");
        CHECK(saw_expect);
        CHECK(body_bytes == 50'000);
        // The connection stays usable.
        CHECK(c.send(req).body == "stored");
        CHECK(srv.connections() == 1);
    }
    SECTION("a final status instead: the body is not sent and the connection is closed")
    {
        int const status = GENERATE(403, 413, 417);
        std::atomic<bool> client_closed{false};
        fixture_server srv([&](fixture_connection& c) {
            if (auto h = c.read_head()) {
                saw_expect = h->get("Expect") == "100-continue";
                c.write(make_response(status, "no"));
                client_closed = c.closed_by_peer(5s);
            }
        });
        boost::asio::io_context ioc;
        http::client c(ioc.get_executor(), cfg);
        auto req = test::get_request(srv.url());
        req.method = "PUT";
        req.body = data;
        auto r = c.send(req);
        CHECK(r.status == static_cast<unsigned>(status));
        CHECK(r.body == "no");
        CHECK(saw_expect);
        // Wait for the server thread's verdict.
        for (int i = 0; i < 100 && !client_closed; ++i)
            std::this_thread::sleep_for(20ms);
        CHECK(client_closed); // EOF with not one byte of body
    }
    SECTION("a server that ignores Expect gets the body after expect_continue_timeout")
    {
        fixture_server srv([&](fixture_connection& c) {
            while (auto h = c.read_head()) {
                saw_expect = h->get("Expect") == "100-continue";
                body_bytes = static_cast<int>(c.read_body(*h).size());
                c.write(make_response(200, "late"));
            }
        });
        boost::asio::io_context ioc;
        http::client c(ioc.get_executor(), cfg);
        auto req = test::get_request(srv.url());
        req.method = "PUT";
        req.body = data;
        auto const t0 = std::chrono::steady_clock::now();
        CHECK(c.send(req).body == "late");
        CHECK(std::chrono::steady_clock::now() - t0 >= 150ms);
        CHECK(saw_expect);
        CHECK(body_bytes == 50'000);
        CHECK(c.send(req).body == "late");
        CHECK(srv.connections() == 1);
    }
    SECTION("small bodies do not ask")
    {
        fixture_server srv([&](fixture_connection& c) {
            while (auto h = c.read_head()) {
                saw_expect = h->get("Expect").has_value();
                body_bytes = static_cast<int>(c.read_body(*h).size());
                c.write(make_response(200));
            }
        });
        boost::asio::io_context ioc;
        http::client c(ioc.get_executor(), cfg);
        auto req = test::get_request(srv.url());
        req.method = "POST";
        req.body = "tiny";
        CHECK(c.send(req).status == 200);
        CHECK_FALSE(saw_expect);
        CHECK(body_bytes == 4);
    }
}

TEST_CASE("http_client: connection refused keeps Asio's code and says where")
{
    auto const port = test::closed_port();
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto r = c.try_send(test::get_request("http://127.0.0.1:" + std::to_string(port) + "/"));
    REQUIRE(r.has_error());
    CHECK(r.error().code == boost::asio::error::connection_refused);
    CHECK(r.error().kind() == error_kind::transport);
    CHECK(r.error().message == "connecting to 127.0.0.1:" + std::to_string(port) + ": Connection refused");
    CHECK_THROWS_AS(c.send(test::get_request("http://127.0.0.1:" + std::to_string(port) + "/")), transport_error);
}

TEST_CASE("http_client: connect timeout")
{
    // A listener with a backlog of 0 that never accepts: once its accept queue
    // is full, Linux drops further SYNs, so a connect hangs like one to an
    // unreachable host, while every packet stays on 127.0.0.1.
    namespace net = boost::asio;
    net::io_context io;
    net::ip::tcp::acceptor full(io);
    net::ip::tcp::endpoint const ep(net::ip::make_address("127.0.0.1"), 0);
    full.open(ep.protocol());
    full.bind(ep);
    full.listen(0);
    auto const target = full.local_endpoint();
    std::vector<std::unique_ptr<net::ip::tcp::socket>> fillers;
    bool filled = false;
    for (int i = 0; i < 16 && !filled; ++i) {
        auto s = std::make_unique<net::ip::tcp::socket>(io);
        bool connected = false;
        s->async_connect(target, [&](error_code ec) { connected = !ec; });
        io.restart();
        io.run_for(200ms);
        if (!connected) {
            filled = true;
            s->close();
            io.restart();
            io.run();
        }
        fillers.push_back(std::move(s));
    }
    if (!filled) {
        WARN("could not fill a listen backlog on 127.0.0.1 on this kernel; connect timeout not tested");
        return;
    }
    http::client_config cfg;
    cfg.connect_timeout = 300ms;
    http::client c(io.get_executor(), cfg);
    auto const t0 = std::chrono::steady_clock::now();
    auto r = c.try_send(test::get_request("http://127.0.0.1:" + std::to_string(target.port()) + "/"));
    auto const took = std::chrono::steady_clock::now() - t0;
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::connect_timeout);
    CHECK_THAT(r.error().message,
               Catch::Contains("connecting to 127.0.0.1:" + std::to_string(target.port())));
    CHECK(took >= 250ms);
    CHECK(took < 5s);
}

TEST_CASE("http_client: a TLS handshake that never finishes is a connect timeout")
{
    // Takes the ClientHello and never answers.
    fixture_server silent([](fixture_connection& c) { c.read_for(5s); });
    boost::asio::io_context ioc;
    http::client_config cfg;
    cfg.connect_timeout = 300ms;
    http::client c(ioc.get_executor(), cfg);
    auto r = c.try_send(test::get_request("https://127.0.0.1:" + std::to_string(silent.port()) + "/"));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::connect_timeout);
    CHECK_THAT(r.error().message, Catch::Contains("TLS handshake with 127.0.0.1:"));
}

TEST_CASE("http_client: read timeout")
{
    fixture_server srv([](fixture_connection& c) {
        if (auto h = c.read_head()) {
            if (h->target == "/slow-body") {
                c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
                // Bytes that keep coming do not time out; silence does.
                for (int i = 0; i < 3; ++i) {
                    std::this_thread::sleep_for(150ms);
                    c.write("x");
                }
            }
            c.closed_by_peer(5s);
        }
    });
    boost::asio::io_context ioc;
    http::client_config cfg;
    cfg.read_timeout = 300ms;
    http::client c(ioc.get_executor(), cfg);

    auto r = c.try_send(test::get_request(srv.url("/silent")));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::read_timeout);
    CHECK_THAT(r.error().message, Catch::Contains("waiting for the response from 127.0.0.1:"));

    r = c.try_send(test::get_request(srv.url("/slow-body")));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::read_timeout);
    CHECK_THAT(r.error().message, Catch::Contains("(8 bytes received)"));
}

TEST_CASE("http_client: a server that closes mid-body is an error, never a short body")
{
    fixture_server srv([](fixture_connection& c) {
        if (auto h = c.read_head()) {
            if (h->target == "/length")
                c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + std::string(40, 'x'));
            else
                c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n wor");
            c.close();
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto r = c.try_send(test::get_request(srv.url("/length")));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::connection_closed);
    CHECK_THAT(r.error().message, Catch::Contains("closed by 127.0.0.1:" + std::to_string(srv.port()) +
                                                  " after 40 of 100 body bytes"));

    r = c.try_send(test::get_request(srv.url("/chunked")));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::connection_closed);
    CHECK_THAT(r.error().message, Catch::Contains("after 9 body bytes, before the last chunk"));
}

TEST_CASE("http_client: a response that is not HTTP is invalid_response")
{
    fixture_server srv([](fixture_connection& c) {
        if (auto h = c.read_head()) {
            c.write("SSH-2.0-OpenSSH_9.2\r\nwhatever\r\n\r\n");
            c.closed_by_peer(5s);
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto r = c.try_send(test::get_request(srv.url()));
    REQUIRE(r.has_error());
    CHECK(r.error().code == errc::invalid_response);
    CHECK_THAT(r.error().message, Catch::Contains("invalid HTTP response from 127.0.0.1:"));
}

TEST_CASE("http_client: host names are resolved (localhost)")
{
    fixture_server srv(serve_hello);
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto r = c.try_send(test::get_request("http://localhost:" + std::to_string(srv.port()) + "/"));
    REQUIRE(r.has_value());
    CHECK(r->body == "hello");
}

TEST_CASE("http_client: send from 8 threads at once")
{
    std::atomic<int> requests{0};
    fixture_server srv([&](fixture_connection& c) {
        while (auto h = c.read_head()) {
            ++requests;
            c.write(make_response(200, h->target));
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                auto const path = "/t" + std::to_string(t) + "/" + std::to_string(i);
                auto r = c.try_send(test::get_request(srv.url(path)));
                if (r && r->body == path) ++ok;
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(ok == 200);
    CHECK(requests == 200);
    // Each thread keeps its own connection alive.
    CHECK(srv.connections() == 8);
}

TEST_CASE("http_client: exceptions from a sink reach the caller and spoil nothing")
{
    fixture_server srv(serve_hello);
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    http::send_options throwing{
        [](std::string_view, error_code&) { throw std::runtime_error("sink exploded"); }};
    CHECK_THROWS_WITH(c.send(test::get_request(srv.url()), throwing), "sink exploded");
    // The half-read connection was closed, and the thread's context still works.
    CHECK(c.send(test::get_request(srv.url())).body == "hello");
    CHECK(srv.connections() == 2);
}

TEST_CASE("http_client: a sync send from inside a sink of another sync send")
{
    fixture_server srv(serve_hello);
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    std::string inner;
    http::send_options nested{[&](std::string_view, error_code&) {
        if (inner.empty()) inner = c.send(test::get_request(srv.url("/inner"))).body;
    }};
    auto r = c.send(test::get_request(srv.url("/outer")), nested);
    CHECK(r.status == 200);
    CHECK(inner == "hello");
}

TEST_CASE("http_client: a Content-Length header sizes a stream of unknown size")
{
    std::optional<test::request_head> seen;
    std::string body;
    fixture_server srv([&](fixture_connection& c) {
        while (auto h = c.read_head()) {
            body = c.read_body(*h);
            seen = *h;
            c.write(make_response(200));
        }
    });
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    auto req = test::get_request(srv.url());
    req.method = "PUT";
    req.headers.add("content-length", "2500");
    req.body_stream = std::make_shared<test_source>(pattern(2500), false);
    CHECK(c.send(req).status == 200);
    REQUIRE(seen);
    CHECK(seen->get("Content-Length") == "2500");
    CHECK(seen->headers.size() == 3); // Host, the caller's content-length, User-Agent
    CHECK_FALSE(seen->get("Transfer-Encoding"));
    CHECK(body == pattern(2500));
}
