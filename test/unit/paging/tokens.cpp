// Pagination tokens as JSON (include/stratus/paging/access.hpp): the form a
// resume token carries them in. Scalars are themselves; a list, map or
// structure token (DynamoDB's ExclusiveStartKey, a map of AttributeValue) is
// the JSON the wire protocol writes, blobs as base64 as botocore's
// TokenEncoder writes bytes, and reads back to the same value.
#include <stratus/paging/access.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

// AttributeValue, as stratus-gen writes it (a union of optional members).
struct value {
    std::optional<std::string> s{};
    std::optional<std::string> n{};
    std::optional<stratus::blob> b{};
    std::vector<std::string> ss{};

    static constexpr stratus::shape_info shape{.name = "AttributeValue"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(stratus::member_info{.name = "S", .wire = "S"}, &value::s);
        f(stratus::member_info{.name = "N", .wire = "N"}, &value::n);
        f(stratus::member_info{.name = "B", .wire = "B"}, &value::b);
        f(stratus::member_info{.name = "SS", .wire = "SS"}, &value::ss);
    }
    friend bool operator==(value const&, value const&) = default;
};

using key_map = std::map<std::string, value>;

} // namespace

TEST_CASE("paging tokens: a map of structures is its wire JSON, blobs in base64")
{
    std::optional<key_map> const key = key_map{{"pk", value{.s = "user#1"}},
                                               {"sk", value{.n = "42"}},
                                               {"bin", value{.b = stratus::blob{std::string("\0\xff\x01", 3)}}},
                                               {"set", value{.ss = {"a", "b"}}}};
    auto const j = stratus::paging::to_json(key);
    CHECK(boost::json::serialize(j) ==
          R"({"bin":{"B":"AP8B"},"pk":{"S":"user#1"},"set":{"SS":["a","b"]},"sk":{"N":"42"}})");

    std::optional<key_map> back;
    REQUIRE(stratus::paging::from_json(back, j));
    CHECK(back == key);

    // No token: null, and null clears.
    CHECK(stratus::paging::to_json(std::optional<key_map>{}).is_null());
    REQUIRE(stratus::paging::from_json(back, boost::json::value(nullptr)));
    CHECK_FALSE(back);
}

TEST_CASE("paging tokens: JSON that does not fit a composite token is refused")
{
    std::optional<key_map> m = key_map{{"keep", value{.s = "x"}}};
    CHECK_FALSE(stratus::paging::from_json(m, boost::json::parse(R"("a string")")));
    CHECK_FALSE(stratus::paging::from_json(m, boost::json::parse(R"({"pk":{"S":7}})")));
    CHECK_FALSE(stratus::paging::from_json(m, boost::json::parse(R"({"pk":{"B":"not base64!"}})")));
    // The member is left as it was.
    CHECK(m == key_map{{"keep", value{.s = "x"}}});

    std::vector<std::string> list;
    REQUIRE(stratus::paging::from_json(list, boost::json::parse(R"(["x","y"])")));
    CHECK(list == std::vector<std::string>{"x", "y"});
    CHECK(boost::json::serialize(stratus::paging::to_json(list)) == R"(["x","y"])");
}
