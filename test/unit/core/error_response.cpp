#include <stratus/core/error_response.hpp>

#include <catch2/catch.hpp>

using namespace stratus;

namespace {

http::response make(unsigned status, std::string body, http::fields headers = {})
{
    http::response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
}

} // namespace

TEST_CASE("error_response: S3 XML errors")
{
    http::fields h;
    h.add("x-amz-request-id", "4442587FB7D0A2F9");
    auto r = make(404,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                  "<Message>The specified key does not exist &amp; never did.</Message>"
                  "<Key>a</Key><RequestId>ignored-header-wins</RequestId></Error>",
                  h);
    auto e = make_service_error(r, "GetObject");
    CHECK(e.code == errc::service_error);
    CHECK(e.kind() == error_kind::service);
    CHECK(e.aws_code == "NoSuchKey");
    CHECK(e.message == "The specified key does not exist & never did.");
    CHECK(e.request_id == "4442587FB7D0A2F9");
    CHECK(e.http_status == 404);
    CHECK(e.to_string() ==
          "GetObject: NoSuchKey (HTTP 404): The specified key does not exist & never did. [request id 4442587FB7D0A2F9]");
}

TEST_CASE("error_response: query protocol ErrorResponse and EC2 Response/Errors")
{
    auto q = parse_error_response(make(400, "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                                            "<Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                                            "<Message>The user with name x cannot be found.</Message></Error>"
                                            "<RequestId>abc-123</RequestId></ErrorResponse>"));
    CHECK(q.code == "NoSuchEntity");
    CHECK(q.request_id == "abc-123");

    auto ec2 = parse_error_response(make(400, "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
                                              "<Message>nope</Message></Error></Errors>"
                                              "<RequestID>ec2-req</RequestID></Response>"));
    CHECK(ec2.code == "InvalidInstanceID.NotFound");
    CHECK(ec2.request_id == "ec2-req");
}

TEST_CASE("error_response: JSON __type with namespace or URI suffix, header error type")
{
    http::fields h;
    h.add("x-amzn-RequestId", "json-req");
    auto j = parse_error_response(make(400,
                                       R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
                                       R"("message":"Requested resource not found"})",
                                       h));
    CHECK(j.code == "ResourceNotFoundException");
    CHECK(j.message == "Requested resource not found");
    CHECK(j.request_id == "json-req");

    http::fields h2;
    h2.add("X-Amzn-ErrorType", "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/");
    auto hdr = parse_error_response(make(400, R"({"Message":"bad"})", h2));
    CHECK(hdr.code == "FooError");
    CHECK(hdr.message == "bad");
}

TEST_CASE("error_response: no body falls back to the status, as botocore does")
{
    auto r = make(404, "");
    auto f = parse_error_response(r);
    CHECK(f.code == "404");
    CHECK(f.message == "Not Found");
}

TEST_CASE("error_response: garbage bodies never crash")
{
    for (auto body : {"<Error><Code>Unterminated", "{\"__type\": 5", "{not json", "<", "{", "\xff\xfe"}) {
        auto f = parse_error_response(make(500, body));
        CHECK_FALSE(f.code.empty());
    }
}
