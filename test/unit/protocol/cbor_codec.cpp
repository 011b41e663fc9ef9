// The CBOR codec (protocol/detail/cbor.hpp) on its own: RFC 8949 Appendix A
// typed in from the RFC, preferred serialization, every float width, and
// every rule a malformed input breaks, each with the offset it is reported at.
#include <stratus/protocol/detail/cbor.hpp>

#include "cbor_test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

using namespace stratus::protocol::detail;
using stratus::document;
using stratus::test::from_hex;
using stratus::test::to_hex;

namespace {

struct example {
    char const* hex;
    char const* diag;
};

// RFC 8949 Appendix A, Table 6, in the RFC's order. Where this diagnostic
// printer writes an item differently from the RFC's table it says so:
// bignums stay tagged byte strings, non-ASCII text is printed as UTF-8 and
// not as \u escapes.
example const appendix_a[] = {
    {"00", "0"},
    {"01", "1"},
    {"0a", "10"},
    {"17", "23"},
    {"1818", "24"},
    {"1819", "25"},
    {"1864", "100"},
    {"1903e8", "1000"},
    {"1a000f4240", "1000000"},
    {"1b000000e8d4a51000", "1000000000000"},
    {"1bffffffffffffffff", "18446744073709551615"},
    {"c249010000000000000000", "2(h'010000000000000000')"}, // RFC: 18446744073709551616
    {"3bffffffffffffffff", "-18446744073709551616"},
    {"c349010000000000000000", "3(h'010000000000000000')"}, // RFC: -18446744073709551617
    {"20", "-1"},
    {"29", "-10"},
    {"3863", "-100"},
    {"3903e7", "-1000"},
    {"f90000", "0.0"},
    {"f98000", "-0.0"},
    {"f93c00", "1.0"},
    {"fb3ff199999999999a", "1.1"},
    {"f93e00", "1.5"},
    {"f97bff", "65504.0"},
    {"fa47c35000", "100000.0"},
    {"fa7f7fffff", "3.4028234663852886e+38"},
    {"fb7e37e43c8800759c", "1.0e+300"},
    {"f90001", "5.960464477539063e-8"},
    {"f90400", "0.00006103515625"},
    {"f9c400", "-4.0"},
    {"fbc010666666666666", "-4.1"},
    {"f97c00", "Infinity"},
    {"f97e00", "NaN"},
    {"f9fc00", "-Infinity"},
    {"fa7f800000", "Infinity"},
    {"fa7fc00000", "NaN"},
    {"faff800000", "-Infinity"},
    {"fb7ff0000000000000", "Infinity"},
    {"fb7ff8000000000000", "NaN"},
    {"fbfff0000000000000", "-Infinity"},
    {"f4", "false"},
    {"f5", "true"},
    {"f6", "null"},
    {"f7", "undefined"},
    {"f0", "simple(16)"},
    {"f8ff", "simple(255)"},
    {"c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")"},
    {"c11a514b67b0", "1(1363896240)"},
    {"c1fb41d452d9ec200000", "1(1363896240.5)"},
    {"d74401020304", "23(h'01020304')"},
    {"d818456449455446", "24(h'6449455446')"},
    {"d82076687474703a2f2f7777772e6578616d706c652e636f6d", "32(\"http://www.example.com\")"},
    {"40", "h''"},
    {"4401020304", "h'01020304'"},
    {"60", "\"\""},
    {"6161", "\"a\""},
    {"6449455446", "\"IETF\""},
    {"62225c", "\"\\\"\\\\\""},
    {"62c3bc", "\"\xc3\xbc\""},             // RFC: "\u00fc"
    {"63e6b0b4", "\"\xe6\xb0\xb4\""},       // RFC: "\u6c34"
    {"64f0908591", "\"\xf0\x90\x85\x91\""}, // RFC: "\ud800\udd51"
    {"80", "[]"},
    {"83010203", "[1, 2, 3]"},
    {"8301820203820405", "[1, [2, 3], [4, 5]]"},
    {"98190102030405060708090a0b0c0d0e0f101112131415161718181819",
     "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]"},
    {"a0", "{}"},
    {"a201020304", "{1: 2, 3: 4}"},
    {"a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}"},
    {"826161a161626163", "[\"a\", {\"b\": \"c\"}]"},
    {"a56161614161626142616361436164614461656145",
     "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}"},
    {"5f42010243030405ff", "(_ h'0102', h'030405')"},
    {"7f657374726561646d696e67ff", "(_ \"strea\", \"ming\")"},
    {"9fff", "[_ ]"},
    {"9f018202039f0405ffff", "[_ 1, [2, 3], [_ 4, 5]]"},
    {"9f01820203820405ff", "[_ 1, [2, 3], [4, 5]]"},
    {"83018202039f0405ff", "[1, [2, 3], [_ 4, 5]]"},
    {"83019f0203ff820405", "[1, [_ 2, 3], [4, 5]]"},
    {"9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff",
     "[_ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]"},
    {"bf61610161629f0203ffff", "{_ \"a\": 1, \"b\": [_ 2, 3]}"},
    {"826161bf61626163ff", "[\"a\", {_ \"b\": \"c\"}]"},
    {"bf6346756ef563416d7421ff", "{_ \"Fun\": true, \"Amt\": -2}"},
};

// The examples not in preferred serialization (RFC 8949 §4.1): floats wider
// than they need, indefinite lengths. Re-encoding gives the others back as they are.
bool preferred(std::string_view hex)
{
    for (auto const* other :
         {"fa7f800000", "fa7fc00000", "faff800000", "fb7ff0000000000000", "fb7ff8000000000000",
          "fbfff0000000000000", "5f42010243030405ff", "7f657374726561646d696e67ff", "9fff",
          "9f018202039f0405ffff", "9f01820203820405ff", "83018202039f0405ff", "83019f0203ff820405",
          "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", "bf61610161629f0203ffff",
          "826161bf61626163ff", "bf6346756ef563416d7421ff"})
        if (hex == other) return false;
    return true;
}

std::string encode_float(double v)
{
    cbor_encoder e;
    e.floating(v);
    return to_hex(e.out);
}

// The error cbor_validate reports for `hex`, as "<what> at byte <n>".
std::string error_of(std::string_view hex, unsigned max_depth = cbor_max_depth)
{
    auto e = cbor_validate(from_hex(hex), max_depth);
    return e ? e->message() : "<valid>";
}

} // namespace

