// The smithy-rpc-v2-cbor engine with hand-written shapes in stratus-gen's
// form (model.hpp), modelled on Smithy's RpcV2Protocol test service: the
// requests it builds, the responses it reads, its errors, and every way a
// response can be wrong. The cases follow what the protocol tests in
// ../shared/testdata/protocols/*/smithy-rpc-v2-cbor*.json exercise.
#include <stratus/protocol/cbor.hpp>

#include "cbor_test_support.hpp"
#include "harness.hpp"

#include <stratus/protocol/detail/cbor.hpp>
#include <stratus/protocol/detail/md5.hpp>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace stratus;
using protocol::detail::cbor_diagnostic;
using test::from_hex;
using test::response;
using test::to_hex;

namespace rpc {

using ::stratus::member_flags;
using ::stratus::member_info;
using ::stratus::shape_info;

struct simple_scalar_structure {
    std::optional<bool> true_boolean_value{};
    std::optional<bool> false_boolean_value{};
    std::optional<std::int8_t> byte_value{};
    std::optional<double> double_value{};
    std::optional<float> float_value{};
    std::optional<int> integer_value{};
    std::optional<std::int64_t> long_value{};
    std::optional<std::int16_t> short_value{};
    std::optional<std::string> string_value{};
    std::optional<::stratus::blob> blob_value{};
    static constexpr shape_info shape{.name = "SimpleScalarStructure"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        using S = simple_scalar_structure;
        f(member_info{.name = "trueBooleanValue", .wire = "trueBooleanValue"}, &S::true_boolean_value);
        f(member_info{.name = "falseBooleanValue", .wire = "falseBooleanValue"}, &S::false_boolean_value);
        f(member_info{.name = "byteValue", .wire = "byteValue"}, &S::byte_value);
        f(member_info{.name = "doubleValue", .wire = "doubleValue"}, &S::double_value);
        f(member_info{.name = "floatValue", .wire = "floatValue"}, &S::float_value);
        f(member_info{.name = "integerValue", .wire = "integerValue"}, &S::integer_value);
        f(member_info{.name = "longValue", .wire = "longValue"}, &S::long_value);
        f(member_info{.name = "shortValue", .wire = "shortValue"}, &S::short_value);
        f(member_info{.name = "stringValue", .wire = "stringValue"}, &S::string_value);
        f(member_info{.name = "blobValue", .wire = "blobValue"}, &S::blob_value);
    }
};

struct structure_list_member {
    std::optional<std::string> a{};
    std::optional<std::string> b{};
    static constexpr shape_info shape{.name = "StructureListMember"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "a", .wire = "a"}, &structure_list_member::a);
        f(member_info{.name = "b", .wire = "b"}, &structure_list_member::b);
    }
};

struct list_input_output {
    std::optional<std::vector<std::string>> string_list{};
    std::optional<std::vector<int>> integer_list{};
    std::optional<std::vector<bool>> boolean_list{};
    std::optional<std::vector<::stratus::timestamp>> timestamp_list{};
    std::optional<std::vector<::stratus::enum_string>> enum_list{};
    std::optional<std::vector<std::vector<std::string>>> nested_string_list{};
    std::optional<std::vector<structure_list_member>> structure_list{};
    std::optional<std::vector<::stratus::blob>> blob_list{};
    std::optional<std::vector<std::optional<std::string>>> sparse_string_list{};
    static constexpr shape_info shape{.name = "RpcV2CborListInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        using S = list_input_output;
        f(member_info{.name = "stringList", .wire = "stringList"}, &S::string_list);
        f(member_info{.name = "integerList", .wire = "integerList"}, &S::integer_list);
        f(member_info{.name = "booleanList", .wire = "booleanList"}, &S::boolean_list);
        f(member_info{.name = "timestampList", .wire = "timestampList"}, &S::timestamp_list);
        f(member_info{.name = "enumList", .wire = "enumList"}, &S::enum_list);
        f(member_info{.name = "nestedStringList", .wire = "nestedStringList"}, &S::nested_string_list);
        f(member_info{.name = "structureList", .wire = "structureList"}, &S::structure_list);
        f(member_info{.name = "blobList", .wire = "blobList"}, &S::blob_list);
        f(member_info{.name = "sparseStringList", .wire = "sparseStringList"}, &S::sparse_string_list);
    }
};

struct greeting_struct {
    std::optional<std::string> hi{};
    static constexpr shape_info shape{.name = "GreetingStruct"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "hi", .wire = "hi"}, &greeting_struct::hi);
    }
};

struct dense_maps_input_output {
    std::optional<std::map<std::string, greeting_struct>> dense_struct_map{};
    std::optional<std::map<std::string, int>> dense_number_map{};
    std::optional<std::map<std::string, bool>> dense_boolean_map{};
    std::optional<std::map<std::string, std::vector<std::string>>> dense_set_map{};
    static constexpr shape_info shape{.name = "RpcV2CborDenseMapsInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        using S = dense_maps_input_output;
        f(member_info{.name = "denseStructMap", .wire = "denseStructMap"}, &S::dense_struct_map);
        f(member_info{.name = "denseNumberMap", .wire = "denseNumberMap"}, &S::dense_number_map);
        f(member_info{.name = "denseBooleanMap", .wire = "denseBooleanMap"}, &S::dense_boolean_map);
        f(member_info{.name = "denseSetMap", .wire = "denseSetMap"}, &S::dense_set_map);
    }
};

