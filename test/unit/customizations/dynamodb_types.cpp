// DynamoDB's native values (boto3's TypeSerializer/TypeDeserializer): every
// type both ways, numbers exact, and the values DynamoDB cannot hold refused
// with a typed error. Then through the json engine: what goes on the wire.
#include <stratus/customizations/dynamodb.hpp>
#include <stratus/protocol/detail/json_document.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

namespace ddb = stratus::services::dynamodb;
using stratus::blob;

namespace {

std::string wire(ddb::attribute_value const& a)
{
    stratus::protocol::detail::json_writer w;
    stratus::protocol::write_members(w, a);
    return stratus::protocol::detail::to_text(w.root);
}

template <class F>
std::string refusal(F&& f)
{
    try {
        f();
    } catch (stratus::error const& e) {
        CHECK(e.info().code == stratus::errc::invalid_parameter);
        return e.info().message;
    }
    return "<no error>";
}

} // namespace

TEST_CASE("dynamodb types: scalars serialize as boto3's TypeSerializer does")
{
    CHECK(wire(ddb::to_attribute("a")) == R"({"S":"a"})");
    CHECK(wire(ddb::to_attribute(std::string("b"))) == R"({"S":"b"})");
    CHECK(wire(ddb::to_attribute(true)) == R"({"BOOL":true})");
    CHECK(wire(ddb::to_attribute(nullptr)) == R"({"NULL":true})");
    CHECK(wire(ddb::to_attribute(3)) == R"({"N":"3"})");
    CHECK(wire(ddb::to_attribute(std::numeric_limits<std::int64_t>::min())) == R"({"N":"-9223372036854775808"})");
    CHECK(wire(ddb::to_attribute(std::numeric_limits<std::uint64_t>::max())) == R"({"N":"18446744073709551615"})");
    CHECK(wire(ddb::to_attribute(1.5)) == R"({"N":"1.5"})");
    CHECK(wire(ddb::to_attribute(1e20)) == R"({"N":"100000000000000000000"})");
    CHECK(wire(ddb::to_attribute(0.1)) == R"({"N":"0.1"})");
    CHECK(wire(ddb::to_attribute(ddb::number("12345678901234567890123456789012345678"))) ==
          R"({"N":"12345678901234567890123456789012345678"})");
    CHECK(wire(ddb::to_attribute(blob{"\x01\x02"})) == R"({"B":"AQI="})");
}

TEST_CASE("dynamodb types: sets, lists and maps, empty lists and maps included")
{
    CHECK(wire(ddb::to_attribute(std::set<std::string>{"b", "a"})) == R"({"SS":["a","b"]})");
    CHECK(wire(ddb::to_attribute(std::set<int>{2, 1})) == R"({"NS":["1","2"]})");
    CHECK(wire(ddb::to_attribute(std::vector<blob>{blob{"x"}})) == R"({"BS":["eA=="]})");
    CHECK(wire(ddb::to_attribute(ddb::value::list{1, "a", nullptr})) == R"({"L":[{"N":"1"},{"S":"a"},{"NULL":true}]})");
    CHECK(wire(ddb::to_attribute(ddb::value::map{{"k", ddb::value::list{}}})) == R"({"M":{"k":{"L":[]}}})");
    // An empty list and an empty map are values DynamoDB stores; they must
    // not vanish on the wire.
    CHECK(wire(ddb::to_attribute(ddb::value::list{})) == R"({"L":[]})");
    CHECK(wire(ddb::to_attribute(ddb::value::map{})) == R"({"M":{}})");
}

TEST_CASE("dynamodb types: values DynamoDB cannot hold are refused, naming the rule")
{
    CHECK(refusal([] { ddb::to_attribute(std::numeric_limits<double>::quiet_NaN()); }).find("NaN") != std::string::npos);
    CHECK(refusal([] { ddb::to_attribute(std::numeric_limits<double>::infinity()); }).find("infinite") !=
          std::string::npos);
    CHECK(refusal([] { ddb::to_attribute(std::set<std::string>{}); }).find("cannot be empty") != std::string::npos);
    CHECK(refusal([] { ddb::to_attribute(std::set<int>{}); }).find("cannot be empty") != std::string::npos);
    CHECK(refusal([] { ddb::to_attribute(std::vector<blob>{}); }).find("cannot be empty") != std::string::npos);
}

