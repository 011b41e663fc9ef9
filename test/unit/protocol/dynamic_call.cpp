// client.call("OperationName", params) on the generated S3 client: botocore's
// parameters as JSON in, the output as JSON out, through the same engine and
// pipeline as the typed calls (stratus/dynamic_call.hpp), against an
// in-process server.
#include "http_fixture.hpp"

#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

using namespace stratus;
using test::fixture_connection;
using test::fixture_server;
using test::make_response;

namespace {

struct seen_request {
    test::request_head head;
    std::string body;
};

// Answers every request with `reply`; records them.
class server {
public:
    explicit server(std::string reply)
        : reply_(std::move(reply)), server_([this](fixture_connection& c) {
              while (auto head = c.read_head()) {
                  {
                      std::lock_guard lock(m_);
                      seen_.push_back({*head, c.read_body(*head)});
                  }
                  c.write(reply_);
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
    std::string reply_;
    mutable std::mutex m_;
    std::vector<seen_request> seen_;
    fixture_server server_;
};

s3::client_type make_client(std::string const& url)
{
    session s({.region_name = "us-east-1",
               .aws_access_key_id = "AKIDTEST",
               .aws_secret_access_key = "secret",
               .environment = environment::from_map({})});
    auto c = s.client<s3>({.endpoint_url = url});
    c.context().retry_jitter = [] { return 0.0; };
    return c;
}

} // namespace

TEST_CASE("dynamic call: ListBuckets by name, the output as JSON with ISO 8601 timestamps")
{
    server srv(make_response(200, "<ListAllMyBucketsResult><Buckets><Bucket><Name>b1</Name>"
                                  "<CreationDate>2024-05-01T12:00:00.000Z</CreationDate></Bucket></Buckets>"
                                  "<Owner><ID>o</ID></Owner></ListAllMyBucketsResult>"));
    auto client = make_client(srv.url());
    auto out = client.call("ListBuckets", {});
    CHECK(out == boost::json::parse(R"({"Buckets": [{"Name": "b1", "CreationDate": "2024-05-01T12:00:00Z"}],
                                        "Owner": {"ID": "o"}})"));
    auto seen = srv.seen();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].head.method == "GET");
    CHECK(seen[0].head.target == "/");
}

TEST_CASE("dynamic call: PutObject parameters reach the wire as the typed call sends them")
{
    server srv(make_response(200, "", {{"ETag", "\"e\""}}));
    auto client = make_client(srv.url());
    auto out = client.call("PutObject", {{"Bucket", "b"},
                                         {"Key", "dir/k"},
                                         {"Body", "hello"},
                                         {"Metadata", {{"color", "blue"}}},
                                         {"Expires", 1714564800}});
    CHECK(out == boost::json::parse(R"({"ETag": "\"e\""})"));
    auto seen = srv.seen();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].head.method == "PUT");
    CHECK(seen[0].head.target == "/b/dir/k");
    CHECK(seen[0].body == "hello");
    CHECK(seen[0].head.get("x-amz-meta-color") == "blue");
    CHECK(seen[0].head.get("Expires") == "Wed, 01 May 2024 12:00:00 GMT");
}

TEST_CASE("dynamic call: an unknown operation, a parameter of the wrong type or name, a missing one")
{
    server srv(make_response(200));
    auto client = make_client(srv.url());

    auto r = client.try_call("ListBucketz", {});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_parameter);
    CHECK(r.error().message == "unknown operation \"ListBucketz\" for S3");

    r = client.try_call("GetObject", {{"Bucket", 5}, {"Key", "k"}});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_parameter);
    CHECK(r.error().message == "GetObject: parameter Bucket: expected a string");

    r = client.try_call("PutObject", {{"Bucket", "b"}, {"Key", "k"}, {"Metadata", {{"a", {1, 2}}}}});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message == "PutObject: parameter Metadata[a]: expected a string");

    r = client.try_call("GetObject", {{"Bucket", "b"}, {"Key", "k"}, {"VersionID", "v"}});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message == "GetObject: unknown parameter VersionID");

    r = client.try_call("GetObject", {{"Key", "k"}});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_parameter);
    CHECK(r.error().message.find("Bucket") != std::string::npos);

    CHECK_THROWS_AS(client.call("ListBucketz", {}), client_error);
    CHECK(srv.seen().empty());
}

TEST_CASE("dynamic call: a modeled error is thrown as its type, as the typed call throws it")
{
    server srv(make_response(404, "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>"));
    auto client = make_client(srv.url());
    CHECK_THROWS_AS(client.call("GetObject", {{"Bucket", "b"}, {"Key", "k"}}), s3::no_such_key);
    auto r = client.try_call("GetObject", {{"Bucket", "b"}, {"Key", "k"}});
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::service_error);
    CHECK(r.error().aws_code == "NoSuchKey");
    CHECK(r.error().modeled);
}