struct nested2;
struct nested1 {
    std::optional<std::string> foo{};
    std::optional<::stratus::boxed<nested2>> nested{};
    static constexpr shape_info shape{.name = "RecursiveShapesInputOutputNested1"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "foo", .wire = "foo"}, &nested1::foo);
        f(member_info{.name = "nested", .wire = "nested"}, &nested1::nested);
    }
};
struct nested2 {
    std::optional<std::string> bar{};
    std::optional<::stratus::boxed<nested1>> recursive_member{};
    static constexpr shape_info shape{.name = "RecursiveShapesInputOutputNested2"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "bar", .wire = "bar"}, &nested2::bar);
        f(member_info{.name = "recursiveMember", .wire = "recursiveMember"}, &nested2::recursive_member);
    }
};
struct recursive_shapes {
    std::optional<nested1> nested{};
    static constexpr shape_info shape{.name = "RecursiveShapesInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "nested", .wire = "nested"}, &recursive_shapes::nested);
    }
};

struct empty_structure {
    static constexpr shape_info shape{.name = "EmptyStructure"};
    template <class F>
    static constexpr void visit(F&&)
    {
    }
};

struct union_payload {
    std::optional<std::string> greeting{};
    std::optional<int> count{};
    static constexpr shape_info shape{.name = "UnionPayload", .is_union = true};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "greeting", .wire = "greeting"}, &union_payload::greeting);
        f(member_info{.name = "count", .wire = "count"}, &union_payload::count);
    }
};

// Members of the other kinds: a timestamp, a document, an idempotency token,
// a host label, a union, and members whose wire names differ from their names.
struct misc_input_output {
    std::optional<std::string> name{};
    std::optional<::stratus::timestamp> datetime{};
    std::optional<::stratus::document> doc{};
    std::optional<std::string> token{};
    std::optional<union_payload> choice{};
    std::optional<double> value{};
    static constexpr shape_info shape{.name = "MiscInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        using S = misc_input_output;
        f(member_info{.name = "Name", .wire = "name", .flags = member_flags::host_label}, &S::name);
        f(member_info{.name = "DateTime", .wire = "datetime"}, &S::datetime);
        f(member_info{.name = "Doc", .wire = "doc"}, &S::doc);
        f(member_info{.name = "Token", .wire = "token", .flags = member_flags::idempotency_token}, &S::token);
        f(member_info{.name = "Choice", .wire = "choice"}, &S::choice);
        f(member_info{.name = "Value", .wire = "value"}, &S::value);
    }
};

struct invalid_greeting : ::stratus::service_error {
    using service_error::service_error;
    std::optional<std::string> message{};
    static constexpr shape_info shape{.name = "InvalidGreeting"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Message", .wire = "Message"}, &invalid_greeting::message);
    }
};

struct complex_nested_error_data {
    std::optional<std::string> foo{};
    static constexpr shape_info shape{.name = "ComplexNestedErrorData"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Foo", .wire = "Foo"}, &complex_nested_error_data::foo);
    }
};

struct complex_error : ::stratus::service_error {
    using service_error::service_error;
    std::optional<std::string> top_level{};
    std::optional<complex_nested_error_data> nested{};
    static constexpr shape_info shape{.name = "ComplexError"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "TopLevel", .wire = "TopLevel"}, &complex_error::top_level);
        f(member_info{.name = "Nested", .wire = "Nested"}, &complex_error::nested);
    }
};

// awsQueryError: the code the query protocol used.
struct custom_code_error : ::stratus::service_error {
    using service_error::service_error;
    std::optional<std::string> message{};
    static constexpr shape_info shape{
        .name = "CustomCodeError", .error_code = "Customized", .error_status = 402};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "message", .wire = "message"}, &custom_code_error::message);
    }
};

namespace ops {

template <class In, class Out, class... E>
struct op_base {
    using input = In;
    using output = Out;
    using errors = ::stratus::type_list<E...>;
};

struct simple_scalar_properties : op_base<simple_scalar_structure, simple_scalar_structure> {
    static constexpr ::stratus::operation_info info{
        .name = "SimpleScalarProperties", .method = "POST", .uri = "/"};
};
struct lists : op_base<list_input_output, list_input_output> {
    static constexpr ::stratus::operation_info info{.name = "RpcV2CborLists", .method = "POST", .uri = "/"};
};
struct dense_maps : op_base<dense_maps_input_output, dense_maps_input_output> {
    static constexpr ::stratus::operation_info info{
        .name = "RpcV2CborDenseMaps", .method = "POST", .uri = "/"};
};
struct recursive : op_base<recursive_shapes, recursive_shapes> {
    static constexpr ::stratus::operation_info info{.name = "RecursiveShapes", .method = "POST", .uri = "/"};
};
struct empty_input_output : op_base<empty_structure, empty_structure> {
    static constexpr ::stratus::operation_info info{.name = "EmptyInputOutput", .method = "POST", .uri = "/"};
};
struct no_input_output : op_base<::stratus::empty_shape, ::stratus::empty_shape> {
    static constexpr ::stratus::operation_info info{.name = "NoInputOutput", .method = "POST", .uri = "/"};
};
struct misc : op_base<misc_input_output, misc_input_output> {
    static constexpr ::stratus::operation_info info{
        .name = "Misc", .method = "POST", .uri = "/", .host_prefix = "{Name}.", .checksum_required = true};
};
struct greeting_with_errors : op_base<empty_structure, empty_structure, invalid_greeting, complex_error> {
    static constexpr ::stratus::operation_info info{
        .name = "GreetingWithErrors", .method = "POST", .uri = "/"};
};
struct query_compatible_operation
    : op_base<::stratus::empty_shape, ::stratus::empty_shape, custom_code_error> {
    static constexpr ::stratus::operation_info info{
        .name = "QueryCompatibleOperation", .method = "POST", .uri = "/"};
};

} // namespace ops
} // namespace rpc

