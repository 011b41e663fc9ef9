#include <stratus/auth/sigv4.hpp>

#include <stratus/detail/crypto.hpp>
#include <stratus/detail/uri_encode.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace stratus;
using namespace std::chrono;

namespace {

// The AWS suite's fixed inputs (testdata/sigv4), so that results can be
// checked against its published signatures without reading the files.
credentials suite_creds(std::string token = {})
{
    credentials c;
    c.access_key_id = "AKIDEXAMPLE";
    c.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    c.session_token = std::move(token);
    return c;
}

system_clock::time_point at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0)
{
    return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss};
}

auth::sigv4_params suite_params()
{
    auth::sigv4_params p;
    p.region = "us-east-1";
    p.service = "service";
    p.time = at(2015, 8, 30, 12, 36);
    return p;
}

http::request get_vanilla()
{
    http::request r;
    r.method = "GET";
    r.url.host = "example.amazonaws.com";
    r.url.path = "/";
    return r;
}

std::size_t count_fields(http::fields const& f, std::string_view name)
{
    std::size_t n = 0;
    for (auto const& [k, v] : f)
        n += detail::iequals(k, name);
    return n;
}

// The S3 example of the AWS documentation ("Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk", GET Object).
credentials s3_doc_creds()
{
    credentials c;
    c.access_key_id = "AKIAIOSFODNN7EXAMPLE";
    c.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    return c;
}

auth::sigv4_params s3_params()
{
    auth::sigv4_params p;
    p.region = "us-east-1";
    p.service = "s3";
    p.time = at(2013, 5, 24);
    p.double_uri_encode = false;
    p.normalize_path = false;
    p.add_content_sha256_header = true;
    return p;
}

// Catch cannot print a result<T>; this says why one holds no value.
template <class T>
bool ok(result<T> const& r)
{
    if (r.has_error()) UNSCOPED_INFO(r.error().to_string());
    return r.has_value();
}

class string_source final : public http::body_source {
public:
    std::optional<std::uint64_t> size() const override { return 3; }
    std::size_t read(std::span<char>, error_code&) override { return 0; }
    bool rewind() override { return true; }
};

} // namespace

TEST_CASE("sigv4: the suite's get-vanilla, signed in place")
{
    auth::sigv4_signer const signer;
    auto req = get_vanilla();
    auth::sigv4_trace t;
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params(), &t)));
    CHECK(req.headers.get("X-Amz-Date") == "20150830T123600Z");
    CHECK(req.headers.get("Host") == "example.amazonaws.com");
    CHECK(req.headers.get("Authorization") ==
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=host;x-amz-date, "
          "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    CHECK(t.canonical_request ==
          "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
          "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(t.string_to_sign == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                              "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    CHECK(t.signature == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    CHECK(t.authorization == req.headers.get("Authorization"));
}

TEST_CASE("sigv4: signing again replaces the previous signature")
{
    auth::sigv4_signer const signer;
    auto req = get_vanilla();
    auto p = suite_params();
    REQUIRE(ok(signer.sign(req, suite_creds(), p)));
    p.time += hours{25};
    REQUIRE(ok(signer.sign(req, suite_creds(), p)));
    CHECK(count_fields(req.headers, "authorization") == 1);
    CHECK(count_fields(req.headers, "x-amz-date") == 1);
    CHECK(count_fields(req.headers, "host") == 1);
    CHECK(req.headers.get("x-amz-date") == "20150831T133600Z");
    CHECK_THAT(std::string(*req.headers.get("authorization")), Catch::Contains("/20150831/us-east-1/"));
}

TEST_CASE("sigv4: a Date header is signed in place of X-Amz-Date, as botocore does")
{
    auth::sigv4_signer const signer;
    auto req = get_vanilla();
    req.headers.add("Date", "Mon, 01 Jan 2001 00:00:00 GMT");
    req.headers.add("X-Amz-Date", "20010101T000000Z");
    auth::sigv4_trace t;
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params(), &t)));
    CHECK(req.headers.get("date") == "Sun, 30 Aug 2015 12:36:00 -0000");
    CHECK_FALSE(req.headers.contains("x-amz-date"));
    CHECK_THAT(t.canonical_request, Catch::Contains("\ndate:Sun, 30 Aug 2015 12:36:00 -0000\n"));
    // The string to sign still carries the ISO 8601 time.
    CHECK_THAT(t.string_to_sign, Catch::StartsWith("AWS4-HMAC-SHA256\n20150830T123600Z\n"));
}

