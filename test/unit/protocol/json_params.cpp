// The botocore-parameter dialect of the JSON document reader/writer
// (json_document.hpp): what client.call and the protocol conformance runner
// read typed inputs from and write typed outputs to.
#include <stratus/protocol/detail/json_document.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace {

using stratus::member_flags;
using stratus::member_info;
using stratus::shape_info;
namespace pd = stratus::protocol::detail;

struct body_part {
    std::optional<std::string> text{};
    static constexpr shape_info shape{.name = "BodyPart"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Text", .wire = "text"}, &body_part::text);
    }
};

// A member renamed on the wire (locationName), a header, a blob, a
// timestamp and a structure payload: the shapes REST protocols bind.
struct request {
    std::optional<std::string> query_string{};
    std::optional<std::string> header{};
    std::optional<stratus::blob> data{};
    std::optional<stratus::timestamp> when{};
    std::optional<body_part> part{};
    static constexpr shape_info shape{.name = "Request", .payload = "Part"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "QueryString", .wire = "String", .where = stratus::location::querystring},
          &request::query_string);
        f(member_info{.name = "Header", .wire = "X-Header", .where = stratus::location::header}, &request::header);
        f(member_info{.name = "Data", .wire = "data"}, &request::data);
        f(member_info{.name = "When", .wire = "when", .timestamp = stratus::timestamp_format::iso8601},
          &request::when);
        f(member_info{.name = "Part", .wire = "Part", .flags = member_flags::payload}, &request::part);
    }
};

} // namespace

TEST_CASE("json params dialect: keys are member names, payloads nest, blobs raw, timestamps epoch")
{
    auto params = boost::json::parse(R"({"QueryString": "q", "Header": "h", "Data": "raw bytes",
                                         "When": 1398796238.5, "Part": {"Text": "t"}})");
    request in{};
    pd::json_reader r(params, pd::params_dialect);
    stratus::protocol::read_members(r, in);
    REQUIRE_FALSE(r.failed());
    CHECK(in.query_string == "q");
    CHECK(in.header == "h");
    REQUIRE(in.data);
    CHECK(in.data->bytes == "raw bytes");
    REQUIRE(in.when);
    CHECK(in.when->time_since_epoch().count() == 1398796238500);
    REQUIRE(in.part);
    CHECK(in.part->text == "t");

    pd::json_writer w(pd::params_dialect);
    stratus::protocol::write_members(w, in);
    CHECK(w.root == params);
}

TEST_CASE("json params dialect: a wire name is not a parameter name")
{
    auto params = boost::json::parse(R"({"String": "q", "X-Header": "h", "text": "t"})");
    request in{};
    pd::json_reader r(params, pd::params_dialect);
    stratus::protocol::read_members(r, in);
    CHECK_FALSE(in.query_string);
    CHECK_FALSE(in.header);
    CHECK_FALSE(in.part);
}

TEST_CASE("json params dialect: the wire dialect keeps wire names and the payload as the document")
{
    request in{.query_string = "q", .part = body_part{.text = "t"}};
    pd::json_writer w;
    stratus::protocol::write_members(w, in);
    CHECK(boost::json::serialize(w.root) == R"({"String":"q","text":"t"})");
}

TEST_CASE("json params dialect: a parameter of the wrong type names the member")
{
    auto params = boost::json::parse(R"({"Part": {"Text": 5}})");
    request in{};
    pd::json_reader r(params, pd::params_dialect);
    stratus::protocol::read_members(r, in);
    REQUIRE(r.failed());
    CHECK(r.error() == "Part.Text: expected a string");
}
