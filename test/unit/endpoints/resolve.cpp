// resolve() rule by rule, on tiny rule sets written for the purpose
// (rules/<name>/unit/endpoint-rule-set-1.json, compiled by stratus-gen into
// unit_rules_bundle.hpp with the two partitions of rules/partitions.json).
// Every expected value here is what botocore's EndpointProvider gives for
// the same rule set and parameters.
#include <stratus/endpoints/resolve.hpp>

#include "unit_rules_bundle.hpp"

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <vector>

using namespace stratus::endpoints;
using namespace std::literals;

namespace {

rule_set const& rules(std::string_view service)
{
    for (auto const& e : stratus_endpoint_bundle::services)
        if (e.service == service) return *e.rules;
    FAIL("no rule set " << service << " in the bundle");
    throw 0;
}

struct named {
    std::string_view name;
    argument value;
};

// Note argument::of("text") would take the bool overload: pass string_views.
stratus::result<endpoint> run(std::string_view service, std::initializer_list<named> given = {})
{
    auto const& rs = rules(service);
    std::vector<argument> args(rs.parameters.size());
    for (auto const& g : given) {
        auto i = rs.find(g.name);
        REQUIRE(i != npos);
        args[i] = g.value;
    }
    return resolve(rs, args);
}

std::string error_of(stratus::result<endpoint> const& r)
{
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == stratus::errc::endpoint_resolution);
    return r.error().message;
}

std::string url_of(stratus::result<endpoint> const& r)
{
    if (!r.has_value()) FAIL("resolution failed: " << r.error().message);
    return r->url;
}

property const& prop(property const& p, std::string_view key)
{
    auto const* found = p.find(key);
    if (!found) FAIL("no property " << key);
    return *found;
}

std::string text(property const& p, std::string_view key)
{
    auto const& v = prop(p, key);
    REQUIRE(v.kind == property::kind_type::string);
    return v.string;
}

argument str(std::string_view s)
{
    return argument::of(s);
}

} // namespace

TEST_CASE("resolve: required parameters, types and defaults")
{
    CHECK(error_of(run("params")) == "Cannot find value for required parameter Region");
    CHECK(error_of(run("params", {{"Region", argument::of(true)}})) ==
          "Value (Region) is the wrong type. Must be <class 'str'>.");
    CHECK(error_of(run("params", {{"Region", str("us-east-1")}, {"UseFIPS", str("yes")}})) ==
          "Value (UseFIPS) is the wrong type. Must be <class 'bool'>.");
    CHECK(error_of(run("params", {{"Region", str("us-east-1")}, {"Tags", str("a")}})) ==
          "Value (Tags) is the wrong type. Must be <class 'tuple'>.");
    // Parameters are checked in order: the first bad one is reported.
    CHECK(error_of(run("params", {{"Region", argument::of(true)}, {"UseFIPS", str("x")}})) ==
          "Value (Region) is the wrong type. Must be <class 'str'>.");

    // Defaults: Stage "prod", UseFIPS false, Tags ["t0", "t1"].
    auto d = run("params", {{"Region", str("us-east-1")}});
    CHECK(url_of(d) == "https://us-east-1.prod.example.com");
    CHECK(text(d->properties, "fips") == "False");
    CHECK(text(d->properties, "secondTag") == "t1");

    // Given values replace the defaults.
    std::vector<std::string> tags{"x"};
    auto g = run("params", {{"Region", str("us-east-1")},
                            {"Stage", str("beta")},
                            {"UseFIPS", argument::of(true)},
                            {"Name", str("n")},
                            {"Tags", argument::of(std::span<std::string const>(tags))}});
    CHECK(url_of(g) == "https://n.us-east-1.beta.example.com");
    CHECK(text(g->properties, "fips") == "True");
    CHECK(text(g->properties, "firstTag") == "x");
    // ... and getAttr(Tags, "[1]") on a one-element list is unset: the next rule.
    std::vector<std::string> one{"only"};
    CHECK(url_of(run("params", {{"Region", str("us-east-1")}, {"Tags", argument::of(std::span<std::string const>(one))}})) ==
          "https://us-east-1.one-tag.example.com");
    // An empty string is a value, not a missing one.
    CHECK(url_of(run("params", {{"Region", str("")}, {"Stage", str("")}})) == "https://..example.com");
}

