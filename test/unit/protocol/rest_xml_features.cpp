// The rest-xml engine on the shapes of botocore's protocol suite
// (../shared/testdata/protocols/{input,output}/rest-xml.json), written by
// hand in model.hpp's form: lists, maps, attributes, namespaces, timestamp
// formats per location, query and header bindings, host prefixes,
// idempotency tokens, payloads, unions, recursive shapes. The conformance
// runner (next issue) will run the suite itself; these pin the behaviour now.
#include <stratus/protocol/rest_xml.hpp>

#include "harness.hpp"
#include "xml_compare.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

using namespace stratus;
using test::canonical_xml;
using test::harness;
using test::response;

namespace {

using mf = member_flags;
constexpr service_info svc{"Rest Xml Protocol", "restxml", "restxml", false};

template <operation_info const& Info, class In, class Out = empty_shape, class Errors = type_list<>>
struct op {
    static constexpr operation_info info = Info;
    using input = In;
    using output = Out;
    using errors = Errors;
};

timestamp at(std::int64_t s, int ms = 0)
{
    return timestamp{std::chrono::seconds{s} + std::chrono::milliseconds{ms}};
}

std::string header(http::request const& r, std::string_view name)
{
    auto v = r.headers.get(name);
    return v ? std::string(*v) : std::string("<absent>");
}

// --- XmlLists ---------------------------------------------------------------

struct structure_list_member {
    std::optional<std::string> a{};
    std::optional<std::string> b{};
    static constexpr shape_info shape{.name = "StructureListMember"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "a", .wire = "value"}, &structure_list_member::a);
        f(member_info{.name = "b", .wire = "other"}, &structure_list_member::b);
    }
};

struct xml_lists_io {
    std::optional<std::vector<std::string>> string_list{};
    std::vector<int> integer_list{};
    std::vector<bool> boolean_list{};
    std::vector<timestamp> timestamp_list{};
    std::vector<enum_string> enum_list{};
    std::vector<std::vector<std::string>> nested_string_list{};
    std::vector<std::string> renamed_list_members{};
    std::vector<std::string> flattened_list{};
    std::vector<std::string> flattened_list2{};
    std::vector<structure_list_member> structure_list{};
    std::vector<structure_list_member> flattened_structure_list{};
    static constexpr shape_info shape{.name = "XmlListsInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "stringList", .wire = "stringList"}, &xml_lists_io::string_list);
        f(member_info{.name = "integerList", .wire = "integerList"}, &xml_lists_io::integer_list);
        f(member_info{.name = "booleanList", .wire = "booleanList"}, &xml_lists_io::boolean_list);
        f(member_info{.name = "timestampList", .wire = "timestampList"}, &xml_lists_io::timestamp_list);
        f(member_info{.name = "enumList", .wire = "enumList"}, &xml_lists_io::enum_list);
        f(member_info{.name = "nestedStringList", .wire = "nestedStringList"}, &xml_lists_io::nested_string_list);
        f(member_info{.name = "renamedListMembers", .wire = "renamed", .item = "item"},
          &xml_lists_io::renamed_list_members);
        f(member_info{.name = "flattenedList", .wire = "flattenedList", .flags = mf::flattened, .item = "item"},
          &xml_lists_io::flattened_list);
        f(member_info{.name = "flattenedList2", .wire = "customName", .flags = mf::flattened, .item = "item"},
          &xml_lists_io::flattened_list2);
        f(member_info{.name = "structureList", .wire = "myStructureList", .item = "item"},
          &xml_lists_io::structure_list);
        f(member_info{.name = "flattenedStructureList", .wire = "flattenedStructureList", .flags = mf::flattened,
                      .item = "item"},
          &xml_lists_io::flattened_structure_list);
    }
};
constexpr operation_info xml_lists_info{.name = "XmlLists", .method = "PUT", .uri = "/XmlLists",
                                        .input_xml_name = "XmlListsRequest"};
using xml_lists = op<xml_lists_info, xml_lists_io, xml_lists_io>;

// --- XmlMaps ----------------------------------------------------------------

struct greeting_struct {
    std::optional<std::string> hi{};
    static constexpr shape_info shape{.name = "GreetingStruct"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "hi", .wire = "hi"}, &greeting_struct::hi);
    }
};

struct xml_maps_io {
    std::optional<std::map<std::string, greeting_struct>> my_map{};
    std::map<std::string, greeting_struct> named_map{};
    std::map<std::string, std::string> flat_map{};
    std::map<std::string, std::map<std::string, std::string>> nested_map{};
    static constexpr shape_info shape{.name = "XmlMapsInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "myMap", .wire = "myMap"}, &xml_maps_io::my_map);
        f(member_info{.name = "namedMap", .wire = "namedMap", .key = "Attribute", .value = "Setting"},
          &xml_maps_io::named_map);
        f(member_info{.name = "flatMap", .wire = "KVP", .flags = mf::flattened, .key = "K", .value = "V"},
          &xml_maps_io::flat_map);
        f(member_info{.name = "nestedMap", .wire = "nestedMap"}, &xml_maps_io::nested_map);
    }
};
constexpr operation_info xml_maps_info{.name = "XmlMaps", .method = "POST", .uri = "/XmlMaps"};
using xml_maps = op<xml_maps_info, xml_maps_io, xml_maps_io>;

// --- Attributes, namespaces, names of the root --------------------------------

struct attrs_payload {
    std::optional<std::string> foo{};
    std::optional<std::string> attr{};
    static constexpr shape_info shape{.name = "XmlAttributesPayloadRequest"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "foo", .wire = "foo"}, &attrs_payload::foo);
        f(member_info{.name = "attr", .wire = "test", .flags = mf::xml_attribute}, &attrs_payload::attr);
    }
};

