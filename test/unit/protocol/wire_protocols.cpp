// The json, rest-json, query and ec2 engines with hand-written shapes
// (wire_shapes.hpp): exact requests, parsed responses, error codes and
// modeled errors, and every rule about a response that does not fit the
// model. The conformance runner (scripts/conformance protocols) checks the
// same engines against AWS's vectors; these pin stratus's own rules.
#include <stratus/core/request_compression.hpp>
#include <stratus/protocol/ec2.hpp>
#include <stratus/protocol/json.hpp>
#include <stratus/protocol/query.hpp>
#include <stratus/protocol/rest_json.hpp>
#include <stratus/session.hpp>

#include "harness.hpp"
#include "wire_shapes.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace stratus;
using test::harness;
using test::response;

namespace {

service_info svc(bool query_compatible = false)
{
    return {.service_id = "Svc",
            .endpoint_prefix = "svc",
            .signing_name = "svc",
            .api_version = "2020-01-01",
            .target_prefix = "Svc_20200101",
            .json_version = "1.1",
            .query_compatible = query_compatible};
}

constexpr char const* endpoint = "https://svc.us-east-1.amazonaws.com";

std::string header(http::request const& r, std::string_view name)
{
    auto v = r.headers.get(name);
    return v ? std::string(*v) : std::string("<absent>");
}

wire::put_request full_input()
{
    wire::put_request in{.name = "n"};
    in.count = 3;
    in.ratio = 1.0;
    in.enabled = false;
    in.at = timestamp{std::chrono::milliseconds{1500}};
    in.data = blob{"hi"};
    in.names = std::vector<std::string>{"a", "b"};
    in.flat_names = std::vector<std::string>{"x"};
    in.tags = std::vector<wire::tag>{{.key = "k", .value = "v"}};
    in.attributes = std::map<std::string, std::string>{{"x", "y"}};
    in.only = wire::tag{.key = "k"};
    in.token = "t";
    in.group_name = "g";
    return in;
}

// The modeled error a failed call carries, rethrown.
std::optional<std::string> modeled_resource(error_info const& e)
{
    if (!e.modeled) return std::nullopt;
    try {
        std::rethrow_exception(e.modeled);
    } catch (wire::not_found const& nf) {
        return nf.resource.value_or("<unset>");
    } catch (...) {
    }
    return std::nullopt;
}

} // namespace

// ---------------------------------------------------------------------------
// awsJson

TEST_CASE("json: POST / with X-Amz-Target, the JSON version's content type and every member kind")
{
    harness h(svc(), endpoint, protocol::json::instance());
    auto in = full_input();
    in.ratio = std::numeric_limits<double>::quiet_NaN();
    in.token.reset();
    auto r = h.prepare<wire::ops::put_rpc>(in);
    REQUIRE(r);
    CHECK(r->method == "POST");
    CHECK(r->url.to_string() == "https://svc.us-east-1.amazonaws.com/");
    CHECK(header(*r, "X-Amz-Target") == "Svc_20200101.Put");
    CHECK(header(*r, "Content-Type") == "application/x-amz-json-1.1");
    auto body = boost::json::parse(r->body).as_object();
    // An unset idempotency token is filled with a UUID.
    REQUIRE(body.contains("Token"));
    CHECK(body["Token"].as_string().size() == 36);
    body.erase("Token");
    CHECK(body == boost::json::parse(
                      R"({"Name":"n","Count":3,"Ratio":"NaN","Enabled":false,"At":1.5,"Data":"aGk=","Names":["a","b"],)"
                      R"("FlatNames":["x"],"Tags":[{"Key":"k","Value":"v"}],"Attributes":{"x":"y"},"Only":{"Key":"k"},)"
                      R"("groupName":"g"})")
                      .as_object());
    // Numbers as botocore writes them ("1.5", not Boost's "1.5E0").
    CHECK(r->body.find(R"("At":1.5,)") != std::string::npos);
}