TEST_CASE("resolve: assign and scope")
{
    // Siblings assign the same name: the first a partition (then fails), the
    // second a string; the second sees only its own.
    CHECK(url_of(run("scope", {{"Region", str("us-west-2")}, {"Mode", str("siblings")}})) ==
          "https://us.second.example.com");
    // Names assigned by enclosing trees are visible in nested rules.
    CHECK(url_of(run("scope", {{"Region", str("cn-north-1")}, {"Mode", str("nested")}})) ==
          "https://cn.amazonaws.com.cn");
    // A condition sees the names earlier conditions of its rule assigned.
    CHECK(url_of(run("scope", {{"Region", str("us-west-2")}, {"Mode", str("chain")}})) ==
          "https://us-we.we.example.com");
    // An assignment of unset fails its condition.
    CHECK(error_of(run("scope", {{"Region", str("us")}, {"Mode", str("chain")}})) ==
          "no rule of the endpoint rule set matched the parameters");
}

TEST_CASE("resolve: a tree that matches no sub-rule falls through")
{
    // The first tree's conditions hold but none of its rules match; so does
    // the nested tree in the second: resolution goes on after each.
    CHECK(url_of(run("fallthrough", {{"Mode", str("tree")}})) == "https://next-top-level.example.com");
    // Error rules: the message is a template.
    CHECK(error_of(run("fallthrough", {{"Mode", str("error")}})) == "Mode `error` is not supported");
    // No rule matched.
    CHECK(error_of(run("fallthrough", {{"Mode", str("other")}})) ==
          "no rule of the endpoint rule set matched the parameters");
    // stringEquals on an unset value fails the resolution (botocore raises
    // "Both values must be strings, not <class 'NoneType'> and <class 'str'>.").
    CHECK_THAT(error_of(run("fallthrough", {{"Mode", str("strict")}})),
               Catch::Matchers::StartsWith("Both values must be strings"));
    CHECK(url_of(run("fallthrough", {{"Mode", str("strict")}, {"Name", str("x")}})) == "https://strict.example.com");
}

