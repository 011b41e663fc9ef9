#include <stratus/core/http_client.hpp>

// g++ 12 reports Asio's awaitable frames (allocated and freed by the same
// class-specific operators) as mismatched; a known false positive of its
// coroutine support.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "http_fixture.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace stratus;
using namespace std::chrono_literals;
using test::fixture_connection;
using test::fixture_server;
using test::make_response;
namespace net = boost::asio;

namespace {

// Answers every request on the connection with 200 and a fixed body.
auto const serve_echo = test::serve_all([](test::request_head const& h) { return h.target; });

} // namespace

TEST_CASE("http_client async: callback")
{
    fixture_server srv(serve_echo);
    net::io_context ioc;
    http::client c(ioc.get_executor());
    int calls = 0;
    c.async_send(test::get_request(srv.url("/cb")), [&](error_code ec, http::response r) {
        ++calls;
        CHECK_FALSE(ec);
        CHECK(r.body == "/cb");
        // Chained from inside the handler, on the pooled connection.
        c.async_send(test::get_request(srv.url("/again")), [&](error_code ec2, http::response r2) {
            ++calls;
            CHECK_FALSE(ec2);
            CHECK(r2.body == "/again");
        });
    });
    CHECK(calls == 0); // never inside the initiating function
    ioc.run();
    CHECK(calls == 2);
    CHECK(srv.connections() == 1);
}

TEST_CASE("http_client async: errors reach the handler")
{
    auto const port = test::closed_port();
    net::io_context ioc;
    http::client c(ioc.get_executor());
    error_code got;
    c.async_send(test::get_request("http://127.0.0.1:" + std::to_string(port) + "/"),
                 [&](error_code ec, http::response) { got = ec; });
    ioc.run();
    CHECK(got == net::error::connection_refused);
}

TEST_CASE("http_client async: use_future")
{
    fixture_server srv(serve_echo);
    net::io_context ioc;
    http::client c(ioc.get_executor());
    auto f = c.async_send(test::get_request(srv.url("/future")), net::use_future);
    std::thread runner([&] { ioc.run(); });
    auto r = f.get();
    runner.join();
    CHECK(r.body == "/future");
}

TEST_CASE("http_client async: use_awaitable in a coroutine")
{
    fixture_server srv(serve_echo);
    net::io_context ioc;
    http::client c(ioc.get_executor());
    std::string first, second;
    error_code refused;
    auto const port = test::closed_port();
    net::co_spawn(
        ioc,
        [&]() -> net::awaitable<void> {
            auto r = co_await c.async_send(test::get_request(srv.url("/co")), net::use_awaitable);
            first = r.body;
            auto [ec, r2] = co_await c.async_send(test::get_request(srv.url("/co2")), http::send_options{},
                                                  net::as_tuple(net::use_awaitable));
            second = r2.body;
            auto [ec3, r3] = co_await c.async_send(test::get_request("http://127.0.0.1:" + std::to_string(port) + "/"),
                                                   net::as_tuple(net::use_awaitable));
            refused = ec3;
        },
        net::detached);
    ioc.run();
    CHECK(first == "/co");
    CHECK(second == "/co2");
    CHECK(refused == net::error::connection_refused);
    CHECK(srv.connections() == 1);
}

TEST_CASE("http_client async: deferred")
{
    fixture_server srv(serve_echo);
    net::io_context ioc;
    http::client c(ioc.get_executor());
    auto op = c.async_send(test::get_request(srv.url("/deferred")), net::deferred);
    CHECK(srv.connections() == 0); // nothing happens until it is launched
    std::string body;
    std::move(op)([&](error_code ec, http::response r) {
        CHECK_FALSE(ec);
        body = r.body;
    });
    ioc.run();
    CHECK(body == "/deferred");
}

TEST_CASE("http_client async: completion goes through the handler's executor, which is kept busy")
{
    fixture_server srv(serve_echo);
    net::io_context io;       // the client's I/O
    net::io_context handlers; // where the caller wants its completion
    http::client c(io.get_executor());
    bool on_handlers_thread = false;
    c.async_send(test::get_request(srv.url()), net::bind_executor(handlers, [&](error_code ec, http::response) {
                     CHECK_FALSE(ec);
                     on_handlers_thread = handlers.get_executor().running_in_this_thread();
                 }));
    std::thread t([&] { io.run(); });
    // Without outstanding work on `handlers` this run() would return at once.
    handlers.run();
    t.join();
    CHECK(on_handlers_thread);
}

TEST_CASE("http_client async: per-operation cancellation")
{
    std::atomic<bool> closed{false};
    fixture_server srv([&](fixture_connection& c) {
        if (auto h = c.read_head()) closed = c.closed_by_peer(5s);
    });
    net::io_context ioc;
    http::client c(ioc.get_executor());
    net::cancellation_signal signal;
    error_code got;
    c.async_send(test::get_request(srv.url()), net::bind_cancellation_slot(
                                     signal.slot(), [&](error_code ec, http::response) { got = ec; }));
    net::steady_timer t(ioc, 200ms);
    t.async_wait([&](error_code) { signal.emit(net::cancellation_type::terminal); });
    auto const t0 = std::chrono::steady_clock::now();
    ioc.run();
    CHECK(got == net::error::operation_aborted);
    CHECK(std::chrono::steady_clock::now() - t0 < 5s);
    for (int i = 0; i < 100 && !closed; ++i)
        std::this_thread::sleep_for(20ms);
    CHECK(closed); // the connection was closed, not pooled
}

TEST_CASE("http_client async: 100 requests in flight on one thread")
{
    // The server answers nothing until it holds 100 open requests, so the test
    // passes only if all of them are in flight at once.
    constexpr int n = 100;
    std::mutex m;
    std::condition_variable cv;
    int open = 0;
    fixture_server srv([&](fixture_connection& c) {
        while (auto h = c.read_head()) {
            {
                std::unique_lock lock(m);
                ++open;
                cv.notify_all();
                if (!cv.wait_for(lock, 20s, [&] { return open >= n; })) return;
            }
            c.write(make_response(200, h->target));
        }
    });
    net::io_context ioc(1);
    http::client c(ioc.get_executor());
    int ok = 0;
    for (int i = 0; i < n; ++i) {
        auto const path = "/r" + std::to_string(i);
        c.async_send(test::get_request(srv.url(path)), [&, path](error_code ec, http::response r) {
            if (!ec && r.body == path) ++ok;
        });
    }
    ioc.run();
    CHECK(ok == n);
    CHECK(srv.connections() == n);
}
