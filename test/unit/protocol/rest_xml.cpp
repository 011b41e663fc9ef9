// The rest-xml engine with S3's operations (hand-written shapes in
// s3_shapes.hpp): exact requests, responses parsed into shapes, S3's
// customizations, modeled errors and every way a response can be wrong.
#include <stratus/protocol/rest_xml.hpp>

#include "harness.hpp"
#include "s3_shapes.hpp"
#include "xml_compare.hpp"

#include <stratus/detail/crypto.hpp>
#include <stratus/protocol/detail/md5.hpp>

#include <catch2/catch.hpp>

using namespace stratus;
using test::canonical_xml;
using test::harness;
using test::response;

namespace {

timestamp at(std::int64_t ms)
{
    return timestamp{std::chrono::milliseconds{ms}};
}

std::string header(http::request const& r, std::string_view name)
{
    auto v = r.headers.get(name);
    return v ? std::string(*v) : std::string("<absent>");
}

} // namespace

// ---------------------------------------------------------------------------
// Requests

TEST_CASE("rest_xml: ListObjectsV2 puts the literal query first, then members; encoding-type=url by default")
{
    harness h;
    auto r = h.prepare<s3t::ops::list_objects_v2>({.bucket = "my-bucket",
                                                   .delimiter = "/",
                                                   .max_keys = 10,
                                                   .prefix = "a b/ü",
                                                   .fetch_owner = true,
                                                   .optional_object_attributes = {"RestoreStatus", "x,y"}});
    REQUIRE(r);
    CHECK(r->method == "GET");
    CHECK(r->url.to_string() == "https://s3.us-east-1.amazonaws.com/my-bucket?list-type=2&delimiter=%2F&max-keys=10"
                                "&prefix=a%20b%2F%C3%BC&fetch-owner=true&encoding-type=url");
    CHECK(header(*r, "x-amz-optional-object-attributes") == "RestoreStatus,\"x,y\"");
    CHECK(r->body.empty());
    CHECK_FALSE(r->headers.contains("Content-Type"));
    CHECK(h.last_params().operation == "ListObjectsV2");

    // The caller's own choice of encoding is left alone (and nothing is decoded).
    auto own = h.prepare<s3t::ops::list_objects_v2>({.bucket = "b", .encoding_type = "url"});
    REQUIRE(own);
    CHECK(own->url.query == "list-type=2&encoding-type=url");
}

TEST_CASE("rest_xml: PutObject with a greedy key, metadata, typed headers and an in-memory body")
{
    harness h;
    auto r = h.prepare<s3t::ops::put_object>({.body = "hello",
                                              .bucket = "b",
                                              .key = "dir/a b+c%/ü?#~",
                                              .content_length = 5,
                                              .content_type = "text/plain",
                                              .expires = at(1576540098000),
                                              .metadata = {{"Color", "blue"}, {"x", "a, b"}},
                                              .bucket_key_enabled = false,
                                              .object_lock_retain_until_date = at(1576540098123)});
    REQUIRE(r);
    CHECK(r->method == "PUT");
    // botocore: percent_encode(key, safe='/~').
    CHECK(r->url.path == "/b/dir/a%20b%2Bc%25/%C3%BC%3F%23~");
    CHECK(r->url.query.empty());
    CHECK(r->body == "hello");
    CHECK_FALSE(r->body_stream);
    CHECK(header(*r, "Content-Length") == "5");
    CHECK(header(*r, "Content-Type") == "text/plain");
    CHECK(header(*r, "Expires") == "Mon, 16 Dec 2019 23:48:18 GMT");
    CHECK(header(*r, "x-amz-object-lock-retain-until-date") == "2019-12-16T23:48:18.123Z");
    CHECK(header(*r, "x-amz-server-side-encryption-bucket-key-enabled") == "false");
    CHECK(header(*r, "x-amz-meta-Color") == "blue");
    CHECK(header(*r, "x-amz-meta-x") == "a, b");
    CHECK_FALSE(r->headers.contains("Content-MD5")); // PutObject does not require it
}