struct attrs_on_payload_io {
    std::optional<attrs_payload> payload{};
    static constexpr shape_info shape{.name = "XmlAttributesOnPayloadRequest", .payload = "payload"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "payload", .wire = "payload", .flags = mf::payload}, &attrs_on_payload_io::payload);
    }
};
constexpr operation_info attrs_on_payload_info{.name = "XmlAttributesOnPayload", .method = "PUT", .uri = "/x"};
using attrs_on_payload = op<attrs_on_payload_info, attrs_on_payload_io, attrs_on_payload_io>;

struct namespace_nested {
    std::optional<std::string> foo{};
    std::vector<std::string> values{};
    static constexpr shape_info shape{.name = "XmlNamespaceNested", .xml_namespace = "http://foo.com"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "foo", .wire = "foo", .xml_namespace = "http://baz.com", .xml_prefix = "baz"},
          &namespace_nested::foo);
        f(member_info{.name = "values", .wire = "values", .xml_namespace = "http://qux.com"},
          &namespace_nested::values);
    }
};

struct namespaces_io {
    std::optional<namespace_nested> nested{};
    static constexpr shape_info shape{.name = "XmlNamespacesInputOutput", .xml_namespace = "http://foo.com"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "nested", .wire = "nested"}, &namespaces_io::nested);
    }
};
constexpr operation_info namespaces_info{.name = "XmlNamespaces", .method = "POST", .uri = "/XmlNamespaces",
                                         .input_xml_name = "XmlNamespacesRequest"};
using namespaces = op<namespaces_info, namespaces_io, namespaces_io>;

struct payload_with_xml_name {
    std::optional<std::string> name{};
    static constexpr shape_info shape{.name = "PayloadWithXmlName", .xml_name = "Hello"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "name", .wire = "name"}, &payload_with_xml_name::name);
    }
};

struct body_with_xml_name_io {
    std::optional<payload_with_xml_name> nested{};
    static constexpr shape_info shape{.name = "BodyWithXmlNameInputOutput", .xml_name = "Ahoy"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "nested", .wire = "nested"}, &body_with_xml_name_io::nested);
    }
};
constexpr operation_info body_with_xml_name_info{.name = "BodyWithXmlName", .method = "PUT", .uri = "/b",
                                                 .input_xml_name = "BodyWithXmlNameRequest"};
using body_with_xml_name = op<body_with_xml_name_info, body_with_xml_name_io, body_with_xml_name_io>;

struct member_xml_name_io {
    std::optional<payload_with_xml_name> nested{};
    static constexpr shape_info shape{.name = "HttpPayloadWithMemberXmlNameInputOutput", .payload = "nested"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "nested", .wire = "Hola", .flags = mf::payload, .xml_namespace = "http://foo.com",
                      .xml_prefix = "baz"},
          &member_xml_name_io::nested);
    }
};
constexpr operation_info member_xml_name_info{.name = "HttpPayloadWithMemberXmlName", .method = "PUT", .uri = "/p"};
using member_xml_name = op<member_xml_name_info, member_xml_name_io, member_xml_name_io>;

// --- HTTP bindings: timestamps per location, query, headers -------------------

struct bindings_input {
    required<std::string> label;
    std::optional<timestamp> time_label{};
    std::optional<timestamp> epoch_label{};
    std::optional<std::string> query_string{};
    std::optional<std::string> empty{};
    std::vector<std::string> query_list{};
    std::optional<bool> query_bool{};
    std::optional<double> query_double{};
    std::optional<timestamp> query_time{};
    std::optional<timestamp> query_http_date{};
    std::map<std::string, std::string> query_map{};
    std::map<std::string, std::vector<std::string>> query_list_map{};
    std::optional<timestamp> header_default{};
    std::optional<timestamp> header_iso{};
    std::optional<timestamp> header_epoch{};
    std::vector<timestamp> header_time_list{};
    std::vector<std::string> header_string_list{};
    std::vector<bool> header_bool_list{};
    std::optional<double> header_double{};
    std::optional<document> header_json{};
    std::map<std::string, std::string> prefix_headers{};
    static constexpr shape_info shape{.name = "BindingsInput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "label", .wire = "label", .where = location::uri, .flags = mf::required},
          &bindings_input::label);
        f(member_info{.name = "timeLabel", .wire = "timeLabel", .where = location::uri}, &bindings_input::time_label);
        f(member_info{.name = "epochLabel",
                      .wire = "epochLabel",
                      .where = location::uri,
                      .timestamp = timestamp_format::unix_seconds},
          &bindings_input::epoch_label);
        f(member_info{.name = "queryString", .wire = "String", .where = location::querystring},
          &bindings_input::query_string);
        f(member_info{.name = "emptyString", .wire = "Empty", .where = location::querystring}, &bindings_input::empty);
        f(member_info{.name = "queryList", .wire = "List", .where = location::querystring},
          &bindings_input::query_list);
        f(member_info{.name = "queryBool", .wire = "Boolean", .where = location::querystring},
          &bindings_input::query_bool);
        f(member_info{.name = "queryDouble", .wire = "Double", .where = location::querystring},
          &bindings_input::query_double);
        f(member_info{.name = "queryTime", .wire = "Timestamp", .where = location::querystring},
          &bindings_input::query_time);
        f(member_info{.name = "queryHttpDate",
                      .wire = "HttpDate",
                      .where = location::querystring,
                      .timestamp = timestamp_format::rfc822},
          &bindings_input::query_http_date);
        f(member_info{.name = "queryMap", .wire = "queryMap", .where = location::querystring},
          &bindings_input::query_map);
        f(member_info{.name = "queryListMap", .wire = "queryListMap", .where = location::querystring},
          &bindings_input::query_list_map);
        f(member_info{.name = "headerDefault", .wire = "X-Default", .where = location::header},
          &bindings_input::header_default);
        f(member_info{.name = "headerIso",
                      .wire = "X-Iso",
                      .where = location::header,
                      .timestamp = timestamp_format::iso8601},
          &bindings_input::header_iso);
        f(member_info{.name = "headerEpoch",
                      .wire = "X-Epoch",
                      .where = location::header,
                      .timestamp = timestamp_format::unix_seconds},
          &bindings_input::header_epoch);
        f(member_info{.name = "headerTimeList", .wire = "X-TimestampList", .where = location::header},
          &bindings_input::header_time_list);
        f(member_info{.name = "headerStringList", .wire = "X-StringList", .where = location::header},
          &bindings_input::header_string_list);
        f(member_info{.name = "headerBoolList", .wire = "X-BooleanList", .where = location::header},
          &bindings_input::header_bool_list);
        f(member_info{.name = "headerDouble", .wire = "X-Double", .where = location::header},
          &bindings_input::header_double);
        f(member_info{.name = "headerJson", .wire = "X-Json", .where = location::header, .flags = mf::json_value},
          &bindings_input::header_json);
        f(member_info{.name = "prefixHeaders", .wire = "X-Foo-", .where = location::headers},
          &bindings_input::prefix_headers);
    }
};