TEST_CASE("cbor: RFC 8949 Appendix A decodes to the RFC's diagnostic notation")
{
    for (auto const& ex : appendix_a) {
        INFO(ex.hex);
        CHECK(cbor_validate(from_hex(ex.hex)) == std::nullopt);
        CHECK(cbor_diagnostic(from_hex(ex.hex)) == std::optional<std::string>(ex.diag));
    }
}

TEST_CASE(
    "cbor: re-encoding Appendix A keeps preferred serialization and makes the rest definite and shortest")
{
    for (auto const& ex : appendix_a) {
        INFO(ex.hex);
        auto again = cbor_reencode(from_hex(ex.hex));
        REQUIRE(again);
        if (preferred(ex.hex)) CHECK(to_hex(*again) == ex.hex);
        // Whatever the encoding, the meaning survives.
        CHECK(cbor_diagnostic(*again, true) == cbor_diagnostic(from_hex(ex.hex), true));
    }
    CHECK(to_hex(*cbor_reencode(from_hex("5f42010243030405ff"))) == "450102030405");
    CHECK(to_hex(*cbor_reencode(from_hex("7f657374726561646d696e67ff"))) == "6973747265616d696e67");
    CHECK(to_hex(*cbor_reencode(from_hex("9f018202039f0405ffff"))) == "8301820203820405");
    CHECK(to_hex(*cbor_reencode(from_hex("bf6346756ef563416d7421ff"))) == "a26346756ef563416d7421");
    CHECK(to_hex(*cbor_reencode(from_hex("fb7ff0000000000000"))) == "f97c00");
    CHECK(to_hex(*cbor_reencode(from_hex("fa7fc00000"))) == "f97e00");
    // Non-shortest heads are accepted and shortened.
    CHECK(to_hex(*cbor_reencode(from_hex("1b0000000000000001"))) == "01");
    CHECK(to_hex(*cbor_reencode(from_hex("b90002616101616202"))) == "a2616101616202");
}

