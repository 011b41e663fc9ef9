// The HTTP core against a real HTTP/1.1 implementation (s3rver on Node's http
// module), started by test/servers/harness.py on 127.0.0.1. Unsigned requests:
// this tests the transport (keep-alive, 100-continue, chunked uploads, large
// bodies, concurrency), not the S3 protocol.
#include <stratus/core/http_client.hpp>

#include <boost/asio/io_context.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>

using namespace stratus;

namespace {

std::string endpoint()
{
    char const* e = std::getenv("STRATUS_TEST_S3RVER_ENDPOINT");
    if (!e) FAIL("STRATUS_TEST_S3RVER_ENDPOINT is not set: run this test through test/servers/harness.py");
    return e;
}

http::request make(std::string method, std::string const& path)
{
    http::request r;
    r.method = std::move(method);
    r.url = http::parse_url(endpoint() + path).value();
    return r;
}

std::string pattern(std::size_t n, unsigned seed)
{
    std::string s(n, '\0');
    std::uint32_t x = seed * 2654435761u + 1;
    for (auto& c : s) {
        x = x * 1664525u + 1013904223u;
        c = static_cast<char>(x >> 24);
    }
    return s;
}

class string_source final : public http::body_source {
public:
    explicit string_source(std::string data) : data_(std::move(data)) {}
    std::optional<std::uint64_t> size() const override { return std::nullopt; }
    std::size_t read(std::span<char> buf, error_code&) override
    {
        auto const n = std::min(buf.size(), data_.size() - pos_);
        std::memcpy(buf.data(), data_.data() + pos_, n);
        pos_ += n;
        return n;
    }
    bool rewind() override
    {
        pos_ = 0;
        return true;
    }

private:
    std::string data_;
    std::size_t pos_ = 0;
};

} // namespace

TEST_CASE("http_client against s3rver: uploads and downloads over one client")
{
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    std::string const bucket = "/httpcore-" + std::to_string(::getpid());
    REQUIRE(c.send(make("PUT", bucket)).status == 200);

    // 5 MiB: above the 1 MiB threshold, so it goes out with Expect: 100-continue,
    // which Node answers itself.
    auto const big = pattern(5 << 20, 1);
    auto put = make("PUT", bucket + "/big");
    put.body = big;
    auto r = c.send(put);
    CHECK(r.status == 200);
    CHECK(r.headers.contains("ETag"));

    // Chunked, size unknown.
    auto const streamed = pattern(700'001, 2);
    put = make("PUT", bucket + "/streamed");
    put.body_stream = std::make_shared<string_source>(streamed);
    CHECK(c.send(put).status == 200);

    // Buffered and streamed downloads.
    r = c.send(make("GET", bucket + "/streamed"));
    CHECK(r.status == 200);
    CHECK(r.body == streamed);

    std::string sunk;
    std::size_t pieces = 0;
    http::send_options opts;
    opts.on_body = [&](std::string_view piece, error_code&) {
        sunk.append(piece);
        ++pieces;
    };
    r = c.send(make("GET", bucket + "/big"), opts);
    CHECK(r.status == 200);
    CHECK(r.body.empty());
    CHECK(sunk == big);
    CHECK(pieces > 1);

    r = c.send(make("HEAD", bucket + "/big"));
    CHECK(r.status == 200);
    CHECK(r.headers.get("Content-Length") == std::to_string(big.size()));
    CHECK(r.body.empty());

    // An error status is a response, not an error.
    r = c.send(make("GET", bucket + "/missing"));
    CHECK(r.status == 404);
    CHECK_THAT(r.body, Catch::Contains("NoSuchKey"));
}

TEST_CASE("http_client against s3rver: 50 asynchronous requests at once")
{
    boost::asio::io_context ioc;
    http::client c(ioc.get_executor());
    std::string const bucket = "/httpcore-async-" + std::to_string(::getpid());
    REQUIRE(c.send(make("PUT", bucket)).status == 200);
    for (unsigned i = 0; i < 5; ++i) {
        auto put = make("PUT", bucket + "/k" + std::to_string(i));
        put.body = pattern(10'000 + i, i);
        REQUIRE(c.send(put).status == 200);
    }
    int ok = 0;
    for (unsigned i = 0; i < 50; ++i) {
        auto const k = i % 5;
        c.async_send(make("GET", bucket + "/k" + std::to_string(k)), [&, k](error_code ec, http::response r) {
            if (!ec && r.status == 200 && r.body == pattern(10'000 + k, k)) ++ok;
        });
    }
    ioc.run();
    CHECK(ok == 50);
}