TEST_CASE("json: an input without members is sent as {}; version 1.0 when the model names none")
{
    auto info = svc();
    info.json_version = {};
    harness h(info, endpoint, protocol::json::instance());
    auto r = h.prepare<wire::ops::get>({});
    REQUIRE(r);
    CHECK(r->body == "{}");
    CHECK(header(*r, "Content-Type") == "application/x-amz-json-1.0");
}

TEST_CASE("json: responses fill the output; null is absent, unknown keys are ignored")
{
    harness h(svc(), endpoint, protocol::json::instance());
    auto out = h.finish<wire::ops::get>(response(
        200, R"({"Name":"n","Count":7,"Ratio":"-Infinity","At":1.25,"Data":"aGk=",)"
             R"("Tags":[{"Key":"k"},{"Key":null,"Value":"v"}],"Sizes":{"a":1,"b":2},"New":{"x":[1]}})"));
    REQUIRE(out);
    CHECK(out->name == "n");
    CHECK(out->count == 7);
    CHECK(std::isinf(*out->ratio));
    CHECK(*out->ratio < 0);
    CHECK(out->at->time_since_epoch().count() == 1250);
    CHECK(out->data->bytes == "hi");
    REQUIRE(out->tags.size() == 2);
    CHECK(out->tags[0].key == "k");
    CHECK_FALSE(out->tags[1].key);
    CHECK(out->tags[1].value == "v");
    CHECK(out->sizes == std::map<std::string, std::int64_t>{{"a", 1}, {"b", 2}});

    // An empty body is an empty object (an operation without output).
    auto empty = h.finish<wire::ops::get>(response(200, ""));
    REQUIRE(empty);
    CHECK_FALSE(empty->name);
}

TEST_CASE("json: a response that does not fit the model is a parse error naming the member")
{
    harness h(svc(), endpoint, protocol::json::instance());
    auto fails = [&](std::string body, std::string_view what) {
        auto out = h.finish<wire::ops::get>(response(200, std::move(body)));
        REQUIRE_FALSE(out);
        CHECK(out.error().code == errc::parse_error);
        CHECK(out.error().operation == "Get");
        INFO(out.error().message);
        CHECK(out.error().message.find(what) != std::string::npos);
    };
    fails(R"({"Tags":[{"Key":"k"},{"Key":5}]})", "Tags[1].Key: expected a string");
    fails(R"({"Count":4294967296})", "Count: integer out of range");
    fails(R"({"Count":1.5})", "Count: expected an integer");
    fails(R"({"Data":"!!notbase64"})", "Data: invalid base64");
    fails(R"({"At":"yesterday"})", "At: not a timestamp");
    fails(R"({"Ratio":"lots"})", "Ratio: expected a number");
    fails(R"({"Sizes":{"a":"1"}})", "Sizes[a]: expected an integer");
    fails(R"({"Tags":{"Key":"k"}})", "Tags: expected a list");
    fails(R"({"Name":)", "malformed JSON");
    fails(R"([1,2])", "expected a JSON object");
}

TEST_CASE("json: error codes from __type, modeled errors with their members")
{
    harness h(svc(), endpoint, protocol::json::instance());
    auto r = h.finish<wire::ops::get>(response(
        400, R"({"__type":"com.amazon.svc#AWS.Simple.NotFound:http://internal","message":"gone","Resource":"r1"})",
        {{"x-amzn-RequestId", "rid"}}));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::service_error);
    CHECK(r.error().aws_code == "AWS.Simple.NotFound");
    CHECK(r.error().message == "gone");
    CHECK(r.error().request_id == "rid");
    CHECK(modeled_resource(r.error()) == "r1");

    // A body that is not JSON: the status as the code, the body as the message (botocore).
    auto html = h.finish<wire::ops::get>(response(502, "<html>bad gateway</html>"));
    REQUIRE_FALSE(html);
    CHECK(html.error().aws_code == "502");
    CHECK(html.error().message == "<html>bad gateway</html>");
}