TEST_CASE("cbor: the encoder writes Appendix A's items in the RFC's bytes")
{
    auto enc = [](auto&& write) {
        cbor_encoder e;
        write(e);
        return to_hex(e.out);
    };
    CHECK(enc([](auto& e) { e.integer(0); }) == "00");
    CHECK(enc([](auto& e) { e.integer(23); }) == "17");
    CHECK(enc([](auto& e) { e.integer(24); }) == "1818");
    CHECK(enc([](auto& e) { e.integer(1000); }) == "1903e8");
    CHECK(enc([](auto& e) { e.integer(1000000); }) == "1a000f4240");
    CHECK(enc([](auto& e) { e.integer(1000000000000); }) == "1b000000e8d4a51000");
    CHECK(enc([](auto& e) { e.head(cbor_major::unsigned_int, 18446744073709551615ull); }) ==
          "1bffffffffffffffff");
    CHECK(enc([](auto& e) { e.integer(-1); }) == "20");
    CHECK(enc([](auto& e) { e.integer(-100); }) == "3863");
    CHECK(enc([](auto& e) { e.integer(-1000); }) == "3903e7");
    CHECK(enc([](auto& e) { e.integer(std::numeric_limits<std::int64_t>::min()); }) == "3b7fffffffffffffff");
    CHECK(enc([](auto& e) { e.boolean(false); }) == "f4");
    CHECK(enc([](auto& e) { e.boolean(true); }) == "f5");
    CHECK(enc([](auto& e) { e.null(); }) == "f6");
    CHECK(enc([](auto& e) { e.simple(255); }) == "f8ff");
    CHECK(enc([](auto& e) {
              e.tag(1);
              e.integer(1363896240);
          }) == "c11a514b67b0");
    CHECK(enc([](auto& e) {
              e.tag(1);
              e.floating(1363896240.5);
          }) == "c1fb41d452d9ec200000");
    CHECK(enc([](auto& e) { e.bytes(""); }) == "40");
    CHECK(enc([](auto& e) { e.bytes(from_hex("01020304")); }) == "4401020304");
    CHECK(enc([](auto& e) { e.text(""); }) == "60");
    CHECK(enc([](auto& e) { e.text("IETF"); }) == "6449455446");
    CHECK(enc([](auto& e) { e.text("\xf0\x90\x85\x91"); }) == "64f0908591");
    CHECK(enc([](auto& e) {
              e.array(25);
              for (int i = 1; i <= 25; ++i)
                  e.integer(i);
          }) == "98190102030405060708090a0b0c0d0e0f101112131415161718181819");
    CHECK(enc([](auto& e) {
              e.map(2);
              e.text("a");
              e.integer(1);
              e.text("b");
              e.array(2);
              e.integer(2);
              e.integer(3);
          }) == "a26161016162820203");
    // A map whose size is known only at the end.
    CHECK(enc([](auto& e) {
              e.text("a");
              e.integer(1);
              e.insert_head(0, cbor_major::map, 1);
          }) == "a1616101");
}

