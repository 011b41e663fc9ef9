// The rule-set library functions one by one, with the edge cases that decide
// between an endpoint and an error. The expected values are botocore's
// (RuleSetStandardLibrary); functions_agreement.cpp checks thousands more
// inputs against botocore itself.
#include <stratus/endpoints/functions.hpp>

#include <stratus/endpoints/endpoint.hpp>
#include <stratus/endpoints/partitions.hpp>

#include "main_partitions.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace stratus::endpoints;
using namespace std::literals;

TEST_CASE("isValidHostLabel: one label")
{
    CHECK(is_valid_host_label("a", false));
    CHECK(is_valid_host_label("a-b", false));
    CHECK(is_valid_host_label("A1", false)); // host labels are not case-sensitive
    CHECK(is_valid_host_label("0", false));
    CHECK(is_valid_host_label(std::string(63, 'a'), false));
    CHECK_FALSE(is_valid_host_label(std::string(64, 'a'), false));
    CHECK_FALSE(is_valid_host_label("", false));
    CHECK_FALSE(is_valid_host_label("-a", false));
    CHECK_FALSE(is_valid_host_label("a-", false));
    CHECK_FALSE(is_valid_host_label("-", false));
    CHECK_FALSE(is_valid_host_label("a_b", false));
    CHECK_FALSE(is_valid_host_label("a b", false));
    CHECK_FALSE(is_valid_host_label("\xC3\xA9", false)); // é
    // Without subdomains a dot is never allowed.
    CHECK_FALSE(is_valid_host_label("a.b", false));
    CHECK_FALSE(is_valid_host_label(".", false));
}

TEST_CASE("isValidHostLabel: with subdomains every label must be one")
{
    CHECK(is_valid_host_label("a", true));
    CHECK(is_valid_host_label("a.b", true));
    CHECK(is_valid_host_label("a.b.c-d.e1", true));
    CHECK(is_valid_host_label(std::string(63, 'a') + "." + std::string(63, 'b'), true));
    CHECK_FALSE(is_valid_host_label(std::string(64, 'a') + ".b", true));
    CHECK_FALSE(is_valid_host_label("b." + std::string(64, 'a'), true));
    CHECK_FALSE(is_valid_host_label("a..b", true)); // an empty label
    CHECK_FALSE(is_valid_host_label(".a", true));
    CHECK_FALSE(is_valid_host_label("a.", true));
    CHECK_FALSE(is_valid_host_label(".", true));
    CHECK_FALSE(is_valid_host_label("", true));
    CHECK_FALSE(is_valid_host_label("a.-b", true));
    CHECK_FALSE(is_valid_host_label("a-.b", true));
    CHECK_FALSE(is_valid_host_label("a.b_c", true));
}

TEST_CASE("aws.isVirtualHostableS3Bucket")
{
    // Length: at least 3 characters; at most 63 per label.
    CHECK_FALSE(is_virtual_hostable_s3_bucket("ab", false));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("ab", true));
    CHECK(is_virtual_hostable_s3_bucket("abc", false));
    CHECK(is_virtual_hostable_s3_bucket(std::string(63, 'a'), false));
    CHECK_FALSE(is_virtual_hostable_s3_bucket(std::string(64, 'a'), false));
    // No upper case, even where a host label would allow it.
    CHECK_FALSE(is_virtual_hostable_s3_bucket("Abc", false));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("abC", true));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("my.Bucket", true));
    // Nothing that looks like an IPv4 address, valid or not.
    CHECK_FALSE(is_virtual_hostable_s3_bucket("192.168.0.1", true));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("999.999.999.999", true));
    CHECK(is_virtual_hostable_s3_bucket("1.2.3", true));     // three groups: not IPv4-like
    CHECK(is_virtual_hostable_s3_bucket("1.2.3.4.5", true)); // five groups: not either
    CHECK(is_virtual_hostable_s3_bucket("192-168-0-1", false));
    // Dots only with allow_subdomains, and never empty labels.
    CHECK_FALSE(is_virtual_hostable_s3_bucket("my.bucket", false));
    CHECK(is_virtual_hostable_s3_bucket("my.bucket", true));
    CHECK(is_virtual_hostable_s3_bucket("a.b", true));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("my..bucket", true));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("my-.bucket", true));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("-bucket", false));
    CHECK_FALSE(is_virtual_hostable_s3_bucket("my_bucket", false));
}

