// The sign-send-retry pipeline (core/invoke) against in-process fixture
// servers that answer as a struggling service would.
#include <stratus/client.hpp>
#include <stratus/session.hpp>

#include <stratus/detail/text.hpp>

#include "http_fixture.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <vector>

using namespace stratus;
using test::fixture_connection;
using test::fixture_server;
using test::make_response;

namespace {

struct svc {
    static constexpr service_info info{"Test Service", "testsvc", "testsvc", false};
    using client_type = basic_client;
};

// What the server does with one request: write `bytes`, then maybe hang up.
struct reply {
    reply(std::string b, bool close = false) : bytes(std::move(b)), close_after(close) {}
    std::string bytes;
    bool close_after;
};

// Serves keep-alive connections: `answer` gets the request number (1-based)
// and the head/body, and says what to send back.
class scripted_server {
public:
    using answer_fn = std::function<reply(int n, test::request_head const&, std::string const& body)>;

    explicit scripted_server(answer_fn answer)
        : answer_(std::move(answer)), server_([this](fixture_connection& c) {
              while (auto head = c.read_head()) {
                  auto body = c.read_body(*head);
                  int n;
                  {
                      std::lock_guard lock(m_);
                      heads_.push_back(*head);
                      bodies_.push_back(body);
                      n = static_cast<int>(heads_.size());
                  }
                  auto res = answer_(n, *head, body);
                  c.write(res.bytes);
                  if (res.close_after) return c.close();
              }
          })
    {
    }

    std::string url() const { return server_.url(); }
    int requests() const
    {
        std::lock_guard lock(m_);
        return static_cast<int>(heads_.size());
    }
    std::vector<test::request_head> heads() const
    {
        std::lock_guard lock(m_);
        return heads_;
    }
    std::vector<std::string> bodies() const
    {
        std::lock_guard lock(m_);
        return bodies_;
    }

private:
    answer_fn answer_;
    mutable std::mutex m_;
    std::vector<test::request_head> heads_;
    std::vector<std::string> bodies_;
    fixture_server server_;
};

std::string xml_error(int status, std::string_view code)
{
    return make_response(status, "<Error><Code>" + std::string(code) + "</Code><Message>m</Message></Error>");
}

basic_client make_client(std::string const& url, client_options opts = {}, boost::asio::any_io_executor ex = {})
{
    session s({.region_name = "us-east-1",
               .aws_access_key_id = "AKIDTEST",
               .aws_secret_access_key = "secret",
               .executor = ex,
               .environment = environment::from_map({})});
    opts.endpoint_url = url;
    auto c = s.client<svc>(opts);
    c.context().retry_jitter = [] { return 0.0; }; // no waiting in tests
    return c;
}

// A body that can be read once only, like a pipe.
class one_shot_body final : public http::body_source {
public:
    explicit one_shot_body(std::string data) : data_(std::move(data)) {}
    std::optional<std::uint64_t> size() const override { return data_.size(); }
    std::size_t read(std::span<char> buf, error_code&) override
    {
        auto n = std::min(buf.size(), data_.size() - pos_);
        std::copy_n(data_.data() + pos_, n, buf.data());
        pos_ += n;
        return n;
    }
    bool rewind() override { return pos_ == 0; }

private:
    std::string data_;
    std::size_t pos_ = 0;
};

} // namespace