TEST_CASE("cbor: floats take the shortest width that holds them exactly")
{
    CHECK(encode_float(0.0) == "f90000");
    CHECK(encode_float(-0.0) == "f98000");
    CHECK(encode_float(1.0) == "f93c00");
    CHECK(encode_float(1.1) == "fb3ff199999999999a");
    CHECK(encode_float(1.5) == "f93e00");
    CHECK(encode_float(65504.0) == "f97bff");
    CHECK(encode_float(65505.0) == "fa477fe100"); // one more than half's largest: single
    CHECK(encode_float(100000.0) == "fa47c35000");
    CHECK(encode_float(3.4028234663852886e+38) == "fa7f7fffff");
    CHECK(encode_float(1.0e+300) == "fb7e37e43c8800759c");
    CHECK(encode_float(5.960464477539063e-8) == "f90001");      // half's smallest subnormal
    CHECK(encode_float(2.9802322387695312e-8) == "fa33000000"); // half of it: single
    CHECK(encode_float(0.00006103515625) == "f90400");
    CHECK(encode_float(-4.0) == "f9c400");
    CHECK(encode_float(-4.1) == "fbc010666666666666");
    CHECK(encode_float(7.625) == "f947a0");
    CHECK(encode_float(1.889) == "fb3ffe395810624dd3");
    CHECK(encode_float(std::numeric_limits<double>::infinity()) == "f97c00");
    CHECK(encode_float(-std::numeric_limits<double>::infinity()) == "f9fc00");
    CHECK(encode_float(std::numeric_limits<double>::quiet_NaN()) == "f97e00");
    CHECK(encode_float(-std::numeric_limits<double>::quiet_NaN()) == "f97e00");
    // A float subnormal (2^-140) has no half form; a value just above
    // float's range is never converted to float (that would be undefined).
    CHECK(encode_float(std::ldexp(1.0, -140)) == "fa00000200");
    CHECK(encode_float(3.4028235677973366e+38) == "fb47effffff0000000");
    CHECK(encode_float(std::numeric_limits<double>::max()) == "fb7fefffffffffffff");
    CHECK(encode_float(std::numeric_limits<double>::denorm_min()) == "fb0000000000000001");
}

TEST_CASE("cbor: every half-precision value decodes and encodes back to its own two bytes")
{
    int checked = 0;
    for (unsigned h = 0; h <= 0xffff; ++h) {
        std::string bytes = "\xf9";
        bytes += static_cast<char>(h >> 8);
        bytes += static_cast<char>(h & 0xff);
        cbor_decoder d(bytes);
        cbor_head head;
        REQUIRE(d.read_head(head));
        REQUIRE(head.is_float());
        double const v = head.float_value();
        bool const nan = ((h >> 10) & 0x1f) == 0x1f && (h & 0x3ff) != 0;
        CHECK(std::isnan(v) == nan);
        if (nan) continue;
        cbor_encoder e;
        e.floating(v);
        if (e.out != bytes) FAIL("half " << h << " came back as " << to_hex(e.out));
        ++checked;
    }
    CHECK(checked == 65536 - 2046);
}

TEST_CASE("cbor: single and double widths decode to their values")
{
    auto value = [](std::string_view hex) {
        auto const d_bytes = from_hex(hex);
        cbor_decoder d(d_bytes);
        cbor_head h;
        REQUIRE(d.read_head(h));
        REQUIRE(h.is_float());
        return h.float_value();
    };
    CHECK(value("fa47c35000") == 100000.0);
    CHECK(value("fa40f40000") == 7.625);
    CHECK(value("fb3ffe395810624dd3") == 1.889);
    CHECK(value("f90050") == 4.76837158203125e-06);
    CHECK(std::isnan(value("fa7fc00000")));
    CHECK(value("faff800000") == -std::numeric_limits<double>::infinity());
    CHECK(std::signbit(value("f98000")));
}

TEST_CASE("cbor: truncated heads and items say so, with the offset")
{
    CHECK(error_of("") == "truncated: an item was expected, the input ended at byte 0");
    CHECK(error_of("18") == "truncated: the head's argument needs 1 bytes, 0 left at byte 1");
    CHECK(error_of("1901") == "truncated: the head's argument needs 2 bytes, 1 left at byte 1");
    CHECK(error_of("1a000000") == "truncated: the head's argument needs 4 bytes, 3 left at byte 1");
    CHECK(error_of("1b00000000000000") == "truncated: the head's argument needs 8 bytes, 7 left at byte 1");
    CHECK(error_of("f900") == "truncated: the head's argument needs 2 bytes, 1 left at byte 1");
    CHECK(error_of("fb3ff1999999") == "truncated: the head's argument needs 8 bytes, 5 left at byte 1");
    CHECK(error_of("828101") == "truncated: an item was expected, the input ended at byte 3");
    CHECK(error_of("a18101") == "truncated: an item was expected, the input ended at byte 3");
    CHECK(error_of("bf01") == "truncated: an item was expected, the input ended at byte 2");
    CHECK(error_of("9f01") == "truncated: an item was expected, the input ended at byte 2");
    CHECK(error_of("5f4101") == "truncated: an item was expected, the input ended at byte 3");
    CHECK(error_of("c1") == "truncated: an item was expected, the input ended at byte 1");
}