struct bindings_output {
    std::optional<int> status{};
    std::optional<timestamp> header_default{};
    std::optional<timestamp> header_epoch{};
    std::vector<timestamp> header_time_list{};
    std::vector<std::string> header_string_list{};
    std::vector<bool> header_bool_list{};
    std::vector<int> header_int_list{};
    std::optional<double> header_double{};
    std::optional<document> header_json{};
    std::optional<std::map<std::string, std::string>> prefix_headers{};
    static constexpr shape_info shape{.name = "BindingsOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Status", .where = location::status_code}, &bindings_output::status);
        f(member_info{.name = "headerDefault", .wire = "X-Default", .where = location::header},
          &bindings_output::header_default);
        f(member_info{.name = "headerEpoch",
                      .wire = "X-Epoch",
                      .where = location::header,
                      .timestamp = timestamp_format::unix_seconds},
          &bindings_output::header_epoch);
        f(member_info{.name = "headerTimeList", .wire = "X-TimestampList", .where = location::header},
          &bindings_output::header_time_list);
        f(member_info{.name = "headerStringList", .wire = "X-StringList", .where = location::header},
          &bindings_output::header_string_list);
        f(member_info{.name = "headerBoolList", .wire = "X-BooleanList", .where = location::header},
          &bindings_output::header_bool_list);
        f(member_info{.name = "headerIntList", .wire = "X-IntegerList", .where = location::header},
          &bindings_output::header_int_list);
        f(member_info{.name = "headerDouble", .wire = "X-Double", .where = location::header},
          &bindings_output::header_double);
        f(member_info{.name = "headerJson", .wire = "X-Json", .where = location::header, .flags = mf::json_value},
          &bindings_output::header_json);
        f(member_info{.name = "prefixHeaders", .wire = "X-Foo-", .where = location::headers},
          &bindings_output::prefix_headers);
    }
};
constexpr operation_info bindings_info{
    .name = "Bindings", .method = "POST", .uri = "/Bindings/{label}/{timeLabel}/{epochLabel}?literal=1&flag"};
using bindings = op<bindings_info, bindings_input, bindings_output>;

// --- Host prefix and idempotency tokens --------------------------------------

struct host_label_input {
    required<std::string> account_id;
    std::optional<std::string> token{};
    static constexpr shape_info shape{.name = "HostLabelInput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "accountId",
                      .wire = "X-Amz-Account-Id",
                      .where = location::header,
                      .flags = mf::required | mf::host_label},
          &host_label_input::account_id);
        f(member_info{.name = "token", .wire = "token", .where = location::querystring,
                      .flags = mf::idempotency_token},
          &host_label_input::token);
    }
};
constexpr operation_info host_label_info{
    .name = "EndpointWithHostLabelHeaderOperation", .method = "POST", .uri = "/E", .host_prefix = "{accountId}."};
using host_label = op<host_label_info, host_label_input>;

// --- Scalars, blobs, payloads ---------------------------------------------------

struct scalars_io {
    std::optional<std::string> string_value{};
    std::optional<bool> true_boolean_value{};
    std::optional<std::int8_t> byte_value{};
    std::optional<std::int64_t> long_value{};
    std::optional<float> float_value{};
    std::optional<double> double_value{};
    std::optional<blob> data{};
    std::optional<timestamp> normal{};
    std::optional<timestamp> epoch_seconds{};
    std::optional<timestamp> http_date{};
    static constexpr shape_info shape{.name = "SimpleScalarPropertiesInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "stringValue", .wire = "stringValue"}, &scalars_io::string_value);
        f(member_info{.name = "trueBooleanValue", .wire = "trueBooleanValue"}, &scalars_io::true_boolean_value);
        f(member_info{.name = "byteValue", .wire = "byteValue"}, &scalars_io::byte_value);
        f(member_info{.name = "longValue", .wire = "longValue"}, &scalars_io::long_value);
        f(member_info{.name = "floatValue", .wire = "floatValue"}, &scalars_io::float_value);
        f(member_info{.name = "doubleValue", .wire = "DoubleDribble"}, &scalars_io::double_value);
        f(member_info{.name = "data", .wire = "data"}, &scalars_io::data);
        f(member_info{.name = "normal", .wire = "normal"}, &scalars_io::normal);
        f(member_info{.name = "epochSeconds", .wire = "epochSeconds", .timestamp = timestamp_format::unix_seconds},
          &scalars_io::epoch_seconds);
        f(member_info{.name = "httpDate", .wire = "httpDate", .timestamp = timestamp_format::rfc822},
          &scalars_io::http_date);
    }
};
constexpr operation_info scalars_info{.name = "SimpleScalarProperties", .method = "PUT", .uri = "/s",
                                      .input_xml_name = "SimpleScalarPropertiesRequest"};
using scalars = op<scalars_info, scalars_io, scalars_io>;

