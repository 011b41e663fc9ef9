#include <stratus/protocol/timestamp.hpp>

#include <catch2/catch.hpp>

using namespace stratus;
using namespace stratus::protocol;

namespace {

timestamp ms(std::int64_t v)
{
    return timestamp{std::chrono::milliseconds{v}};
}

} // namespace

TEST_CASE("timestamp: formats with milliseconds only when there are any")
{
    CHECK(format_iso8601(ms(1398796238000)) == "2014-04-29T18:30:38Z");
    CHECK(format_iso8601(ms(1398796238123)) == "2014-04-29T18:30:38.123Z");
    CHECK(format_iso8601(ms(0)) == "1970-01-01T00:00:00Z");
    CHECK(format_iso8601(ms(-1)) == "1969-12-31T23:59:59.999Z");
    CHECK(format_rfc822(ms(1398796238999)) == "Tue, 29 Apr 2014 18:30:38 GMT");
    CHECK(format_rfc822(ms(1576540098000)) == "Mon, 16 Dec 2019 23:48:18 GMT");
    CHECK(format_rfc822(ms(-86400000)) == "Wed, 31 Dec 1969 00:00:00 GMT");
    CHECK(format_unix(ms(1398796238000)) == "1398796238");
    CHECK(format_unix(ms(1398796238120)) == "1398796238.12");
    CHECK(format_unix(ms(-1500)) == "-1.5");
    CHECK(format_timestamp(ms(5), timestamp_format::unix_seconds) == "0.005");
    CHECK(format_timestamp(ms(0), timestamp_format::protocol_default) == "1970-01-01T00:00:00Z");
}

TEST_CASE("timestamp: ISO 8601 in the forms servers send")
{
    CHECK(parse_iso8601("2014-04-29T18:30:38Z") == ms(1398796238000));
    CHECK(parse_iso8601("2014-04-29T18:30:38.123Z") == ms(1398796238123));
    CHECK(parse_iso8601("2014-04-29T18:30:38.1234567Z") == ms(1398796238123));
    CHECK(parse_iso8601("2014-04-29T18:30:38.1Z") == ms(1398796238100));
    CHECK(parse_iso8601("2014-04-29t18:30:38z") == ms(1398796238000));
    CHECK(parse_iso8601("2014-04-29T18:30:38") == ms(1398796238000));
    CHECK(parse_iso8601("2019-12-16T22:48:18-01:00") == ms(1576540098000));
    CHECK(parse_iso8601("2019-12-17T00:48:18+0100") == ms(1576540098000));
    CHECK(parse_iso8601(" 2014-04-29 18:30:38Z ") == ms(1398796238000));
    for (auto bad : {"", "2014-04-29", "2014-13-01T00:00:00Z", "2014-02-30T00:00:00Z", "2014-04-29T24:00:00Z",
                     "2014-04-29T18:30:38.Z", "2014-04-29T18:30:38Zjunk", "14-04-29T18:30:38Z",
                     "2014-04-29T18:30:38+1"})
        CHECK_FALSE(parse_iso8601(bad));
}

TEST_CASE("timestamp: HTTP dates in all three forms")
{
    CHECK(parse_rfc822("Tue, 29 Apr 2014 18:30:38 GMT") == ms(1398796238000));
    CHECK(parse_rfc822("Tue, 29 Apr 2014 18:30:38 UTC") == ms(1398796238000));
    CHECK(parse_rfc822("Tue, 29 Apr 2014 19:30:38 +0100") == ms(1398796238000));
    CHECK(parse_rfc822("Tue, 9 Apr 2014 18:30:38 GMT") == ms(1397068238000));
    CHECK(parse_rfc822("29 Apr 2014 18:30:38 GMT") == ms(1398796238000));
    CHECK(parse_rfc822("Tuesday, 29-Apr-14 18:30:38 GMT") == ms(1398796238000));
    CHECK(parse_rfc822("Tue Apr 29 18:30:38 2014") == ms(1398796238000));
    CHECK(parse_rfc822("Tue, 29 Apr 2014 18:30:38.5 GMT") == ms(1398796238500));
    for (auto bad : {"", "Tue, 29 Foo 2014 18:30:38 GMT", "Tue, 29 Apr 2014 18:30 GMT", "Tue, 29 Apr 2014 18:30:38 XYZ",
                     "Tue, 31 Apr 2014 18:30:38 GMT", "never"})
        CHECK_FALSE(parse_rfc822(bad));
}

TEST_CASE("timestamp: epoch seconds, and any of the three")
{
    CHECK(parse_unix("1398796238") == ms(1398796238000));
    CHECK(parse_unix("1398796238.5") == ms(1398796238500));
    CHECK(parse_unix("1398796238.1239") == ms(1398796238123));
    CHECK(parse_unix("-1.5") == ms(-1500));
    CHECK(parse_unix("1.398796238E9") == ms(1398796238000));
    for (auto bad : {"", ".", "12a", "1e400", "99999999999999999"}) CHECK_FALSE(parse_unix(bad));

    CHECK(parse_timestamp("1398796238") == ms(1398796238000));
    CHECK(parse_timestamp("2014-04-29T18:30:38Z") == ms(1398796238000));
    CHECK(parse_timestamp("Tue, 29 Apr 2014 18:30:38 GMT") == ms(1398796238000));
    CHECK_FALSE(parse_timestamp("yesterday"));
}