TEST_CASE("rest_xml: a streaming body goes out as a stream, unsigned")
{
    struct source final : http::body_source {
        std::optional<std::uint64_t> size() const override { return 3; }
        std::size_t read(std::span<char> buf, error_code&) override
        {
            if (done || buf.size() < 3) return 0;
            done = true;
            std::copy_n("abc", 3, buf.data());
            return 3;
        }
        bool rewind() override
        {
            done = false;
            return true;
        }
        bool done = false;
    };
    harness h;
    auto src = std::make_shared<source>();
    auto r = h.prepare<s3t::ops::put_object>({.body = std::shared_ptr<http::body_source>(src), .bucket = "b", .key = "k"});
    REQUIRE(r);
    CHECK(r->body_stream == src);
    CHECK(r->body.empty());
}

TEST_CASE("rest_xml: S3 SSE-C keys are sent base64-encoded with their MD5, unless the caller gave the MD5")
{
    harness h;
    std::string const key(32, 'k');
    auto r = h.prepare<s3t::ops::put_object>(
        {.bucket = "b", .key = "k", .sse_customer_algorithm = "AES256", .sse_customer_key = key});
    REQUIRE(r);
    CHECK(header(*r, "x-amz-server-side-encryption-customer-key") == detail::base64_encode(key));
    CHECK(header(*r, "x-amz-server-side-encryption-customer-key-MD5") == protocol::detail::content_md5(key));

    auto own = h.prepare<s3t::ops::put_object>(
        {.bucket = "b", .key = "k", .sse_customer_key = "already-b64", .sse_customer_key_md5 = "md5"});
    REQUIRE(own);
    CHECK(header(*own, "x-amz-server-side-encryption-customer-key") == "already-b64");
}

TEST_CASE("rest_xml: GetObject puts Range and dates in headers, the rest in the query")
{
    harness h;
    auto r = h.prepare<s3t::ops::get_object>({.bucket = "b",
                                              .key = "k",
                                              .if_modified_since = at(1398796238000),
                                              .range = "bytes=0-9",
                                              .response_content_type = "text/html; charset=utf-8",
                                              .version_id = "v 1",
                                              .part_number = 2});
    REQUIRE(r);
    CHECK(r->url.target() == "/b/k?response-content-type=text%2Fhtml%3B%20charset%3Dutf-8&versionId=v%201&partNumber=2");
    CHECK(header(*r, "Range") == "bytes=0-9");
    CHECK(header(*r, "If-Modified-Since") == "Tue, 29 Apr 2014 18:30:38 GMT");
}

TEST_CASE("rest_xml: CopyObject percent-encodes x-amz-copy-source but keeps ?versionId=")
{
    harness h;
    auto r = h.prepare<s3t::ops::copy_object>(
        {.bucket = "dst", .copy_source = "src/a b+ü?versionId=3/L4kqtJl", .key = "k", .metadata = {{"k", "v"}}});
    REQUIRE(r);
    CHECK(header(*r, "x-amz-copy-source") == "src/a%20b%2B%C3%BC?versionId=3/L4kqtJl");
    CHECK(header(*r, "x-amz-meta-k") == "v");

    auto plain = h.prepare<s3t::ops::copy_object>({.bucket = "dst", .copy_source = "/src/dir/x?y", .key = "k"});
    REQUIRE(plain);
    CHECK(header(*plain, "x-amz-copy-source") == "/src/dir/x%3Fy");
}

TEST_CASE("rest_xml: DeleteObjects sends its XML payload with Content-MD5")
{
    harness h;
    auto r = h.prepare<s3t::ops::delete_objects>(
        {.bucket = "b",
         .delete_ = s3t::delete_{.objects = {{.key = "a"}, {.key = "b&c\r\nd", .version_id = "v<1>"}}, .quiet = true}});
    REQUIRE(r);
    CHECK(r->method == "POST");
    CHECK(r->url.target() == "/b?delete");
    CHECK(canonical_xml(r->body) ==
          canonical_xml("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>a</Key></Object>"
                        "<Object><Key>b&amp;c&#xD;&#xA;d</Key><VersionId>v&lt;1&gt;</VersionId></Object>"
                        "<Quiet>true</Quiet></Delete>"));
    // CR and LF stay characters in the document, not line breaks a parser would normalize.
    CHECK(r->body.find('\n') == std::string::npos);
    CHECK(header(*r, "Content-MD5") == protocol::detail::content_md5(r->body));
    CHECK(header(*r, "Content-Type") == "application/xml");
}

