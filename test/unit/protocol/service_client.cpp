// service_client end to end: a client as stratus-gen writes it
// (s3_shapes.hpp), a session, the real pipeline, and an in-process server
// that answers as S3 would.
#include <stratus/service_client.hpp>

#include "harness.hpp"
#include "http_fixture.hpp"
#include "s3_shapes.hpp"

#include <stratus/protocol/detail/md5.hpp>
#include <stratus/session.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include <mutex>

using namespace stratus;
using test::fixture_connection;
using test::fixture_server;
using test::make_response;

namespace {

using headers_t = std::vector<std::pair<std::string, std::string>>;

struct seen_request {
    test::request_head head;
    std::string body;
};

// Answers request n (1-based) with answer(n, request); records every request.
class s3_server {
public:
    using answer_fn = std::function<std::string(int, seen_request const&)>;

    explicit s3_server(answer_fn answer)
        : answer_(std::move(answer)), server_([this](fixture_connection& c) {
              while (auto head = c.read_head()) {
                  seen_request r{*head, c.read_body(*head)};
                  int n;
                  {
                      std::lock_guard lock(m_);
                      seen_.push_back(r);
                      n = static_cast<int>(seen_.size());
                  }
                  c.write(answer_(n, r));
              }
          })
    {
    }

    std::string url() const { return server_.url(); }
    std::vector<seen_request> seen() const
    {
        std::lock_guard lock(m_);
        return seen_;
    }

private:
    answer_fn answer_;
    mutable std::mutex m_;
    std::vector<seen_request> seen_;
    fixture_server server_;
};

s3t::client make_client(std::string const& url, boost::asio::any_io_executor ex = {})
{
    session s({.region_name = "us-east-1",
               .aws_access_key_id = "AKIDTEST",
               .aws_secret_access_key = "secret",
               .executor = ex,
               .environment = environment::from_map({})});
    auto c = s.client<s3t::service>({.endpoint_url = url});
    c.context().retry_jitter = [] { return 0.0; };
    return c;
}

std::string xml_error(int status, std::string_view code, headers_t headers = {})
{
    return make_response(status,
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + std::string(code) +
                             "</Code><Message>m</Message><RequestId>body-id</RequestId></Error>",
                         headers);
}

} // namespace

TEST_CASE("service_client: a call goes out signed and comes back typed")
{
    s3_server server([](int, seen_request const&) {
        return make_response(200,
                             "<ListBucketResult><Name>bkt</Name><KeyCount>1</KeyCount><EncodingType>url</EncodingType>"
                             "<Contents><Key>a+b%2Fc</Key><Size>3</Size></Contents></ListBucketResult>",
                             {{"x-amz-request-id", "rid"}});
    });
    auto s3 = make_client(server.url());
    auto out = s3.list_objects_v2({.bucket = "bkt", .prefix = "a b"});
    CHECK(out.name == "bkt");
    REQUIRE(out.contents.size() == 1);
    CHECK(out.contents[0].key == "a b/c");
    CHECK(out.contents[0].size == 3);

    auto seen = server.seen();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].head.method == "GET");
    CHECK(seen[0].head.target == "/bkt?list-type=2&prefix=a%20b&encoding-type=url");
    CHECK(seen[0].head.get("Authorization")->starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"));
    CHECK(seen[0].head.get("x-amz-content-sha256"));
}

TEST_CASE("service_client: PutObject and DeleteObjects bodies, metadata and Content-MD5 reach the server")
{
    s3_server server([](int n, seen_request const&) {
        if (n == 1) return make_response(200, "", {{"ETag", "\"etag\""}, {"x-amz-version-id", "v1"}});
        return make_response(200, "<DeleteResult><Deleted><Key>a</Key></Deleted></DeleteResult>");
    });
    auto s3 = make_client(server.url());
    auto put = s3.put_object({.body = "hello", .bucket = "b", .key = "dir/ü k", .metadata = {{"color", "blue"}}});
    CHECK(put.etag == "\"etag\"");
    CHECK(put.version_id == "v1");
    auto del = s3.delete_objects({.bucket = "b", .delete_ = s3t::delete_{.objects = {{.key = "a"}}}});
    REQUIRE(del.deleted.size() == 1);

    auto seen = server.seen();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].head.target == "/b/dir/%C3%BC%20k");
    CHECK(seen[0].body == "hello");
    CHECK(seen[0].head.get("x-amz-meta-color") == "blue");
    CHECK(seen[1].head.target == "/b?delete");
    CHECK(seen[1].head.get("Content-MD5") == protocol::detail::content_md5(seen[1].body));
    CHECK(seen[1].body.find("<Object><Key>a</Key></Object>") != std::string::npos);
}