TEST_CASE("json: awsQueryCompatible services take the code from x-amzn-query-error")
{
    auto body = R"({"__type":"com.amazon.svc#NotFound","message":"gone"})";
    std::vector<std::pair<std::string, std::string>> headers{{"x-amzn-query-error", "AWS.Simple.NotFound;Sender"}};

    harness compatible(svc(true), endpoint, protocol::json::instance());
    // Requests say that query error codes are understood.
    auto req = compatible.prepare<wire::ops::get>({});
    REQUIRE(req);
    CHECK(header(*req, "x-amzn-query-mode") == "true");
    harness not_compatible(svc(false), endpoint, protocol::json::instance());
    auto req2 = not_compatible.prepare<wire::ops::get>({});
    REQUIRE(req2);
    CHECK_FALSE(req2->headers.contains("x-amzn-query-mode"));

    auto a = compatible.finish<wire::ops::get>(response(400, body, headers));
    REQUIRE_FALSE(a);
    CHECK(a.error().aws_code == "AWS.Simple.NotFound");
    CHECK(modeled_resource(a.error()) == "<unset>");

    // The header counts only for services the model marks query-compatible.
    harness plain(svc(false), endpoint, protocol::json::instance());
    auto b = plain.finish<wire::ops::get>(response(400, body, headers));
    REQUIRE_FALSE(b);
    CHECK(b.error().aws_code == "NotFound");
    CHECK_FALSE(b.error().modeled);

    // A malformed header (no ';') leaves the body's code.
    auto c = compatible.finish<wire::ops::get>(response(400, body, {{"x-amzn-query-error", "AWS.Simple.NotFound"}}));
    REQUIRE_FALSE(c);
    CHECK(c.error().aws_code == "NotFound");
}