TEST_CASE("rest_xml: CreateBucket sends CreateBucketConfiguration as the root, or no body at all")
{
    harness h;
    auto r = h.prepare<s3t::ops::create_bucket>(
        {.acl = "private",
         .bucket = "b",
         .create_bucket_configuration = s3t::create_bucket_configuration{.location_constraint = "eu-west-1"},
         .object_lock_enabled_for_bucket = true});
    REQUIRE(r);
    CHECK(r->url.target() == "/b");
    CHECK(r->body == "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                     "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
    CHECK(header(*r, "x-amz-acl") == "private");
    CHECK(header(*r, "x-amz-bucket-object-lock-enabled") == "true");

    auto bare = h.prepare<s3t::ops::create_bucket>({.bucket = "b"});
    REQUIRE(bare);
    CHECK(bare->body.empty());
    CHECK_FALSE(bare->headers.contains("Content-Type"));
}

TEST_CASE("rest_xml: request paths go below the endpoint's own path")
{
    harness h({"S3", "s3", "s3", true}, "http://127.0.0.1:9000/proxy/");
    auto r = h.prepare<s3t::ops::get_bucket_location>({.bucket = "b"});
    REQUIRE(r);
    CHECK(r->url.to_string() == "http://127.0.0.1:9000/proxy/b?location");
}

// ---------------------------------------------------------------------------
// Validation: each rule, and the message naming operation, path and rule.

TEST_CASE("rest_xml: client-side validation names the operation, the parameter path and the rule")
{
    harness h;
    SECTION("min length of a top-level member")
    {
        auto r = h.prepare<s3t::ops::put_object>({.bucket = "b", .key = ""});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_parameter);
        CHECK(r.error().kind() == error_kind::client);
        CHECK(r.error().to_string() == "PutObject: Key: length 0 is less than the minimum 1");
    }
    SECTION("nested in a list, all violations at once")
    {
        auto r = h.prepare<s3t::ops::delete_objects>(
            {.bucket = "b", .delete_ = s3t::delete_{.objects = {{.key = "a"}, {.key = ""}, {.key = ""}}}});
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "Delete.Objects[1].Key: length 0 is less than the minimum 1\n"
                                   "Delete.Objects[2].Key: length 0 is less than the minimum 1");
    }
    SECTION("a required list that is empty is still given (botocore accepts it)")
    {
        auto r = h.prepare<s3t::ops::delete_objects>({.bucket = "b", .delete_ = s3t::delete_{}});
        REQUIRE(r);
        CHECK(canonical_xml(r->body) ==
              canonical_xml("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></Delete>"));
    }
    SECTION("S3 bucket names")
    {
        auto r = h.prepare<s3t::ops::list_objects_v2>({.bucket = "a/b"});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_parameter);
        CHECK(r.error().message.starts_with("Bucket: invalid bucket name \"a/b\""));
        CHECK(h.prepare<s3t::ops::list_objects_v2>({.bucket = ""}).error().code == errc::invalid_parameter);
        CHECK(h.prepare<s3t::ops::list_objects_v2>({.bucket = "arn:aws:s3:us-west-2:123456789012:accesspoint/x"}));
    }
    SECTION("header values cannot smuggle in other headers")
    {
        auto r = h.prepare<s3t::ops::get_object>({.bucket = "b", .key = "k", .range = "bytes=0-1\r\nX-Evil: 1"});
        REQUIRE_FALSE(r);
        CHECK(r.error().message == "Range: a header value cannot contain CR or LF");
    }
}

// ---------------------------------------------------------------------------
// Responses

