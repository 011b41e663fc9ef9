// The operationInputs of S3's endpoint tests (testdata/models/s3/*/
// endpoint-tests-1.json) through the generated S3 client: each case's
// builtInParams become client options, its operationParams a typed request,
// and the request the client would send (prepare_call: validation,
// serialization, endpoint resolution; nothing is sent) must go to the
// expected endpoint, signed for the expected name and region, or fail with
// the rule set's expected error. This checks what scripts/conformance
// endpoints cannot: the binding of contextParam members (Bucket), static
// context params and client settings to rule-set parameters, and how the
// endpoint joins the operation's path.
//   stratus-conformance-s3-operation-endpoints [-v] [FILE]
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;
namespace json = boost::json;
namespace s3 = stratus::services::s3;

namespace {

std::optional<fs::path> default_file()
{
    for (char const* var : {"STRATUS_TESTDATA", "STRATUS_TESTDATA_DEFAULT"}) {
        char const* root = std::getenv(var);
        if (!root || !*root) continue;
        std::error_code ec;
        for (auto const& e : fs::directory_iterator(fs::path(root) / "models" / "s3", ec))
            if (fs::exists(e.path() / "endpoint-tests-1.json")) return e.path() / "endpoint-tests-1.json";
    }
    return std::nullopt;
}

struct outcome {
    enum { pass, fail, skip } kind = pass;
    std::string why{};
};

std::string text(json::object const& o, std::string_view k)
{
    auto const* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->get_string()) : std::string{};
}

// builtInParams as the client options a boto3 user would set.
outcome options_for(json::object const& builtins, stratus::client_options& o)
{
    // A builtIn the case leaves out takes the rule set's default; for
    // UseGlobalEndpoint that is false, while a client's default
    // (us_east_1_regional_endpoint "legacy", as in botocore) makes it true
    // in us-east-1.
    o.s3.us_east_1_regional_endpoint = true;
    for (auto const& [k, v] : builtins) {
        if (k == "AWS::Region") o.region_name = std::string(v.as_string());
        else if (k == "AWS::UseFIPS") o.use_fips_endpoint = v.as_bool();
        else if (k == "AWS::UseDualStack") o.use_dualstack_endpoint = v.as_bool();
        else if (k == "SDK::Endpoint") o.endpoint_url = std::string(v.as_string());
        else if (k == "AWS::S3::ForcePathStyle")
            o.s3.addressing_style = v.as_bool() ? stratus::s3_addressing_style::path
                                                : stratus::s3_addressing_style::automatic;
        else if (k == "AWS::S3::Accelerate") o.s3.use_accelerate_endpoint = v.as_bool();
        else if (k == "AWS::S3::UseArnRegion") o.s3.use_arn_region = v.as_bool();
        else if (k == "AWS::S3::DisableMultiRegionAccessPoints") o.s3.disable_multiregion_access_points = v.as_bool();
        else if (k == "AWS::S3::UseGlobalEndpoint") o.s3.us_east_1_regional_endpoint = !v.as_bool();
        else return {outcome::skip, "builtIn " + std::string(k) + " has no client option"};
    }
    return {};
}

template <class Op>
stratus::result<stratus::detail::prepared_call> prepare(stratus::client_context& ctx, typename Op::input const& in,
                                                        std::string& host_prefix)
{
    auto cc = stratus::detail::make_call_context(ctx, Op::info);
    auto r = stratus::detail::prepare_call(cc, stratus::protocol::rest_xml::instance(), stratus::protocol::make_input(in),
                                           false);
    host_prefix = cc.host_prefix;
    return r;
}