TEST_CASE("json: a query-compatible error without a query code of its own is found by its JSON code")
{
    // As SQS answers for a missing queue: the query code in the header, the
    // shape's name in __type; boto3 reports the query code and raises the
    // modeled error (its Error.QueryErrorCode is the JSON code).
    auto body = R"({"__type":"com.amazon.svc#Gone","message":"no such queue"})";
    std::vector<std::pair<std::string, std::string>> headers{{"x-amzn-query-error", "AWS.Simple.NonExistent;Sender"}};
    harness compatible(svc(true), endpoint, protocol::json::instance());
    // Requests say that query error codes are understood.
    auto req = compatible.prepare<wire::ops::get>({});
    REQUIRE(req);
    CHECK(header(*req, "x-amzn-query-mode") == "true");
    harness not_compatible(svc(false), endpoint, protocol::json::instance());
    auto req2 = not_compatible.prepare<wire::ops::get>({});
    REQUIRE(req2);
    CHECK_FALSE(req2->headers.contains("x-amzn-query-mode"));

    auto a = compatible.finish<wire::ops::get>(response(400, body, headers));
    REQUIRE_FALSE(a);
    CHECK(a.error().aws_code == "AWS.Simple.NonExistent");
    CHECK(a.error().query_error_code == "Gone");
    REQUIRE(a.error().modeled);
    try {
        std::rethrow_exception(a.error().modeled);
    } catch (wire::gone const& g) {
        CHECK(g.message == "no such queue");
        CHECK(g.aws_code() == "AWS.Simple.NonExistent");
    } catch (...) {
        FAIL("not wire::gone");
    }

    // A modeled query code still wins over the JSON code.
    auto both = compatible.finish<wire::ops::get>(
        response(400, R"({"__type":"com.amazon.svc#Gone","Resource":"r2"})", {{"x-amzn-query-error", "AWS.Simple.NotFound;Sender"}}));
    REQUIRE_FALSE(both);
    CHECK(modeled_resource(both.error()) == "r2");

    // Without the header there is no query code, and the JSON code is aws_code.
    harness plain(svc(false), endpoint, protocol::json::instance());
    auto b = plain.finish<wire::ops::get>(response(400, body, headers));
    REQUIRE_FALSE(b);
    CHECK(b.error().aws_code == "Gone");
    CHECK(b.error().query_error_code.empty());
    CHECK(b.error().modeled);
}

// ---------------------------------------------------------------------------
// rest-json

TEST_CASE("rest-json: URI, header and body members; application/json")
{
    harness h(svc(), endpoint, protocol::rest_json::instance());
    wire::put_request in{.name = "n"};
    in.id = "a b";
    in.header_value = "hv";
    in.count = 2;
    in.token = "t";
    auto r = h.prepare<wire::ops::put>(in);
    REQUIRE(r);
    CHECK(r->url.to_string() == "https://svc.us-east-1.amazonaws.com/things/a%20b");
    CHECK(header(*r, "X-Value") == "hv");
    CHECK(header(*r, "Content-Type") == "application/json");
    CHECK_FALSE(r->headers.contains("X-Amz-Target"));
    CHECK(boost::json::parse(r->body) == boost::json::parse(R"({"Name":"n","Count":2,"Token":"t"})"));

    // A missing URI label is refused before anything is sent.
    auto missing = h.prepare<wire::ops::put>({.name = "n"});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == errc::invalid_parameter);

    // No body members at all: no body, no content type.
    auto none = h.prepare<wire::ops::get>({});
    REQUIRE(none);
    CHECK(none->body.empty());
    CHECK_FALSE(none->headers.contains("Content-Type"));
}

TEST_CASE("rest-json: headers and body into the output; errors from x-amzn-ErrorType first")
{
    harness h(svc(), endpoint, protocol::rest_json::instance());
    auto out = h.finish<wire::ops::get>(response(200, R"({"Name":"n","Tags":[{"Key":"k"}]})", {{"X-Value", "hv"}}));
    REQUIRE(out);
    CHECK(out->name == "n");
    CHECK(out->header_value == "hv");
    REQUIRE(out->tags.size() == 1);

    auto bad = h.finish<wire::ops::get>(response(200, R"({"Name":["n"]})"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::parse_error);
    CHECK(bad.error().message.find("Name: expected a string") != std::string::npos);

    auto err = h.finish<wire::ops::get>(response(404, R"({"code":"Other","message":"gone","Resource":"r2"})",
                                                 {{"x-amzn-ErrorType", "AWS.Simple.NotFound:http://internal/"}}));
    REQUIRE_FALSE(err);
    CHECK(err.error().aws_code == "AWS.Simple.NotFound");
    CHECK(modeled_resource(err.error()) == "r2");

    // Without the header, the body's code.
    auto body_code = h.finish<wire::ops::get>(response(404, R"({"code":"AWS.Simple.NotFound","message":"gone"})"));
    REQUIRE_FALSE(body_code);
    CHECK(body_code.error().aws_code == "AWS.Simple.NotFound");
}

// ---------------------------------------------------------------------------
// query and ec2

TEST_CASE("query: Action, Version and dotted member names as botocore's QuerySerializer writes them")
{
    harness h(svc(), endpoint, protocol::query::instance());
    auto r = h.prepare<wire::ops::put_rpc>(full_input());
    REQUIRE(r);
    CHECK(r->method == "POST");
    CHECK(header(*r, "Content-Type") == "application/x-www-form-urlencoded; charset=utf-8");
    CHECK(r->body == "Action=Put&Version=2020-01-01&Name=n&Count=3&Ratio=1.0&Enabled=false"
                     "&At=1970-01-01T00%3A00%3A01.500Z&Data=aGk%3D&Names.member.1=a&Names.member.2=b&Item.1=x"
                     "&Tags.member.1.Key=k&Tags.member.1.Value=v&Attributes.entry.1.Name=x&Attributes.entry.1.Value=y"
                     "&Only.Key=k&Token=t&groupName=g");

    // An empty list is sent, empty, so that the service sees it cleared; an
    // empty map is not sent at all (botocore; the QueryEmptyQueryMaps vector).
    wire::put_request cleared{.name = "n"};
    cleared.names = std::vector<std::string>{};
    cleared.attributes = std::map<std::string, std::string>{};
    cleared.token = "t";
    auto c = h.prepare<wire::ops::put_rpc>(cleared);
    REQUIRE(c);
    CHECK(c->body == "Action=Put&Version=2020-01-01&Name=n&Names=&Token=t");
}

TEST_CASE("query and ec2: the form body is encoded as Python's urlencode, a space as '+'")
{
    // botocore's AWSRequest urlencodes the serialized dict; moto re-encodes
    // the parsed form the same way to check the signature, so a space sent
    // as %20 is refused there (SignatureDoesNotMatch / AuthFailure).
    wire::put_request in{.name = "a b+c&d=e/f~g*h  \xc3\xbc"};
    in.token = "t";
    for (auto const* engine : {&protocol::query::instance(), &protocol::ec2::instance()}) {
        harness h(svc(), endpoint, *engine);
        auto r = h.prepare<wire::ops::put_rpc>(in);
        REQUIRE(r);
        CHECK(r->body == "Action=Put&Version=2020-01-01&Name=a+b%2Bc%26d%3De%2Ff~g%2Ah++%C3%BC&Token=t");
    }
}

TEST_CASE("ec2: queryName or the capitalised locationName, flat lists, empty lists left out")
{
    harness h(svc(), endpoint, protocol::ec2::instance());
    auto r = h.prepare<wire::ops::put_rpc>(full_input());
    REQUIRE(r);
    CHECK(r->body == "Action=Put&Version=2020-01-01&Name=n&Count=3&Ratio=1.0&Enabled=false"
                     "&At=1970-01-01T00%3A00%3A01.500Z&Data=aGk%3D&Names.1=a&Names.2=b&FlatNames.1=x"
                     "&Tags.1.Key=k&Tags.1.Value=v&Attributes.entry.1.Name=x&Attributes.entry.1.Value=y"
                     "&Only.Key=k&Token=t&GroupId=g");

    wire::put_request cleared{.name = "n"};
    cleared.names = std::vector<std::string>{};
    cleared.token = "t";
    auto c = h.prepare<wire::ops::put_rpc>(cleared);
    REQUIRE(c);
    CHECK(c->body == "Action=Put&Version=2020-01-01&Name=n&Token=t");
}

TEST_CASE("query: the output inside <OperationResult>; errors as <ErrorResponse>")
{
    harness h(svc(), endpoint, protocol::query::instance());
    auto out = h.finish<wire::ops::get>(response(
        200, "<GetResponse xmlns=\"https://svc.amazonaws.com/doc/2020-01-01/\"><GetResult><Name>n</Name>"
             "<Count>7</Count><Tags><member><Key>k</Key></member></Tags>"
             "<Sizes><entry><key>a</key><value>1</value></entry></Sizes></GetResult>"
             "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetResponse>"));
    REQUIRE(out);
    CHECK(out->name == "n");
    CHECK(out->count == 7);
    REQUIRE(out->tags.size() == 1);
    CHECK(out->tags[0].key == "k");
    CHECK(out->sizes == std::map<std::string, std::int64_t>{{"a", 1}});

    // Members outside the wrapper are not the output's.
    auto outside = h.finish<wire::ops::get>(response(200, "<GetResponse><Name>n</Name></GetResponse>"));
    REQUIRE(outside);
    CHECK_FALSE(outside->name);

    auto bad = h.finish<wire::ops::get>(response(200, "<GetResponse><GetResult><Count>x</Count></GetResult></GetResponse>"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::parse_error);
    CHECK(bad.error().message.find("Count") != std::string::npos);

    auto cut = h.finish<wire::ops::get>(response(200, "<GetResponse><GetResult><Name>n</Get"));
    REQUIRE_FALSE(cut);
    CHECK(cut.error().code == errc::parse_error);

    auto err = h.finish<wire::ops::get>(response(
        400, "<ErrorResponse><Error><Type>Sender</Type><Code>AWS.Simple.NotFound</Code><Message>gone</Message>"
             "<Resource>r1</Resource></Error><RequestId>rid</RequestId></ErrorResponse>"));
    REQUIRE_FALSE(err);
    CHECK(err.error().aws_code == "AWS.Simple.NotFound");
    CHECK(err.error().message == "gone");
    CHECK(err.error().request_id == "rid");
    CHECK(modeled_resource(err.error()) == "r1");
}

TEST_CASE("ec2: the output in the root element; errors as <Response><Errors><Error>")
{
    harness h(svc(), endpoint, protocol::ec2::instance());
    auto out = h.finish<wire::ops::get>(response(200, "<GetResponse><requestId>x</requestId><Name>n</Name></GetResponse>"));
    REQUIRE(out);
    CHECK(out->name == "n");

    auto err = h.finish<wire::ops::get>(response(
        400, "<Response><Errors><Error><Code>AWS.Simple.NotFound</Code><Message>gone</Message>"
             "<Resource>r1</Resource></Error></Errors><RequestID>rid</RequestID></Response>"));
    REQUIRE_FALSE(err);
    CHECK(err.error().aws_code == "AWS.Simple.NotFound");
    CHECK(err.error().request_id == "rid");
    CHECK(modeled_resource(err.error()) == "r1");
}

// ---------------------------------------------------------------------------
// request compression

TEST_CASE("requestcompression: gzip from the configured size on, appended to Content-Encoding")
{
    harness h(svc(), endpoint, protocol::json::instance());
    h.context().compression.min_size = 64;
    wire::put_request small{.name = "n"};
    small.token = "t";
    auto s = h.prepare<wire::ops::compressed>(small);
    REQUIRE(s);
    CHECK_FALSE(s->headers.contains("Content-Encoding"));
    CHECK(s->body.front() == '{');

    wire::put_request big{.name = std::string(200, 'a')};
    big.token = "t";
    auto b = h.prepare<wire::ops::compressed>(big);
    REQUIRE(b);
    CHECK(header(*b, "Content-Encoding") == "gzip");
    REQUIRE(b->body.size() > 2);
    CHECK(static_cast<unsigned char>(b->body[0]) == 0x1f); // gzip magic
    CHECK(static_cast<unsigned char>(b->body[1]) == 0x8b);
    CHECK(b->body.size() < 200);

    // Not for operations the model does not mark.
    auto plain = h.prepare<wire::ops::put_rpc>(big);
    REQUIRE(plain);
    CHECK_FALSE(plain->headers.contains("Content-Encoding"));

    h.context().compression.disabled = true;
    auto off = h.prepare<wire::ops::compressed>(big);
    REQUIRE(off);
    CHECK_FALSE(off->headers.contains("Content-Encoding"));

    http::request own;
    own.body = std::string(100, 'x');
    own.headers.set("Content-Encoding", "custom");
    REQUIRE(compress_request(own, {.min_size = 0}));
    CHECK(header(own, "Content-Encoding") == "custom, gzip");
}

TEST_CASE("requestcompression: the settings come from options, environment and config, checked")
{
    auto make = [](std::map<std::string, std::string, std::less<>> env, client_options opts = {}) {
        session s({.region_name = "us-east-1",
                   .aws_access_key_id = "AKID",
                   .aws_secret_access_key = "secret",
                   .environment = environment::from_map(std::move(env))});
        return s.make_client_context(svc(), opts);
    };
    auto def = make({});
    REQUIRE(def);
    CHECK((*def)->compression.min_size == 10240);
    CHECK_FALSE((*def)->compression.disabled);

    auto env = make({{"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "100"}, {"AWS_DISABLE_REQUEST_COMPRESSION", "true"}});
    REQUIRE(env);
    CHECK((*env)->compression.min_size == 100);
    CHECK((*env)->compression.disabled);

    auto opt = make({{"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "100"}}, {.request_min_compression_size_bytes = 5});
    REQUIRE(opt);
    CHECK((*opt)->compression.min_size == 5);

    auto bad = make({{"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "lots"}});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::invalid_config);
    CHECK(bad.error().message.find("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES") != std::string::npos);

    auto big = make({{"AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485761"}});
    REQUIRE_FALSE(big);
    CHECK(big.error().code == errc::invalid_config);

    auto big_opt = make({}, {.request_min_compression_size_bytes = 10485761});
    REQUIRE_FALSE(big_opt);
    CHECK(big_opt.error().code == errc::invalid_config);
}