struct string_payload_io {
    std::optional<std::string> foo{};
    std::optional<std::string> payload{};
    static constexpr shape_info shape{.name = "StringPayloadInputOutput", .payload = "payload"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "foo", .wire = "X-Foo", .where = location::header}, &string_payload_io::foo);
        f(member_info{.name = "payload", .wire = "payload", .flags = mf::payload}, &string_payload_io::payload);
    }
};
constexpr operation_info string_payload_info{.name = "HttpStringPayload", .method = "POST", .uri = "/StringPayload"};
using string_payload = op<string_payload_info, string_payload_io, string_payload_io>;

struct blob_payload_io {
    std::optional<blob> blob_{};
    static constexpr shape_info shape{.name = "HttpPayloadTraitsInputOutput", .payload = "blob"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "blob", .wire = "blob", .flags = mf::payload}, &blob_payload_io::blob_);
    }
};
constexpr operation_info blob_payload_info{.name = "HttpPayloadTraits", .method = "POST", .uri = "/HttpPayloadTraits"};
using blob_payload = op<blob_payload_info, blob_payload_io, blob_payload_io>;

// --- Validation rules, unions, recursion -----------------------------------------

struct rules_nested {
    std::optional<std::string> must{};
    std::optional<int> count{};
    static constexpr shape_info shape{.name = "RulesNested"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Must", .wire = "Must", .flags = mf::required}, &rules_nested::must);
        f(member_info{.name = "Count", .wire = "Count", .has_min = true, .has_max = true, .min = 1, .max = 10},
          &rules_nested::count);
    }
};

struct rules_union {
    std::optional<std::string> string_value{};
    std::optional<bool> boolean_value{};
    static constexpr shape_info shape{.name = "RulesUnion", .is_union = true};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "stringValue", .wire = "stringValue"}, &rules_union::string_value);
        f(member_info{.name = "booleanValue", .wire = "booleanValue"}, &rules_union::boolean_value);
    }
};

struct rules_input {
    std::optional<rules_nested> nested{};
    std::vector<std::string> tags{};
    std::map<std::string, std::string> labels{};
    std::optional<double> ratio{};
    std::optional<blob> data{};
    std::optional<std::string> name{};
    std::optional<rules_union> choice{};
    static constexpr shape_info shape{.name = "RulesInput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Nested", .wire = "Nested"}, &rules_input::nested);
        f(member_info{.name = "Tags", .wire = "Tags", .has_max = true, .max = 2}, &rules_input::tags);
        f(member_info{.name = "Labels", .wire = "Labels", .has_min = true, .min = 1}, &rules_input::labels);
        f(member_info{.name = "Ratio", .wire = "Ratio", .has_max = true, .max = 1}, &rules_input::ratio);
        f(member_info{.name = "Data", .wire = "Data", .has_max = true, .max = 3}, &rules_input::data);
        f(member_info{.name = "Name", .wire = "Name", .has_max = true, .max = 3}, &rules_input::name);
        f(member_info{.name = "Choice", .wire = "Choice"}, &rules_input::choice);
    }
};
constexpr operation_info rules_info{.name = "Rules", .method = "POST", .uri = "/rules"};
using rules = op<rules_info, rules_input>;

struct recursive_shape {
    std::optional<std::string> foo{};
    std::optional<boxed<recursive_shape>> nested{};
    static constexpr shape_info shape{.name = "RecursiveShapesInputOutputNested1"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "foo", .wire = "foo"}, &recursive_shape::foo);
        f(member_info{.name = "nested", .wire = "nested"}, &recursive_shape::nested);
    }
};

struct recursive_io {
    std::optional<recursive_shape> nested{};
    static constexpr shape_info shape{.name = "RecursiveShapesInputOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "nested", .wire = "nested"}, &recursive_io::nested);
    }
};
constexpr operation_info recursive_info{.name = "RecursiveShapes", .method = "PUT", .uri = "/RecursiveShapes",
                                        .input_xml_name = "RecursiveShapesRequest"};
using recursive = op<recursive_info, recursive_io, recursive_io>;

// --- A modeled error with a header member and a nested structure ---------------

struct complex_nested_error_data {
    std::optional<std::string> foo{};
    static constexpr shape_info shape{.name = "ComplexNestedErrorData"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Foo", .wire = "Foo"}, &complex_nested_error_data::foo);
    }
};

struct complex_error : service_error {
    using service_error::service_error;
    std::optional<std::string> header{};
    std::optional<std::string> top_level{};
    std::optional<complex_nested_error_data> nested{};
    static constexpr shape_info shape{.name = "ComplexError", .error_status = 403};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Header", .wire = "X-Header", .where = location::header}, &complex_error::header);
        f(member_info{.name = "TopLevel", .wire = "TopLevel"}, &complex_error::top_level);
        f(member_info{.name = "Nested", .wire = "Nested"}, &complex_error::nested);
    }
};
constexpr operation_info greeting_info{.name = "GreetingWithErrors", .method = "PUT", .uri = "/GreetingWithErrors"};
using greeting = op<greeting_info, empty_shape, empty_shape, type_list<complex_error>>;

} // namespace

// ---------------------------------------------------------------------------

