// Runs the operationInputs of a service's endpoint tests (endpoint-tests-1.json)
// through a generated client: each case's builtInParams become client options
// (as a boto3 user would set them), its operationParams a typed request, and
// the endpoint the call would use must be the expected one, signed for the
// expected name and region, or the call must fail with the rule set's
// expected error. This checks what scripts/conformance endpoints cannot:
// how contextParam members, operationContextParams paths, static context
// params and client settings bind to rule-set parameters.
#ifndef STRATUS_TEST_OPERATION_ENDPOINTS_HPP
#define STRATUS_TEST_OPERATION_ENDPOINTS_HPP

#include <stratus/session.hpp>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

namespace stratus::test::operation_endpoints {

namespace json = boost::json;
namespace fs = std::filesystem;

/// Where a call would go and how it would be signed.
struct call_target {
    std::string url;            ///< the endpoint (before any host prefix) and the operation's path
    std::string signing_name;   ///< empty: the service's
    std::string signing_region; ///< empty: the client's
    bool double_uri_encode = true;
};

struct outcome {
    enum { pass, fail, skip } kind = pass;
    std::string why{};
};

/// The call `op` with `params` on a client built from `ctx`: nullopt when
/// the runner does not know the operation; an error from validation or
/// endpoint resolution; or the target.
using dispatch_fn = std::function<std::optional<result<call_target>>(client_context& ctx, std::string const& op,
                                                                     json::object const& params)>;

inline std::string text(json::object const& o, std::string_view k)
{
    auto const* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->get_string()) : std::string{};
}

/// builtInParams as the client options a boto3 user would set.
inline outcome options_for(json::object const& builtins, client_options& o)
{
    // A builtIn the case leaves out takes the rule set's default; for
    // S3's UseGlobalEndpoint that is false, while a client's default
    // (us_east_1_regional_endpoint "legacy", as in botocore) makes it true in us-east-1.
    o.s3.us_east_1_regional_endpoint = true;
    for (auto const& [k, v] : builtins) {
        if (k == "AWS::Region") o.region_name = std::string(v.as_string());
        else if (k == "AWS::UseFIPS") o.use_fips_endpoint = v.as_bool();
        else if (k == "AWS::UseDualStack") o.use_dualstack_endpoint = v.as_bool();
        else if (k == "SDK::Endpoint") o.endpoint_url = std::string(v.as_string());
        else if (k == "AWS::S3::ForcePathStyle")
            o.s3.addressing_style = v.as_bool() ? s3_addressing_style::path : s3_addressing_style::automatic;
        else if (k == "AWS::S3::Accelerate") o.s3.use_accelerate_endpoint = v.as_bool();
        else if (k == "AWS::S3::UseArnRegion") o.s3.use_arn_region = v.as_bool();
        else if (k == "AWS::S3::DisableMultiRegionAccessPoints") o.s3.disable_multiregion_access_points = v.as_bool();
        else if (k == "AWS::S3::UseGlobalEndpoint") o.s3.us_east_1_regional_endpoint = !v.as_bool();
        else if (k == "AWS::Auth::AccountIdEndpointMode") o.account_id_endpoint_mode = std::string(v.as_string());
        else if (k == "AWS::Auth::AccountId") {
            // Credentials that carry an account id, as AWS_ACCOUNT_ID or
            // credential_process's AccountId provide them.
            credentials c;
            c.access_key_id = "AKIDEXAMPLE";
            c.secret_access_key = "secret";
            c.account_id = std::string(v.as_string());
            c.method = "explicit";
            o.credentials_provider = std::make_shared<static_credentials_provider>(std::move(c));
        } else return {outcome::skip, "builtIn " + std::string(k) + " has no client option"};
    }
    return {};
}