namespace {

constexpr service_info rpcv2{.service_id = "RpcV2Protocol",
                             .endpoint_prefix = "rpcv2protocol",
                             .signing_name = "rpcv2protocol",
                             .target_prefix = "RpcV2Protocol"};
constexpr service_info query_compatible{.service_id = "Query Compatible RpcV2 Protocol",
                                        .endpoint_prefix = "querycompatiblerpcv2protocol",
                                        .signing_name = "QueryCompatibleRpcV2Protocol",
                                        .target_prefix = "QueryCompatibleRpcV2Protocol",
                                        .query_compatible = true};

test::harness make_harness(service_info svc = rpcv2)
{
    return test::harness(svc, "https://example.com", protocol::cbor::instance());
}

std::string header(http::request const& r, std::string_view name)
{
    auto v = r.headers.get(name);
    return v ? std::string(*v) : std::string("<absent>");
}

// The canonical diagnostic notation of a body: equal for equal meaning.
std::string diag(std::string_view body)
{
    return cbor_diagnostic(body, true).value_or("<not CBOR: " + to_hex(body) + ">");
}

http::response cbor_response(unsigned status, std::string_view hex,
                             std::vector<std::pair<std::string, std::string>> headers = {})
{
    headers.emplace_back("Content-Type", "application/cbor");
    headers.emplace_back("smithy-protocol", "rpc-v2-cbor");
    return response(status, from_hex(hex), std::move(headers));
}

// The CBOR for a text string (for building bodies in hex).
std::string t(std::string_view s)
{
    protocol::detail::cbor_encoder e;
    e.text(s);
    return to_hex(e.out);
}

timestamp at_ms(std::int64_t ms)
{
    return timestamp{std::chrono::milliseconds{ms}};
}

} // namespace

// ---------------------------------------------------------------------------
// Requests

TEST_CASE(
    "cbor: a request is a POST to /service/{targetPrefix}/operation/{name} with the input as a CBOR map")
{
    auto h = make_harness();
    auto r = h.prepare<rpc::ops::simple_scalar_properties>({.true_boolean_value = true,
                                                            .false_boolean_value = false,
                                                            .byte_value = 5,
                                                            .double_value = 1.889,
                                                            .float_value = 7.625f,
                                                            .integer_value = 256,
                                                            .long_value = 9873,
                                                            .short_value = 9898,
                                                            .string_value = "simple",
                                                            .blob_value = blob{"foo"}});
    REQUIRE(r);
    CHECK(r->method == "POST");
    CHECK(r->url.to_string() == "https://example.com/service/RpcV2Protocol/operation/SimpleScalarProperties");
    CHECK(header(*r, "smithy-protocol") == "rpc-v2-cbor");
    CHECK(header(*r, "Content-Type") == "application/cbor");
    CHECK(header(*r, "Accept") == "application/cbor");
    CHECK(header(*r, "X-Amz-Target") == "<absent>");
    CHECK(header(*r, "x-amzn-query-mode") == "<absent>");
    CHECK(diag(r->body) == R"({"blobValue": h'666f6f', "byteValue": 5, "doubleValue": 1.889, )"
                           R"("falseBooleanValue": false, "floatValue": 7.625, "integerValue": 256, )"
                           R"("longValue": 9873, "shortValue": 9898, "stringValue": "simple", )"
                           R"("trueBooleanValue": true})");
    // Definite lengths and shortest forms, members in model order.
    auto small =
        h.prepare<rpc::ops::simple_scalar_properties>({.integer_value = 256, .string_value = "simple"});
    REQUIRE(small);
    CHECK(to_hex(small->body) == "a2" + t("integerValue") + "190100" + t("stringValue") + t("simple"));
}

TEST_CASE("cbor: unset members are left out; an input without members is an empty map, no input no body")
{
    auto h = make_harness();
    auto unset = h.prepare<rpc::ops::simple_scalar_properties>({});
    REQUIRE(unset);
    CHECK(to_hex(unset->body) == "a0");
    CHECK(header(*unset, "Content-Type") == "application/cbor");

    auto empty = h.prepare<rpc::ops::empty_input_output>({});
    REQUIRE(empty);
    CHECK(to_hex(empty->body) == "a0");
    CHECK(header(*empty, "Content-Type") == "application/cbor");

    auto none = h.prepare<rpc::ops::no_input_output>({});
    REQUIRE(none);
    CHECK(none->body.empty());
    CHECK(header(*none, "Content-Type") == "<absent>");
    CHECK(header(*none, "Accept") == "application/cbor");
    CHECK(header(*none, "smithy-protocol") == "rpc-v2-cbor");
    CHECK(none->url.path == "/service/RpcV2Protocol/operation/NoInputOutput");
}

TEST_CASE("cbor: NaN and the infinities travel as half-precision floats")
{
    auto h = make_harness();
    auto nan = h.prepare<rpc::ops::simple_scalar_properties>(
        {.double_value = std::numeric_limits<double>::quiet_NaN(),
         .float_value = std::numeric_limits<float>::quiet_NaN()});
    REQUIRE(nan);
    CHECK(to_hex(nan->body) == "a2" + t("doubleValue") + "f97e00" + t("floatValue") + "f97e00");
    auto inf = h.prepare<rpc::ops::simple_scalar_properties>(
        {.double_value = std::numeric_limits<double>::infinity(),
         .float_value = -std::numeric_limits<float>::infinity()});
    REQUIRE(inf);
    CHECK(to_hex(inf->body) == "a2" + t("doubleValue") + "f97c00" + t("floatValue") + "f9fc00");
}