TEST_CASE("rest_xml: ListObjectsV2 output: flattened lists, namespaces ignored, unknown elements and enums kept")
{
    harness h;
    auto out = h.finish<s3t::ops::list_objects_v2>(response(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<Name>b</Name><Prefix></Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
        "<Contents><Key>a.txt</Key><LastModified>2019-12-16T23:48:18.000Z</LastModified>"
        "<ETag>&quot;abc&quot;</ETag><Size>5</Size><StorageClass>STANDARD</StorageClass>"
        "<Owner><ID>o1</ID><DisplayName>me</DisplayName></Owner><Shiny>new</Shiny></Contents>"
        "<Contents><Key>b.txt</Key><LastModified>2019-12-16T23:48:18.123Z</LastModified>"
        "<Size>9999999999</Size><StorageClass>NEW_TIER</StorageClass></Contents>"
        "<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>"
        "<UnknownTopLevel><x>1</x></UnknownTopLevel>"
        "</ListBucketResult>",
        {{"x-amz-request-charged", "requester"}}));
    REQUIRE(out);
    CHECK(out->name == "b");
    CHECK(out->prefix == "");
    CHECK(out->key_count == 2);
    CHECK(out->is_truncated == false);
    REQUIRE(out->contents.size() == 2);
    CHECK(out->contents[0].key == "a.txt");
    CHECK(out->contents[0].etag == "\"abc\"");
    CHECK(out->contents[0].last_modified == at(1576540098000));
    CHECK(out->contents[0].storage_class->value == s3t::storage_class::standard);
    REQUIRE(out->contents[0].owner);
    CHECK(out->contents[0].owner->id == "o1");
    CHECK(out->contents[0].owner->display_name == "me");
    CHECK(out->contents[1].size == 9999999999);
    CHECK(out->contents[1].last_modified == at(1576540098123));
    CHECK(out->contents[1].storage_class->value == "NEW_TIER");
    REQUIRE(out->common_prefixes.size() == 1);
    CHECK(out->common_prefixes[0].prefix == "dir/");
    CHECK(out->request_charged == "requester");
    CHECK_FALSE(out->delimiter);
}

TEST_CASE("rest_xml: S3 listing keys are url-decoded when stratus asked for url encoding")
{
    std::string const body = "<ListBucketResult><EncodingType>url</EncodingType><Prefix>a+b%2F</Prefix>"
                             "<StartAfter>%C3%BC</StartAfter><Delimiter>%2F</Delimiter>"
                             "<Contents><Key>a+b%2Fc%25d</Key><ETag>a+b</ETag></Contents>"
                             "<CommonPrefixes><Prefix>a+b%2Fdir%2F</Prefix></CommonPrefixes>"
                             "<NextContinuationToken>tok+en</NextContinuationToken></ListBucketResult>";
    harness h;
    REQUIRE(h.prepare<s3t::ops::list_objects_v2>({.bucket = "b"}));
    auto out = h.finish<s3t::ops::list_objects_v2>(response(200, body));
    REQUIRE(out);
    CHECK(out->prefix == "a b/");
    CHECK(out->start_after == "ü");
    CHECK(out->delimiter == "/");
    CHECK(out->contents.at(0).key == "a b/c%d");
    CHECK(out->contents.at(0).etag == "a+b");              // not a listing key
    CHECK(out->common_prefixes.at(0).prefix == "a b/dir/");
    CHECK(out->next_continuation_token == "tok+en");       // botocore leaves tokens alone

    // When the caller asked for the encoding, the keys are theirs to decode.
    REQUIRE(h.prepare<s3t::ops::list_objects_v2>({.bucket = "b", .encoding_type = "url"}));
    auto own = h.finish<s3t::ops::list_objects_v2>(response(200, body));
    REQUIRE(own);
    CHECK(own->contents.at(0).key == "a+b%2Fc%25d");
}

TEST_CASE("rest_xml: GetObject output: body, typed headers, metadata with lower-cased keys")
{
    harness h;
    auto out = h.finish<s3t::ops::get_object>(response(200, "0123456789",
                                                       {{"Last-Modified", "Tue, 29 Apr 2014 18:30:38 GMT"},
                                                        {"Content-Length", "10"},
                                                        {"Content-Range", "bytes 0-9/100"},
                                                        {"ETag", "\"e\""},
                                                        {"X-Amz-Meta-Color", "blue"},
                                                        {"x-amz-meta-a-b", "c"},
                                                        {"x-amz-delete-marker", "true"},
                                                        {"Expires", "Wed, 21 Oct 2015 07:28:00 GMT"},
                                                        {"x-amz-mp-parts-count", "3"}}));
    REQUIRE(out);
    CHECK(out->body.data == "0123456789");
    CHECK(out->last_modified == at(1398796238000));
    CHECK(out->content_length == 10);
    CHECK(out->content_range == "bytes 0-9/100");
    CHECK(out->etag == "\"e\"");
    CHECK(out->delete_marker == true);
    CHECK(out->parts_count == 3);
    CHECK(out->metadata == std::map<std::string, std::string>{{"a-b", "c"}, {"color", "blue"}});
    CHECK(out->expires == at(1445412480000));
    CHECK(out->expires_string == "Wed, 21 Oct 2015 07:28:00 GMT");
}

