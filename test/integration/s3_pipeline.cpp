// The foundation end to end: session -> signer -> HTTP core -> retry, against
// independently written S3 servers started by test/servers/harness.py.
// moto-auth verifies every SigV4 signature; s3rver is a second S3.
#include <stratus/session.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <vector>

using namespace stratus;
namespace asio = boost::asio;

namespace {

struct s3_raw {
    static constexpr service_info info{"S3", "s3", "s3", true};
    using client_type = basic_client;
};

std::string need_env(char const* name)
{
    char const* v = std::getenv(name);
    if (!v || !*v) FAIL(std::string(name) + " is not set: run this test through test/servers/harness.py");
    return v;
}

// Buckets are unique per test so tests may run in parallel on one server.
std::string unique_bucket(std::string_view what)
{
    static std::mt19937_64 gen{std::random_device{}()};
    return "stratus-" + std::string(what) + "-" + std::to_string(gen() % 1000000000);
}

struct server {
    std::string endpoint, key, secret;
};

server moto_auth()
{
    return {need_env("STRATUS_TEST_MOTO_AUTH_ENDPOINT"), need_env("STRATUS_TEST_MOTO_AUTH_ACCESS_KEY_ID"),
            need_env("STRATUS_TEST_MOTO_AUTH_SECRET_ACCESS_KEY")};
}

session make_session(server const& srv, std::string secret = {})
{
    return session({.region_name = "us-east-1",
                    .aws_access_key_id = srv.key,
                    .aws_secret_access_key = secret.empty() ? srv.secret : secret,
                    .defaults = {.endpoint_url = srv.endpoint},
                    .environment = environment::from_map({})});
}

// Object keys exercise S3's no-double-encoding rule in the canonical path.
std::string encode_key(std::string_view key)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : key) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// moto 5.2 recomputes the signature from a re-quoted path, so any reserved
// or non-ASCII character in a key fails its check, for boto3 as for us
// (measured: boto3 1.43 gets SignatureDoesNotMatch for "a+b", "a=b", "a~b",
// "\xc3\xbc"...; and for a query value "dir/"). Keys with them are exercised against s3rver, and the
// signer agrees with botocore on such paths in conformance-sigv4-botocore.
std::vector<std::string> const moto_keys{"plain.txt", "dir/sub dir/a b.txt"};
std::vector<std::string> const all_keys{"plain.txt", "dir/sub dir/a+b=c&d.txt", "unicode-\xc3\xbc\xe2\x82\xac.bin",
                                        "tilde~star*(1)"};

void roundtrip(basic_client const& c, std::string const& bucket, std::vector<std::string> const& keys)
{
    c.send(c.make_request("PUT", "/" + bucket), {.operation = "CreateBucket"});
    for (auto const& key : keys) {
        auto put = c.make_request("PUT", "/" + bucket + "/" + encode_key(key));
        put.body = "content of " + key;
        put.headers.add("x-amz-meta-Note", "  spaced   value  ");
        c.send(std::move(put), {.operation = "PutObject"});
        auto got = c.send(c.make_request("GET", "/" + bucket + "/" + encode_key(key)), {.operation = "GetObject"});
        CHECK(got.status == 200);
        CHECK(got.body == "content of " + key);
    }
    auto list = c.send(c.make_request("GET", "/" + bucket, "list-type=2&prefix=dir&max-keys=10"),
                       {.operation = "ListObjectsV2"});
    for (auto const& key : keys) {
        std::string escaped;
        for (char ch : key) escaped += ch == '&' ? std::string("&amp;") : std::string(1, ch);
        if (key.starts_with("dir/")) CHECK_THAT(list.body, Catch::Contains("<Key>" + escaped + "</Key>"));
    }
    CHECK_THAT(list.body, !Catch::Contains("plain.txt"));
}

} // namespace

TEST_CASE("moto verifies our SigV4 signatures on S3 requests")
{
    auto srv = moto_auth();
    auto c = make_session(srv).client<s3_raw>();
    CHECK(c.endpoint().scheme == "http");
    roundtrip(c, unique_bucket("sig"), moto_keys);
}

TEST_CASE("a wrong secret is a typed SignatureDoesNotMatch service error, not retried")
{
    auto srv = moto_auth();
    std::atomic<int> attempts{0};
    auto s = make_session(srv, "definitely-not-the-secret");
    auto c = s.client<s3_raw>({.logger = logger{log_level::debug, [&](log_level, std::string_view m) {
                                                    if (m.find(" attempt ") != std::string_view::npos) ++attempts;
                                                }}});
    auto r = c.try_send(c.make_request("PUT", "/" + unique_bucket("bad")), {.operation = "CreateBucket"});
    REQUIRE(r.has_error());
    CHECK(r.error().kind() == error_kind::service);
    CHECK(r.error().aws_code == "SignatureDoesNotMatch");
    CHECK(r.error().http_status == 403);
    CHECK(r.error().operation == "CreateBucket");
    CHECK(attempts == 1);
    CHECK_THAT(r.error().to_string(), !Catch::Contains("definitely-not-the-secret"));
    CHECK_THROWS_AS(c.send(c.make_request("PUT", "/" + unique_bucket("bad"))), service_error);
}