TEST_CASE("cbor: lists of every kind, empty lists, nested lists, timestamps as tag 1 and null items")
{
    auto h = make_harness();
    auto r = h.prepare<rpc::ops::lists>(
        {.string_list = std::vector<std::string>{"foo", "bar"},
         .integer_list = std::vector<int>{1, 2},
         .boolean_list = std::vector<bool>{true, false},
         .timestamp_list = std::vector{at_ms(1398796238000), at_ms(1398796238000)},
         .enum_list = std::vector<enum_string>{"Foo", "0"},
         .nested_string_list = std::vector<std::vector<std::string>>{{"foo", "bar"}, {"baz", "qux"}},
         .structure_list = std::vector<rpc::structure_list_member>{{"1", "2"}, {"3", "4"}},
         .blob_list = std::vector<blob>{{"foo"}, {"bar"}},
         .sparse_string_list = std::vector<std::optional<std::string>>{"a", std::nullopt}});
    REQUIRE(r);
    CHECK(diag(r->body) ==
          R"({"blobList": [h'666f6f', h'626172'], "booleanList": [true, false], "enumList": ["Foo", "0"], )"
          R"("integerList": [1, 2], "nestedStringList": [["foo", "bar"], ["baz", "qux"]], )"
          R"("sparseStringList": ["a", null], "stringList": ["foo", "bar"], )"
          R"("structureList": [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}], )"
          R"("timestampList": [1(1398796238.0), 1(1398796238.0)]})");
    // Whole seconds this large need a double, exactly as Smithy's tests write them.
    CHECK(to_hex(r->body).find("c1fb41d4d7fbf3800000c1fb41d4d7fbf3800000") != std::string::npos);

    auto empty = h.prepare<rpc::ops::lists>({.string_list = std::vector<std::string>{}});
    REQUIRE(empty);
    CHECK(to_hex(empty->body) == "a1" + t("stringList") + "80");
}

TEST_CASE("cbor: maps keep zero values and empty lists")
{
    auto h = make_harness();
    auto zero =
        h.prepare<rpc::ops::dense_maps>({.dense_number_map = std::map<std::string, int>{{"x", 0}},
                                         .dense_boolean_map = std::map<std::string, bool>{{"x", false}}});
    REQUIRE(zero);
    CHECK(to_hex(zero->body) == "a2" + t("denseNumberMap") + "a1617800" + t("denseBooleanMap") + "a16178f4");
    auto sets = h.prepare<rpc::ops::dense_maps>(
        {.dense_set_map = std::map<std::string, std::vector<std::string>>{{"x", {}}, {"y", {"a", "b"}}}});
    REQUIRE(sets);
    CHECK(to_hex(sets->body) == "a1" + t("denseSetMap") + "a261788061798261616162");
    auto structs = h.prepare<rpc::ops::dense_maps>(
        {.dense_struct_map = std::map<std::string, rpc::greeting_struct>{{"foo", {"there"}}, {"baz", {}}}});
    REQUIRE(structs);
    CHECK(diag(structs->body) == R"({"denseStructMap": {"baz": {}, "foo": {"hi": "there"}}})");
}

TEST_CASE("cbor: recursive shapes nest as maps")
{
    auto h = make_harness();
    rpc::nested2 inner{.bar = "Bar2"};
    rpc::nested1 mid{.foo = "Foo2", .nested = boxed<rpc::nested2>(inner)};
    rpc::nested2 n2{.bar = "Bar1", .recursive_member = boxed<rpc::nested1>(mid)};
    auto r = h.prepare<rpc::ops::recursive>(
        {.nested = rpc::nested1{.foo = "Foo1", .nested = boxed<rpc::nested2>(n2)}});
    REQUIRE(r);
    CHECK(diag(r->body) == R"({"nested": {"foo": "Foo1", "nested": {"bar": "Bar1", "recursiveMember": )"
                           R"({"foo": "Foo2", "nested": {"bar": "Bar2"}}}}})");
}