TEST_CASE("rest_xml features: lists, wrapped, renamed, nested, flattened and empty")
{
    harness h(svc);
    auto r = h.prepare<xml_lists>({.string_list = std::vector<std::string>{},
                                   .integer_list = {1, 2},
                                   .boolean_list = {true, false},
                                   .timestamp_list = {at(1398796238), at(1398796238, 5)},
                                   .enum_list = {"Foo", "0"},
                                   .nested_string_list = {{"foo", "bar"}, {"baz"}},
                                   .renamed_list_members = {"foo", "bar"},
                                   .flattened_list = {"hi", "bye"},
                                   .flattened_list2 = {"yep"},
                                   .structure_list = {{.a = "1", .b = "2"}},
                                   .flattened_structure_list = {{.a = "5"}, {.b = "8"}}});
    REQUIRE(r);
    CHECK(header(*r, "Content-Type") == "application/xml");
    CHECK(canonical_xml(r->body) ==
          canonical_xml("<XmlListsRequest><stringList></stringList>"
                        "<integerList><member>1</member><member>2</member></integerList>"
                        "<booleanList><member>true</member><member>false</member></booleanList>"
                        "<timestampList><member>2014-04-29T18:30:38Z</member>"
                        "<member>2014-04-29T18:30:38.005Z</member></timestampList>"
                        "<enumList><member>Foo</member><member>0</member></enumList>"
                        "<nestedStringList><member><member>foo</member><member>bar</member></member>"
                        "<member><member>baz</member></member></nestedStringList>"
                        "<renamed><item>foo</item><item>bar</item></renamed>"
                        "<flattenedList>hi</flattenedList><flattenedList>bye</flattenedList>"
                        "<customName>yep</customName>"
                        "<myStructureList><item><value>1</value><other>2</other></item></myStructureList>"
                        "<flattenedStructureList><value>5</value></flattenedStructureList>"
                        "<flattenedStructureList><other>8</other></flattenedStructureList>"
                        "</XmlListsRequest>"));

    // Plain vectors that are empty are not sent; an optional one that is set but empty is.
    auto bare = h.prepare<xml_lists>({});
    REQUIRE(bare);
    CHECK(bare->body.empty());

    auto out = h.finish<xml_lists>(response(
        200, "<XmlListsResponse><stringList/><integerList><member>1</member><member>2</member></integerList>"
             "<booleanList><member>true</member><member>false</member></booleanList>"
             "<timestampList><member>2014-04-29T18:30:38Z</member><member>1398796238.5</member></timestampList>"
             "<enumList><member>Foo</member><member>0</member></enumList>"
             "<nestedStringList><member><member>foo</member><member>bar</member></member>"
             "<member><member>baz</member><member>qux</member></member></nestedStringList>"
             "<renamed><item>foo</item><item>bar</item></renamed>"
             "<flattenedList>hi</flattenedList><flattenedList>bye</flattenedList>"
             "<customName>yep</customName><customName>nope</customName>"
             "<myStructureList><item><value>1</value><other>2</other></item>"
             "<item><value>3</value><other>4</other></item></myStructureList>"
             "<flattenedStructureList><value>5</value><other>6</other></flattenedStructureList>"
             "<flattenedStructureList><value>7</value><other>8</other></flattenedStructureList>"
             "</XmlListsResponse>"));
    REQUIRE(out);
    REQUIRE(out->string_list);
    CHECK(out->string_list->empty());
    CHECK(out->integer_list == std::vector<int>{1, 2});
    CHECK(out->boolean_list == std::vector<bool>{true, false});
    CHECK(out->timestamp_list == std::vector<timestamp>{at(1398796238), at(1398796238, 500)});
    CHECK(out->enum_list.size() == 2);
    CHECK(out->nested_string_list ==
          std::vector<std::vector<std::string>>{{"foo", "bar"}, {"baz", "qux"}});
    CHECK(out->renamed_list_members == std::vector<std::string>{"foo", "bar"});
    CHECK(out->flattened_list == std::vector<std::string>{"hi", "bye"});
    CHECK(out->flattened_list2 == std::vector<std::string>{"yep", "nope"});
    REQUIRE(out->structure_list.size() == 2);
    CHECK(out->structure_list[1].b == "4");
    REQUIRE(out->flattened_structure_list.size() == 2);
    CHECK(out->flattened_structure_list[1].a == "7");
}