TEST_CASE("IPv4-like: four groups of 1 to 3 digits, values not checked")
{
    CHECK(is_ipv4_like("1.2.3.4"));
    CHECK(is_ipv4_like("127.0.0.1"));
    CHECK(is_ipv4_like("999.999.999.999"));
    CHECK(is_ipv4_like("01.02.03.004"));
    CHECK_FALSE(is_ipv4_like(""));
    CHECK_FALSE(is_ipv4_like("1.2.3"));
    CHECK_FALSE(is_ipv4_like("1.2.3.4.5"));
    CHECK_FALSE(is_ipv4_like("1234.1.1.1"));
    CHECK_FALSE(is_ipv4_like("1.2.3.a"));
    CHECK_FALSE(is_ipv4_like("1..2.3"));
    CHECK_FALSE(is_ipv4_like("1.2.3.4."));
    CHECK_FALSE(is_ipv4_like(".1.2.3.4"));
    CHECK_FALSE(is_ipv4_like("1.2.3.4 "));
}

TEST_CASE("IPv6 addresses")
{
    CHECK(is_ipv6_address("::1"));
    CHECK(is_ipv6_address("::"));
    CHECK(is_ipv6_address("1::"));
    CHECK(is_ipv6_address("2001:db8::1"));
    CHECK(is_ipv6_address("2001:DB8::1"));
    CHECK(is_ipv6_address("1:2:3:4:5:6:7:8"));
    CHECK(is_ipv6_address("2001:0db8:0000:0000:0000:0000:0000:0001"));
    CHECK(is_ipv6_address("1:2:3:4:5:6:7::"));
    CHECK(is_ipv6_address("::2:3:4:5:6:7:8"));
    // Embedded IPv4: the last 32 bits.
    CHECK(is_ipv6_address("::ffff:1.2.3.4"));
    CHECK(is_ipv6_address("::1.2.3.4"));
    CHECK(is_ipv6_address("1:2:3:4:5:6:1.2.3.4"));
    CHECK_FALSE(is_ipv6_address("1:2:3:4:5:6:7:1.2.3.4"));
    CHECK_FALSE(is_ipv6_address("::1.2.3"));
    CHECK_FALSE(is_ipv6_address("::1.2.3.4:1"));
    // Zone ids: "%25" (the escaped '%') or '%', then unreserved characters.
    CHECK(is_ipv6_address("fe80::1%25en0"));
    CHECK(is_ipv6_address("fe80::1%en0"));
    CHECK(is_ipv6_address("fe80::1%25eth0.1"));
    CHECK_FALSE(is_ipv6_address("fe80::1%"));
    CHECK_FALSE(is_ipv6_address("fe80::1%25e/n"));
    // Malformed.
    CHECK_FALSE(is_ipv6_address(""));
    CHECK_FALSE(is_ipv6_address(":"));
    CHECK_FALSE(is_ipv6_address(":::1"));
    CHECK_FALSE(is_ipv6_address("1::2::3"));
    CHECK_FALSE(is_ipv6_address("1:2:3:4:5:6:7"));
    CHECK_FALSE(is_ipv6_address("1:2:3:4:5:6:7:8:9"));
    CHECK_FALSE(is_ipv6_address("1:2:3:4:5:6:7:8::"));
    CHECK_FALSE(is_ipv6_address("12345::1"));
    CHECK_FALSE(is_ipv6_address("g::1"));
    CHECK_FALSE(is_ipv6_address("1:"));
    CHECK_FALSE(is_ipv6_address(":1"));
    CHECK_FALSE(is_ipv6_address("[::1]"));
    CHECK_FALSE(is_ipv6_address("1.2.3.4"));
}

TEST_CASE("substring")
{
    CHECK(substring("abcdef", 0, 4, false) == "abcd"sv);
    CHECK(substring("abcdef", 0, 4, true) == "cdef"sv); // counted from the end
    CHECK(substring("abcdef", 2, 6, false) == "cdef"sv);
    CHECK(substring("abcdef", 2, 6, true) == "abcd"sv);
    CHECK(substring("abcdef", 5, 6, true) == "a"sv);
    CHECK(substring("abcdef", 0, 6, false) == "abcdef"sv); // stop may equal the length
    CHECK(substring("us-east-1", 0, 4, false) == "us-e"sv);
    CHECK(substring("a", 0, 1, true) == "a"sv);
    // Bounds: start < stop <= length, else unset.
    CHECK_FALSE(substring("abcdef", 0, 7, false));
    CHECK_FALSE(substring("abcdef", 0, 7, true));
    CHECK_FALSE(substring("abcdef", 3, 3, false));
    CHECK_FALSE(substring("abcdef", 4, 3, true));
    CHECK_FALSE(substring("", 0, 0, false));
    CHECK_FALSE(substring("", 0, 1, false));
    // Any non-ASCII character makes the result unset, wherever it is.
    CHECK_FALSE(substring("ab\xC3\xA9", 0, 1, false));
    CHECK_FALSE(substring("\xC3\xA9" "abcd", 0, 1, true));
    CHECK(substring("abc\x7F", 0, 4, false) == "abc\x7F"sv); // DEL is still ASCII
}

