// What stratus-gen emits for a small model that has every feature the
// emitter treats specially. (The s3 header itself is compiled by the
// generator-syntax tests.)
#include "emitter.hpp"

#include "service_model.hpp"

#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <cstdlib>
#include <string>

using namespace stratus_gen;
namespace json = boost::json;

namespace {

char const* const model_json = R"({
  "version": "2.0",
  "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "things", "protocol": "json",
               "protocols": ["smithy-rpc-v2-cbor", "json", "query"], "serviceFullName": "Thing Service",
               "serviceId": "Things", "signatureVersion": "v4", "signingName": "thing-signer"},
  "operations": {
    "GetThing": {"name": "GetThing", "http": {"method": "GET", "requestUri": "/things/{Name+}", "responseCode": 201},
                 "endpoint": {"hostPrefix": "{AccountId}."}, "httpChecksum": {"requestChecksumRequired": true},
                 "input": {"shape": "GetThingRequest", "locationName": "GetThing", "xmlNamespace": {"uri": "urn:x"}},
                 "output": {"shape": "GetThingOutput"},
                 "errors": [{"shape": "ThingNotFound"}, {"shape": "ThingNotFound"}, {"shape": "Conflict"}]},
    "Delete": {"name": "Delete", "http": {"method": "DELETE", "requestUri": "/"}, "authtype": "none"},
    "Call": {"name": "Call", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "Node"},
             "auth": ["smithy.api#noAuth"], "unsignedPayload": true}
  },
  "shapes": {
    "GetThingRequest": {"type": "structure", "required": ["Name", "Tags"], "members": {
      "Name": {"shape": "Str", "location": "uri", "locationName": "Name"},
      "AccountId": {"shape": "Str", "hostLabel": true},
      "Tags": {"shape": "TagList", "location": "header", "locationName": "x-tags"},
      "Flags": {"shape": "FlagMap", "location": "headers", "locationName": "x-flag-"},
      "Since": {"shape": "Time", "location": "querystring", "locationName": "since", "timestampFormat": "iso8601"},
      "Token": {"shape": "Str", "idempotencyToken": true},
      "Count": {"shape": "Int"}}},
    "GetThingOutput": {"type": "structure", "payload": "Body", "members": {
      "Body": {"shape": "Stream", "streaming": true},
      "Owner": {"shape": "Owner"},
      "Status": {"shape": "Status", "location": "statusCode"},
      "Kind": {"shape": "Kind"},
      "Info": {"shape": "Info"},
      "Doc": {"shape": "Doc"},
      "Ratio": {"shape": "Ratio"},
      "Big": {"shape": "Big"}}},
    "Owner": {"type": "structure", "members": {"Owner": {"shape": "Str"}, "Shape": {"shape": "Str"},
                                                "Delete": {"shape": "Str", "xmlAttribute": true, "locationName": "del"}}},
    "Info": {"type": "structure", "members": {"Secret": {"shape": "Secret"}, "When": {"shape": "Time"}}},
    "Node": {"type": "structure", "members": {
      "Children": {"shape": "NodeList", "flattened": true},
      "Next": {"shape": "Node"},
      "Attrs": {"shape": "NodeMap"},
      "Pick": {"shape": "Choice"}}},
    "Choice": {"type": "structure", "union": true, "members": {"A": {"shape": "Str"}, "B": {"shape": "TagList"},
                                                               "Back": {"shape": "Node"}}},
    "NodeList": {"type": "list", "member": {"shape": "Node", "locationName": "node"}},
    "NodeMap": {"type": "map", "key": {"shape": "Str", "locationName": "k"}, "value": {"shape": "Node", "locationName": "v"},
                "flattened": true},
    "TagList": {"type": "list", "member": {"shape": "Str"}, "min": 1, "max": 10},
    "FlagMap": {"type": "map", "key": {"shape": "Str"}, "value": {"shape": "Kind"}},
    "ThingNotFound": {"type": "structure", "exception": true, "error": {"code": "NotFound", "httpStatusCode": 404},
                      "members": {"Message": {"shape": "Str"}, "Code": {"shape": "Str"}}},
    "Conflict": {"type": "structure", "members": {}},
    "Str": {"type": "string", "min": 1, "max": 256},
    "Secret": {"type": "string", "sensitive": true},
    "Int": {"type": "integer", "min": -5, "max": 5},
    "Ratio": {"type": "double", "min": 0.5, "max": 2},
    "Big": {"type": "bigDecimal"},
    "Time": {"type": "timestamp", "timestampFormat": "unixTimestamp"},
    "Stream": {"type": "blob"},
    "Status": {"type": "integer"},
    "Doc": {"type": "structure", "document": true, "members": {}},
    "Kind": {"type": "string", "enum": ["STANDARD", "private", "*", "Linux", "Value", "GLACIER_IR", "standard"]}
  }
})";