TEST_CASE("resolve: templates, headers and properties")
{
    // Error message templates, with {Name#attr} and a boolean ("True"/"False").
    CHECK(error_of(run("templates", {{"Bucket", str("bad")}})) == "Invalid bucket `bad` in partition aws (FIPS: False)");
    CHECK(error_of(run("templates", {{"Bucket", str("bad")}, {"Region", str("cn-north-1")}, {"UseFIPS", argument::of(true)}})) ==
          "Invalid bucket `bad` in partition aws-cn (FIPS: True)");

    auto r = run("templates", {{"Bucket", str("my-bucket")}, {"Region", str("eu-west-1")}});
    // "{{literal}}" is "{literal}" in a template.
    CHECK(url_of(r) == "https://my-bucket.s3.eu-west-1.amazonaws.com/{literal}/my-bucket");

    // Headers: in order, each a list of templates (possibly empty).
    REQUIRE(r->headers.size() == 3);
    CHECK(r->headers[0].first == "x-amz-bucket");
    CHECK(r->headers[0].second == std::vector<std::string>{"my-bucket", "static"});
    CHECK(r->headers[1].first == "x-amz-region");
    CHECK(r->headers[1].second == std::vector<std::string>{"eu-west-1"});
    CHECK(r->headers[2].first == "x-amz-empty");
    CHECK(r->headers[2].second.empty());

    // Properties: objects, lists, booleans and integers as written; strings
    // through the template engine.
    auto const& p = r->properties;
    REQUIRE(p.kind == property::kind_type::object);
    CHECK(p.keys == std::vector<std::string>{"authSchemes", "nested", "bracesOnly", "bracesInTemplate", "bracesDigit",
                                             "dual", "fips"});
    auto const& nested = prop(p, "nested");
    REQUIRE(nested.kind == property::kind_type::object);
    CHECK(nested.keys == std::vector<std::string>{"list", "object", "flag"});
    auto const& list = prop(nested, "list");
    REQUIRE(list.kind == property::kind_type::list);
    REQUIRE(list.items.size() == 4);
    CHECK(list.items[0].kind == property::kind_type::integer);
    CHECK(list.items[0].integer == 1);
    CHECK(list.items[1].kind == property::kind_type::boolean);
    CHECK(list.items[1].boolean);
    CHECK(list.items[2].string == "x-my-bucket");
    REQUIRE(list.items[3].kind == property::kind_type::list);
    REQUIRE(list.items[3].items.size() == 2);
    CHECK(list.items[3].items[0].string == "deep");
    CHECK(text(list.items[3].items[1], "k") == "eu-west-1");
    CHECK(prop(nested, "object").kind == property::kind_type::object);
    CHECK(prop(nested, "object").items.empty());
    CHECK(prop(nested, "flag").kind == property::kind_type::boolean);
    CHECK_FALSE(prop(nested, "flag").boolean);
    // Only strings with a {Name} field are templates: "a{{b" and "{{1}}"
    // stay as written, "{{x}}" becomes "{x}".
    CHECK(text(p, "bracesOnly") == "a{{b");
    CHECK(text(p, "bracesInTemplate") == "{x}");
    CHECK(text(p, "bracesDigit") == "{{1}}");
    CHECK(text(p, "dual") == "True");
    CHECK(text(p, "fips") == "False");

    auto schemes = auth_schemes(*r);
    REQUIRE(schemes.size() == 2);
    CHECK(schemes[0].name == "sigv4");
    CHECK(schemes[0].signing_name == "s3");
    CHECK(schemes[0].signing_region == "eu-west-1");
    CHECK(schemes[0].disable_double_encoding);
    CHECK(schemes[1].name == "sigv4a");
    CHECK(schemes[1].signing_region_set == std::vector<std::string>{"*", "eu-west-1"});
    CHECK_FALSE(schemes[1].disable_double_encoding);

    // An endpoint without headers or properties: none, and an empty object.
    auto plain = run("templates");
    CHECK(url_of(plain) == "https://service.us-east-1.api.aws");
    CHECK(plain->headers.empty());
    CHECK(plain->properties.kind == property::kind_type::object);
    CHECK(plain->properties.items.empty());
    CHECK(url_of(run("templates", {{"Region", str("cn-north-1")}})) ==
          "https://service.cn-north-1.api.amazonwebservices.com.cn");
}

TEST_CASE("resolve: not follows Python's truthiness")
{
    CHECK(url_of(run("functions", {{"Value", str("")}})) == "https://empty-is-falsy.example.com"); // not "" is true
    CHECK(url_of(run("functions", {{"Value", str("x")}})) == "https://encoded.example.com/x");     // not "x" is false
    CHECK(url_of(run("functions")) == "https://value-unset.example.com");                            // not None is true
}