TEST_CASE("rest_xml features: maps, wrapped with key/value names, flattened, nested, empty")
{
    harness h(svc);
    auto r = h.prepare<xml_maps>({.my_map = std::map<std::string, greeting_struct>{{"foo", {.hi = "there"}}},
                                  .named_map = {{"baz", {.hi = "bye"}}},
                                  .flat_map = {{"a", "A"}, {"b", "B"}},
                                  .nested_map = {{"foo", {{"bar", "Bar"}}}}});
    REQUIRE(r);
    CHECK(canonical_xml(r->body) ==
          canonical_xml("<XmlMapsInputOutput>"
                        "<myMap><entry><key>foo</key><value><hi>there</hi></value></entry></myMap>"
                        "<namedMap><entry><Attribute>baz</Attribute><Setting><hi>bye</hi></Setting></entry></namedMap>"
                        "<KVP><K>a</K><V>A</V></KVP><KVP><K>b</K><V>B</V></KVP>"
                        "<nestedMap><entry><key>foo</key><value><entry><key>bar</key><value>Bar</value></entry>"
                        "</value></entry></nestedMap></XmlMapsInputOutput>"));

    auto out = h.finish<xml_maps>(response(
        200, "<XmlMapsResponse><myMap/>"
             "<namedMap><entry><Attribute>baz</Attribute><Setting><hi>bye</hi></Setting></entry></namedMap>"
             "<KVP xmlns=\"https://the-member.example.com\"><K xmlns=\"https://the-key.example.com\">a</K>"
             "<V xmlns=\"https://the-value.example.com\">A</V></KVP><KVP><K>b</K><V>B</V></KVP>"
             "<nestedMap><entry><key>foo</key><value><entry><key>bar</key><value>Bar</value></entry></value>"
             "</entry></nestedMap></XmlMapsResponse>"));
    REQUIRE(out);
    REQUIRE(out->my_map);
    CHECK(out->my_map->empty());
    CHECK(out->named_map.at("baz").hi == "bye");
    CHECK(out->flat_map == std::map<std::string, std::string>{{"a", "A"}, {"b", "B"}});
    CHECK(out->nested_map.at("foo").at("bar") == "Bar");

    auto bad = h.finish<xml_maps>(response(200, "<R><namedMap><entry><Setting/></entry></namedMap></R>"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "response namedMap: a map entry without <Attribute>");
}

TEST_CASE("rest_xml features: attributes, namespaces and the root element's name")
{
    harness h(svc);
    auto a = h.prepare<attrs_on_payload>({.payload = attrs_payload{.foo = "hi", .attr = "<test&mock>"}});
    REQUIRE(a);
    CHECK(a->body == "<XmlAttributesPayloadRequest test=\"&lt;test&amp;mock&gt;\"><foo>hi</foo>"
                     "</XmlAttributesPayloadRequest>");
    auto ar = h.finish<attrs_on_payload>(
        response(200, "<XmlAttributesPayloadResponse test=\"test\"><foo>hi</foo></XmlAttributesPayloadResponse>"));
    REQUIRE(ar);
    CHECK(ar->payload->attr == "test");
    CHECK(ar->payload->foo == "hi");

    auto n = h.prepare<namespaces>({.nested = namespace_nested{.foo = "Foo", .values = {"Bar", "Baz"}}});
    REQUIRE(n);
    CHECK(canonical_xml(n->body) ==
          canonical_xml("<XmlNamespacesRequest xmlns=\"http://foo.com\"><nested xmlns=\"http://foo.com\">"
                        "<foo xmlns:baz=\"http://baz.com\">Foo</foo><values xmlns=\"http://qux.com\">"
                        "<member>Bar</member><member>Baz</member></values></nested></XmlNamespacesRequest>"));
    auto nr = h.finish<namespaces>(response(
        200, "<XmlNamespacesResponse xmlns=\"http://foo.com\"><nested xmlns=\"http://foo.com\">"
             "<baz:foo xmlns:baz=\"http://baz.com\">Foo</baz:foo><values xmlns=\"http://qux.com\">"
             "<member xmlns=\"http://bux.com\">Bar</member><member>Baz</member></values></nested>"
             "</XmlNamespacesResponse>"));
    REQUIRE(nr);
    CHECK(nr->nested->foo == "Foo");
    CHECK(nr->nested->values == std::vector<std::string>{"Bar", "Baz"});

    // The shape's own locationName names the root; then the input's; then the shape.
    auto b = h.prepare<body_with_xml_name>({.nested = payload_with_xml_name{.name = "Phreddy"}});
    REQUIRE(b);
    CHECK(b->body == "<Ahoy><nested><name>Phreddy</name></nested></Ahoy>");
    // A payload member's own locationName beats the structure's.
    auto m = h.prepare<member_xml_name>({.nested = payload_with_xml_name{.name = "Phreddy"}});
    REQUIRE(m);
    CHECK(m->body == "<Hola xmlns:baz=\"http://foo.com\"><name>Phreddy</name></Hola>");
    auto mr = h.finish<member_xml_name>(response(200, "<Hello><name>Phreddy</name></Hello>"));
    REQUIRE(mr);
    CHECK(mr->nested->name == "Phreddy");
}

TEST_CASE("rest_xml features: URI labels, query strings and headers, timestamps per location")
{
    harness h(svc);
    auto r = h.prepare<bindings>({.label = " %:/?#[]@!$&'()*+,;=😹",
                                  .time_label = at(1576540098),
                                  .epoch_label = at(1576540098),
                                  .query_string = "Hello there",
                                  .empty = "",
                                  .query_list = {"a", "b"},
                                  .query_bool = false,
                                  .query_double = std::nan(""),
                                  .query_time = at(1576540098),
                                  .query_http_date = at(1576540098),
                                  .query_map = {{"String", "ignored"}, {"K", "v"}},
                                  .query_list_map = {{"baz", {"bar", "qux"}}},
                                  .header_default = at(1576540098),
                                  .header_iso = at(1576540098),
                                  .header_epoch = at(1576540098, 250),
                                  .header_time_list = {at(1576540098), at(1576540098)},
                                  .header_string_list = {"a", "b,c", "d\"e"},
                                  .header_bool_list = {true, false},
                                  .header_double = -INFINITY,
                                  .header_json = boost::json::value{{"k", "v"}},
                                  .prefix_headers = {{"abc", "Abc value"}}});
    REQUIRE(r);
    CHECK(r->url.path == "/Bindings/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9/"
                         "2019-12-16T23%3A48%3A18Z/1576540098");
    CHECK(r->url.query == "literal=1&flag&String=Hello%20there&Empty=&List=a&List=b&Boolean=false&Double=NaN"
                          "&Timestamp=2019-12-16T23%3A48%3A18Z&HttpDate=Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT"
                          "&K=v&baz=bar&baz=qux");
    CHECK(header(*r, "X-Default") == "Mon, 16 Dec 2019 23:48:18 GMT");
    CHECK(header(*r, "X-Iso") == "2019-12-16T23:48:18Z");
    CHECK(header(*r, "X-Epoch") == "1576540098.25");
    CHECK(header(*r, "X-TimestampList") == "Mon, 16 Dec 2019 23:48:18 GMT,Mon, 16 Dec 2019 23:48:18 GMT");
    CHECK(header(*r, "X-StringList") == "a,\"b,c\",\"d\\\"e\"");
    CHECK(header(*r, "X-BooleanList") == "true,false");
    CHECK(header(*r, "X-Double") == "-Infinity");
    CHECK(header(*r, "X-Json") == "eyJrIjoidiJ9");
    CHECK(header(*r, "X-Foo-abc") == "Abc value");

    auto missing = h.prepare<bindings>({.label = "x"});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().to_string() == "Bindings: timeLabel: missing required parameter (a URI label)");

    auto out = h.finish<bindings>(response(201, "",
                                           {{"X-Default", "Mon, 16 Dec 2019 23:48:18 GMT"},
                                            {"X-Epoch", "1576540098.25"},
                                            {"X-TimestampList", "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT"},
                                            {"X-StringList", "a, \"b,c\", \"d\\\"e\",f"},
                                            {"X-BooleanList", "true, false, true"},
                                            {"X-IntegerList", "1, 2, 3"},
                                            {"X-Double", "NaN"},
                                            {"X-Json", "eyJrIjoidiJ9"}}));
    REQUIRE(out);
    CHECK(out->status == 201);
    CHECK(out->header_default == at(1576540098));
    CHECK(out->header_epoch == at(1576540098, 250));
    CHECK(out->header_time_list == std::vector<timestamp>{at(1576540098), at(1576540099)});
    CHECK(out->header_string_list == std::vector<std::string>{"a", "b,c", "d\"e", "f"});
    CHECK(out->header_bool_list == std::vector<bool>{true, false, true});
    CHECK(out->header_int_list == std::vector<int>{1, 2, 3});
    CHECK(std::isnan(*out->header_double));
    CHECK(out->header_json->at("k") == "v");
    // No prefixed headers: an empty map, as botocore.
    REQUIRE(out->prefix_headers);
    CHECK(out->prefix_headers->empty());

    auto bad = h.finish<bindings>(response(200, "", {{"X-IntegerList", "1, two"}}));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "response headerIntList: not an integer: \"two\"");
    auto bad_json = h.finish<bindings>(response(200, "", {{"X-Json", "e30"}}));
    REQUIRE_FALSE(bad_json);
    CHECK(bad_json.error().message == "response headerJson: not base64-encoded JSON: \"e30\"");
}