TEST_CASE("error responses carry code, message and request id")
{
    auto srv = moto_auth();
    auto c = make_session(srv).client<s3_raw>();
    auto const bucket = unique_bucket("err");
    c.send(c.make_request("PUT", "/" + bucket));
    auto r = c.try_send(c.make_request("GET", "/" + bucket + "/missing"), {.operation = "GetObject"});
    REQUIRE(r.has_error());
    CHECK(r.error().aws_code == "NoSuchKey");
    CHECK(r.error().http_status == 404);
    CHECK_FALSE(r.error().request_id.empty());

    error_code ec;
    auto res = c.send(c.make_request("GET", "/" + bucket + "/missing"), ec);
    CHECK(ec == errc::service_error);
    c.send(c.make_request("GET", "/" + bucket, "list-type=2"), ec);
    CHECK_FALSE(ec);
}

TEST_CASE("wire logs at trace level never show the secret or the signature")
{
    auto srv = moto_auth();
    std::mutex m;
    std::string log;
    auto c = make_session(srv).client<s3_raw>({.logger = logger{log_level::trace, [&](log_level, std::string_view s) {
                                                                   std::lock_guard lock(m);
                                                                   log += s;
                                                                   log += '\n';
                                                               }}});
    c.send(c.make_request("PUT", "/" + unique_bucket("log")));
    CHECK_THAT(log, Catch::Contains("Authorization: AWS4-HMAC-SHA256 Credential=" + srv.key));
    CHECK_THAT(log, Catch::Contains("Signature=***"));
    CHECK_THAT(log, !Catch::Contains(srv.secret));
}

TEST_CASE("async calls work with a callback, a future, a coroutine and deferred")
{
    auto srv = moto_auth();
    asio::io_context ioc;
    auto s = session({.region_name = "us-east-1",
                      .aws_access_key_id = srv.key,
                      .aws_secret_access_key = srv.secret,
                      .defaults = {.endpoint_url = srv.endpoint},
                      .executor = ioc.get_executor(),
                      .environment = environment::from_map({})});
    auto c = s.client<s3_raw>();
    auto const bucket = unique_bucket("async");
    c.send(c.make_request("PUT", "/" + bucket));
    auto put = c.make_request("PUT", "/" + bucket + "/k");
    put.body = "async body";
    c.send(std::move(put));
    auto get = [&] { return c.make_request("GET", "/" + bucket + "/k"); };

    std::string via_callback;
    c.async_send(get(), [&](error_code ec, http::response res) {
        CHECK_FALSE(ec);
        via_callback = res.body;
    });
    ioc.run();
    CHECK(via_callback == "async body");

    ioc.restart();
    auto fut = c.async_send(get(), asio::use_future);
    ioc.run();
    CHECK(fut.get().body == "async body");

    ioc.restart();
    std::string via_coroutine;
    asio::co_spawn(
        ioc,
        [&]() -> asio::awaitable<void> {
            auto res = co_await c.async_send(get(), asio::use_awaitable);
            via_coroutine = res.body;
            // A service error surfaces in a coroutine as a thrown system_error with our code.
            try {
                co_await c.async_send(c.make_request("GET", "/" + bucket + "/nope"), asio::use_awaitable);
            } catch (boost::system::system_error const& e) {
                CHECK(e.code() == errc::service_error);
            }
        },
        asio::detached);
    ioc.run();
    CHECK(via_coroutine == "async body");

    ioc.restart();
    std::string via_deferred;
    auto op = c.async_send(get(), asio::deferred);
    std::move(op)([&](error_code ec, http::response res) {
        CHECK_FALSE(ec);
        via_deferred = res.body;
    });
    ioc.run();
    CHECK(via_deferred == "async body");
}

TEST_CASE("s3rver: the same roundtrip against a second, independent S3")
{
    auto endpoint = need_env("STRATUS_TEST_S3RVER_ENDPOINT");
    auto s = session({.region_name = "us-east-1",
                      .aws_access_key_id = "S3RVER",
                      .aws_secret_access_key = "S3RVER",
                      .defaults = {.endpoint_url = endpoint},
                      .environment = environment::from_map({})});
    roundtrip(s.client<s3_raw>(), unique_bucket("s3rver"), all_keys);
}