TEST_CASE("resolve: the library functions through the interpreter")
{
    // uriEncode: everything but the unreserved characters, UTF-8 bytes each.
    CHECK(url_of(run("functions", {{"Value", str("a b/c~\xC3\xA9")}})) ==
          "https://encoded.example.com/a%20b%2Fc~%C3%A9");

    // aws.parseArn and getAttr: an index past the end of resourceId is unset,
    // so the rule asking for it does not match.
    CHECK(url_of(run("functions", {{"Arn", str("arn:aws:s3:us-west-2:123456789012:accesspoint/ap")}})) ==
          "https://ap.two.example.com");
    CHECK(url_of(run("functions", {{"Arn", str("arn:aws:s3:::bucket")}})) == "https://bucket.one.example.com");
    auto arn = run("functions", {{"Arn", str("arn:aws:s3-outposts:us-west-2:123:outpost:op-1/accesspoint")}});
    CHECK(url_of(arn) == "https://accesspoint.three.example.com");
    CHECK(text(arn->properties, "partition") == "aws");
    CHECK(text(arn->properties, "service") == "s3-outposts");
    CHECK(text(arn->properties, "region") == "us-west-2");
    CHECK(text(arn->properties, "account") == "123");
    CHECK(error_of(run("functions", {{"Arn", str("arn:aws:s3:::")}})) == "Invalid ARN: `arn:aws:s3:::` was not a valid ARN");
    CHECK(error_of(run("functions", {{"Arn", str("not-an-arn")}})) == "Invalid ARN: `not-an-arn` was not a valid ARN");

    // parseURL.
    auto u = run("functions", {{"Endpoint", str("https://example.com")}});
    CHECK(url_of(u) == "https://example.com/bucket");
    CHECK(text(u->properties, "isIp") == "False");
    CHECK(text(u->properties, "path") == "");
    auto ip = run("functions", {{"Endpoint", str("http://127.0.0.1:8080/a/./b/../c//")}});
    CHECK(url_of(ip) == "http://127.0.0.1:8080/a/c/bucket");
    CHECK(text(ip->properties, "isIp") == "True");
    CHECK(text(ip->properties, "path") == "/a/./b/../c//");
    CHECK(url_of(run("functions", {{"Endpoint", str("https://[::1]:443/p a")}})) == "https://[::1]:443/p%20a/bucket");
    CHECK(error_of(run("functions", {{"Endpoint", str("ftp://example.com")}})) ==
          "Custom endpoint `ftp://example.com` was not a valid URI");
    CHECK(error_of(run("functions", {{"Endpoint", str("https://example.com?x=1")}})) ==
          "Custom endpoint `https://example.com?x=1` was not a valid URI");

    // aws.partition: listed, by regex, unknown (the first partition).
    auto west = run("functions", {{"Region", str("us-west-2")}});
    CHECK(url_of(west) == "https://service.us-west-2.amazonaws.com");
    CHECK(text(west->properties, "name") == "aws");
    CHECK(text(west->properties, "fips") == "True");
    CHECK(text(west->properties, "global") == "us-east-1");
    auto cn = run("functions", {{"Region", str("cn-north-9")}});
    CHECK(url_of(cn) == "https://service.cn-north-9.amazonaws.com.cn");
    CHECK(text(cn->properties, "name") == "aws-cn");
    CHECK(text(cn->properties, "fips") == "False");
    CHECK(text(cn->properties, "dualStack") == "False");
    CHECK(text(cn->properties, "dualStackDnsSuffix") == "api.amazonwebservices.com.cn");
    CHECK(text(cn->properties, "global") == "cn-northwest-1");
    CHECK(text(run("functions", {{"Region", str("aws-cn-global")}})->properties, "name") == "aws-cn");
    CHECK(text(run("functions", {{"Region", str("mars-east-1")}})->properties, "name") == "aws");

    // aws.isVirtualHostableS3Bucket, isValidHostLabel, substring.
    auto bucket = [](std::string_view b) { return url_of(run("functions", {{"Bucket", str(b)}})); };
    CHECK(bucket("my-bucket") == "https://my-bucket.vhost.example.com");
    CHECK(bucket("my.bucket") == "https://my.bucket.vhost-dots.example.com");
    CHECK(bucket("MyBucket") == "https://MyBucket.host-label.example.com");
    CHECK(bucket("My.Bucket") == "https://My.Bucket.host-label.example.com");
    CHECK(bucket("ab") == "https://ab.host-label.example.com");
    CHECK(bucket("192.168.0.1") == "https://192.168.0.1.host-label.example.com");
    CHECK(bucket("Bad_Bucket") == "https://path.example.com/ket");
    CHECK(error_of(run("functions", {{"Bucket", str("b\xC3\xBC" "cket")}})) == "Bucket `b\xC3\xBC" "cket` matched no rule");

    // getAttr on a string array.
    std::vector<std::string> two{"a", "b"}, one{"a"}, none;
    CHECK(url_of(run("functions", {{"List", argument::of(std::span<std::string const>(two))}})) ==
          "https://b.list.example.com");
    CHECK(url_of(run("functions", {{"List", argument::of(std::span<std::string const>(one))}})) ==
          "https://short-list.example.com");
    CHECK(url_of(run("functions", {{"List", argument::of(std::span<std::string const>(none))}})) ==
          "https://short-list.example.com");
}