service_model make_model(std::string const& name = "location")
{
    service_model m;
    m.name = name;
    m.version = "2024-01-01";
    m.sources = {name + "/2024-01-01/service-2.json"};
    m.model = json::parse(model_json).as_object();
    return m;
}

bool has(std::string const& text, std::string const& piece)
{
    bool found = text.find(piece) != std::string::npos;
    if (!found) UNSCOPED_INFO("missing: " << piece);
    return found;
}

// Runs of white space as one space: for pieces whose line breaks do not matter.
std::string flat(std::string const& s)
{
    std::string r;
    for (char c : s) {
        bool space = c == ' ' || c == '\n';
        if (space && !r.empty() && r.back() == ' ') continue;
        r += space ? ' ' : c;
    }
    return r;
}

bool has_flat(std::string const& text, std::string const& piece)
{
    return has(flat(text), flat(piece));
}

} // namespace

TEST_CASE("the header's frame", "[generator][emitter]")
{
    auto h = generate_header(make_model(), "service-models");
    auto const& t = h.text;
    CHECK(t.rfind("// Generated by stratus-gen from service-models/location/2024-01-01/service-2.json. Do not edit.\n",
                  0) == 0);
    CHECK(h.protocol == "json"); // botocore prefers json to smithy-rpc-v2-cbor
    CHECK(has(t, "#ifndef STRATUS_SERVICES_LOCATION_HPP\n"));
    CHECK(has(t, "#include <stratus/protocol/json.hpp>\n"));
    CHECK(has(t, "#include <stratus/service_client.hpp>\n"));
    CHECK(has(t, "namespace stratus::services::location {\n"));
    CHECK(h.tag_name == "location_"); // stratus::location is model.hpp's enum
    CHECK(has(t, "struct location_ {\n"));
    CHECK(has(t, "static constexpr ::stratus::service_info info{.service_id = \"Things\", .endpoint_prefix = \"things\",\n"
                 "                                                  .signing_name = \"thing-signer\"};"));
    CHECK(has(t, "    using client_type = ::stratus::services::location::client;\n"));
    CHECK(has(t, "    using info_ = ::stratus::services::location::info;\n"));
    CHECK(has(t, "    using get_thing_request = ::stratus::services::location::get_thing_request;\n"));
    CHECK(h.operations == 3);
    CHECK(h.errors == 2);
    CHECK(h.enums == 1);
}

TEST_CASE("generation is deterministic", "[generator][emitter]")
{
    CHECK(generate_header(make_model(), "m").text == generate_header(make_model(), "m").text);
}

TEST_CASE("operation inputs: required<T> and optional<T>", "[generator][emitter]")
{
    auto t = generate_header(make_model(), "m").text;
    CHECK(has(t, "struct get_thing_request {\n"
                 "    ::stratus::required<std::string> name;\n"
                 "    std::optional<std::string> account_id{};\n"
                 "    ::stratus::required<std::vector<std::string>> tags;\n"
                 "    std::optional<std::map<std::string, ::stratus::services::location::kind>> flags{};\n"
                 "    std::optional<::stratus::timestamp> since{};\n"));
    CHECK(has(t, "f(::stratus::member_info{.name = \"Name\", .wire = \"Name\", .where = ::stratus::location::uri,\n"
                 "                                 .flags = ::stratus::member_flags::required | "
                 "::stratus::member_flags::greedy,\n"));
    CHECK(has(t, ".flags = ::stratus::member_flags::host_label"));
    CHECK(has(t, ".flags = ::stratus::member_flags::idempotency_token"));
    CHECK(has(t, ".where = ::stratus::location::headers"));
    CHECK(has(t, ".timestamp = ::stratus::timestamp_format::iso8601")); // the member's format wins
    CHECK(has_flat(t, ".has_min = true, .has_max = true, .min = 1, .max = 10"));
    CHECK(has_flat(t, ".has_min = true, .has_max = true, .min = -5, .max = 5"));
}