TEST_CASE("invoke: transient 503s are retried, each attempt signed afresh")
{
    scripted_server srv([](int n, auto const&, auto const&) {
        return reply(n < 3 ? xml_error(503, "ServiceUnavailable") : make_response(200, "done"));
    });
    auto c = make_client(srv.url());
    auto before = c.context().quota.available();
    auto req = c.make_request("POST", "/");
    req.body = "payload";
    auto res = c.try_send(std::move(req), {.operation = "Op"});
    REQUIRE(res.has_value());
    CHECK(res->body == "done");
    CHECK(srv.requests() == 3);
    for (auto const& h : srv.heads()) {
        REQUIRE(h.get("Authorization"));
        CHECK_THAT(*h.get("Authorization"), Catch::StartsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"));
        // One signature each, not one per retry piled up.
        int count = 0;
        for (auto const& [n, v] : h.headers) count += detail::iequals(n, "authorization");
        CHECK(count == 1);
    }
    for (auto const& b : srv.bodies()) CHECK(b == "payload");
    // Two retries cost 5 each; the success refunds the last one.
    CHECK(c.context().quota.available() == before - 5);
}

TEST_CASE("invoke: gives up after max_attempts with the last error response")
{
    scripted_server srv([](int, auto const&, auto const&) { return xml_error(500, "InternalError"); });
    auto c = make_client(srv.url(), {.max_attempts = 4});
    auto res = c.try_send(c.make_request("GET", "/"), {.operation = "Op"});
    REQUIRE(res.has_error());
    CHECK(res.error().kind() == error_kind::service);
    CHECK(res.error().aws_code == "InternalError");
    CHECK(res.error().http_status == 500);
    CHECK(srv.requests() == 4);
}

TEST_CASE("invoke: throttling codes are retried, client errors are not")
{
    scripted_server throttled([](int n, auto const&, auto const&) {
        return reply(n == 1 ? xml_error(400, "ThrottlingException") : make_response(200, "ok"));
    });
    auto c = make_client(throttled.url());
    CHECK(c.try_send(c.make_request("GET", "/")).has_value());
    CHECK(throttled.requests() == 2);

    scripted_server invalid([](int, auto const&, auto const&) { return xml_error(400, "ValidationError"); });
    auto c2 = make_client(invalid.url());
    auto res = c2.try_send(c2.make_request("GET", "/"));
    REQUIRE(res.has_error());
    CHECK(res.error().aws_code == "ValidationError");
    CHECK(invalid.requests() == 1);
}

TEST_CASE("invoke: a body that cannot be rewound is never resent")
{
    scripted_server srv([](int n, auto const&, auto const&) {
        return reply(n == 1 ? xml_error(503, "SlowDown") : make_response(200, "ok"));
    });
    auto c = make_client(srv.url());
    auto req = c.make_request("PUT", "/object");
    req.body_stream = std::make_shared<one_shot_body>("streamed bytes");
    auto res = c.try_send(std::move(req), {.operation = "PutObject", .payload_hash = std::string(64, 'a')});
    REQUIRE(res.has_error());
    CHECK(res.error().code == errc::body_not_replayable);
    CHECK(res.error().operation == "PutObject");
    CHECK(srv.requests() == 1);
}

TEST_CASE("invoke: connection refused is a transport error after the retries")
{
    auto port = test::closed_port();
    auto c = make_client("http://127.0.0.1:" + std::to_string(port));
    auto res = c.try_send(c.make_request("GET", "/"), {.operation = "Op"});
    REQUIRE(res.has_error());
    CHECK(res.error().kind() == error_kind::transport);
    CHECK_THAT(res.error().message, Catch::Contains("127.0.0.1:" + std::to_string(port)));
    CHECK_THAT(res.error().message, Catch::Contains("after 3 attempts"));
    CHECK_THROWS_AS(c.send(c.make_request("GET", "/")), transport_error);
}

TEST_CASE("invoke: a server that closes mid-body is retried, then reported")
{
    std::atomic<int> calls{0};
    scripted_server srv([&](int, auto const&, auto const&) {
        ++calls;
        return reply("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part", true);
    });
    auto c = make_client(srv.url(), {.max_attempts = 2});
    auto res = c.try_send(c.make_request("GET", "/"));
    REQUIRE(res.has_error());
    CHECK(res.error().code == errc::connection_closed);
    CHECK(res.error().kind() == error_kind::transport);
    CHECK(calls == 2);
}

TEST_CASE("invoke: no credentials fails before anything is sent")
{
    scripted_server srv([](int, auto const&, auto const&) { return make_response(200, "ok"); });
    session s({.region_name = "us-east-1",
               .environment = environment::from_map({{"AWS_CONFIG_FILE", "/nonexistent/config"},
                                                     {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/creds"}})});
    auto c = s.client<svc>({.endpoint_url = srv.url()});
    auto res = c.try_send(c.make_request("GET", "/"), {.operation = "Op"});
    REQUIRE(res.has_error());
    CHECK(res.error().code == errc::no_credentials);
    CHECK(res.error().operation == "Op");
    CHECK(srv.requests() == 0);
}

TEST_CASE("invoke: the asynchronous pipeline retries the same way")
{
    scripted_server srv([](int n, auto const&, auto const&) {
        return reply(n < 3 ? xml_error(503, "ServiceUnavailable") : make_response(200, "async done"));
    });
    boost::asio::io_context ioc;
    auto c = make_client(srv.url(), {}, ioc.get_executor());
    std::string body;
    error_code result_ec = errc::invalid_parameter;
    c.async_send(c.make_request("GET", "/"), [&](error_code ec, http::response res) {
        result_ec = ec;
        body = res.body;
    });
    ioc.run();
    CHECK_FALSE(result_ec);
    CHECK(body == "async done");
    CHECK(srv.requests() == 3);

    // A final error response completes with errc::service_error and the response.
    scripted_server failing([](int, auto const&, auto const&) { return xml_error(404, "NoSuchThing"); });
    auto c2 = make_client(failing.url(), {}, ioc.get_executor());
    http::response got;
    c2.async_send(c2.make_request("GET", "/"), [&](error_code ec, http::response res) {
        result_ec = ec;
        got = std::move(res);
    });
    ioc.restart();
    ioc.run();
    CHECK(result_ec == errc::service_error);
    CHECK(make_service_error(got, "Op").aws_code == "NoSuchThing");
    CHECK(failing.requests() == 1);
}