inline outcome run_case(json::object const& tc, json::object const& input, session const& s, service_info const& svc,
                        dispatch_fn const& dispatch)
{
    client_options opts;
    if (auto const* b = input.if_contains("builtInParams")) {
        auto o = options_for(b->as_object(), opts);
        if (o.kind != outcome::pass) return o;
    }
    // botocore ignores UseFIPS and UseDualStack when an endpoint_url is set
    // (compute_endpoint_resolver_builtin_defaults), and so does stratus: the
    // rule sets' "FIPS and custom endpoint are not supported" errors cannot
    // arise through a client; the parameters-only runner covers them.
    if (opts.endpoint_url && (opts.use_fips_endpoint.value_or(false) || opts.use_dualstack_endpoint.value_or(false)))
        return {outcome::skip, "FIPS or dual-stack with an endpoint_url: botocore ignores both"};
    auto const& expect = tc.at("expect").as_object();
    auto ctx = s.make_client_context(svc, opts);
    if (!ctx) {
        if (expect.contains("error")) return {};
        return {outcome::fail, "client: " + ctx.error().message};
    }
    json::object params = input.contains("operationParams") && input.at("operationParams").is_object()
                              ? input.at("operationParams").as_object()
                              : json::object{};
    std::string const op = text(input, "operationName");
    auto got = dispatch(**ctx, op, params);
    if (!got) return {outcome::skip, "operation " + op + " is not wired into this runner"};
    // The same call again on the same client: the per-client endpoint cache
    // must give what resolution gave.
    auto again = dispatch(**ctx, op, params);
    if (static_cast<bool>(*again) != static_cast<bool>(*got) ||
        (*got && ((*again)->url != (*got)->url || (*again)->signing_region != (*got)->signing_region)) ||
        (!*got && again->error().message != got->error().message))
        return {outcome::fail, "a second identical call resolved differently"};

    if (auto const* err = expect.if_contains("error")) {
        if (*got) return {outcome::fail, "expected error \"" + std::string(err->as_string()) + "\", got " + (*got)->url};
        if (got->error().message != err->as_string())
            return {outcome::fail,
                    "expected error \"" + std::string(err->as_string()) + "\", got \"" + got->error().message + "\""};
        return {};
    }
    auto const& ep = expect.at("endpoint").as_object();
    std::string scheme;
    json::object const* first = nullptr;
    if (auto const* props = ep.if_contains("properties"))
        if (auto const* schemes = props->as_object().if_contains("authSchemes")) {
            first = &schemes->as_array().at(0).as_object();
            scheme = text(*first, "name");
        }
    if (!*got) {
        auto const& e = got->error();
        // Endpoints signed with a scheme stratus lacks: the client must say
        // so, naming the scheme and the (correctly resolved) endpoint.
        if ((scheme == "sigv4a" || scheme == "sigv4-s3express") && e.code == errc::unsupported &&
            e.message.find(scheme) != std::string::npos && e.message.find(text(ep, "url")) != std::string::npos)
            return {outcome::skip, "auth scheme " + scheme + " is not supported yet (the endpoint resolved as expected)"};
        // botocore's validate_bucket_name refuses such names before any
        // endpoint is resolved, and so does stratus, with a typed error.
        if (e.code == errc::invalid_parameter && e.message.starts_with("Bucket:"))
            return {outcome::skip, "the bucket name fails botocore's validate_bucket_name (invalid_parameter)"};
        return {outcome::fail, "error: " + e.message};
    }
    call_target const& t = **got;
    std::string want = text(ep, "url");
    bool prefix_ok = t.url.starts_with(want) && (t.url.size() == want.size() || want.back() == '/' ||
                                                 t.url[want.size()] == '/' || t.url[want.size()] == '?');
    if (!prefix_ok) return {outcome::fail, "expected a request to " + want + ", got " + t.url};
    // The signer follows authSchemes[0] when it is sigv4.
    if (first && scheme == "sigv4") {
        if (t.signing_name != text(*first, "signingName") || t.signing_region != text(*first, "signingRegion"))
            return {outcome::fail, "signing: expected " + text(*first, "signingName") + "/" +
                                       text(*first, "signingRegion") + ", got " + t.signing_name + "/" +
                                       t.signing_region};
        bool no_double = first->contains("disableDoubleEncoding") && first->at("disableDoubleEncoding").as_bool();
        if (no_double == t.double_uri_encode) return {outcome::fail, "disableDoubleEncoding not applied"};
    }
    return {};
}

/// The runner's main: [-v] [FILE]; FILE defaults to
/// $STRATUS_TESTDATA(_DEFAULT)/models/<folder>/<version>/endpoint-tests-1.json.
inline int run(int argc, char** argv, std::string_view folder, service_info const& svc, dispatch_fn const& dispatch)
{
    bool verbose = false;
    std::optional<fs::path> file;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "-v") verbose = true;
        else file = argv[i];
    }
    for (char const* var : {"STRATUS_TESTDATA", "STRATUS_TESTDATA_DEFAULT"}) {
        char const* root = std::getenv(var);
        if (file || !root || !*root) continue;
        std::error_code ec;
        for (auto const& e : fs::directory_iterator(fs::path(root) / "models" / folder, ec))
            if (fs::exists(e.path() / "endpoint-tests-1.json")) file = e.path() / "endpoint-tests-1.json";
    }
    if (!file) {
        std::cerr << "no test data: pass FILE or set STRATUS_TESTDATA\n";
        return 77;
    }
    std::ifstream in(*file);
    std::stringstream ss;
    ss << in.rdbuf();
    auto doc = json::parse(ss.str());

    // No process environment and no ~/.aws files: only the case's settings count.
    session s(session_options{.region_name = "us-east-1",
                              .aws_access_key_id = "AKIDEXAMPLE",
                              .aws_secret_access_key = "secret",
                              .environment = environment::from_map({})});
    std::size_t passed = 0, failed = 0, skipped = 0;
    for (auto const& tcv : doc.at("testCases").as_array()) {
        auto const& tc = tcv.as_object();
        auto const* inputs = tc.if_contains("operationInputs");
        if (!inputs) continue;
        for (auto const& iv : inputs->as_array()) {
            outcome o;
            try {
                o = run_case(tc, iv.as_object(), s, svc, dispatch);
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
    std::cout << folder << " operationInputs: " << passed << " passed, " << failed << " failed, " << skipped
              << " skipped (run with -v for the reasons)\n";
    return failed == 0 && passed > 0 ? 0 : 1;
}

} // namespace stratus::test::operation_endpoints

#endif