TEST_CASE("service_client: modeled errors are thrown as their own type")
{
    s3_server server([](int, seen_request const&) { return xml_error(404, "NoSuchKey", {{"x-amz-request-id", "r1"}}); });
    auto s3 = make_client(server.url());
    try {
        s3.get_object({.bucket = "b", .key = "missing"});
        FAIL("no exception");
    } catch (s3t::no_such_key const& e) {
        CHECK(e.aws_code() == "NoSuchKey");
        CHECK(e.request_id() == "r1");
        CHECK(e.http_status() == 404);
        CHECK(e.info().operation == "GetObject");
    }
    // The same error is catchable as what it also is.
    CHECK_THROWS_AS(s3.get_object({.bucket = "b", .key = "missing"}), service_error);
    CHECK_THROWS_AS(s3.get_object({.bucket = "b", .key = "missing"}), stratus::error);

    auto r = s3.try_get_object({.bucket = "b", .key = "missing"});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::service_error);
    CHECK(r.error().modeled);
    CHECK_THROWS_AS(r.value(), s3t::no_such_key);
    CHECK(server.seen().size() == 4); // 404 is not retried
}

TEST_CASE("service_client: invalid input is refused before anything is sent")
{
    s3_server server([](int, seen_request const&) { return make_response(200); });
    auto s3 = make_client(server.url());
    CHECK_THROWS_AS(s3.get_object({.bucket = "b", .key = ""}), client_error);
    try {
        s3.get_object({.bucket = "b", .key = ""});
    } catch (client_error const& e) {
        CHECK(std::string(e.what()).starts_with("GetObject: Key: length 0 is less than the minimum 1"));
        CHECK(e.info().code == errc::invalid_parameter);
    }
    CHECK(server.seen().empty());
}

TEST_CASE("service_client: S3's 200 OK with an error inside is retried like a 500")
{
    std::string const embedded = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<Error><Code>InternalError</Code>"
                                 "<Message>We encountered an internal error.</Message></Error>";
    SECTION("and succeeds when a retry does")
    {
        s3_server server([&](int n, seen_request const&) {
            if (n == 1) return make_response(200, embedded);
            return make_response(200, "<CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>");
        });
        auto s3 = make_client(server.url());
        auto out = s3.copy_object({.bucket = "b", .copy_source = "src/k", .key = "k2"});
        CHECK(out.copy_object_result->etag == "\"e\"");
        CHECK(server.seen().size() == 2);
        CHECK(server.seen()[0].head.get("x-amz-copy-source") == "src/k");
    }
    SECTION("and fails as a service error when none does")
    {
        s3_server server([&](int, seen_request const&) { return make_response(200, embedded); });
        auto s3 = make_client(server.url());
        auto r = s3.try_copy_object({.bucket = "b", .copy_source = "src/k", .key = "k2"});
        REQUIRE_FALSE(r);
        CHECK(r.error().aws_code == "InternalError");
        CHECK(r.error().http_status == 500);
        CHECK(server.seen().size() == 3); // standard mode: three attempts
    }
}

TEST_CASE("service_client: a HEAD 404 is a service error with code 404, as in botocore")
{
    s3_server server([](int, seen_request const&) {
        return "HTTP/1.1 404 Not Found\r\nx-amz-request-id: h1\r\nContent-Length: 0\r\n\r\n";
    });
    auto s3 = make_client(server.url());
    try {
        s3.head_object({.bucket = "b", .key = "k"});
        FAIL("no exception");
    } catch (s3t::no_such_key const&) {
        FAIL("botocore does not map a bodiless 404 to NoSuchKey");
    } catch (service_error const& e) {
        CHECK(e.aws_code() == "404");
        CHECK(e.request_id() == "h1");
    }
}

TEST_CASE("service_client: async_call with a callback and with use_future")
{
    s3_server server([](int, seen_request const& r) {
        if (r.head.target.find("missing") != std::string::npos) return xml_error(404, "NoSuchKey");
        if (r.head.target.find("list-type") != std::string::npos)
            return make_response(200, "<ListBucketResult><Name>b</Name></ListBucketResult>");
        return make_response(200, "body!", {{"Content-Length", "5"}, {"Last-Modified", "Tue, 29 Apr 2014 18:30:38 GMT"}});
    });
    boost::asio::io_context io;
    auto s3 = make_client(server.url(), io.get_executor());

    error_code got_ec = make_error_code(errc::invalid_config);
    std::string got_body;
    s3.async_get_object({.bucket = "b", .key = "k"}, [&](error_code ec, s3t::get_object_output out) {
        got_ec = ec;
        got_body = out.body.data;
    });
    error_code missing_ec;
    s3.async_get_object({.bucket = "b", .key = "missing"},
                        [&](error_code ec, s3t::get_object_output) { missing_ec = ec; });
    io.run();
    CHECK_FALSE(got_ec);
    CHECK(got_body == "body!");
    CHECK(missing_ec == errc::service_error);

    io.restart();
    auto fut = s3.async_list_objects_v2({.bucket = "b"}, boost::asio::use_future);
    auto bad = s3.async_get_object({.bucket = "b", .key = "missing"}, boost::asio::use_future);
    io.run();
    CHECK(fut.get().name == "b");
    CHECK_THROWS_AS(bad.get(), boost::system::system_error);
}

TEST_CASE("service_client: an async call with invalid input completes through the executor, not inline")
{
    boost::asio::io_context io;
    auto s3 = make_client("http://127.0.0.1:1", io.get_executor());
    bool called = false;
    error_code got;
    s3.async_get_object({.bucket = "b", .key = ""}, [&](error_code ec, s3t::get_object_output) {
        called = true;
        got = ec;
    });
    CHECK_FALSE(called);
    io.run();
    CHECK(called);
    CHECK(got == errc::invalid_parameter);
}