TEST_CASE("rest_xml: an S3 Expires header that is not a date is kept only as text (botocore's ExpiresString)")
{
    harness h;
    auto out = h.finish<s3t::ops::get_object>(response(200, "x", {{"Expires", "never, thanks"}}));
    REQUIRE(out);
    CHECK_FALSE(out->expires);
    CHECK(out->expires_string == "never, thanks");

    // Any other date header that does not parse is an error.
    auto bad = h.finish<s3t::ops::get_object>(response(200, "x", {{"Last-Modified", "yesterday"}}));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::parse_error);
    CHECK(bad.error().to_string() == "GetObject: response LastModified: not a timestamp: \"yesterday\"");
}

TEST_CASE("rest_xml: a GetObject body that looks like an error document is still the object")
{
    harness h;
    auto out = h.finish<s3t::ops::get_object>(response(200, "<Error><Code>Mine</Code></Error>"));
    REQUIRE(out);
    CHECK(out->body.data == "<Error><Code>Mine</Code></Error>");
}

TEST_CASE("rest_xml: CopyObject's payload structure, and its 200 OK that is an error")
{
    harness h;
    auto ok = h.finish<s3t::ops::copy_object>(
        response(200,
                 "<CopyObjectResult><LastModified>2019-12-16T23:48:18Z</LastModified><ETag>\"e\"</ETag>"
                 "</CopyObjectResult>",
                 {{"x-amz-version-id", "v2"}}));
    REQUIRE(ok);
    REQUIRE(ok->copy_object_result);
    CHECK(ok->copy_object_result->etag == "\"e\"");
    CHECK(ok->copy_object_result->last_modified == at(1576540098000));
    CHECK(ok->version_id == "v2");

    auto embedded = h.finish<s3t::ops::copy_object>(
        response(200, "\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>"
                      "<Message>We encountered an internal error. Please try again.</Message>"
                      "<RequestId>r1</RequestId></Error>\n"));
    REQUIRE_FALSE(embedded);
    CHECK(embedded.error().code == errc::service_error);
    CHECK(embedded.error().aws_code == "InternalError");
    CHECK(embedded.error().http_status == 500);
    CHECK(embedded.error().request_id == "r1");

    // Cut off mid-document: botocore treats it as a 500 too (and retries).
    auto cut = h.finish<s3t::ops::copy_object>(response(200, "<CopyObjectResult><ETag>\"e\"</ETag><LastMod"));
    REQUIRE_FALSE(cut);
    CHECK(cut.error().http_status == 500);
    CHECK(cut.error().code == errc::service_error);

    // An empty 200 body is fine (the payload is simply absent).
    auto empty = h.finish<s3t::ops::copy_object>(response(200, ""));
    REQUIRE(empty);
    CHECK_FALSE(empty->copy_object_result);
}

TEST_CASE("rest_xml: GetBucketLocation's root element is the value")
{
    harness h;
    auto eu = h.finish<s3t::ops::get_bucket_location>(response(
        200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint "
             "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>"));
    REQUIRE(eu);
    CHECK(eu->location_constraint->value == "eu-west-1");

    // us-east-1 buckets have an empty constraint: botocore returns None.
    auto us = h.finish<s3t::ops::get_bucket_location>(
        response(200, "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"));
    REQUIRE(us);
    CHECK_FALSE(us->location_constraint);
}

TEST_CASE("rest_xml: DeleteObjects output with Deleted and Error entries")
{
    harness h;
    auto out = h.finish<s3t::ops::delete_objects>(response(
        200, "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
             "<Deleted><Key>a</Key></Deleted><Deleted><Key>b</Key><DeleteMarker>true</DeleteMarker></Deleted>"
             "<Error><Key>c</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
             "</DeleteResult>"));
    REQUIRE(out);
    REQUIRE(out->deleted.size() == 2);
    CHECK(out->deleted[1].key == "b");
    CHECK(out->deleted[1].delete_marker == true);
    REQUIRE(out->errors.size() == 1);
    CHECK(out->errors[0].code == "AccessDenied");
}