TEST_CASE("cbor: lengths and counts beyond the input are refused before anything is allocated")
{
    CHECK(error_of("44010203") == "byte string of 4 bytes exceeds the 3 bytes left at byte 0");
    CHECK(error_of("8162c3") == "text string of 2 bytes exceeds the 1 bytes left at byte 1");
    CHECK(error_of("7affffffff") == "text string of 4294967295 bytes exceeds the 0 bytes left at byte 0");
    CHECK(error_of("5bffffffffffffffff") ==
          "byte string of 18446744073709551615 bytes exceeds the 0 bytes left at byte 0");
    CHECK(error_of("9bffffffffffffffff01") ==
          "an array of 18446744073709551615 items cannot fit in the 1 bytes left at byte 0");
    CHECK(error_of("bb8000000000000000") ==
          "a map of 9223372036854775808 entries cannot fit in the 0 bytes left at byte 0");
    // A map needs two bytes an entry: one entry in one byte cannot be.
    CHECK(error_of("a101") == "a map of 1 entries cannot fit in the 1 bytes left at byte 0");
    CHECK(error_of("830102") == "an array of 3 items cannot fit in the 2 bytes left at byte 0");
    CHECK(error_of("a201020304") == "<valid>");
    CHECK(error_of("a2010203") == "a map of 2 entries cannot fit in the 3 bytes left at byte 0");
    // Chunks of an indefinite string are checked the same way.
    CHECK(error_of("5f4501ff") == "byte string of 5 bytes exceeds the 2 bytes left at byte 1");

    std::string s;
    auto const d_bytes = from_hex("7bffffffffffffffff61");
    cbor_decoder d(d_bytes);
    cbor_head h;
    REQUIRE(d.read_head(h));
    CHECK_FALSE(d.read_string(h, s));
    CHECK(s.empty());
}

TEST_CASE("cbor: reserved additional information 28-30 is malformed in every major type")
{
    for (unsigned major = 0; major < 8; ++major)
        for (unsigned info = 28; info <= 30; ++info) {
            std::string in(1, static_cast<char>(major << 5 | info));
            in += std::string(8, '\0');
            auto e = cbor_validate(in);
            REQUIRE(e);
            CHECK(e->message() == "reserved additional information " + std::to_string(info) + " at byte 0");
        }
}

TEST_CASE("cbor: indefinite lengths only where RFC 8949 allows them")
{
    CHECK(error_of("1f") == "indefinite length on an unsigned integer at byte 0");
    CHECK(error_of("3f") == "indefinite length on a negative integer at byte 0");
    CHECK(error_of("df01") == "indefinite length on a tag at byte 0");
    CHECK(error_of("5f6161ff") ==
          "a chunk of an indefinite-length byte string must be a definite-length byte string, "
          "found a text string at byte 1");
    CHECK(error_of("7f7f6161ffff") ==
          "a chunk of an indefinite-length text string must be a definite-length text "
          "string, found a text string at byte 1");
    CHECK(error_of("5f01ff") ==
          "a chunk of an indefinite-length byte string must be a definite-length byte string, "
          "found an unsigned integer at byte 1");
    CHECK(error_of("5fff") == "<valid>");
    CHECK(error_of("7f60ff") == "<valid>");
}

TEST_CASE("cbor: a break code outside an indefinite-length item is malformed")
{
    CHECK(error_of("ff") == "break code outside an indefinite-length item at byte 0");
    CHECK(error_of("81ff") == "break code inside a definite-length array at byte 1");
    CHECK(error_of("a1ff00") == "break code inside a definite-length map at byte 1");
    CHECK(error_of("bf01ff") == "break code where a map value was expected at byte 2");
    CHECK(error_of("c1ff") == "break code where the content of tag 1 was expected at byte 1");
    CHECK(error_of("9fffff") == "1 bytes after the end of the item at byte 2");
}