TEST_CASE("parseURL: scheme, query and port")
{
    auto u = parse_url("https://example.com");
    REQUIRE(u);
    CHECK(u->scheme == "https");
    CHECK(u->authority == "example.com");
    CHECK(u->path == "");
    CHECK(u->normalized_path == "/");
    CHECK_FALSE(u->is_ip);
    CHECK(parse_url("http://example.com"));

    // http and https only.
    CHECK_FALSE(parse_url("ftp://example.com"));
    CHECK_FALSE(parse_url("file:///etc/passwd"));
    CHECK_FALSE(parse_url("example.com"));
    CHECK_FALSE(parse_url("//example.com"));
    CHECK_FALSE(parse_url(""));
    // A query is refused; an empty one ("?" alone) is not a query.
    CHECK_FALSE(parse_url("https://example.com?x=1"));
    CHECK_FALSE(parse_url("https://example.com/a?x"));
    CHECK(parse_url("https://example.com/?"));
    // A fragment is dropped.
    auto f = parse_url("https://example.com/a#frag?x=1");
    REQUIRE(f);
    CHECK(f->path == "/a");

    // Ports: decimal, 0 to 65535.
    auto p = parse_url("https://example.com:8443/path");
    REQUIRE(p);
    CHECK(p->authority == "example.com:8443");
    CHECK(p->path == "/path");
    CHECK(parse_url("https://example.com:0"));
    CHECK(parse_url("https://example.com:65535"));
    CHECK(parse_url("https://example.com:")); // an empty port is no port
    CHECK_FALSE(parse_url("https://example.com:65536"));
    CHECK_FALSE(parse_url("https://example.com:99999"));
    CHECK_FALSE(parse_url("https://example.com:-1"));
    CHECK_FALSE(parse_url("https://example.com:abc"));
    CHECK_FALSE(parse_url("https://example.com:8 0"));
    CHECK_FALSE(parse_url("https://[::1]:65536"));

    // The authority keeps user info and port as written.
    auto a = parse_url("https://user:pw@example.com:1/x");
    REQUIRE(a);
    CHECK(a->authority == "user:pw@example.com:1");
    CHECK(a->path == "/x");
}

TEST_CASE("parseURL: isIp")
{
    auto v4 = parse_url("http://127.0.0.1:8080/a");
    REQUIRE(v4);
    CHECK(v4->is_ip);
    CHECK(v4->authority == "127.0.0.1:8080");
    CHECK(parse_url("https://999.1.1.1")->is_ip); // IPv4-like is enough
    CHECK(parse_url("https://user@1.2.3.4")->is_ip);
    CHECK_FALSE(parse_url("https://1.2.3")->is_ip);
    CHECK_FALSE(parse_url("https://1.2.3.4.5")->is_ip);
    CHECK_FALSE(parse_url("https://example.com")->is_ip);

    auto v6 = parse_url("https://[::1]:443/p");
    REQUIRE(v6);
    CHECK(v6->is_ip);
    CHECK(v6->authority == "[::1]:443");
    CHECK(parse_url("https://[2001:db8::1]")->is_ip);
    CHECK(parse_url("https://[::ffff:1.2.3.4]")->is_ip);
    CHECK(parse_url("https://[fe80::1%25en0]")->is_ip);
    CHECK_FALSE(parse_url("https://[::1")); // unclosed bracket
}

TEST_CASE("parseURL: normalizedPath")
{
    auto norm = [](std::string_view url) {
        auto u = parse_url(url);
        REQUIRE(u);
        return u->normalized_path;
    };
    CHECK(norm("https://example.com") == "/");
    CHECK(norm("https://example.com/") == "/");
    CHECK(norm("https://example.com/a/b") == "/a/b/");
    CHECK(norm("https://example.com/a/b/") == "/a/b/");
    CHECK(norm("https://example.com/a/./b/../c") == "/a/c/");
    CHECK(norm("https://example.com//a//b/") == "/a/b/");
    CHECK(norm("https://example.com/..") == "/");
    CHECK(norm("https://example.com/../..") == "/");
    CHECK(norm("https://example.com/a/..") == "/");
    CHECK(norm("https://example.com///") == "/");
    // Percent-encoded, '/' kept; escapes are data and get encoded again.
    CHECK(norm("https://example.com/a b") == "/a%20b/");
    CHECK(norm("https://example.com/~a_b-c.d") == "/~a_b-c.d/");
    CHECK(norm("https://example.com/a+b=c") == "/a%2Bb%3Dc/");
    CHECK(norm("https://example.com/%2F") == "/%252F/");
    CHECK(norm("https://example.com/\xC3\xA9") == "/%C3%A9/");
    // path itself stays as written.
    CHECK(parse_url("https://example.com/a/./b/../c")->path == "/a/./b/../c");
    CHECK(parse_url("https://example.com//a//b/")->path == "//a//b/");
}