TEST_CASE("outputs and nested shapes: optionals and plain containers", "[generator][emitter]")
{
    auto t = generate_header(make_model(), "m").text;
    CHECK(has(t, "struct get_thing_output {\n"
                 "    std::optional<::stratus::streaming_body> body{};\n"
                 "    std::optional<::stratus::services::location::owner> owner{};\n"
                 "    std::optional<std::int32_t> status{};\n"
                 "    std::optional<::stratus::services::location::kind> kind{};\n"
                 "    std::optional<::stratus::services::location::info> info{};\n"
                 "    std::optional<::stratus::document> doc{};\n"
                 "    std::optional<double> ratio{};\n"
                 "    std::optional<std::string> big{};\n"));
    CHECK(has(t, "static constexpr ::stratus::shape_info shape{.name = \"GetThingOutput\", .payload = \"Body\"};"));
    CHECK(has(t, ".flags = ::stratus::member_flags::streaming | ::stratus::member_flags::payload"));
    CHECK(has(t, ".where = ::stratus::location::status_code"));
    CHECK(has(t, ".timestamp = ::stratus::timestamp_format::unix_seconds"));
    CHECK(has(t, ".flags = ::stratus::member_flags::sensitive"));
    CHECK(has(t, ".enum_values = ::stratus::services::location::kind::known_values"));
    // 0.5 and 2 as bounds of a double: member_info holds integers only, so the fraction is left out.
    CHECK(has(t, "f(::stratus::member_info{.name = \"Ratio\", .wire = \"Ratio\", .has_max = true, .max = 2}"));
    // A member named like its own struct or like the static members gets a trailing '_'.
    CHECK(has(t, "struct owner {\n    std::optional<std::string> owner_{};\n    std::optional<std::string> shape_{};\n"
                 "    std::optional<std::string> delete_{};\n"));
    CHECK(has_flat(t, ".name = \"Delete\", .wire = \"del\", .flags = ::stratus::member_flags::xml_attribute,"));
}

TEST_CASE("recursive shapes are boxed where a value would contain itself", "[generator][emitter]")
{
    auto t = generate_header(make_model(), "m").text;
    CHECK(has(t, "struct node;\nstruct choice;\n"));
    CHECK(has(t, "struct node {\n"
                 "    std::vector<::stratus::services::location::node> children{};\n"
                 "    std::optional<::stratus::boxed<::stratus::services::location::node>> next{};\n"
                 "    std::map<std::string, ::stratus::services::location::node> attrs{};\n"
                 "    std::optional<::stratus::boxed<::stratus::services::location::choice>> pick{};\n"));
    CHECK(has(t, ".flags = ::stratus::member_flags::flattened, .item = \"node\""));
    CHECK(has(t, ".flags = ::stratus::member_flags::flattened, .key = \"k\", .value = \"v\""));
    // A union: every member optional, containers too.
    CHECK(has(t, "struct choice {\n"
                 "    std::optional<std::string> a{};\n"
                 "    std::optional<std::vector<std::string>> b{};\n"
                 "    std::optional<::stratus::boxed<::stratus::services::location::node>> back{};\n"));
    CHECK(has(t, "shape{.name = \"Choice\", .is_union = true};"));
}

TEST_CASE("errors derive from service_error", "[generator][emitter]")
{
    auto t = generate_header(make_model(), "m").text;
    CHECK(has(t, "struct thing_not_found : ::stratus::service_error {\n"
                 "    using ::stratus::service_error::service_error;\n"
                 "    thing_not_found() : ::stratus::service_error(::stratus::error_info{}) {}\n"
                 "    std::optional<std::string> message{};\n"
                 "    std::optional<std::string> code_{};\n"));
    CHECK(has_flat(t, "shape{.name = \"ThingNotFound\", .error_code = \"NotFound\", .error_status = 404};"));
    // Named by an operation's errors without "exception": still an error.
    CHECK(has(t, "struct conflict : ::stratus::service_error {\n"));
    CHECK(has(t, "shape{.name = \"Conflict\", .error_code = \"Conflict\"};"));
}

TEST_CASE("enums are open strings with constants", "[generator][emitter]")
{
    auto t = generate_header(make_model(), "m").text;
    CHECK(has(t, "struct kind : ::stratus::enum_string {\n"
                 "    using ::stratus::enum_string::enum_string;\n"
                 "    static constexpr std::string_view standard = \"STANDARD\";\n"
                 "    static constexpr std::string_view private_ = \"private\";\n"
                 "    static constexpr std::string_view value_2 = \"*\";\n"
                 "    static constexpr std::string_view linux_ = \"Linux\";\n"
                 "    static constexpr std::string_view value_ = \"Value\";\n"
                 "    static constexpr std::string_view glacier_ir = \"GLACIER_IR\";\n"
                 "    static constexpr std::string_view standard_ = \"standard\";\n"
                 "    static constexpr std::string_view known_values = \"STANDARD|private|*|Linux|Value|GLACIER_IR|"
                 "standard\";\n"
                 "};\n"));
}