TEST_CASE("rest_xml: error responses become service errors, modeled where the operation says so")
{
    harness h;
    SECTION("S3's <Error> root, request id from the header")
    {
        auto r = h.finish<s3t::ops::get_object>(response(
            404,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
            "<Message>The specified key does not exist.</Message><Key>k</Key><RequestId>body-id</RequestId></Error>",
            {{"x-amz-request-id", "hdr-id"}}));
        REQUIRE_FALSE(r);
        auto const& e = r.error();
        CHECK(e.code == errc::service_error);
        CHECK(e.aws_code == "NoSuchKey");
        CHECK(e.message == "The specified key does not exist.");
        CHECK(e.request_id == "hdr-id");
        CHECK(e.http_status == 404);
        CHECK(e.operation == "GetObject");
        REQUIRE(e.modeled);
        try {
            throw_error(e);
        } catch (s3t::no_such_key const& x) {
            CHECK(x.aws_code() == "NoSuchKey");
            CHECK(x.request_id() == "hdr-id");
            CHECK(x.http_status() == 404);
        }
    }
    SECTION("a modeled error with members of its own")
    {
        auto r = h.finish<s3t::ops::get_object>(response(
            403, "<Error><Code>InvalidObjectState</Code><Message>archived</Message>"
                 "<StorageClass>GLACIER</StorageClass><AccessTier>ARCHIVE_ACCESS</AccessTier></Error>"));
        REQUIRE_FALSE(r);
        REQUIRE(r.error().modeled);
        try {
            std::rethrow_exception(r.error().modeled);
        } catch (s3t::invalid_object_state const& x) {
            CHECK(x.storage_class->value == "GLACIER");
            CHECK(x.access_tier == "ARCHIVE_ACCESS");
            CHECK(x.aws_code() == "InvalidObjectState");
        }
    }
    SECTION("a code the operation does not model stays a plain service_error")
    {
        auto r = h.finish<s3t::ops::get_object>(response(403, "<Error><Code>AccessDenied</Code></Error>"));
        REQUIRE_FALSE(r);
        CHECK_FALSE(r.error().modeled);
        CHECK_THROWS_AS(throw_error(r.error()), service_error);
        // No Message element: the reason phrase, as botocore.
        CHECK(r.error().message == "Forbidden");
    }
    SECTION("<ErrorResponse><Error> with the request id beside it (CloudFront, Route 53)")
    {
        harness cf({"CloudFront", "cloudfront", "cloudfront", false});
        auto r = cf.finish<s3t::ops::create_bucket>(
            response(409, "<ErrorResponse xmlns=\"https://cloudfront.amazonaws.com/doc/2020-05-31/\"><Error>"
                          "<Type>Sender</Type><Code>BucketAlreadyExists</Code><Message>taken</Message></Error>"
                          "<RequestId>cf-1</RequestId></ErrorResponse>"));
        REQUIRE_FALSE(r);
        CHECK(r.error().aws_code == "BucketAlreadyExists");
        CHECK(r.error().message == "taken");
        CHECK(r.error().request_id == "cf-1");
        CHECK_THROWS_AS(throw_error(r.error()), s3t::bucket_already_exists);
    }
    SECTION("HEAD errors have no body: the code is the status, as botocore (so no NoSuchKey)")
    {
        auto r = h.finish<s3t::ops::head_object>(response(404, "", {{"x-amz-request-id", "h"}}));
        REQUIRE_FALSE(r);
        CHECK(r.error().aws_code == "404");
        CHECK(r.error().message == "Not Found");
        CHECK(r.error().request_id == "h");
        CHECK_FALSE(r.error().modeled);
    }
    SECTION("an HTML 503 from a proxy")
    {
        auto r = h.finish<s3t::ops::list_objects_v2>(
            response(503, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>"));
        REQUIRE_FALSE(r);
        CHECK(r.error().aws_code == "503");
        CHECK(r.error().message == "Service Unavailable");
    }
}

// ---------------------------------------------------------------------------
// Responses that do not match the model: a typed error naming the member.

TEST_CASE("rest_xml: malformed responses are parse errors naming the operation and the member")
{
    harness h;
    auto list = [&](std::string body) { return h.finish<s3t::ops::list_objects_v2>(response(200, std::move(body))); };
    auto why = [](auto const& r) { return r ? std::string("<ok>") : r.error().to_string(); };

    // A truncated document is S3's 200-that-is-an-error (a retried 500); elsewhere it is a parse error.
    CHECK(list("<ListBucketResult><Name>b</Name>").error().http_status == 500);
    harness route53({"Route 53", "route53", "route53", false});
    CHECK(why(route53.finish<s3t::ops::list_objects_v2>(response(200, "<ListBucketResult><Name>b</Name>")))
              .starts_with("ListObjectsV2: response malformed XML: "));
    CHECK(why(route53.finish<s3t::ops::list_objects_v2>(response(200, "<a><b></a>"))) ==
          "ListObjectsV2: response malformed XML: Start-end tags mismatch at offset 8");
    CHECK(why(list("<ListBucketResult><KeyCount>two</KeyCount></ListBucketResult>")) ==
          "ListObjectsV2: response KeyCount: not an integer: \"two\"");
    CHECK(why(list("<ListBucketResult><KeyCount>1.5</KeyCount></ListBucketResult>")) ==
          "ListObjectsV2: response KeyCount: not an integer: \"1.5\"");
    CHECK(why(list("<ListBucketResult><MaxKeys>99999999999</MaxKeys></ListBucketResult>")) ==
          "ListObjectsV2: response MaxKeys: integer out of range");
    CHECK(why(list("<ListBucketResult><IsTruncated>yes</IsTruncated></ListBucketResult>")) ==
          "ListObjectsV2: response IsTruncated: not a boolean: \"yes\"");
    CHECK(why(list("<ListBucketResult><Contents><Key>a</Key></Contents><Contents><Key>b</Key>"
                   "<LastModified>soon</LastModified></Contents></ListBucketResult>")) ==
          "ListObjectsV2: response Contents[1].LastModified: not a timestamp: \"soon\"");
    CHECK(why(list("<ListBucketResult><Contents><Owner><ID>x</ID></Owner><Size>-</Size></Contents>"
                   "</ListBucketResult>")) == "ListObjectsV2: response Contents[0].Size: not an integer: \"-\"");

    auto r = list("<ListBucketResult><KeyCount>two</KeyCount></ListBucketResult>");
    CHECK(r.error().code == errc::parse_error);
    CHECK(r.error().kind() == error_kind::transport);
    CHECK_THROWS_AS(throw_error(r.error()), transport_error);

    auto hdr = h.finish<s3t::ops::get_object>(response(200, "", {{"Content-Length", "ten"}}));
    CHECK(why(hdr) == "GetObject: response ContentLength: not an integer: \"ten\"");

    // Outside S3 a 200 with a broken body is not reclassified: the parser says what is wrong.
    harness cf({"CloudFront", "cloudfront", "cloudfront", false});
    auto broken = cf.finish<s3t::ops::copy_object>(response(200, "<CopyObjectResult><ETag>"));
    REQUIRE_FALSE(broken);
    CHECK(broken.error().code == errc::parse_error);
}

namespace {
struct bad_error_op {
    struct count_error : service_error {
        using service_error::service_error;
        std::optional<int> count{};
        static constexpr shape_info shape{.name = "CountError"};
        template <class F>
        static constexpr void visit(F&& f)
        {
            f(member_info{.name = "Count", .wire = "Count"}, &count_error::count);
        }
    };
    static constexpr operation_info info{.name = "Op", .method = "GET", .uri = "/"};
    using input = empty_shape;
    using output = empty_shape;
    using errors = type_list<count_error>;
};
} // namespace

TEST_CASE("rest_xml: a modeled error whose members do not parse stays an unmodeled service error")
{
    harness h;
    auto r = h.finish<bad_error_op>(response(400, "<Error><Code>CountError</Code><Count>x</Count></Error>"));
    REQUIRE_FALSE(r);
    CHECK_FALSE(r.error().modeled);
    CHECK(r.error().aws_code == "CountError");
    CHECK(r.error().message.find("Count: not an integer") != std::string::npos);

    auto ok = h.finish<bad_error_op>(response(400, "<Error><Code>CountError</Code><Count>3</Count></Error>"));
    REQUIRE_FALSE(ok);
    REQUIRE(ok.error().modeled);
    try {
        std::rethrow_exception(ok.error().modeled);
    } catch (bad_error_op::count_error const& e) {
        CHECK(e.count == 3);
    }
}