TEST_CASE("aws.parseArn")
{
    auto a = parse_arn("arn:aws:s3:us-east-1:123456789012:accesspoint/ap");
    REQUIRE(a);
    CHECK(a->partition == "aws");
    CHECK(a->service == "s3");
    CHECK(a->region == "us-east-1");
    CHECK(a->account_id == "123456789012");
    CHECK(a->resource == "accesspoint/ap");
    CHECK(a->resource_id(0) == "accesspoint"sv);
    CHECK(a->resource_id(1) == "ap"sv);
    CHECK_FALSE(a->resource_id(2)); // past the end: unset
    CHECK_FALSE(a->resource_id(100));

    // Region and account may be empty.
    auto b = parse_arn("arn:aws:s3:::bucket");
    REQUIRE(b);
    CHECK(b->region == "");
    CHECK(b->account_id == "");
    CHECK(b->resource_id(0) == "bucket"sv);
    CHECK_FALSE(b->resource_id(1));

    // The resource splits on ':' and '/' alike; everything after the fifth ':'.
    auto c = parse_arn("arn:aws:s3-outposts:us-west-2:123:outpost:op-1/accesspoint:ap");
    REQUIRE(c);
    CHECK(c->resource == "outpost:op-1/accesspoint:ap");
    CHECK(c->resource_id(0) == "outpost"sv);
    CHECK(c->resource_id(1) == "op-1"sv);
    CHECK(c->resource_id(2) == "accesspoint"sv);
    CHECK(c->resource_id(3) == "ap"sv);
    CHECK_FALSE(c->resource_id(4));
    auto d = parse_arn("arn:aws:s3:::a//b:");
    REQUIRE(d);
    CHECK(d->resource_id(0) == "a"sv);
    CHECK(d->resource_id(1) == ""sv);
    CHECK(d->resource_id(2) == "b"sv);
    CHECK(d->resource_id(3) == ""sv);
    CHECK_FALSE(d->resource_id(4));
    CHECK(parse_arn("arn:a:b:c:d:e:f:g/h")->resource == "e:f:g/h");

    // Too few fields.
    CHECK_FALSE(parse_arn(""));
    CHECK_FALSE(parse_arn("arn"));
    CHECK_FALSE(parse_arn("arn:"));
    CHECK_FALSE(parse_arn("arn:aws"));
    CHECK_FALSE(parse_arn("arn:aws:s3"));
    CHECK_FALSE(parse_arn("arn:aws:s3::"));
    CHECK_FALSE(parse_arn("arn:aws:s3:us-east-1:123"));
    // Partition, service and resource must not be empty.
    CHECK_FALSE(parse_arn("arn::s3:::bucket"));
    CHECK_FALSE(parse_arn("arn:aws::::bucket"));
    CHECK_FALSE(parse_arn("arn:aws:s3:::"));
    CHECK_FALSE(parse_arn(":::::"));
    // "arn:" exactly.
    CHECK_FALSE(parse_arn("ARN:aws:s3:::bucket"));
    CHECK_FALSE(parse_arn(" arn:aws:s3:::bucket"));
    CHECK_FALSE(parse_arn("notarn:aws:s3:::bucket"));
}

namespace {

// A table of its own, to pin the search order down.
constexpr std::string_view first_regions[] = {"aws-global", "us-east-1"};
constexpr std::string_view second_regions[] = {"us-special-1", "cn-north-1"};
constexpr partition test_partitions[] = {
    {"aws", "^(us|eu)\\-\\w+\\-\\d+$", first_regions, {"aws", "amazonaws.com", "api.aws", "us-east-1", true, true}},
    {"aws-cn", "^cn\\-\\w+\\-\\d+$", second_regions,
     {"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", "cn-northwest-1", false, false}},
};
constexpr partition_table test_table{test_partitions};

std::string_view partition_of(partition_table const& t, std::string_view region)
{
    auto const* p = find_partition(t, region);
    return p ? p->name : "(null)";
}

} // namespace

