#include <stratus/protocol/encoding.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace stratus::protocol;

TEST_CASE("encoding: numbers and booleans as the wire writes them")
{
    CHECK(format_double(1.1) == "1.1");
    CHECK(format_double(5.5) == "5.5");
    CHECK(format_double(-0.25) == "-0.25");
    CHECK(format_double(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(format_double(-std::numeric_limits<double>::infinity()) == "-Infinity");
    CHECK(parse_double(" 1.5 ") == 1.5);
    CHECK(parse_double("+2") == 2.0);
    CHECK(std::isinf(*parse_double("Infinity")));
    CHECK(std::isnan(*parse_double("NaN")));
    CHECK_FALSE(parse_double("1.5x"));
    CHECK_FALSE(parse_double(""));
    CHECK_FALSE(parse_double("1e999"));

    // A float member is written as the caller wrote it (botocore has only doubles).
    CHECK(format_double(widen_float(1.1f)) == "1.1");
    CHECK(format_double(widen_float(4.1f)) == "4.1");
    CHECK(format_double(widen_float(16777217.0f)) == "16777216");
    CHECK(std::isnan(widen_float(std::numeric_limits<float>::quiet_NaN())));
    CHECK(widen_float(-std::numeric_limits<float>::infinity()) == -std::numeric_limits<double>::infinity());

    CHECK(parse_int64("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
    CHECK_FALSE(parse_int64("9223372036854775808"));
    CHECK_FALSE(parse_int64("1.0"));
    CHECK_FALSE(parse_int64(""));
    CHECK(parse_int64(" 42\n") == 42);

    CHECK(parse_bool("true") == true);
    CHECK(parse_bool("False") == false);
    CHECK_FALSE(parse_bool("1"));
    CHECK_FALSE(parse_bool("yes"));
}

TEST_CASE("encoding: query strings")
{
    std::string q;
    append_query(q, "a b", "c&d=e/ü");
    append_query(q, "k", "");
    CHECK(q == "a%20b=c%26d%3De%2F%C3%BC&k=");
    CHECK(query_has(q, "a b"));
    CHECK(query_has(q, "k"));
    CHECK_FALSE(query_has(q, "a"));
    CHECK(query_has("list-type=2&tagging", "tagging"));
}

TEST_CASE("encoding: header lists")
{
    CHECK(quote_header_item("plain") == "plain");
    CHECK(quote_header_item("a,b") == "\"a,b\"");
    CHECK(quote_header_item("say \"hi\"") == "\"say \\\"hi\\\"\"");
    CHECK(split_header_list("a, b ,c") == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_header_list("\"a,b\", \" c \",d") == std::vector<std::string>{"a,b", " c ", "d"});
    CHECK(split_header_list("\"x\\\"y\"") == std::vector<std::string>{"x\"y"});
    CHECK(split_header_list("").empty());
    CHECK(split_header_list("a,,b") == std::vector<std::string>{"a", "", "b"});
    CHECK(split_header_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT", true) ==
          std::vector<std::string>{"Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"});
}

TEST_CASE("encoding: UUIDs and character counts")
{
    auto const a = make_uuid4();
    auto const b = make_uuid4();
    CHECK(a.size() == 36);
    CHECK(a[14] == '4');
    CHECK((a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b'));
    CHECK(a != b);
    CHECK(utf8_length("abc") == 3);
    CHECK(utf8_length("üä€😹") == 4);
    CHECK(utf8_length("") == 0);
}