TEST_CASE("rest_xml features: host prefixes and idempotency tokens")
{
    harness h(svc, "https://example.com");
    auto r = h.prepare<host_label>({.account_id = "bar"});
    REQUIRE(r);
    CHECK(r->url.host == "bar.example.com");
    CHECK(header(*r, "X-Amz-Account-Id") == "bar");
    // An unset idempotency token is filled with a fresh UUID.
    std::regex const uuid("token=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    CHECK(std::regex_match(r->url.query, uuid));
    auto again = h.prepare<host_label>({.account_id = "bar"});
    CHECK(again->url.query != r->url.query);
    auto given = h.prepare<host_label>({.account_id = "bar", .token = "00000000-0000-4000-8000-000000000000"});
    CHECK(given->url.query == "token=00000000-0000-4000-8000-000000000000");

    auto bad = h.prepare<host_label>({.account_id = "a/b"});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::invalid_parameter);
    CHECK(bad.error().message == "accountId: \"a/b\" is not a valid host label (letters, digits, '-' and '.' only)");

    // An IP address takes no prefix.
    harness local(svc, "http://127.0.0.1:8080");
    CHECK(local.prepare<host_label>({.account_id = "bar"})->url.host == "127.0.0.1");
}

TEST_CASE("rest_xml features: scalars, blobs and timestamps in the body")
{
    harness h(svc);
    auto r = h.prepare<scalars>({.string_value = "  <string> ",
                                 .true_boolean_value = true,
                                 .byte_value = 1,
                                 .long_value = -4,
                                 .float_value = 5.5f,
                                 .double_value = 6.5,
                                 .data = blob{"value"},
                                 .normal = at(1398796238),
                                 .epoch_seconds = at(1398796238),
                                 .http_date = at(1398796238)});
    REQUIRE(r);
    CHECK(r->body == "<SimpleScalarPropertiesRequest><stringValue>  &lt;string&gt; </stringValue>"
                     "<trueBooleanValue>true</trueBooleanValue><byteValue>1</byteValue><longValue>-4</longValue>"
                     "<floatValue>5.5</floatValue><DoubleDribble>6.5</DoubleDribble><data>dmFsdWU=</data>"
                     "<normal>2014-04-29T18:30:38Z</normal><epochSeconds>1398796238</epochSeconds>"
                     "<httpDate>Tue, 29 Apr 2014 18:30:38 GMT</httpDate></SimpleScalarPropertiesRequest>");

    auto out = h.finish<scalars>(response(
        200, "<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<SimpleScalarPropertiesResponse>\n"
             "    <![CDATA[characters representing CDATA]]>\n"
             "    <stringValue>escaped data: &amp;lt;&#xD;&#10;</stringValue>\n    <!--xml comment-->\n"
             "    <trueBooleanValue>true</trueBooleanValue><byteValue>-128</byteValue>"
             "<longValue>9223372036854775807</longValue><floatValue>Infinity</floatValue>"
             "<DoubleDribble>-1.5e3</DoubleDribble><data>dm Fs\ndWU=</data>"
             "<normal>2019-12-16T22:48:18-01:00</normal><epochSeconds>1398796238</epochSeconds>"
             "<httpDate>Tue, 29 Apr 2014 18:30:38 GMT</httpDate></SimpleScalarPropertiesResponse>"));
    REQUIRE(out);
    CHECK(out->string_value == "escaped data: &lt;\r\n");
    CHECK(out->true_boolean_value == true);
    CHECK(out->byte_value == -128);
    CHECK(out->long_value == 9223372036854775807);
    CHECK(std::isinf(*out->float_value));
    CHECK(out->double_value == -1500.0);
    CHECK(out->data->bytes == "value");
    CHECK(out->normal == at(1576540098));
    CHECK(out->epoch_seconds == at(1398796238));
    CHECK(out->http_date == at(1398796238));

    auto ws = h.finish<scalars>(response(200, "<R><stringValue>  </stringValue><data></data></R>"));
    REQUIRE(ws);
    CHECK(ws->string_value == "  ");
    CHECK(ws->data->bytes.empty());

    auto why = [&](std::string body) {
        auto r = h.finish<scalars>(response(200, std::move(body)));
        return r ? std::string("<ok>") : r.error().message;
    };
    CHECK(why("<R><data>not base64!</data></R>") == "response data: not base64: \"not base64!\"");
    CHECK(why("<R><byteValue>128</byteValue></R>") == "response byteValue: integer out of range");
    CHECK(why("<R><longValue>9223372036854775808</longValue></R>") ==
          "response longValue: not an integer: \"9223372036854775808\"");
    CHECK(why("<R><floatValue>1,5</floatValue></R>") == "response floatValue: not a number: \"1,5\"");
    CHECK(why("<R><normal>2019-13-01T00:00:00Z</normal></R>") ==
          "response normal: not a timestamp: \"2019-13-01T00:00:00Z\"");
}