TEST_CASE("aws.partition")
{
    // A listed region, a region only the regex matches, and one neither knows.
    CHECK(partition_of(test_table, "us-east-1") == "aws");
    CHECK(partition_of(test_table, "aws-global") == "aws");
    CHECK(partition_of(test_table, "us-west-9") == "aws");
    CHECK(partition_of(test_table, "cn-north-1") == "aws-cn");
    CHECK(partition_of(test_table, "cn-north-9") == "aws-cn");
    CHECK(partition_of(test_table, "mars-east-1") == "aws"); // the first partition
    CHECK(partition_of(test_table, "") == "aws");
    CHECK(partition_of(test_table, "CN-NORTH-9") == "aws"); // the regexes are case-sensitive
    // Partitions are tried in order, each by its list and then its regex: an
    // earlier partition's regex wins over a later partition's list.
    CHECK(partition_of(test_table, "us-special-1") == "aws");
    CHECK(find_partition(partition_table{}, "us-east-1") == nullptr);

    auto const* cn = find_partition(test_table, "cn-north-9");
    REQUIRE(cn);
    CHECK(cn->dns_suffix == "amazonaws.com.cn");
    CHECK(cn->dual_stack_dns_suffix == "api.amazonwebservices.com.cn");
    CHECK(cn->implicit_global_region == "cn-northwest-1");
    CHECK_FALSE(cn->supports_fips);
    CHECK_FALSE(cn->supports_dual_stack);
}

TEST_CASE("aws.partition: the partitions of service-models")
{
    auto const& t = stratus::services::partitions;
    CHECK(partition_of(t, "us-east-1") == "aws");
    CHECK(partition_of(t, "us-west-9") == "aws");
    CHECK(partition_of(t, "cn-north-9") == "aws-cn");
    CHECK(partition_of(t, "us-gov-west-1") == "aws-us-gov");
    CHECK(partition_of(t, "us-gov-east-9") == "aws-us-gov");
    CHECK(partition_of(t, "us-iso-east-1") == "aws-iso");
    CHECK(partition_of(t, "us-isob-east-9") == "aws-iso-b");
    CHECK(partition_of(t, "mars-east-1") == "aws");
    CHECK(partition_of(t, "aws-global") == "aws");
    CHECK(find_partition(t, "us-gov-west-1")->implicit_global_region == "us-gov-west-1");
}

TEST_CASE("auth_schemes: properties.authSchemes in order")
{
    auto text = [](std::string s) {
        property p;
        p.kind = property::kind_type::string;
        p.string = std::move(s);
        return p;
    };
    auto boolean = [](bool b) {
        property p;
        p.kind = property::kind_type::boolean;
        p.boolean = b;
        return p;
    };
    auto object = [](std::vector<std::pair<std::string, property>> members) {
        property p;
        p.kind = property::kind_type::object;
        for (auto& [k, v] : members) {
            p.keys.push_back(k);
            p.items.push_back(std::move(v));
        }
        return p;
    };
    auto list = [](std::vector<property> items) {
        property p;
        p.kind = property::kind_type::list;
        p.items = std::move(items);
        return p;
    };

    endpoint ep;
    CHECK(auth_schemes(ep).empty()); // no properties at all
    ep.properties = object({{"authSchemes", text("not a list")}});
    CHECK(auth_schemes(ep).empty());

    ep.properties = object({
        {"other", boolean(true)},
        {"authSchemes",
         list({
             object({{"name", text("sigv4a")},
                     {"signingName", text("s3")},
                     {"signingRegionSet", list({text("*"), boolean(true), text("us-west-2")})},
                     {"disableDoubleEncoding", boolean(true)}}),
             text("skipped: not an object"),
             object({{"name", text("sigv4")}, {"signingRegion", text("us-east-1")}, {"disableDoubleEncoding", text("true")}}),
         })},
    });
    auto schemes = auth_schemes(ep);
    REQUIRE(schemes.size() == 2);
    CHECK(schemes[0].name == "sigv4a");
    CHECK(schemes[0].signing_name == "s3");
    CHECK(schemes[0].signing_region == "");
    CHECK(schemes[0].signing_region_set == std::vector<std::string>{"*", "us-west-2"}); // strings only
    CHECK(schemes[0].disable_double_encoding);
    CHECK(schemes[1].name == "sigv4");
    CHECK(schemes[1].signing_name == ""); // the service's own
    CHECK(schemes[1].signing_region == "us-east-1");
    CHECK_FALSE(schemes[1].disable_double_encoding); // "true" is a string, not a boolean
}