TEST_CASE("cbor: simple values below 32 in two bytes are malformed")
{
    CHECK(error_of("f800") == "simple value 0 in a two-byte head (must be in the initial byte) at byte 0");
    CHECK(error_of("f814") == "simple value 20 in a two-byte head (must be in the initial byte) at byte 0");
    CHECK(error_of("f81f") == "simple value 31 in a two-byte head (must be in the initial byte) at byte 0");
    CHECK(error_of("f820") == "<valid>");
}

TEST_CASE("cbor: nesting deeper than the limit is refused, not recursed into")
{
    auto nested = [](std::size_t n, std::string_view open, std::string_view leaf) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i)
            s += open;
        return s + std::string(leaf);
    };
    CHECK(error_of(nested(64, "81", "00")) == "<valid>");
    CHECK(error_of(nested(65, "81", "00")) == "nested more than 64 levels deep at byte 64");
    CHECK(error_of(nested(65, "a100", "00")) == "nested more than 64 levels deep at byte 128");
    CHECK(error_of(nested(65, "9f", "00")) == "nested more than 64 levels deep at byte 64");
    CHECK(error_of(nested(65, "c1", "00")) == "nested more than 64 levels deep at byte 64");
    CHECK(error_of(nested(3, "81", "00"), 2) == "nested more than 2 levels deep at byte 2");
    // A million levels: refused at the limit, the stack untouched.
    std::string deep(1000000, '\x81');
    auto e = cbor_validate(deep);
    REQUIRE(e);
    CHECK(e->offset == 64);
    document doc;
    std::string why;
    cbor_decoder d(deep);
    CHECK_FALSE(cbor_read_json(d, doc, why));
    CHECK(why == "nested more than 64 levels deep at byte 64");
}

TEST_CASE("cbor: text strings must be UTF-8, chunk by chunk")
{
    CHECK(error_of("62c328") == "text string is not valid UTF-8 at byte 0");     // bad continuation
    CHECK(error_of("62c080") == "text string is not valid UTF-8 at byte 0");     // overlong
    CHECK(error_of("63e08080") == "text string is not valid UTF-8 at byte 0");   // overlong, three bytes
    CHECK(error_of("63eda080") == "text string is not valid UTF-8 at byte 0");   // a surrogate
    CHECK(error_of("64f4908080") == "text string is not valid UTF-8 at byte 0"); // above U+10FFFF
    CHECK(error_of("61c3") == "text string is not valid UTF-8 at byte 0");       // cut short
    CHECK(error_of("61ff") == "text string is not valid UTF-8 at byte 0");
    CHECK(error_of("7f61c361bcff") ==
          "text string is not valid UTF-8 at byte 1"); // a character split over chunks
    CHECK(error_of("7f62c3bcff") == "<valid>");
    CHECK(error_of("64f48fbfbf") == "<valid>"); // U+10FFFF
    CHECK(error_of("63efbfbf") == "<valid>");   // U+FFFF
    // Byte strings are not text.
    CHECK(error_of("42c328") == "<valid>");
}

TEST_CASE("cbor: bytes after the item are an error")
{
    CHECK(error_of("0102") == "1 bytes after the end of the item at byte 1");
    CHECK(error_of("a0a0a0") == "2 bytes after the end of the item at byte 1");
}

TEST_CASE("cbor: describe names what an item is")
{
    auto describe = [](std::string_view hex) {
        auto const d_bytes = from_hex(hex);
        cbor_decoder d(d_bytes);
        cbor_head h;
        REQUIRE(d.read_head(h));
        return cbor_describe(h);
    };
    CHECK(describe("00") == "an unsigned integer");
    CHECK(describe("20") == "a negative integer");
    CHECK(describe("40") == "a byte string");
    CHECK(describe("60") == "a text string");
    CHECK(describe("80") == "an array");
    CHECK(describe("a0") == "a map");
    CHECK(describe("c2") == "tag 2");
    CHECK(describe("f4") == "a boolean");
    CHECK(describe("f6") == "null");
    CHECK(describe("f7") == "undefined");
    CHECK(describe("f0") == "simple value 16");
    CHECK(describe("f93c00") == "a floating-point number");
}