TEST_CASE("rest_xml features: raw string and blob payloads")
{
    harness h(svc);
    auto r = h.prepare<string_payload>({.foo = "Foo", .payload = "rawstring"});
    REQUIRE(r);
    CHECK(r->body == "rawstring");
    CHECK(header(*r, "X-Foo") == "Foo");
    CHECK_FALSE(r->headers.contains("Content-Type"));
    auto out = h.finish<string_payload>(response(200, "<not>parsed</not>", {{"X-Foo", "Foo"}}));
    REQUIRE(out);
    CHECK(out->payload == "<not>parsed</not>");

    auto b = h.prepare<blob_payload>({.blob_ = blob{std::string("\0\1\2", 3)}});
    REQUIRE(b);
    CHECK(b->body == std::string("\0\1\2", 3));
    auto none = h.finish<blob_payload>(response(200, ""));
    REQUIRE(none);
    CHECK_FALSE(none->blob_);
}

TEST_CASE("rest_xml features: every validation rule")
{
    harness h(svc);
    auto msg = [&](rules_input const& in) {
        auto r = h.prepare<rules>(in);
        return r ? std::string("<ok>") : r.error().message;
    };
    CHECK(msg({}) == "<ok>");
    CHECK(msg({.nested = rules_nested{}}) == "Nested.Must: missing required parameter");
    CHECK(msg({.nested = rules_nested{.must = "x", .count = 0}}) == "Nested.Count: value 0 is less than the minimum 1");
    CHECK(msg({.nested = rules_nested{.must = "x", .count = 11}}) ==
          "Nested.Count: value 11 is greater than the maximum 10");
    CHECK(msg({.tags = {"a", "b", "c"}}) == "Tags: length 3 is greater than the maximum 2");
    CHECK(msg({.ratio = 1.5}) == "Ratio: value 1.5 is greater than the maximum 1");
    CHECK(msg({.data = blob{"abcd"}}) == "Data: length 4 is greater than the maximum 3");
    // Lengths of strings count characters, not bytes (botocore).
    CHECK(msg({.name = "üüü"}) == "<ok>");
    CHECK(msg({.name = "abcd"}) == "Name: length 4 is greater than the maximum 3");
    CHECK(msg({.choice = rules_union{}}) == "Choice: exactly one member of the union must be set, not 0");
    CHECK(msg({.choice = rules_union{.string_value = "a", .boolean_value = true}}) ==
          "Choice: exactly one member of the union must be set, not 2");
    CHECK(msg({.choice = rules_union{.boolean_value = false}}) == "<ok>");
    // A map given explicitly is checked even when empty; a plain empty one counts as not given.
    CHECK(msg({.labels = {}}) == "<ok>");
    auto r = h.prepare<rules>({.tags = {"a", "b", "c"}, .name = "abcd"});
    REQUIRE_FALSE(r);
    CHECK(r.error().to_string() == "Rules: Tags: length 3 is greater than the maximum 2\n"
                                   "Name: length 4 is greater than the maximum 3");
}

TEST_CASE("rest_xml features: recursive shapes through boxed")
{
    harness h(svc);
    recursive_shape inner{.foo = "Foo2"};
    recursive_shape outer{.foo = "Foo1", .nested = boxed<recursive_shape>(inner)};
    auto r = h.prepare<recursive>({.nested = outer});
    REQUIRE(r);
    CHECK(r->body == "<RecursiveShapesRequest><nested><foo>Foo1</foo><nested><foo>Foo2</foo></nested></nested>"
                     "</RecursiveShapesRequest>");
    auto out = h.finish<recursive>(response(200, r->body));
    REQUIRE(out);
    CHECK((*out->nested->nested)->foo == "Foo2");
}

TEST_CASE("rest_xml features: a modeled error with header and nested members (ErrorResponse form)")
{
    harness h(svc);
    auto r = h.finish<greeting>(response(403,
                                         "<ErrorResponse>\n   <Error>\n      <Type>Sender</Type>\n"
                                         "      <Code>ComplexError</Code>\n      <Message>Hi</Message>\n"
                                         "      <TopLevel>Top level</TopLevel>\n"
                                         "      <Nested>\n          <Foo>bar</Foo>\n      </Nested>\n   </Error>\n"
                                         "   <RequestId>foo-id</RequestId>\n</ErrorResponse>\n",
                                         {{"X-Header", "Header"}}));
    REQUIRE_FALSE(r);
    CHECK(r.error().request_id == "foo-id");
    try {
        throw_error(r.error());
    } catch (complex_error const& e) {
        CHECK(e.header == "Header");
        CHECK(e.top_level == "Top level");
        CHECK(e.nested->foo == "bar");
        CHECK(e.aws_code() == "ComplexError");
        CHECK(std::string(e.what()).starts_with("GreetingWithErrors: ComplexError (HTTP 403): Hi [request id foo-id]"));
    }
}

namespace {

struct event_stream_output {
    std::optional<greeting_struct> events{};
    static constexpr shape_info shape{.name = "SelectObjectContentOutput", .payload = "Payload"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Payload", .wire = "Payload", .flags = mf::payload | mf::event_stream},
          &event_stream_output::events);
    }
};

} // namespace

TEST_CASE("rest_xml features: which payloads are documents")
{
    // Only a structure payload (or body members) makes the body a document that
    // S3's 200-with-error check may look at; an event stream is binary frames.
    STATIC_REQUIRE(protocol::detail::has_raw_payload<event_stream_output>());
    STATIC_REQUIRE(protocol::detail::has_raw_payload<blob_payload_io>());
    STATIC_REQUIRE(protocol::detail::has_raw_payload<string_payload_io>());
    STATIC_REQUIRE_FALSE(protocol::detail::has_raw_payload<attrs_on_payload_io>());
    STATIC_REQUIRE_FALSE(protocol::detail::has_raw_payload<scalars_io>());
}