TEST_CASE("cbor: timestamps, documents, unions, idempotency tokens, host labels and checksums")
{
    auto h = make_harness();
    auto r = h.prepare<rpc::ops::misc>({.name = "abc",
                                        .datetime = at_ms(946845296123),
                                        .doc = boost::json::parse(R"({"k":[1,"two",null,true,2.5]})"),
                                        .choice = rpc::union_payload{.greeting = "hello"}});
    REQUIRE(r);
    auto const d = diag(r->body);
    CHECK(d.starts_with(R"({"choice": {"greeting": "hello"}, "datetime": 1(946845296.123), )"
                        R"("doc": {"k": [1, "two", null, true, 2.5]}, "name": "abc", "token": ")"));
    // botocore fills an unset idempotency token with a UUID4.
    auto const token_at = d.find(R"("token": ")") + 10;
    CHECK(d.substr(token_at + 36) == "\"}");
    CHECK(d[token_at + 14] == '4');
    CHECK(r->url.host == "abc.example.com");
    CHECK(header(*r, "Content-MD5") == protocol::detail::content_md5(r->body));
    // A token the caller gave is sent as it is; whole seconds are short floats.
    auto own = h.prepare<rpc::ops::misc>({.name = "abc", .datetime = at_ms(1000), .token = "mine"});
    REQUIRE(own);
    CHECK(to_hex(own->body) ==
          "a3" + t("name") + t("abc") + t("datetime") + "c1f93c00" + t("token") + t("mine"));
}

TEST_CASE("cbor: awsQueryCompatible services say so in x-amzn-query-mode")
{
    auto h = make_harness(query_compatible);
    auto r = h.prepare<rpc::ops::query_compatible_operation>({});
    REQUIRE(r);
    CHECK(header(*r, "x-amzn-query-mode") == "true");
    CHECK(r->url.path == "/service/QueryCompatibleRpcV2Protocol/operation/QueryCompatibleOperation");
    CHECK(r->body.empty());
    CHECK(header(*r, "Content-Type") == "<absent>");
}

TEST_CASE("cbor: requests the protocol cannot express are invalid_parameter errors naming the member")
{
    auto h = make_harness();
    auto bad = h.prepare<rpc::ops::lists>(
        {.structure_list = std::vector<rpc::structure_list_member>{{"1", "2"}, {"3", std::string("\xff")}}});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::invalid_parameter);
    CHECK(bad.error().operation == "RpcV2CborLists");
    CHECK(bad.error().message == "structureList[1].b: not valid UTF-8");

    auto bad_key =
        h.prepare<rpc::ops::dense_maps>({.dense_number_map = std::map<std::string, int>{{"\xc3", 1}}});
    REQUIRE_FALSE(bad_key);
    CHECK(bad_key.error().message == "denseNumberMap[\xc3]: map key is not valid UTF-8");

    auto bad_doc =
        h.prepare<rpc::ops::misc>({.name = "a", .doc = boost::json::value(boost::json::string("\xff"))});
    REQUIRE_FALSE(bad_doc);
    CHECK(bad_doc.error().message == "Doc: a document string is not valid UTF-8");

    auto bad_host = h.prepare<rpc::ops::misc>({.name = "a/b"});
    REQUIRE_FALSE(bad_host);
    CHECK(bad_host.error().message ==
          "Name: \"a/b\" is not a valid host label (letters, digits, '-' and '.' only)");

    service_info no_prefix = rpcv2;
    no_prefix.target_prefix = {};
    auto h2 = make_harness(no_prefix);
    auto r = h2.prepare<rpc::ops::no_input_output>({});
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::invalid_parameter);
    CHECK(r.error().message ==
          "the service model has no targetPrefix, which names the service in rpc-v2-cbor requests");
}

// ---------------------------------------------------------------------------
// Responses

TEST_CASE("cbor: a response map fills the output, definite or indefinite, unknown members skipped")
{
    auto h = make_harness();
    auto const members = t("trueBooleanValue") + "f5" + t("falseBooleanValue") + "f4" + t("byteValue") +
                         "05" + t("doubleValue") + "fb3ffe395810624dd3" + t("floatValue") + "fa40f40000" +
                         t("integerValue") + "190100" + t("longValue") + "192691" + t("shortValue") +
                         "1926aa" + t("stringValue") + t("simple") + t("blobValue") + "43666f6f";
    auto check = [](rpc::simple_scalar_structure const& o) {
        CHECK(o.true_boolean_value == true);
        CHECK(o.false_boolean_value == false);
        CHECK(o.byte_value == 5);
        CHECK(o.double_value == 1.889);
        CHECK(o.float_value == 7.625f);
        CHECK(o.integer_value == 256);
        CHECK(o.long_value == 9873);
        CHECK(o.short_value == 9898);
        CHECK(o.string_value == "simple");
        CHECK(o.blob_value == blob{"foo"});
    };
    auto definite = h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, "aa" + members));
    REQUIRE(definite);
    check(*definite);
    auto indefinite = h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, "bf" + members + "ff"));
    REQUIRE(indefinite);
    check(*indefinite);
    // Extra members of any shape, indefinite ones included, are passed over.
    auto const extra = t("extraObject") + "bf" + t("indefiniteLengthMap") + "bf" + t("withAnArray") +
                       "9f010203ffff" + t("definiteLengthMap") + "a1" + t("k") + "7f6161ff" + t("other") +
                       "c11a514b67b0" + "ff" + "01" + "02";
    auto skipped =
        h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, "bf" + extra + members + "ff"));
    REQUIRE(skipped);
    check(*skipped);
}

TEST_CASE("cbor: numbers of any width fill wider members; NaN and infinities come back")
{
    auto h = make_harness();
    auto up = h.finish<rpc::ops::simple_scalar_properties>(cbor_response(
        200, "a5" + t("doubleValue") + "f93e00" + t("floatValue") + "f947a0" + t("integerValue") + "1838" +
                 t("longValue") + "1b0000000000000100" + t("shortValue") + "0a"));
    REQUIRE(up);
    CHECK(up->double_value == 1.5);
    CHECK(up->float_value == 7.625f);
    CHECK(up->integer_value == 56);
    CHECK(up->long_value == 256);
    CHECK(up->short_value == 10);

    auto special = h.finish<rpc::ops::simple_scalar_properties>(
        cbor_response(200, "a2" + t("doubleValue") + "fb7ff8000000000000" + t("floatValue") + "faff800000"));
    REQUIRE(special);
    CHECK(std::isnan(*special->double_value));
    CHECK(*special->float_value == -std::numeric_limits<float>::infinity());

    auto subnormal = h.finish<rpc::ops::misc>(cbor_response(200, "a1" + t("value") + "f90050"));
    REQUIRE(subnormal);
    CHECK(subnormal->value == 4.76837158203125e-06);

    // An integer where a float is modeled is still its number.
    auto whole =
        h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, "a1" + t("doubleValue") + "3863"));
    REQUIRE(whole);
    CHECK(whole->double_value == -100.0);

    auto negative = h.finish<rpc::ops::simple_scalar_properties>(
        cbor_response(200, "a1" + t("longValue") + "3b7fffffffffffffff"));
    REQUIRE(negative);
    CHECK(negative->long_value == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("cbor: null members, null list items and null map values are absent")
{
    auto h = make_harness();
    auto r =
        h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, "bf" + t("stringValue") + "f6ff"));
    REQUIRE(r);
    CHECK_FALSE(r->string_value);
    auto u =
        h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, "a1" + t("integerValue") + "f7"));
    REQUIRE(u);
    CHECK_FALSE(u->integer_value);

    auto maps = h.finish<rpc::ops::dense_maps>(
        cbor_response(200, "a1" + t("denseSetMap") + "a361788061798261616162617af6"));
    REQUIRE(maps);
    REQUIRE(maps->dense_set_map);
    CHECK(*maps->dense_set_map ==
          std::map<std::string, std::vector<std::string>>{{"x", {}}, {"y", {"a", "b"}}});

    auto lists = h.finish<rpc::ops::lists>(cbor_response(200, "a1" + t("stringList") + "84f66161f76162"));
    REQUIRE(lists);
    CHECK(lists->string_list == std::vector<std::string>{"a", "b"});
}