TEST_CASE("sigv4: headers are lowercased, trimmed, collapsed and joined; hop-by-hop ones are left out")
{
    auth::sigv4_signer const signer;
    auto req = get_vanilla();
    req.headers.add("My-Header1", "  a   b\t c  ");
    req.headers.add("my-header1", "second");
    req.headers.add("User-Agent", "stratus/0.1");
    req.headers.add("X-Amzn-Trace-Id", "Root=1");
    req.headers.add("Expect", "100-continue");
    req.headers.add("Connection", "keep-alive");
    req.headers.add("X-Empty", "   ");
    auth::sigv4_trace t;
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params(), &t)));
    CHECK_THAT(t.canonical_request, Catch::Contains("\nmy-header1:a b c,second\n"));
    CHECK_THAT(t.canonical_request, Catch::Contains("\nx-empty:\n"));
    CHECK_THAT(t.canonical_request, Catch::Contains("\n\nhost;my-header1;x-amz-date;x-empty\n"));
    CHECK(req.headers.get("user-agent") == "stratus/0.1"); // still sent, just not signed
}

TEST_CASE("sigv4: Host comes from the URL, lowercased, with a port only when not the default")
{
    auth::sigv4_signer const signer;
    auto req = get_vanilla();
    req.url.host = "Example.AmazonAWS.com";
    req.url.port = 443;
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params())));
    CHECK(req.headers.get("host") == "example.amazonaws.com");

    req = get_vanilla();
    req.url.scheme = "http";
    req.url.host = "::1";
    req.url.port = 4566;
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params())));
    CHECK(req.headers.get("host") == "[::1]:4566");

    req = get_vanilla();
    req.headers.add("Host", "given.example.com");
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params())));
    CHECK(req.headers.get("host") == "given.example.com");
}

TEST_CASE("sigv4: paths are normalized and encoded once more, except for S3")
{
    auth::sigv4_signer const signer;
    auth::sigv4_trace t;
    auto req = get_vanilla();
    req.url.path = "//a/./b/../c%20d//$e/";
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params(), &t)));
    CHECK_THAT(t.canonical_request, Catch::StartsWith("GET\n/a/c%2520d/%24e/\n"));

    auto p = suite_params();
    p.double_uri_encode = false;
    p.normalize_path = false;
    req = get_vanilla();
    req.url.path = "//a/./b/../c%20d//$e/";
    REQUIRE(ok(signer.sign(req, suite_creds(), p, &t)));
    CHECK_THAT(t.canonical_request, Catch::StartsWith("GET\n//a/./b/../c%20d//$e/\n"));
}

TEST_CASE("sigv4: the query is re-encoded and sorted by key, then value")
{
    auth::sigv4_signer const signer;
    auth::sigv4_trace t;
    auto req = get_vanilla();
    req.url.query = "b=2&a=z&a=Y&acl&empty=&%e1%88%b4=x&sp=a b&plus=a+b&&slash=a/b";
    REQUIRE(ok(signer.sign(req, suite_creds(), suite_params(), &t)));
    CHECK_THAT(t.canonical_request, Catch::Contains("\n%E1%88%B4=x&a=Y&a=z&acl=&b=2&empty=&plus=a%2Bb&"
                                                    "slash=a%2Fb&sp=a%20b\n"));
    CHECK(req.url.query == "b=2&a=z&a=Y&acl&empty=&%e1%88%b4=x&sp=a b&plus=a+b&&slash=a/b"); // sent as given
}