outcome run(json::object const& tc, json::object const& input, stratus::session const& session)
{
    stratus::client_options opts;
    if (auto const* b = input.if_contains("builtInParams")) {
        auto o = options_for(b->as_object(), opts);
        if (o.kind != outcome::pass) return o;
    }
    // botocore ignores UseFIPS and UseDualStack when an endpoint_url is set
    // (compute_endpoint_resolver_builtin_defaults), and so does stratus: the
    // rule set's "FIPS and custom endpoint are not supported" error cannot
    // arise through a client; the parameters-only runner covers it.
    if (opts.endpoint_url && (opts.use_fips_endpoint.value_or(false) || opts.use_dualstack_endpoint.value_or(false)))
        return {outcome::skip, "FIPS or dual-stack with an endpoint_url: botocore ignores both"};
    auto ctx = session.make_client_context(stratus::s3::info, opts);
    std::string const op = text(input, "operationName");
    json::object params = input.contains("operationParams") ? input.at("operationParams").as_object() : json::object{};
    auto const& expect = tc.at("expect").as_object();
    if (!ctx) {
        if (expect.contains("error")) return {};
        return {outcome::fail, "client: " + ctx.error().message};
    }
    std::string bucket = text(params, "Bucket"), key = text(params, "Key"), host_prefix;
    stratus::result<stratus::detail::prepared_call> p = stratus::error_info{};
    if (op == "GetObject") p = prepare<s3::ops::get_object>(**ctx, {.bucket = bucket, .key = key}, host_prefix);
    else if (op == "ListBuckets") p = prepare<s3::ops::list_buckets>(**ctx, {}, host_prefix);
    else if (op == "CreateBucket") p = prepare<s3::ops::create_bucket>(**ctx, {.bucket = bucket}, host_prefix);
    else if (op == "ListDirectoryBuckets") p = prepare<s3::ops::list_directory_buckets>(**ctx, {}, host_prefix);
    else if (op == "ListObjects")
        p = prepare<s3::ops::list_objects>(**ctx, {.bucket = bucket, .prefix = text(params, "Prefix")}, host_prefix);
    else if (op == "WriteGetObjectResponse")
        p = prepare<s3::ops::write_get_object_response>(
            **ctx, {.request_route = text(params, "RequestRoute"), .request_token = text(params, "RequestToken")},
            host_prefix);
    else return {outcome::skip, "operation " + op + " is not wired into this runner"};

    if (auto const* err = expect.if_contains("error")) {
        if (p) return {outcome::fail, "expected error \"" + std::string(err->as_string()) + "\", got " + p->request.url.to_string()};
        if (p.error().message != err->as_string())
            return {outcome::fail, "expected error \"" + std::string(err->as_string()) + "\", got \"" + p.error().message + "\""};
        return {};
    }
    auto const& ep = expect.at("endpoint").as_object();
    if (!p) {
        // Endpoints signed with a scheme stratus lacks: the client must say
        // so, naming the scheme and the (correctly resolved) endpoint.
        std::string scheme;
        if (auto const* props = ep.if_contains("properties"))
            if (auto const* schemes = props->as_object().if_contains("authSchemes"))
                scheme = text(schemes->as_array().at(0).as_object(), "name");
        if ((scheme == "sigv4a" || scheme == "sigv4-s3express") && p.error().code == stratus::errc::unsupported &&
            p.error().message.find(scheme) != std::string::npos &&
            p.error().message.find(text(ep, "url")) != std::string::npos)
            return {outcome::skip, "auth scheme " + scheme + " is not supported yet (the endpoint resolved as expected)"};
        // botocore's validate_bucket_name refuses these names before any
        // endpoint is resolved, and so does stratus, with a typed error.
        if (p.error().code == stratus::errc::invalid_parameter && p.error().message.starts_with("Bucket:"))
            return {outcome::skip, "bucket name \"" + bucket + "\" fails botocore's validate_bucket_name (invalid_parameter)"};
        return {outcome::fail, "error: " + p.error().message};
    }
    // The endpoint before the host prefix (WriteGetObjectResponse's
    // "{RequestRoute}."), which botocore too adds after resolution.
    auto url = p->request.url;
    if (!host_prefix.empty() && url.host.starts_with(host_prefix)) url.host.erase(0, host_prefix.size());
    std::string got = url.to_string(), want = text(ep, "url");
    bool prefix_ok = got.starts_with(want) &&
                     (got.size() == want.size() || want.back() == '/' || got[want.size()] == '/' || got[want.size()] == '?');
    if (!prefix_ok) return {outcome::fail, "expected a request to " + want + ", got " + got};
    // The signer follows authSchemes[0] when it is sigv4.
    if (auto const* props = ep.if_contains("properties"))
        if (auto const* schemes = props->as_object().if_contains("authSchemes")) {
            auto const& first = schemes->as_array().at(0).as_object();
            if (text(first, "name") == "sigv4") {
                if (p->params.signing_name != text(first, "signingName") ||
                    p->params.signing_region != text(first, "signingRegion"))
                    return {outcome::fail, "signing: expected " + text(first, "signingName") + "/" +
                                               text(first, "signingRegion") + ", got " + p->params.signing_name + "/" +
                                               p->params.signing_region};
                bool no_double = first.contains("disableDoubleEncoding") && first.at("disableDoubleEncoding").as_bool();
                if (no_double != (p->params.double_uri_encode == std::optional<bool>(false)))
                    return {outcome::fail, "disableDoubleEncoding not applied"};
            }
        }
    return {};
}

} // namespace

int main(int argc, char** argv)
{
    bool verbose = false;
    std::optional<fs::path> file;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "-v") verbose = true;
        else file = argv[i];
    }
    if (!file) file = default_file();
    if (!file) {
        std::cerr << "no test data: pass FILE or set STRATUS_TESTDATA\n";
        return 77;
    }
    std::ifstream in(*file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto doc = json::parse(ss.str());

    // No process environment and no ~/.aws files: only the case's settings count.
    stratus::session session(stratus::session_options{.region_name = "us-east-1",
                                                      .aws_access_key_id = "AKIDEXAMPLE",
                                                      .aws_secret_access_key = "secret",
                                                      .environment = stratus::environment::from_map({})});
    std::size_t passed = 0, failed = 0, skipped = 0;
    for (auto const& tcv : doc.at("testCases").as_array()) {
        auto const& tc = tcv.as_object();
        auto const* inputs = tc.if_contains("operationInputs");
        if (!inputs) continue;
        for (auto const& iv : inputs->as_array()) {
            outcome o;
            try {
                o = run(tc, iv.as_object(), session);
            } catch (std::exception const& e) {
                o = {outcome::fail, std::string("exception: ") + e.what()};
            }
            std::string doc_text = text(tc, "documentation");
            if (o.kind == outcome::pass) {
                ++passed;
                if (verbose) std::cout << "  ok   " << doc_text << "\n";
            } else if (o.kind == outcome::skip) {
                ++skipped;
                if (verbose) std::cout << "  SKIP " << doc_text << " (" << o.why << ")\n";
            } else {
                ++failed;
                std::cout << "  FAIL " << doc_text << "\n       " << o.why << "\n";
            }
        }
    }
    std::cout << "s3 operationInputs: " << passed << " passed, " << failed << " failed, " << skipped
              << " skipped (run with -v for the reasons)\n";
    return failed == 0 && passed > 0 ? 0 : 1;
}