TEST_CASE("cbor: lists, indefinite strings in indefinite lists, and empty lists")
{
    auto h = make_harness();
    auto r = h.finish<rpc::ops::lists>(cbor_response(
        200, "bf" + t("stringList") + "9f7f" + t("An example, ") + t("chunked") + "ff" + t("plain") + "ff" +
                 t("timestampList") + "9fc1fb41d4d7fbf3800000c11a514b67b0ff" + t("nestedStringList") +
                 "829f63666f6fff80" + t("structureList") + "9fbf" + t("a") + t("1") + "ffa1" + t("b") +
                 t("4") + "ff" + t("blobList") + "825f4166416fff40" + t("enumList") + "81" + t("Foo") +
                 "ff"));
    REQUIRE(r);
    CHECK(r->string_list == std::vector<std::string>{"An example, chunked", "plain"});
    CHECK(r->timestamp_list == std::vector{at_ms(1398796238000), at_ms(1363896240000)});
    CHECK(r->nested_string_list == std::vector<std::vector<std::string>>{{"foo"}, {}});
    REQUIRE(r->structure_list);
    REQUIRE(r->structure_list->size() == 2);
    CHECK((*r->structure_list)[0].a == "1");
    CHECK((*r->structure_list)[1].b == "4");
    CHECK(r->blob_list == std::vector<blob>{{"fo"}, {""}});
    REQUIRE(r->enum_list);
    CHECK((*r->enum_list)[0].value == "Foo");

    auto empty = h.finish<rpc::ops::lists>(cbor_response(200, "bf" + t("stringList") + "9fffff"));
    REQUIRE(empty);
    REQUIRE(empty->string_list);
    CHECK(empty->string_list->empty());
}

TEST_CASE("cbor: maps of structures and recursive shapes")
{
    auto h = make_harness();
    auto m = h.finish<rpc::ops::dense_maps>(cbor_response(200, "a1" + t("denseStructMap") + "a2" + t("foo") +
                                                                   "a1" + t("hi") + t("there") + t("baz") +
                                                                   "a1" + t("hi") + t("bye")));
    REQUIRE(m);
    REQUIRE(m->dense_struct_map);
    CHECK(m->dense_struct_map->at("foo").hi == "there");
    CHECK(m->dense_struct_map->at("baz").hi == "bye");

    auto const body = "bf" + t("nested") + "bf" + t("foo") + t("Foo1") + t("nested") + "bf" + t("bar") +
                      t("Bar1") + t("recursiveMember") + "bf" + t("foo") + t("Foo2") + t("nested") + "bf" +
                      t("bar") + t("Bar2") + "ffffffffff";
    auto r = h.finish<rpc::ops::recursive>(cbor_response(200, body));
    REQUIRE(r);
    REQUIRE(r->nested);
    CHECK(r->nested->foo == "Foo1");
    REQUIRE(r->nested->nested);
    auto const& n2 = **r->nested->nested;
    CHECK(n2.bar == "Bar1");
    REQUIRE(n2.recursive_member);
    CHECK((*n2.recursive_member)->foo == "Foo2");
    REQUIRE((*n2.recursive_member)->nested);
    CHECK((*(*n2.recursive_member)->nested)->bar == "Bar2");
}

TEST_CASE("cbor: timestamps, documents, unions and duplicate keys in responses")
{
    auto h = make_harness();
    auto r = h.finish<rpc::ops::misc>(cbor_response(
        200, "a4" + t("datetime") + "c1fb41cc37db380fbe77" + t("doc") + "a1" + t("k") + "9f01f5f6ff" +
                 t("choice") + "a1" + t("greeting") + t("hello") + t("name") + t("n")));
    REQUIRE(r);
    CHECK(r->datetime == at_ms(946845296123));
    CHECK(r->doc == boost::json::parse(R"({"k":[1,true,null]})"));
    REQUIRE(r->choice);
    CHECK(r->choice->greeting == "hello");
    CHECK(*r->name == "n");

    auto neg = h.finish<rpc::ops::misc>(cbor_response(200, "a1" + t("datetime") + "c13903e7"));
    REQUIRE(neg);
    CHECK(neg->datetime == at_ms(-1000000));
    auto untagged = h.finish<rpc::ops::misc>(cbor_response(200, "a1" + t("datetime") + "f93e00"));
    REQUIRE(untagged);
    CHECK(untagged->datetime == at_ms(1500));

    // As in a Python dict, the last of duplicate keys wins.
    auto dup = h.finish<rpc::ops::simple_scalar_properties>(cbor_response(
        200, "a3" + t("integerValue") + "01" + t("stringValue") + t("x") + t("integerValue") + "02"));
    REQUIRE(dup);
    CHECK(dup->integer_value == 2);
    CHECK(dup->string_value == "x");
}

