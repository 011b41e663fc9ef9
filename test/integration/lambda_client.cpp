// The generated Lambda client (rest-json: URI labels, query strings, JSON
// bodies with blobs, maps and nested structures, x-amzn-ErrorType errors)
// against moto. Plain moto, not moto-auth: moto-auth verifies Lambda's
// signatures only when x-amz-content-sha256 is signed
// (test/servers/moto-auth-survey.md), so it would refuse correctly signed
// requests. What moto 5.2 answers was checked with boto3 1.43 first.
#include "test_support.hpp"

#include <stratus/services/iam.hpp>
#include <stratus/services/lambda.hpp>

using stratus::iam;
using stratus::lambda;
using namespace stratus::test;
namespace lam = stratus::services::lambda;

namespace {

// The smallest valid zip archive: an end-of-central-directory record alone.
stratus::blob empty_zip()
{
    return stratus::blob{std::string("PK\x05\x06", 4) + std::string(18, '\0')};
}

std::string make_role(stratus::session const& s)
{
    auto r = s.client<iam>().create_role(
        {.role_name = unique_name("lambda-role"),
         .assume_role_policy_document = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                                        R"("Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})"});
    REQUIRE(r.role);
    return *r.role->arn;
}

} // namespace

TEST_CASE("lambda: create, read, tag, configure, list and delete a function")
{
    auto const s = make_session(moto_server());
    auto const c = s.client<lambda>();
    auto const name = unique_name("fn");

    lam::create_function_request req{.function_name = name, .role = make_role(s), .code = {.zip_file = empty_zip()}};
    req.runtime = "python3.11";
    req.handler = "index.handler";
    req.tags = {{"team", "storage"}};
    req.environment = lam::environment{.variables = std::map<std::string, std::string>{{"A", "1"}, {"B", "two words"}}};
    auto const created = c.create_function(req);
    REQUIRE(created.function_arn);
    CHECK(created.function_arn->ends_with(":function:" + name));
    CHECK(created.function_name == name);
    CHECK(created.runtime == "python3.11");
    CHECK(created.code_size == 22);

    // A URI label (the name), a JSON body back with nested maps.
    auto const got = c.get_function({.function_name = name});
    REQUIRE(got.configuration);
    REQUIRE(got.configuration->environment);
    CHECK(got.configuration->environment->variables ==
          std::map<std::string, std::string>{{"A", "1"}, {"B", "two words"}});
    CHECK(got.configuration->handler == "index.handler");

    // Tags: the ARN as a URI label (it holds ':'), a map in the body.
    c.tag_resource({.resource = *created.function_arn, .tags = {{"b", "2"}}});
    auto const tags = c.list_tags({.resource = *created.function_arn});
    CHECK(tags.tags == std::map<std::string, std::string>{{"b", "2"}, {"team", "storage"}});

    auto const updated = c.update_function_configuration({.function_name = name, .timeout = 30, .memory_size = 256});
    CHECK(updated.timeout == 30);
    CHECK(updated.memory_size == 256);

    // The paginator (Marker/NextMarker) sees it.
    bool listed = false;
    auto pages = c.get_paginator<lam::ops::list_functions>().paginate({});
    for (auto const& f : pages.items())
        if (f.function_name == name) listed = true;
    CHECK(listed);

    c.delete_function({.function_name = name});
    auto const gone = thrown<lam::resource_not_found_exception>([&] { c.get_function({.function_name = name}); });
    REQUIRE(gone);
    CHECK(gone->aws_code() == "ResourceNotFoundException");
    CHECK(gone->http_status() == 404);
    CHECK(std::string(gone->what()).find(name) != std::string::npos);
}

TEST_CASE("lambda: bad input is refused before anything is sent")
{
    auto const c = make_session(moto_server()).client<lambda>();
    // FunctionName has a minimum length of 1 in the model.
    auto const empty = thrown<stratus::client_error>([&] { c.get_function({.function_name = ""}); });
    REQUIRE(empty);
    CHECK(empty->info().code == stratus::errc::invalid_parameter);
    CHECK(empty->info().message.find("FunctionName") != std::string::npos);
}
