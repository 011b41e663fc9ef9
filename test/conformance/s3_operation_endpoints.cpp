// The operationInputs of S3's endpoint tests through the generated S3
// client's prepare_call (validation, serialization, endpoint resolution;
// nothing is sent). See operation_endpoints.hpp.
//   stratus-conformance-s3-operation-endpoints [-v] [FILE]
#include "operation_endpoints.hpp"

#include <stratus/services/s3.hpp>

namespace s3 = stratus::services::s3;
using namespace stratus::test::operation_endpoints;

namespace {

template <class Op>
stratus::result<call_target> prepare(stratus::client_context& ctx, typename Op::input const& in)
{
    auto cc = stratus::detail::make_call_context(ctx, Op::info);
    auto p = stratus::detail::prepare_call(cc, stratus::protocol::rest_xml::instance(), stratus::protocol::make_input(in),
                                           false);
    if (!p) return p.error();
    // The endpoint before the host prefix (WriteGetObjectResponse's
    // "{RequestRoute}."), which botocore too adds after resolution.
    auto url = p->request.url;
    if (!cc.host_prefix.empty() && url.host.starts_with(cc.host_prefix)) url.host.erase(0, cc.host_prefix.size());
    return call_target{url.to_string(), p->params.signing_name, p->params.signing_region,
                       p->params.double_uri_encode.value_or(true)};
}

std::optional<stratus::result<call_target>> dispatch(stratus::client_context& ctx, std::string const& op,
                                                     boost::json::object const& params)
{
    std::string bucket = text(params, "Bucket"), key = text(params, "Key");
    if (op == "GetObject") return prepare<s3::ops::get_object>(ctx, {.bucket = bucket, .key = key});
    if (op == "ListBuckets") return prepare<s3::ops::list_buckets>(ctx, {});
    if (op == "CreateBucket") return prepare<s3::ops::create_bucket>(ctx, {.bucket = bucket});
    if (op == "ListDirectoryBuckets") return prepare<s3::ops::list_directory_buckets>(ctx, {});
    if (op == "ListObjects") return prepare<s3::ops::list_objects>(ctx, {.bucket = bucket, .prefix = text(params, "Prefix")});
    if (op == "WriteGetObjectResponse")
        return prepare<s3::ops::write_get_object_response>(
            ctx, {.request_route = text(params, "RequestRoute"), .request_token = text(params, "RequestToken")});
    return std::nullopt;
}

} // namespace

int main(int argc, char** argv)
{
    return run(argc, argv, "s3", stratus::s3::info, dispatch);
}