TEST_CASE("cbor: empty bodies and empty maps are outputs without members")
{
    auto h = make_harness();
    for (auto const* hex : {"", "bfff", "a0", "f6"}) {
        INFO(hex);
        auto r = h.finish<rpc::ops::empty_input_output>(cbor_response(200, hex));
        CHECK(r);
        auto s = h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, hex));
        REQUIRE(s);
        CHECK_FALSE(s->string_value);
        CHECK(h.finish<rpc::ops::no_input_output>(cbor_response(200, hex)));
    }
    // An operation without output does not read its body at all (botocore).
    CHECK(h.finish<rpc::ops::no_input_output>(cbor_response(200, "ff00")));
}

// ---------------------------------------------------------------------------
// Responses that do not match the model

TEST_CASE("cbor: a member of the wrong CBOR type is a parse_error naming the operation and the member path")
{
    auto h = make_harness();
    auto expect = [&]<class Op>(Op, std::string const& hex, std::string const& message) {
        auto r = h.finish<Op>(cbor_response(200, hex));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::parse_error);
        CHECK(r.error().operation == Op::info.name);
        CHECK(r.error().message == message);
    };
    rpc::ops::simple_scalar_properties scalars;
    expect(scalars, "a1" + t("stringValue") + "01",
           "response stringValue: expected a text string, found an unsigned integer");
    expect(scalars, "a1" + t("blobValue") + t("foo"),
           "response blobValue: expected a byte string, found a text string");
    expect(scalars, "a1" + t("integerValue") + "f93c00",
           "response integerValue: expected an integer, found a floating-point number");
    expect(scalars, "a1" + t("trueBooleanValue") + "01",
           "response trueBooleanValue: expected a boolean, found an unsigned integer");
    expect(scalars, "a1" + t("doubleValue") + t("1.5"),
           "response doubleValue: expected a number, found a text string");
    expect(scalars, "a1" + t("byteValue") + "190100", "response byteValue: integer out of range");
    expect(scalars, "a1" + t("longValue") + "1b8000000000000000",
           "response longValue: integer out of the 64-bit range");
    expect(scalars, "a1" + t("longValue") + "3b8000000000000000",
           "response longValue: integer out of the 64-bit range");
    expect(scalars, "a1" + t("stringValue") + "c1" + t("x"),
           "response stringValue: expected a text string, found tag 1");

    rpc::ops::misc misc;
    expect(misc, "a1" + t("datetime") + t("2020-01-01"),
           "response DateTime: expected a number, found a text string");
    expect(misc, "a1" + t("datetime") + "c01a514b67b0",
           "response DateTime: expected a timestamp (tag 1), found tag 0");
    expect(misc, "a1" + t("datetime") + "c1fb7ff0000000000000", "response DateTime: timestamp out of range");
    expect(misc, "a1" + t("datetime") + "c11b0000100000000000", "response DateTime: timestamp out of range");
    expect(misc, "a1" + t("doc") + "4101", "response Doc: a byte string has no JSON form (at byte 5)");
    expect(misc, "a1" + t("choice") + "a2" + t("greeting") + t("x") + t("count") + "01",
           "response Choice: a union must have exactly one member set, found 2");
    expect(misc, "a1" + t("choice") + "a0",
           "response Choice: a union must have exactly one member set, found 0");
    expect(misc, "a1" + t("choice") + "80", "response Choice: expected a map, found an array");

    rpc::ops::lists lists;
    expect(lists, "a1" + t("stringList") + "a0", "response stringList: expected an array, found a map");
    expect(lists, "a1" + t("structureList") + "82a0a1" + t("a") + "01",
           "response structureList[1].a: expected a text string, found an unsigned integer");
    expect(lists, "a1" + t("nestedStringList") + "8280820102",
           "response nestedStringList[1][0]: expected a text "
           "string, found an unsigned integer");
    expect(lists, "a1" + t("stringList") + "83f66101f5",
           "response stringList[2]: expected a text string, found a boolean");

    rpc::ops::dense_maps maps;
    expect(maps, "a1" + t("denseStructMap") + "a1" + t("foo") + "a1" + t("hi") + "f5",
           "response denseStructMap[foo].hi: expected a text string, found a boolean");
    expect(maps, "a1" + t("denseNumberMap") + "a10101",
           "response denseNumberMap[#0]: expected a text string as the "
           "map key, found an unsigned integer");
    expect(maps, "a1" + t("denseNumberMap") + "80",
           "response denseNumberMap: expected a map, found an array");
}

TEST_CASE("cbor: a body that is not one CBOR map is a parse_error saying what is wrong and where")
{
    auto h = make_harness();
    auto expect = [&](std::string const& hex, std::string const& message) {
        auto r = h.finish<rpc::ops::simple_scalar_properties>(cbor_response(200, hex));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::parse_error);
        CHECK(r.error().operation == "SimpleScalarProperties");
        CHECK(r.error().message == message);
    };
    expect("a1" + t("stringValue"),
           "response body: malformed CBOR: truncated: an item was expected, the input ended "
           "at byte 13");
    expect("a1" + t("stringValue") + "7a00010000",
           "response body: malformed CBOR: text string of 65536 bytes exceeds "
           "the 0 bytes left at byte 13");
    expect("bf" + t("stringValue") + t("x"),
           "response body: malformed CBOR: truncated: an item was expected, the "
           "input ended at byte 15");
    expect("a0a0", "response body: malformed CBOR: 1 bytes after the end of the item at byte 1");
    expect("a1" + t("stringValue") + "62c328",
           "response body: malformed CBOR: text string is not valid UTF-8 at byte 13");
    expect("bf1c", "response body: malformed CBOR: reserved additional information 28 at byte 1");
    expect("ff", "response body: malformed CBOR: break code outside an indefinite-length item at byte 0");
    expect("8101", "response body: expected a CBOR map, found an array");
    expect(t("{}"), "response body: expected a CBOR map, found a text string");
    std::string deep = "a1" + t("stringValue");
    for (int i = 0; i < 70; ++i)
        deep += "81";
    expect(deep + "00", "response body: malformed CBOR: nested more than 64 levels deep at byte 76");
}