TEST_CASE("sigv4: session tokens")
{
    auth::sigv4_signer const signer;
    auth::sigv4_trace t;
    auto req = get_vanilla();
    req.headers.add("X-Amz-Security-Token", "stale");
    // get-vanilla-with-session-token of the AWS suite.
    auto const token = std::string("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
    REQUIRE(ok(signer.sign(req, suite_creds(token), suite_params(), &t)));
    CHECK(count_fields(req.headers, "x-amz-security-token") == 1);
    CHECK(req.headers.get("x-amz-security-token") == token);
    CHECK(t.signature == "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8");
    CHECK_THAT(std::string(*req.headers.get("authorization")),
               Catch::Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));

    // S3 signs it as a header too.
    req = get_vanilla();
    REQUIRE(ok(signer.sign(req, suite_creds("tok/en+="), s3_params(), &t)));
    CHECK_THAT(t.canonical_request, Catch::Contains("\nx-amz-security-token:tok/en+=\n"));

    // A presigned URL carries it in the query, encoded, and signs it there.
    auto url = signer.presign(get_vanilla(), suite_creds("tok/en+="), suite_params(), seconds{60}, &t);
    REQUIRE(ok(url));
    CHECK_THAT(*url, Catch::Contains("&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-Signature="));
    CHECK_THAT(t.canonical_request,
               Catch::Contains("&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-SignedHeaders=host\n"));
    CHECK_THAT(t.canonical_request, Catch::Contains("\n\nhost\n"));
}

TEST_CASE("sigv4: payload hashes")
{
    auth::sigv4_signer const signer;
    auth::sigv4_trace t;
    auto const empty_hash = std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    SECTION("the body is hashed")
    {
        auto req = get_vanilla();
        req.method = "POST";
        req.body = "Param1=value1";
        REQUIRE(ok(signer.sign(req, suite_creds(), suite_params(), &t)));
        CHECK_THAT(t.canonical_request,
                   Catch::EndsWith("\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"));
        CHECK_FALSE(req.headers.contains("x-amz-content-sha256"));
    }
    SECTION("unsigned payload is signed as such and announced in a header")
    {
        auto req = get_vanilla();
        req.body = "ignored";
        auto p = suite_params();
        p.unsigned_payload = true;
        REQUIRE(ok(signer.sign(req, suite_creds(), p, &t)));
        CHECK_THAT(t.canonical_request, Catch::EndsWith("\nUNSIGNED-PAYLOAD"));
        CHECK(req.headers.get("x-amz-content-sha256") == "UNSIGNED-PAYLOAD");
        CHECK_THAT(t.canonical_request, Catch::Contains("\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n"));
    }
    SECTION("S3 sends the hash as x-amz-content-sha256")
    {
        auto req = get_vanilla();
        req.headers.add("X-Amz-Content-SHA256", "stale");
        REQUIRE(ok(signer.sign(req, suite_creds(), s3_params(), &t)));
        CHECK(req.headers.get("x-amz-content-sha256") == empty_hash);
        CHECK(count_fields(req.headers, "x-amz-content-sha256") == 1);
    }
    SECTION("a precomputed hash is used as given")
    {
        auto req = get_vanilla();
        req.body_stream = std::make_shared<string_source>();
        auto p = s3_params();
        p.payload_hash = std::string(64, 'a');
        REQUIRE(ok(signer.sign(req, suite_creds(), p, &t)));
        CHECK_THAT(t.canonical_request, Catch::EndsWith("\n" + std::string(64, 'a')));
        CHECK(req.headers.get("x-amz-content-sha256") == std::string(64, 'a'));
    }
    SECTION("a hash already on the request is honoured when the signer is not asked to add one")
    {
        auto req = get_vanilla();
        req.headers.add("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        REQUIRE(ok(signer.sign(req, suite_creds(), suite_params(), &t)));
        CHECK_THAT(t.canonical_request, Catch::EndsWith("\nSTREAMING-UNSIGNED-PAYLOAD-TRAILER"));
    }
    SECTION("a streamed body needs a hash or unsigned_payload")
    {
        auto req = get_vanilla();
        req.body_stream = std::make_shared<string_source>();
        auto const before = req.headers.size();
        auto r = signer.sign(req, suite_creds(), suite_params());
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_parameter);
        CHECK_THAT(r.error().message, Catch::Contains("payload_hash"));
        CHECK(req.headers.size() == before); // untouched

        auto p = suite_params();
        p.unsigned_payload = true;
        REQUIRE(ok(signer.sign(req, suite_creds(), p, &t)));
        CHECK_THAT(t.canonical_request, Catch::EndsWith("\nUNSIGNED-PAYLOAD"));
    }
}

