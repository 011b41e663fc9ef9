// Waiters (issue 5) through the generated S3 client against moto-auth:
// success at once, success after the state changes, a waiter that runs out
// of attempts (typed errc::waiter_failed with botocore's reason), an error
// no acceptor expects, and WaiterConfig out of range.
#include "s3_test_support.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;
using stratus::s3;
using stratus::test::client_for;
using stratus::test::scoped_bucket;
namespace waiters = stratus::services::s3::waiters;

TEST_CASE("waiters: bucket_exists and bucket_not_exists succeed on the first attempt when true")
{
    auto const srv = stratus::test::moto_auth();
    auto c = client_for(srv);
    scoped_bucket b(c, srv, "wait-exists");
    auto const start = std::chrono::steady_clock::now();
    c.get_waiter<waiters::bucket_exists>().wait({.bucket = b.name()});
    c.get_waiter<waiters::bucket_not_exists>().wait({.bucket = stratus::test::unique_bucket("never")});
    // The model's delay is 5 s: returning sooner means no attempt was retried.
    CHECK(std::chrono::steady_clock::now() - start < 4s);
}

TEST_CASE("waiters: object_exists retries on 404 until the object appears")
{
    auto const srv = stratus::test::moto_auth();
    auto c = client_for(srv);
    scoped_bucket b(c, srv, "wait-appears");
    std::thread writer([&] {
        std::this_thread::sleep_for(600ms);
        s3::put_object_request req{.bucket = b.name(), .key = "late"};
        req.body = "here";
        client_for(srv).put_object(req);
    });
    auto const start = std::chrono::steady_clock::now();
    auto r = c.get_waiter<waiters::object_exists>().try_wait({.bucket = b.name(), .key = "late"},
                                                             {.delay = 200ms, .max_attempts = 30});
    auto const took = std::chrono::steady_clock::now() - start;
    writer.join();
    CHECK(r.has_value());
    CHECK(took >= 400ms); // it did wait (at least two attempts)
}

TEST_CASE("waiters: running out of attempts is errc::waiter_failed with botocore's reason")
{
    auto const srv = stratus::test::moto_auth();
    auto c = client_for(srv);
    scoped_bucket b(c, srv, "wait-timeout");
    auto r = c.get_waiter<waiters::object_exists>().try_wait({.bucket = b.name(), .key = "never"},
                                                             {.delay = 50ms, .max_attempts = 3});
    REQUIRE(r.has_error());
    CHECK(r.error().code == stratus::errc::waiter_failed);
    CHECK(r.error().http_status == 404);
    CHECK(r.error().message == "Waiter ObjectExists failed: Max attempts exceeded. Previously accepted state: "
                               "Matched expected HTTP status code: 404");
    // The throwing form throws client_error.
    CHECK_THROWS_AS(c.get_waiter<waiters::object_exists>().wait({.bucket = b.name(), .key = "never"},
                                                                {.delay = 10ms, .max_attempts = 1}),
                    stratus::client_error);
}

TEST_CASE("waiters: an error no acceptor expects fails at once, naming it")
{
    auto const srv = stratus::test::moto_auth();
    auto good = client_for(srv);
    scoped_bucket b(good, srv, "wait-denied");
    // A wrong secret: moto-auth answers 403 SignatureDoesNotMatch, which no
    // ObjectExists acceptor expects (200 success, 404 retry).
    auto bad = client_for(srv, {}, {.secret = std::string("wrong-secret")});
    auto const start = std::chrono::steady_clock::now();
    auto r = bad.get_waiter<waiters::object_exists>().try_wait({.bucket = b.name(), .key = "k"},
                                                               {.delay = 2s, .max_attempts = 5});
    REQUIRE(r.has_error());
    CHECK(r.error().code == stratus::errc::waiter_failed);
    CHECK(r.error().http_status == 403);
    CHECK(std::chrono::steady_clock::now() - start < 2s); // no retry
    CHECK_THAT(r.error().message, Catch::Matchers::Contains("Waiter ObjectExists failed: An error occurred"));
}

TEST_CASE("waiters: a WaiterConfig out of range is refused before any call")
{
    auto const srv = stratus::test::moto_auth();
    auto c = client_for(srv);
    auto r = c.get_waiter<waiters::bucket_exists>().try_wait({.bucket = "b"}, {.max_attempts = 0});
    REQUIRE(r.has_error());
    CHECK(r.error().code == stratus::errc::invalid_parameter);
}

TEST_CASE("waiters: async_wait on a timer, success and running out of attempts")
{
    auto const srv = stratus::test::moto_auth();
    boost::asio::io_context ioc;
    auto session = stratus::test::make_session(srv, {.executor = ioc.get_executor()});
    auto c = session.client<stratus::s3>();
    auto sync = client_for(srv);
    scoped_bucket b(sync, srv, "wait-async");

    // The object appears while the waiter waits; the io_context's one thread
    // is never blocked (the writer is another client on its own thread).
    std::thread writer([&] {
        std::this_thread::sleep_for(500ms);
        s3::put_object_request req{.bucket = b.name(), .key = "late"};
        req.body = "here";
        sync.put_object(req);
    });
    stratus::error_info diag;
    std::optional<stratus::error_code> ec;
    c.get_waiter<waiters::object_exists>().async_wait({.bucket = b.name(), .key = "late"},
                                                      {.delay = 150ms, .max_attempts = 40}, diag,
                                                      [&](stratus::error_code e) { ec = e; });
    CHECK_FALSE(ec); // never inline
    ioc.run();
    writer.join();
    REQUIRE(ec);
    CHECK_FALSE(*ec);
    CHECK_FALSE(diag);

    // Running out of attempts: errc::waiter_failed, botocore's reason in diag.
    ioc.restart();
    c.get_waiter<waiters::object_exists>().async_wait({.bucket = b.name(), .key = "never"},
                                                      {.delay = 20ms, .max_attempts = 2}, diag,
                                                      [&](stratus::error_code e) { ec = e; });
    ioc.run();
    CHECK(*ec == stratus::errc::waiter_failed);
    CHECK(diag.message == "Waiter ObjectExists failed: Max attempts exceeded. Previously accepted state: "
                          "Matched expected HTTP status code: 404");

    // A config out of range, delivered through the handler.
    ioc.restart();
    c.get_waiter<waiters::bucket_exists>().async_wait({.bucket = b.name()}, {.max_attempts = 0}, diag,
                                                      [&](stratus::error_code e) { ec = e; });
    ioc.run();
    CHECK(*ec == stratus::errc::invalid_parameter);
}