// ---------------------------------------------------------------------------
// Errors

TEST_CASE("cbor: __type names the error (namespace and ':' suffix cut off); message or Message describes it")
{
    auto h = make_harness();
    SECTION("a modeled error with its members")
    {
        auto r = h.finish<rpc::ops::greeting_with_errors>(
            cbor_response(400,
                          "bf" + t("__type") + t("smithy.protocoltests.rpcv2Cbor#InvalidGreeting") +
                              t("Message") + t("Hi") + "ff",
                          {{"x-amzn-RequestId", "req-1"}}));
        REQUIRE_FALSE(r);
        auto const& e = r.error();
        CHECK(e.code == errc::service_error);
        CHECK(e.aws_code == "InvalidGreeting");
        CHECK(e.message == "Hi");
        CHECK(e.request_id == "req-1");
        CHECK(e.http_status == 400);
        CHECK(e.operation == "GreetingWithErrors");
        REQUIRE(e.modeled);
        try {
            throw_error(e);
        } catch (rpc::invalid_greeting const& x) {
            CHECK(x.message == "Hi");
            CHECK(x.aws_code() == "InvalidGreeting");
        }
    }
    SECTION("nested members, and no message at all")
    {
        auto r = h.finish<rpc::ops::greeting_with_errors>(cbor_response(
            400, "a3" + t("__type") +
                     t("smithy.protocoltests.rpcv2Cbor#ComplexError:http://internal.amazon.com/x") +
                     t("TopLevel") + t("Top") + t("Nested") + "a1" + t("Foo") + t("bar")));
        REQUIRE_FALSE(r);
        CHECK(r.error().aws_code == "ComplexError");
        CHECK(r.error().message == "Bad Request");
        REQUIRE(r.error().modeled);
        try {
            throw_error(r.error());
        } catch (rpc::complex_error const& x) {
            CHECK(x.top_level == "Top");
            REQUIRE(x.nested);
            CHECK(x.nested->foo == "bar");
        }
    }
    SECTION("lower-case message wins over Message")
    {
        auto r = h.finish<rpc::ops::greeting_with_errors>(cbor_response(
            500, "a3" + t("__type") + t("Oops") + t("Message") + t("upper") + t("message") + t("lower")));
        REQUIRE_FALSE(r);
        CHECK(r.error().aws_code == "Oops");
        CHECK(r.error().message == "lower");
        CHECK_FALSE(r.error().modeled);
    }
    SECTION("no __type: the status code is the code, as in botocore")
    {
        auto r = h.finish<rpc::ops::greeting_with_errors>(
            cbor_response(503, "a1" + t("message") + t("slow down")));
        REQUIRE_FALSE(r);
        CHECK(r.error().aws_code == "503");
        CHECK(r.error().message == "slow down");
        auto garbage = h.finish<rpc::ops::greeting_with_errors>(cbor_response(502, "ff"));
        REQUIRE_FALSE(garbage);
        CHECK(garbage.error().aws_code == "502");
        CHECK(garbage.error().code == errc::service_error);
    }
    SECTION("a modeled error whose members are the wrong type stays a service error and says why")
    {
        auto r = h.finish<rpc::ops::greeting_with_errors>(
            cbor_response(400, "a2" + t("__type") + t("InvalidGreeting") + t("Message") + "01"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::service_error);
        CHECK_FALSE(r.error().modeled);
        CHECK(r.error().message.find(
                  "error response Message: expected a text string, found an unsigned integer") !=
              std::string::npos);
    }
}

TEST_CASE("cbor: query-compatible errors take their code from x-amzn-query-error")
{
    auto h = make_harness(query_compatible);
    auto const body =
        "b90002" + t("__type") + t("aws.protocoltests.rpcv2cbor#CustomCodeError") + t("message") + t("Hi");
    auto r = h.finish<rpc::ops::query_compatible_operation>(
        cbor_response(400, body, {{"x-amzn-query-error", "Customized;Sender"}}));
    REQUIRE_FALSE(r);
    CHECK(r.error().aws_code == "Customized");
    CHECK(r.error().message == "Hi");
    REQUIRE(r.error().modeled);
    try {
        throw_error(r.error());
    } catch (rpc::custom_code_error const& x) {
        CHECK(x.message == "Hi");
    }
    // Without the header (or with one that is not "Code;Fault") __type decides.
    for (auto const* hdr : {"", ";Sender", "A;B;C", "NoSemicolon"}) {
        INFO(hdr);
        std::vector<std::pair<std::string, std::string>> headers;
        if (*hdr) headers.emplace_back("x-amzn-query-error", hdr);
        auto plain = h.finish<rpc::ops::query_compatible_operation>(cbor_response(400, body, headers));
        REQUIRE_FALSE(plain);
        CHECK(plain.error().aws_code == "CustomCodeError");
        CHECK_FALSE(plain.error().modeled);
    }
    // A service that is not query-compatible keeps __type whatever the header says.
    auto other = make_harness();
    auto r2 = other.finish<rpc::ops::query_compatible_operation>(
        cbor_response(400, body, {{"x-amzn-query-error", "Customized;Sender"}}));
    REQUIRE_FALSE(r2);
    CHECK(r2.error().aws_code == "CustomCodeError");
}