TEST_CASE("dynamodb types: deserializing gives the native value back")
{
    auto item = ddb::to_item({{"s", "a"},
                              {"n", 42},
                              {"f", 2.25},
                              {"big", ddb::number("123456789012345678901234567890")},
                              {"b", blob{"xy"}},
                              {"yes", true},
                              {"none", nullptr},
                              {"ss", std::set<std::string>{"p", "q"}},
                              {"l", ddb::value::list{1, "two"}},
                              {"m", ddb::value::map{{"inner", 7}}}});
    CHECK(ddb::get<std::string>(item, "s") == "a");
    CHECK(ddb::get<int>(item, "n") == 42);
    CHECK(ddb::get<std::int64_t>(item, "n") == 42);
    CHECK(ddb::get<double>(item, "f") == 2.25);
    CHECK(ddb::get<ddb::number>(item, "big").text == "123456789012345678901234567890");
    CHECK(ddb::get<blob>(item, "b").bytes == "xy");
    CHECK(ddb::get<bool>(item, "yes"));

    auto none = ddb::get<ddb::value>(item, "none");
    CHECK(none.is_null());
    auto ss = ddb::get<ddb::value>(item, "ss");
    REQUIRE(ss.if_is<std::set<std::string>>());
    CHECK(*ss.if_is<std::set<std::string>>() == std::set<std::string>{"p", "q"});
    auto l = ddb::from_attribute(item.at("l"));
    REQUIRE(l.as_list());
    REQUIRE(l.as_list()->size() == 2);
    CHECK((*l.as_list())[0].if_is<ddb::number>()->as<int>() == 1);
    CHECK(*(*l.as_list())[1].if_is<std::string>() == "two");
    auto m = ddb::from_attribute(item.at("m"));
    REQUIRE(m.as_map());
    CHECK(m.as_map()->at("inner").if_is<ddb::number>()->text == "7");

    // Round trip: serialize the deserialized value again.
    CHECK(wire(ddb::to_attribute(ddb::from_attribute(item.at("m")))) == R"({"M":{"inner":{"N":"7"}}})");
}

TEST_CASE("dynamodb types: reading the wrong type or a number that does not fit is a typed error")
{
    auto item = ddb::to_item({{"s", "a"}, {"n", 1.5}, {"huge", ddb::number("1e40")}, {"three", ddb::number("3.000")}});
    CHECK(refusal([&] { ddb::get<int>(item, "s"); }).find("\"s\" is not a number") != std::string::npos);
    CHECK(refusal([&] { ddb::get<std::string>(item, "n"); }).find("\"n\" is not a string") != std::string::npos);
    CHECK(refusal([&] { ddb::get<int>(item, "n"); }).find("does not fit") != std::string::npos);
    CHECK(refusal([&] { ddb::get<int>(item, "huge"); }).find("does not fit") != std::string::npos);
    CHECK(refusal([&] { ddb::get<std::string>(item, "missing"); }).find("no attribute \"missing\"") !=
          std::string::npos);
    // A zero fraction is still an integer (DynamoDB may send "3.000" back as written).
    CHECK(ddb::get<int>(item, "three") == 3);
    CHECK(ddb::get<double>(item, "huge") == 1e40);

    ddb::attribute_value none;
    CHECK(refusal([&] { ddb::from_attribute(none); }).find("no type set") != std::string::npos);
    ddb::attribute_value two;
    two.s = "a";
    two.n = "1";
    CHECK(refusal([&] { ddb::from_attribute(two); }).find("more than one type") != std::string::npos);
}

TEST_CASE("dynamodb types: values compare deeply, lists and maps by contents")
{
    ddb::value const a = ddb::value::map{{"l", ddb::value::list{1, "x", nullptr}}, {"ns", std::set<int>{1, 2}}};
    ddb::value const same = ddb::value::map{{"l", ddb::value::list{1, "x", nullptr}}, {"ns", std::set<int>{2, 1}}};
    CHECK(a == same); // separately built: different pointers, equal contents
    CHECK_FALSE(a == ddb::value::map{{"l", ddb::value::list{1, "y", nullptr}}, {"ns", std::set<int>{1, 2}}});
    CHECK_FALSE(a == ddb::value::map{{"l", ddb::value::list{1, "x"}}, {"ns", std::set<int>{1, 2}}});
    CHECK_FALSE(ddb::value(ddb::value::list{}) == ddb::value(ddb::value::map{})); // the type counts
    CHECK_FALSE(ddb::value("1") == ddb::value(1));
    CHECK(ddb::value(3) == ddb::value(3.0)); // both "3"
    CHECK(ddb::value(blob{"x"}) == ddb::value(blob{"x"}));
    CHECK(ddb::value(nullptr) == ddb::value());
}

TEST_CASE("dynamodb types: get<T> reads native items the same way")
{
    ddb::value::map const item{{"s", "a"}, {"n", 42}, {"l", ddb::value::list{1}}};
    CHECK(ddb::get<std::string>(item, "s") == "a");
    CHECK(ddb::get<int>(item, "n") == 42);
    CHECK(ddb::get<ddb::value>(item, "l") == ddb::value(ddb::value::list{1}));
    CHECK(refusal([&] { ddb::get<int>(item, "s"); }).find("\"s\" is not a number") != std::string::npos);
    CHECK(refusal([&] { ddb::get<int>(item, "missing"); }).find("no attribute \"missing\"") != std::string::npos);
}