TEST_CASE("cbor: documents go to CBOR and back")
{
    auto const doc =
        boost::json::parse(R"({"s":"x\u00fc","i":-5,"u":18446744073709551615,"d":1.5,"b":true,"n":null,
                                           "a":[1,[2,{}]],"o":{"k":"v"}})");
    cbor_encoder e;
    std::string why;
    REQUIRE(cbor_encode_json(e, doc, why));
    CHECK(cbor_diagnostic(e.out, true) ==
          std::optional<std::string>(
              "{\"a\": [1, [2, {}]], \"b\": true, \"d\": 1.5, \"i\": -5, \"n\": null, \"o\": "
              "{\"k\": \"v\"}, \"s\": \"x\xc3\xbc\", \"u\": 18446744073709551615}"));
    cbor_decoder d(e.out);
    document back;
    REQUIRE(cbor_read_json(d, back, why));
    CHECK(back == doc);

    // Indefinite items, tags and undefined have JSON forms too.
    auto const d2_bytes = from_hex("bf61619f01c1fb41d452d9ec200000f7ffff");
    cbor_decoder d2(d2_bytes);
    REQUIRE(cbor_read_json(d2, back, why));
    CHECK(boost::json::serialize(back) == R"({"a":[1,1.3638962405E9,null]})");

    // What JSON cannot hold is refused, saying what it was.
    for (auto [hex, expected] :
         {std::pair{"4101", "a byte string has no JSON form (at byte 0)"},
          std::pair{"a10102", "a document's map key must be a text string, found an unsigned "
                              "integer (at byte 1)"},
          std::pair{"3bffffffffffffffff", "a negative integer below -2^63 has no JSON form (at "
                                          "byte 0)"},
          std::pair{"f0", "simple value 16 has no JSON form (at byte 0)"},
          std::pair{"8201", "truncated: an item was expected, the input ended at byte 2"}}) {
        INFO(hex);
        auto const bad_bytes = from_hex(hex);
        cbor_decoder bad(bad_bytes);
        why.clear();
        CHECK_FALSE(cbor_read_json(bad, back, why));
        CHECK(why == expected);
    }

    // A string that is not UTF-8 cannot be written as CBOR text.
    cbor_encoder e2;
    why.clear();
    CHECK_FALSE(cbor_encode_json(e2, boost::json::value(boost::json::string("\xff")), why));
    CHECK(why == "a document string is not valid UTF-8");
}

TEST_CASE("cbor: UTF-8 validation follows Unicode's table of well-formed sequences")
{
    CHECK(cbor_valid_utf8(""));
    CHECK(cbor_valid_utf8("plain ascii"));
    CHECK(cbor_valid_utf8("\xc2\x80"));               // U+0080
    CHECK(cbor_valid_utf8("\xed\x9f\xbf"));           // U+D7FF, below the surrogates
    CHECK(cbor_valid_utf8("\xee\x80\x80"));           // U+E000, above them
    CHECK(cbor_valid_utf8("\xf0\x90\x80\x80"));       // U+10000
    CHECK_FALSE(cbor_valid_utf8("\xc1\xbf"));         // overlong
    CHECK_FALSE(cbor_valid_utf8("\xe0\x9f\xbf"));     // overlong
    CHECK_FALSE(cbor_valid_utf8("\xf0\x8f\xbf\xbf")); // overlong
    CHECK_FALSE(cbor_valid_utf8("\xed\xbf\xbf"));     // surrogate
    CHECK_FALSE(cbor_valid_utf8("\xf5\x80\x80\x80"));
    CHECK_FALSE(cbor_valid_utf8("\x80"));
    CHECK_FALSE(cbor_valid_utf8("\xe2\x82"));
    CHECK_FALSE(cbor_valid_utf8(std::string_view("a\xf0\x9f\x98", 4)));
}
