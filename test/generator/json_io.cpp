// Reading and writing botocore's JSON files.
#include "json_io.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <string>

using namespace stratus_gen;
namespace json = boost::json;

namespace {

struct temp_dir {
    fs::path path;
    temp_dir()
    {
        char tmpl[] = "/tmp/stratus-gen-test-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~temp_dir() { fs::remove_all(path); }
};

void write_gzip(fs::path const& p, std::string const& text)
{
    gzFile f = gzopen(p.c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(gzwrite(f, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
    gzclose(f);
}

} // namespace

TEST_CASE("read_json reads plain and gzip files alike", "[generator][json]")
{
    temp_dir dir;
    std::string text = R"({"b":1,"a":[true,null,"x"]})";
    write_file(dir.path / "plain.json", text);
    write_gzip(dir.path / "packed.json.gz", text);
    CHECK(read_json(dir.path / "plain.json") == read_json(dir.path / "packed.json.gz"));
    CHECK(find_json(dir.path, "plain") == dir.path / "plain.json");
    CHECK(find_json(dir.path, "packed") == dir.path / "packed.json.gz");
    CHECK(!find_json(dir.path, "missing"));
    CHECK_THROWS_AS(read_json(dir.path / "missing.json"), gen_error);
    write_file(dir.path / "bad.json", "{");
    CHECK_THROWS_AS(read_json(dir.path / "bad.json"), gen_error);
}

TEST_CASE("read_json accepts the deep nesting of endpoint rule sets", "[generator][json]")
{
    temp_dir dir;
    std::string deep(200, '[');
    deep += std::string(200, ']');
    write_file(dir.path / "deep.json", deep);
    CHECK_NOTHROW(read_json(dir.path / "deep.json"));
}

TEST_CASE("format_json keeps key order and number kinds", "[generator][json]")
{
    json::value v = json::parse(R"({"z":1,"a":1.0,"m":0.001,"n":-5,"big":18446744073709551615,"e":1e-07,"s":"\u00fc\"\n"})");
    CHECK(compact_json(v) == "{\"z\":1,\"a\":1.0,\"m\":0.001,\"n\":-5,\"big\":18446744073709551615,\"e\":1e-07,"
                             "\"s\":\"\xC3\xBC\\\"\\n\"}");
    CHECK(format_json(v) == compact_json(v) + "\n"); // fits in 120 columns
}

TEST_CASE("format_json breaks what does not fit, one element a line", "[generator][json]")
{
    json::value v = json::parse(R"({"short":{"a":1},"list":[")" + std::string(60, 'x') + R"(",")" +
                                std::string(60, 'y') + R"("],"empty":{}})");
    std::string expected = "{\n"
                           "  \"short\": {\"a\":1},\n"
                           "  \"list\": [\n"
                           "    \"" + std::string(60, 'x') + "\",\n"
                           "    \"" + std::string(60, 'y') + "\"\n"
                           "  ],\n"
                           "  \"empty\": {}\n"
                           "}\n";
    CHECK(format_json(v) == expected);
    CHECK(json::parse(format_json(v)) == v);
}

TEST_CASE("strip_documentation removes doc strings only, in order", "[generator][json]")
{
    json::value v = json::parse(R"({"a":1,"documentation":"x","members":{
        "documentationUrl":{"shape":"S","documentation":"y"},"b":{"shape":"T"}},"documentationUrl":"u","z":[{"documentation":"q","k":2}]})");
    strip_documentation(v);
    CHECK(compact_json(v) == R"({"a":1,"members":{"documentationUrl":{"shape":"S"},"b":{"shape":"T"}},"z":[{"k":2}]})");
}

TEST_CASE("deep_merge overlays as botocore's loader does", "[generator][json]")
{
    json::value base = json::parse(R"({"shapes":{"A":{"type":"string","min":1},"B":{"type":"integer"}},"v":1})");
    json::value extra = json::parse(R"({"shapes":{"A":{"type":"timestamp"},"C":{"type":"blob"}},"v":[2]})");
    deep_merge(base.as_object(), extra.as_object());
    CHECK(compact_json(base) ==
          R"({"shapes":{"A":{"type":"timestamp","min":1},"B":{"type":"integer"},"C":{"type":"blob"}},"v":[2]})");
}
