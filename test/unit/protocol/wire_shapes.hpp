// Hand-written shapes in generated form (model.hpp) for the json, rest-json,
// query and ec2 engine tests: one input and one output that between them use
// every member kind, a modeled error, and the operations that carry them.
#ifndef STRATUS_TEST_UNIT_PROTOCOL_WIRE_SHAPES_HPP
#define STRATUS_TEST_UNIT_PROTOCOL_WIRE_SHAPES_HPP

#include <stratus/error.hpp>
#include <stratus/model.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wire {

using namespace stratus;

struct tag {
    std::optional<std::string> key{};
    std::optional<std::string> value{};
    static constexpr shape_info shape{.name = "Tag"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Key", .wire = "Key"}, &tag::key);
        f(member_info{.name = "Value", .wire = "Value"}, &tag::value);
    }
};

struct put_request {
    required<std::string> name;
    std::optional<std::int32_t> count{};
    std::optional<double> ratio{};
    std::optional<bool> enabled{};
    std::optional<timestamp> at{};
    std::optional<blob> data{};
    std::optional<std::vector<std::string>> names{};
    std::optional<std::vector<std::string>> flat_names{};
    std::optional<std::vector<tag>> tags{};
    std::optional<std::map<std::string, std::string>> attributes{};
    std::optional<tag> only{};
    std::optional<std::string> token{};
    std::optional<std::string> group_name{};
    std::optional<std::string> header_value{};
    std::optional<std::string> id{};
    static constexpr shape_info shape{.name = "PutRequest"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Name", .wire = "Name", .flags = member_flags::required}, &put_request::name);
        f(member_info{.name = "Count", .wire = "Count"}, &put_request::count);
        f(member_info{.name = "Ratio", .wire = "Ratio"}, &put_request::ratio);
        f(member_info{.name = "Enabled", .wire = "Enabled"}, &put_request::enabled);
        f(member_info{.name = "At", .wire = "At"}, &put_request::at);
        f(member_info{.name = "Data", .wire = "Data"}, &put_request::data);
        f(member_info{.name = "Names", .wire = "Names"}, &put_request::names);
        f(member_info{.name = "FlatNames", .wire = "FlatNames", .flags = member_flags::flattened, .item = "Item"},
          &put_request::flat_names);
        f(member_info{.name = "Tags", .wire = "Tags"}, &put_request::tags);
        f(member_info{.name = "Attributes", .wire = "Attributes", .key = "Name", .value = "Value"},
          &put_request::attributes);
        f(member_info{.name = "Only", .wire = "Only"}, &put_request::only);
        f(member_info{.name = "Token", .wire = "Token", .flags = member_flags::idempotency_token}, &put_request::token);
        f(member_info{.name = "GroupName", .wire = "groupName", .query_name = "GroupId"}, &put_request::group_name);
        f(member_info{.name = "HeaderValue", .wire = "X-Value", .where = location::header}, &put_request::header_value);
        f(member_info{.name = "Id", .wire = "Id", .where = location::uri}, &put_request::id);
    }
};

struct get_output {
    std::optional<std::string> name{};
    std::optional<std::int32_t> count{};
    std::optional<double> ratio{};
    std::optional<timestamp> at{};
    std::optional<blob> data{};
    std::vector<tag> tags{};
    std::map<std::string, std::int64_t> sizes{};
    std::optional<std::string> header_value{};
    static constexpr shape_info shape{.name = "GetOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Name", .wire = "Name"}, &get_output::name);
        f(member_info{.name = "Count", .wire = "Count"}, &get_output::count);
        f(member_info{.name = "Ratio", .wire = "Ratio"}, &get_output::ratio);
        f(member_info{.name = "At", .wire = "At"}, &get_output::at);
        f(member_info{.name = "Data", .wire = "Data"}, &get_output::data);
        f(member_info{.name = "Tags", .wire = "Tags"}, &get_output::tags);
        f(member_info{.name = "Sizes", .wire = "Sizes"}, &get_output::sizes);
        f(member_info{.name = "HeaderValue", .wire = "X-Value", .where = location::header}, &get_output::header_value);
    }
};

struct not_found : service_error {
    using service_error::service_error;
    std::optional<std::string> resource{};
    static constexpr shape_info shape{.name = "NotFound", .error_code = "AWS.Simple.NotFound", .error_status = 404};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Resource", .wire = "Resource"}, &not_found::resource);
    }
};

namespace ops {
struct put {
    static constexpr operation_info info{.name = "Put", .method = "POST", .uri = "/things/{Id}"};
    using input = put_request;
    using output = empty_shape;
    using errors = type_list<not_found>;
};
struct put_rpc {
    static constexpr operation_info info{.name = "Put", .method = "POST", .uri = "/"};
    using input = put_request;
    using output = empty_shape;
    using errors = type_list<not_found>;
};
struct get {
    static constexpr operation_info info{.name = "Get", .method = "GET", .uri = "/", .result_wrapper = "GetResult"};
    using input = empty_shape;
    using output = get_output;
    using errors = type_list<not_found>;
};
struct compressed {
    static constexpr operation_info info{.name = "Put", .method = "POST", .uri = "/", .request_compression = true};
    using input = put_request;
    using output = empty_shape;
    using errors = type_list<>;
};
} // namespace ops

} // namespace wire

#endif