TEST_CASE("sigv4: the AWS documentation's S3 examples")
{
    auth::sigv4_signer const signer;
    auth::sigv4_trace t;

    http::request req;
    req.method = "GET";
    req.url.host = "examplebucket.s3.amazonaws.com";
    req.url.path = "/test.txt";
    req.headers.add("Range", "bytes=0-9");
    REQUIRE(ok(signer.sign(req, s3_doc_creds(), s3_params(), &t)));
    CHECK(t.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

    http::request get;
    get.url.host = "examplebucket.s3.amazonaws.com";
    get.url.path = "/test.txt";
    auto p = s3_params();
    p.unsigned_payload = true;
    auto url = signer.presign(get, s3_doc_creds(), p, hours{24}, &t);
    REQUIRE(ok(url));
    CHECK(*url == "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                  "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                  "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                  "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
    CHECK(t.authorization.empty());
}

TEST_CASE("sigv4: presigning keeps the operation's query first and drops an old signature")
{
    auth::sigv4_signer const signer;
    auto req = get_vanilla();
    req.url.query = "Action=ListUsers&Version=2010-05-08&X-Amz-Signature=old&X-Amz-Date=old";
    auto url = signer.presign(req, suite_creds(), suite_params(), seconds{60});
    REQUIRE(ok(url));
    CHECK_THAT(*url, Catch::StartsWith("https://example.amazonaws.com/?Action=ListUsers&Version=2010-05-08&"
                                       "X-Amz-Algorithm=AWS4-HMAC-SHA256&"));
    CHECK_THAT(*url, !Catch::Contains("old"));
    CHECK(req.headers.empty()); // presign leaves the request alone
}

TEST_CASE("sigv4: presign expiry must be from 1 second to 7 days")
{
    auth::sigv4_signer const signer;
    auto const req = get_vanilla();
    for (auto s : {seconds{0}, seconds{-1}, seconds{604801}, seconds{hours{24 * 365}}}) {
        auto r = signer.presign(req, suite_creds(), suite_params(), s);
        REQUIRE(r.has_error());
        CHECK(r.error().code == errc::invalid_parameter);
        CHECK(r.error().kind() == error_kind::client);
        CHECK_THAT(r.error().to_string(), Catch::Contains("expires: must be from 1 to 604800 seconds") &&
                                              Catch::Contains(std::to_string(s.count())));
    }
    for (auto s : {seconds{1}, seconds{604800}}) {
        auto r = signer.presign(req, suite_creds(), suite_params(), s);
        REQUIRE(ok(r));
        CHECK_THAT(*r, Catch::Contains("&X-Amz-Expires=" + std::to_string(s.count()) + "&"));
    }
}

TEST_CASE("sigv4: bad input gives typed errors that name the parameter")
{
    auth::sigv4_signer const signer;
    auto check = [&](credentials const& c, auth::sigv4_params const& p, errc code, std::string_view what,
                     http::request req = get_vanilla()) {
        auto const before = req.headers.size();
        auto r = signer.sign(req, c, p);
        REQUIRE(r.has_error());
        CHECK(r.error().code == code);
        CHECK(r.error().kind() == error_kind::client);
        CHECK_THAT(r.error().to_string(), Catch::Contains(std::string(what)));
        CHECK(req.headers.size() == before);
        auto u = signer.presign(req, c, p, seconds{60});
        REQUIRE(u.has_error());
        CHECK(u.error().code == code);
    };
    auto p = suite_params();
    p.region.clear();
    check(suite_creds(), p, errc::missing_region, "region: must not be empty");
    p = suite_params();
    p.region = "us/east";
    check(suite_creds(), p, errc::invalid_parameter, "region: 'us/east' must not contain");
    p = suite_params();
    p.service.clear();
    check(suite_creds(), p, errc::invalid_parameter, "service: must not be empty");
    p = suite_params();
    p.service = "s 3";
    check(suite_creds(), p, errc::invalid_parameter, "service: 's 3' must not contain");
    p = suite_params();
    p.payload_hash = "";
    check(suite_creds(), p, errc::invalid_parameter, "payload_hash: must be non-empty");

    credentials c;
    check(c, suite_params(), errc::no_credentials, "credentials: access key id and secret access key");
    c.access_key_id = "AKID";
    check(c, suite_params(), errc::no_credentials, "credentials:");
    c = suite_creds();
    c.access_key_id = "AKID/x";
    check(c, suite_params(), errc::invalid_parameter, "credentials: access key id must not contain");
    c = suite_creds("line\r\nInjected: yes");
    check(c, suite_params(), errc::invalid_parameter, "credentials: session token must not contain");

    auto req = get_vanilla();
    req.method.clear();
    check(suite_creds(), suite_params(), errc::invalid_parameter, "method: must not be empty", req);
    req = get_vanilla();
    req.url.host.clear();
    check(suite_creds(), suite_params(), errc::invalid_parameter, "url.host: must not be empty", req);
    CHECK_THAT(signer.sign(req, suite_creds(), suite_params()).error().to_string(),
               Catch::StartsWith("sigv4 sign: "));
}

TEST_CASE("sigv4: the throwing form throws client_error")
{
    auth::sigv4_signer const signer;
    auto req = get_vanilla();
    auth::sigv4_params p;
    p.service = "s3";
    CHECK_THROWS_AS(signer.sign(req, suite_creds(), p).value(), client_error);
    CHECK_THROWS_WITH(signer.presign(req, suite_creds(), suite_params(), seconds{0}).value(),
                      Catch::Contains("expires"));
}

TEST_CASE("sigv4: secrets never appear in errors or traces")
{
    auto const secret = std::string("SECRETsecretSECRETsecret0123456789abcdef");
    auto const token = std::string("TOKENtokenTOKENtoken");
    auto creds = [&] {
        credentials c;
        c.access_key_id = "AKIDEXAMPLE";
        c.secret_access_key = secret;
        c.session_token = token;
        return c;
    };
    auth::sigv4_signer const signer;
    std::vector<error_info> errors;
    auto collect = [&](credentials const& c, auth::sigv4_params const& p, http::request req,
                       seconds expires) {
        if (auto r = signer.sign(req, c, p); r.has_error()) errors.push_back(r.error());
        if (auto r = signer.presign(req, c, p, expires); r.has_error()) errors.push_back(r.error());
    };
    auto p = suite_params();
    collect(creds(), p, get_vanilla(), seconds{0});
    p.region.clear();
    collect(creds(), p, get_vanilla(), seconds{60});
    p = suite_params();
    p.service = "a/b";
    collect(creds(), p, get_vanilla(), seconds{60});
    auto c = creds();
    c.access_key_id.clear();
    collect(c, suite_params(), get_vanilla(), seconds{60});
    c = creds();
    c.access_key_id = "bad key";
    collect(c, suite_params(), get_vanilla(), seconds{60});
    c = creds();
    c.session_token = token + "\n";
    collect(c, suite_params(), get_vanilla(), seconds{60});
    auto streamed = get_vanilla();
    streamed.body_stream = std::make_shared<string_source>();
    collect(creds(), suite_params(), streamed, seconds{60});

    REQUIRE(errors.size() >= 13);
    for (auto const& e : errors) {
        INFO(e.to_string());
        CHECK_THAT(e.to_string(), !Catch::Contains(secret) && !Catch::Contains(token));
        CHECK_THAT(e.message, !Catch::Contains(secret) && !Catch::Contains(token));
        try {
            throw_error(e);
        } catch (std::exception const& x) {
            CHECK_THAT(std::string(x.what()), !Catch::Contains(secret) && !Catch::Contains(token));
        }
    }

    auth::sigv4_trace t;
    auto req = get_vanilla();
    REQUIRE(ok(signer.sign(req, creds(), suite_params(), &t)));
    for (auto const* s : {&t.canonical_request, &t.string_to_sign, &t.signature, &t.authorization})
        CHECK_THAT(*s, !Catch::Contains(secret));
    for (auto const& [name, value] : req.headers)
        CHECK_THAT(value, !Catch::Contains(secret));
}

TEST_CASE("sigv4: derived keys are cached per secret, day, region and service")
{
    auth::sigv4_signer const signer;
    auto sign = [&](auth::sigv4_params const& p, credentials const& c = suite_creds()) {
        auto req = get_vanilla();
        auth::sigv4_trace t;
        REQUIRE(ok(signer.sign(req, c, p, &t)));
        return t.signature;
    };
    auto p = suite_params();
    auto const first = sign(p);
    CHECK(signer.key_cache_stats().misses == 1);
    CHECK(signer.key_cache_stats().hits == 0);
    CHECK(sign(p) == first);
    p.time += minutes{30}; // same day: same key, another signature
    CHECK(sign(p) != first);
    CHECK(signer.key_cache_stats().hits == 2);
    CHECK(signer.key_cache_stats().misses == 1);

    p.time += hours{24};
    sign(p);
    p = suite_params();
    p.region = "eu-west-1";
    sign(p);
    p = suite_params();
    p.service = "sqs";
    sign(p);
    auto other = suite_creds();
    other.secret_access_key = "another";
    sign(suite_params(), other);
    auto const s = signer.key_cache_stats();
    CHECK(s.misses == 5);
    CHECK(s.hits == 2);
    CHECK(s.size == 5);
    CHECK(s.capacity == auth::sigv4_signer::default_key_cache_capacity);

    // Signatures from the cache are the ones an uncached signer computes.
    auth::sigv4_signer const uncached(0);
    auto req = get_vanilla();
    auth::sigv4_trace t;
    REQUIRE(ok(uncached.sign(req, suite_creds(), suite_params(), &t)));
    CHECK(t.signature == first);
    CHECK(uncached.key_cache_stats().size == 0);
}

TEST_CASE("sigv4: the key cache is bounded and forgets the least recently used key")
{
    auth::sigv4_signer const signer(2);
    auto sign = [&](std::string region) {
        auto p = suite_params();
        p.region = std::move(region);
        auto req = get_vanilla();
        REQUIRE(ok(signer.sign(req, suite_creds(), p)));
    };
    sign("r1");
    sign("r2");
    sign("r1"); // r2 is now the least recently used
    sign("r3");
    CHECK(signer.key_cache_stats().size == 2);
    auto const misses = signer.key_cache_stats().misses;
    sign("r1");
    CHECK(signer.key_cache_stats().misses == misses);
    sign("r2");
    CHECK(signer.key_cache_stats().misses == misses + 1);
    CHECK(signer.key_cache_stats().size == 2);

    // Copies start empty; moves take the cache along.
    auth::sigv4_signer copy = signer;
    CHECK(copy.key_cache_stats().size == 0);
    CHECK(copy.key_cache_stats().capacity == 2);
    auth::sigv4_signer moved = std::move(copy);
    CHECK(moved.key_cache_stats().capacity == 2);
}

TEST_CASE("sigv4: one signer is safe to share between threads")
{
    auth::sigv4_signer const shared(4);
    auth::sigv4_signer const reference(0);
    std::vector<std::string> regions;
    for (int i = 0; i < 10; ++i)
        regions.push_back("region-" + std::to_string(i));
    std::vector<std::string> expected;
    for (auto const& r : regions) {
        auto p = suite_params();
        p.region = r;
        auto req = get_vanilla();
        auth::sigv4_trace t;
        REQUIRE(ok(reference.sign(req, suite_creds(), p, &t)));
        expected.push_back(t.signature);
    }
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int n = 0; n < 4; ++n)
        threads.emplace_back([&, n] {
            for (int i = 0; i < 300; ++i) {
                auto const k = static_cast<std::size_t>((i * 7 + n) % 10);
                auto p = suite_params();
                p.region = regions[k];
                auto req = get_vanilla();
                auth::sigv4_trace t;
                if (!shared.sign(req, suite_creds(), p, &t) || t.signature != expected[k]) ++wrong;
            }
        });
    for (auto& t : threads)
        t.join();
    CHECK(wrong == 0);
    auto const s = shared.key_cache_stats();
    CHECK(s.size <= 4);
    CHECK(s.hits + s.misses == 1200);
}

TEST_CASE("crypto: SHA-256, HMAC-SHA256, hex, base64")
{
    using namespace stratus::detail;
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // RFC 4231 test case 2.
    CHECK(hex_lower(hmac_sha256(std::string_view("Jefe"), "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    sha256_hasher h;
    h.update("a");
    h.update("");
    h.update("bc");
    CHECK(hex_lower(h.finish()) == sha256_hex("abc"));
    h.update("abc"); // starts over after finish()
    CHECK(hex_lower(h.finish()) == sha256_hex("abc"));

    CHECK(base64_encode(std::string_view("")) == "");
    CHECK(base64_encode(std::string_view("f")) == "Zg==");
    CHECK(base64_encode(std::string_view("fo")) == "Zm8=");
    CHECK(base64_encode(std::string_view("foobar")) == "Zm9vYmFy");
    CHECK(base64_decode("Zg==") == "f");
    CHECK(base64_decode("Zm8=") == "fo");
    CHECK(base64_decode("Zm9vYmFy") == "foobar");
    CHECK(base64_decode("") == "");
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(i);
    CHECK(base64_decode(base64_encode(bytes)) == bytes);
    for (auto bad : {"Zg=", "Zg", "Z===", "Zg=a", " Zg==", "Zm9v\nYmFy", "Zm9v-mFy"}) {
        INFO(bad);
        CHECK_FALSE(base64_decode(bad));
    }
}

TEST_CASE("uri_encode: RFC 3986 as SigV4 needs it")
{
    using namespace stratus::detail;
    CHECK(uri_encode("AZaz09-_.~") == "AZaz09-_.~");
    CHECK(uri_encode("a b+c/d=e&%") == "a%20b%2Bc%2Fd%3De%26%25");
    CHECK(uri_encode("/a b/c", true) == "/a%20b/c");
    CHECK(uri_encode("\xe1\x88\xb4") == "%E1%88%B4");
    CHECK(uri_decode("%e1%88%B4+%zz%4") == "\xe1\x88\xb4+%zz%4");
    CHECK(uri_normalize("%7e%41a b%") == "~Aa%20b%25");
    CHECK(uri_normalize(uri_normalize("x%2fy z")) == uri_normalize("x%2fy z"));
}