TEST_CASE("operations and the client", "[generator][emitter]")
{
    auto t = generate_header(make_model(), "m").text;
    CHECK(has_flat(t, "struct get_thing { static constexpr ::stratus::operation_info info{.name = \"GetThing\", "
                      ".method = \"GET\", .uri = \"/things/{Name+}\", .host_prefix = \"{AccountId}.\", "
                      ".response_code = 201, .checksum_required = true, .input_xml_name = \"GetThing\", "
                      ".input_xml_namespace = \"urn:x\"}; "
                      "using input = ::stratus::services::location::get_thing_request; "
                      "using output = ::stratus::services::location::get_thing_output; "
                      "using errors = ::stratus::type_list<::stratus::services::location::thing_not_found, "
                      "::stratus::services::location::conflict>; };"));
    CHECK(has(t, "struct delete_ {\n"
                 "    static constexpr ::stratus::operation_info info{.name = \"Delete\", .method = \"DELETE\", "
                 ".uri = \"/\",\n"
                 "                                                    .no_auth = true};\n"
                 "    using input = ::stratus::empty_shape;\n"
                 "    using output = ::stratus::empty_shape;\n"
                 "    using errors = ::stratus::type_list<>;\n"));
    CHECK(has(t, ".unsigned_payload = true, .no_auth = true};"));
    CHECK(has(t, "class client : public ::stratus::service_client<::stratus::protocol::json> {\n"
                 "public:\n"
                 "    using service_client::service_client;\n"));
    CHECK(has(t, "    template <std::same_as<ops::get_thing> Op = ops::get_thing>\n"
                 "    typename Op::output get_thing(typename Op::input const& in) const\n"
                 "    {\n"
                 "        return call<Op>(in);\n"
                 "    }\n"));
    CHECK(has(t, "::stratus::result<typename Op::output> try_get_thing(typename Op::input const& in) const\n"));
    CHECK(has(t, "auto async_get_thing(typename Op::input in, CompletionToken&& token) const\n"));
    // No input: parameterless forms.
    CHECK(has(t, "typename Op::output delete_(typename Op::input const& in = {}) const\n"));
    CHECK(has(t, "auto async_delete_(CompletionToken&& token) const\n"));
    // "Call" would hide service_client::call.
    CHECK(has(t, "struct call {\n"));
    CHECK(has(t, "typename Op::output call_(typename Op::input const& in = {}) const\n"));
}

TEST_CASE("resolve_protocol follows botocore's priority", "[generator][model]")
{
    auto meta = [](char const* j) { return json::parse(j).as_object(); };
    CHECK(resolve_protocol(meta(R"({"protocol":"query","protocols":["query","ec2"]})")) == "query");
    CHECK(resolve_protocol(meta(R"({"protocol":"smithy-rpc-v2-cbor","protocols":["smithy-rpc-v2-cbor","query"]})")) ==
          "smithy-rpc-v2-cbor");
    CHECK(resolve_protocol(meta(R"({"protocol":"rest-xml"})")) == "rest-xml");
    CHECK_THROWS_AS(resolve_protocol(meta(R"({"protocols":["grpc"]})")), gen_error);
    CHECK(protocol_cpp_name("smithy-rpc-v2-cbor") == "cbor");
    CHECK(protocol_cpp_name("rest-json") == "rest_json");
    CHECK(protocol_cpp_name("grpc").empty());
}

TEST_CASE("load_service takes the newest version and merges sdk-extras", "[generator][model]")
{
    char tmpl[] = "/tmp/stratus-gen-test-XXXXXX";
    fs::path dir = ::mkdtemp(tmpl);
    std::string old_model = R"({"metadata":{"protocol":"json"},"operations":{},"shapes":{"Old":{"type":"string"}}})";
    write_file(dir / "svc" / "2019-01-01" / "service-2.json", old_model);
    write_file(dir / "svc" / "2024-01-01" / "service-2.json", model_json);
    write_file(dir / "svc" / "2024-01-01" / "service-2.sdk-extras.json",
               R"({"version":1.0,"merge":{"shapes":{"Big":{"type":"timestamp"}}}})");
    write_file(dir / "svc" / "2025-01-01" / "paginators-1.json", "{}"); // no service-2: not a version
    write_file(dir / "other" / "README", "");

    CHECK(list_services(dir) == std::vector<std::string>{"svc"});
    auto m = load_service(dir, "svc");
    CHECK(m.version == "2024-01-01");
    CHECK(m.sources ==
          std::vector<std::string>{"svc/2024-01-01/service-2.json", "svc/2024-01-01/service-2.sdk-extras.json"});
    CHECK(m.model.at("shapes").at("Big").at("type") == "timestamp");
    CHECK(generate_header(m, "x").text.find("std::optional<::stratus::timestamp> big{};") != std::string::npos);
    CHECK_THROWS_AS(load_service(dir, "other"), gen_error);
    fs::remove_all(dir);
}

TEST_CASE("malformed models fail with the shape named", "[generator][emitter]")
{
    auto m = make_model();
    m.model["shapes"].as_object()["Owner"].as_object()["members"].as_object()["Bad"] = json::parse(R"({"shape":"Nope"})");
    try {
        generate_header(m, "x");
        FAIL("no exception");
    } catch (gen_error const& e) {
        CHECK(std::string(e.what()) == "location: shape Owner member Bad: unknown shape \"Nope\"");
    }
}
