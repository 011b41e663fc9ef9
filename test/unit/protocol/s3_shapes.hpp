// A few S3 operations written by hand in exactly the form stratus-gen emits
// (model.hpp), trimmed to the members the tests need, so the protocol engine
// and the call layer can be tested before generated headers exist. Wire
// names, locations and traits are copied from botocore's s3 2006-03-01 model.
#ifndef STRATUS_TEST_UNIT_PROTOCOL_S3_SHAPES_HPP
#define STRATUS_TEST_UNIT_PROTOCOL_S3_SHAPES_HPP

#include <stratus/model.hpp>
#include <stratus/protocol/rest_xml.hpp>
#include <stratus/service_client.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace s3t {

using ::stratus::location;
using ::stratus::member_flags;
using ::stratus::member_info;
using ::stratus::shape_info;

inline constexpr std::string_view s3_ns = "http://s3.amazonaws.com/doc/2006-03-01/";

struct storage_class : ::stratus::enum_string {
    using enum_string::enum_string;
    static inline constexpr std::string_view standard = "STANDARD";
    static inline constexpr std::string_view glacier = "GLACIER";
};

struct owner {
    std::optional<std::string> display_name{};
    std::optional<std::string> id{};
    static constexpr shape_info shape{.name = "Owner"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "DisplayName", .wire = "DisplayName"}, &owner::display_name);
        f(member_info{.name = "ID", .wire = "ID"}, &owner::id);
    }
};

struct object {
    std::optional<std::string> key{};
    std::optional<::stratus::timestamp> last_modified{};
    std::optional<std::string> etag{};
    std::optional<std::int64_t> size{};
    std::optional<::s3t::storage_class> storage_class{};
    std::optional<::s3t::owner> owner{};
    static constexpr shape_info shape{.name = "Object"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Key", .wire = "Key", .has_min = true, .min = 1}, &object::key);
        f(member_info{.name = "LastModified", .wire = "LastModified"}, &object::last_modified);
        f(member_info{.name = "ETag", .wire = "ETag"}, &object::etag);
        f(member_info{.name = "Size", .wire = "Size"}, &object::size);
        f(member_info{.name = "StorageClass", .wire = "StorageClass", .enum_values = "STANDARD|GLACIER"},
          &object::storage_class);
        f(member_info{.name = "Owner", .wire = "Owner"}, &object::owner);
    }
};

struct common_prefix {
    std::optional<std::string> prefix{};
    static constexpr shape_info shape{.name = "CommonPrefix"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Prefix", .wire = "Prefix"}, &common_prefix::prefix);
    }
};

struct list_objects_v2_request {
    ::stratus::required<std::string> bucket;
    std::optional<std::string> delimiter{};
    std::optional<::stratus::enum_string> encoding_type{};
    std::optional<int> max_keys{};
    std::optional<std::string> prefix{};
    std::optional<std::string> continuation_token{};
    std::optional<bool> fetch_owner{};
    std::optional<std::string> start_after{};
    std::optional<std::string> request_payer{};
    std::vector<std::string> optional_object_attributes{};
    static constexpr shape_info shape{.name = "ListObjectsV2Request"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &list_objects_v2_request::bucket);
        f(member_info{.name = "Delimiter", .wire = "delimiter", .where = location::querystring},
          &list_objects_v2_request::delimiter);
        f(member_info{.name = "EncodingType", .wire = "encoding-type", .where = location::querystring},
          &list_objects_v2_request::encoding_type);
        f(member_info{.name = "MaxKeys", .wire = "max-keys", .where = location::querystring},
          &list_objects_v2_request::max_keys);
        f(member_info{.name = "Prefix", .wire = "prefix", .where = location::querystring},
          &list_objects_v2_request::prefix);
        f(member_info{.name = "ContinuationToken", .wire = "continuation-token", .where = location::querystring},
          &list_objects_v2_request::continuation_token);
        f(member_info{.name = "FetchOwner", .wire = "fetch-owner", .where = location::querystring},
          &list_objects_v2_request::fetch_owner);
        f(member_info{.name = "StartAfter", .wire = "start-after", .where = location::querystring},
          &list_objects_v2_request::start_after);
        f(member_info{.name = "RequestPayer", .wire = "x-amz-request-payer", .where = location::header},
          &list_objects_v2_request::request_payer);
        f(member_info{.name = "OptionalObjectAttributes",
                      .wire = "x-amz-optional-object-attributes",
                      .where = location::header},
          &list_objects_v2_request::optional_object_attributes);
    }
};

struct list_objects_v2_output {
    std::optional<bool> is_truncated{};
    std::vector<::s3t::object> contents{};
    std::optional<std::string> name{};
    std::optional<std::string> prefix{};
    std::optional<std::string> delimiter{};
    std::optional<int> max_keys{};
    std::vector<::s3t::common_prefix> common_prefixes{};
    std::optional<::stratus::enum_string> encoding_type{};
    std::optional<int> key_count{};
    std::optional<std::string> continuation_token{};
    std::optional<std::string> next_continuation_token{};
    std::optional<std::string> start_after{};
    std::optional<std::string> request_charged{};
    static constexpr shape_info shape{.name = "ListObjectsV2Output"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "IsTruncated", .wire = "IsTruncated"}, &list_objects_v2_output::is_truncated);
        f(member_info{.name = "Contents", .wire = "Contents", .flags = member_flags::flattened},
          &list_objects_v2_output::contents);
        f(member_info{.name = "Name", .wire = "Name"}, &list_objects_v2_output::name);
        f(member_info{.name = "Prefix", .wire = "Prefix"}, &list_objects_v2_output::prefix);
        f(member_info{.name = "Delimiter", .wire = "Delimiter"}, &list_objects_v2_output::delimiter);
        f(member_info{.name = "MaxKeys", .wire = "MaxKeys"}, &list_objects_v2_output::max_keys);
        f(member_info{.name = "CommonPrefixes", .wire = "CommonPrefixes", .flags = member_flags::flattened},
          &list_objects_v2_output::common_prefixes);
        f(member_info{.name = "EncodingType", .wire = "EncodingType"}, &list_objects_v2_output::encoding_type);
        f(member_info{.name = "KeyCount", .wire = "KeyCount"}, &list_objects_v2_output::key_count);
        f(member_info{.name = "ContinuationToken", .wire = "ContinuationToken"},
          &list_objects_v2_output::continuation_token);
        f(member_info{.name = "NextContinuationToken", .wire = "NextContinuationToken"},
          &list_objects_v2_output::next_continuation_token);
        f(member_info{.name = "StartAfter", .wire = "StartAfter"}, &list_objects_v2_output::start_after);
        f(member_info{.name = "RequestCharged", .wire = "x-amz-request-charged", .where = location::header},
          &list_objects_v2_output::request_charged);
    }
};

struct put_object_request {
    ::stratus::streaming_body body{};
    ::stratus::required<std::string> bucket;
    ::stratus::required<std::string> key;
    std::optional<std::string> cache_control{};
    std::optional<std::int64_t> content_length{};
    std::optional<std::string> content_md5{};
    std::optional<std::string> content_type{};
    std::optional<::stratus::timestamp> expires{};
    std::map<std::string, std::string> metadata{};
    std::optional<std::string> sse_customer_algorithm{};
    std::optional<std::string> sse_customer_key{};
    std::optional<std::string> sse_customer_key_md5{};
    std::optional<bool> bucket_key_enabled{};
    std::optional<::stratus::timestamp> object_lock_retain_until_date{};
    static constexpr shape_info shape{.name = "PutObjectRequest", .payload = "Body"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Body", .wire = "Body", .flags = member_flags::streaming | member_flags::payload},
          &put_object_request::body);
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &put_object_request::bucket);
        f(member_info{.name = "Key",
                      .wire = "Key",
                      .where = location::uri,
                      .flags = member_flags::required | member_flags::greedy,
                      .has_min = true,
                      .min = 1},
          &put_object_request::key);
        f(member_info{.name = "CacheControl", .wire = "Cache-Control", .where = location::header},
          &put_object_request::cache_control);
        f(member_info{.name = "ContentLength", .wire = "Content-Length", .where = location::header},
          &put_object_request::content_length);
        f(member_info{.name = "ContentMD5", .wire = "Content-MD5", .where = location::header},
          &put_object_request::content_md5);
        f(member_info{.name = "ContentType", .wire = "Content-Type", .where = location::header},
          &put_object_request::content_type);
        f(member_info{.name = "Expires", .wire = "Expires", .where = location::header}, &put_object_request::expires);
        f(member_info{.name = "Metadata", .wire = "x-amz-meta-", .where = location::headers},
          &put_object_request::metadata);
        f(member_info{.name = "SSECustomerAlgorithm",
                      .wire = "x-amz-server-side-encryption-customer-algorithm",
                      .where = location::header},
          &put_object_request::sse_customer_algorithm);
        f(member_info{.name = "SSECustomerKey",
                      .wire = "x-amz-server-side-encryption-customer-key",
                      .where = location::header,
                      .flags = member_flags::sensitive},
          &put_object_request::sse_customer_key);
        f(member_info{.name = "SSECustomerKeyMD5",
                      .wire = "x-amz-server-side-encryption-customer-key-MD5",
                      .where = location::header},
          &put_object_request::sse_customer_key_md5);
        f(member_info{.name = "BucketKeyEnabled",
                      .wire = "x-amz-server-side-encryption-bucket-key-enabled",
                      .where = location::header},
          &put_object_request::bucket_key_enabled);
        f(member_info{.name = "ObjectLockRetainUntilDate",
                      .wire = "x-amz-object-lock-retain-until-date",
                      .where = location::header,
                      .timestamp = ::stratus::timestamp_format::iso8601},
          &put_object_request::object_lock_retain_until_date);
    }
};

struct put_object_output {
    std::optional<std::string> expiration{};
    std::optional<std::string> etag{};
    std::optional<std::string> version_id{};
    std::optional<std::int64_t> size{};
    static constexpr shape_info shape{.name = "PutObjectOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Expiration", .wire = "x-amz-expiration", .where = location::header},
          &put_object_output::expiration);
        f(member_info{.name = "ETag", .wire = "ETag", .where = location::header}, &put_object_output::etag);
        f(member_info{.name = "VersionId", .wire = "x-amz-version-id", .where = location::header},
          &put_object_output::version_id);
        f(member_info{.name = "Size", .wire = "x-amz-object-size", .where = location::header},
          &put_object_output::size);
    }
};

struct get_object_request {
    ::stratus::required<std::string> bucket;
    ::stratus::required<std::string> key;
    std::optional<::stratus::timestamp> if_modified_since{};
    std::optional<std::string> range{};
    std::optional<std::string> response_content_type{};
    std::optional<std::string> version_id{};
    std::optional<int> part_number{};
    static constexpr shape_info shape{.name = "GetObjectRequest"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &get_object_request::bucket);
        f(member_info{.name = "IfModifiedSince", .wire = "If-Modified-Since", .where = location::header},
          &get_object_request::if_modified_since);
        f(member_info{.name = "Key",
                      .wire = "Key",
                      .where = location::uri,
                      .flags = member_flags::required | member_flags::greedy,
                      .has_min = true,
                      .min = 1},
          &get_object_request::key);
        f(member_info{.name = "Range", .wire = "Range", .where = location::header}, &get_object_request::range);
        f(member_info{.name = "ResponseContentType", .wire = "response-content-type", .where = location::querystring},
          &get_object_request::response_content_type);
        f(member_info{.name = "VersionId", .wire = "versionId", .where = location::querystring},
          &get_object_request::version_id);
        f(member_info{.name = "PartNumber", .wire = "partNumber", .where = location::querystring},
          &get_object_request::part_number);
    }
};

struct get_object_output {
    ::stratus::streaming_body body{};
    std::optional<bool> delete_marker{};
    std::optional<::stratus::timestamp> last_modified{};
    std::optional<std::int64_t> content_length{};
    std::optional<std::string> etag{};
    std::optional<std::string> content_range{};
    std::optional<::stratus::timestamp> expires{};
    /// botocore's ExpiresString: the Expires header as sent.
    std::optional<std::string> expires_string{};
    std::map<std::string, std::string> metadata{};
    std::optional<int> parts_count{};
    static constexpr shape_info shape{.name = "GetObjectOutput", .payload = "Body"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Body", .wire = "Body", .flags = member_flags::streaming | member_flags::payload},
          &get_object_output::body);
        f(member_info{.name = "DeleteMarker", .wire = "x-amz-delete-marker", .where = location::header},
          &get_object_output::delete_marker);
        f(member_info{.name = "LastModified", .wire = "Last-Modified", .where = location::header},
          &get_object_output::last_modified);
        f(member_info{.name = "ContentLength", .wire = "Content-Length", .where = location::header},
          &get_object_output::content_length);
        f(member_info{.name = "ETag", .wire = "ETag", .where = location::header}, &get_object_output::etag);
        f(member_info{.name = "ContentRange", .wire = "Content-Range", .where = location::header},
          &get_object_output::content_range);
        f(member_info{.name = "Expires", .wire = "Expires", .where = location::header}, &get_object_output::expires);
        f(member_info{.name = "ExpiresString", .wire = "Expires", .where = location::header},
          &get_object_output::expires_string);
        f(member_info{.name = "Metadata", .wire = "x-amz-meta-", .where = location::headers},
          &get_object_output::metadata);
        f(member_info{.name = "PartsCount", .wire = "x-amz-mp-parts-count", .where = location::header},
          &get_object_output::parts_count);
    }
};

struct head_object_request {
    ::stratus::required<std::string> bucket;
    ::stratus::required<std::string> key;
    static constexpr shape_info shape{.name = "HeadObjectRequest"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &head_object_request::bucket);
        f(member_info{.name = "Key",
                      .wire = "Key",
                      .where = location::uri,
                      .flags = member_flags::required | member_flags::greedy,
                      .has_min = true,
                      .min = 1},
          &head_object_request::key);
    }
};

struct head_object_output {
    std::optional<std::int64_t> content_length{};
    std::optional<std::string> etag{};
    std::map<std::string, std::string> metadata{};
    static constexpr shape_info shape{.name = "HeadObjectOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "ContentLength", .wire = "Content-Length", .where = location::header},
          &head_object_output::content_length);
        f(member_info{.name = "ETag", .wire = "ETag", .where = location::header}, &head_object_output::etag);
        f(member_info{.name = "Metadata", .wire = "x-amz-meta-", .where = location::headers},
          &head_object_output::metadata);
    }
};

struct copy_object_request {
    ::stratus::required<std::string> bucket;
    ::stratus::required<std::string> copy_source;
    ::stratus::required<std::string> key;
    std::map<std::string, std::string> metadata{};
    std::optional<std::string> metadata_directive{};
    static constexpr shape_info shape{.name = "CopyObjectRequest"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &copy_object_request::bucket);
        f(member_info{.name = "CopySource",
                      .wire = "x-amz-copy-source",
                      .where = location::header,
                      .flags = member_flags::required},
          &copy_object_request::copy_source);
        f(member_info{.name = "Key",
                      .wire = "Key",
                      .where = location::uri,
                      .flags = member_flags::required | member_flags::greedy,
                      .has_min = true,
                      .min = 1},
          &copy_object_request::key);
        f(member_info{.name = "Metadata", .wire = "x-amz-meta-", .where = location::headers},
          &copy_object_request::metadata);
        f(member_info{.name = "MetadataDirective", .wire = "x-amz-metadata-directive", .where = location::header},
          &copy_object_request::metadata_directive);
    }
};

struct copy_object_result {
    std::optional<std::string> etag{};
    std::optional<::stratus::timestamp> last_modified{};
    static constexpr shape_info shape{.name = "CopyObjectResult"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "ETag", .wire = "ETag"}, &copy_object_result::etag);
        f(member_info{.name = "LastModified", .wire = "LastModified"}, &copy_object_result::last_modified);
    }
};

struct copy_object_output {
    std::optional<::s3t::copy_object_result> copy_object_result{};
    std::optional<std::string> version_id{};
    static constexpr shape_info shape{.name = "CopyObjectOutput", .payload = "CopyObjectResult"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "CopyObjectResult", .wire = "CopyObjectResult", .flags = member_flags::payload},
          &copy_object_output::copy_object_result);
        f(member_info{.name = "VersionId", .wire = "x-amz-version-id", .where = location::header},
          &copy_object_output::version_id);
    }
};

struct object_identifier {
    ::stratus::required<std::string> key;
    std::optional<std::string> version_id{};
    static constexpr shape_info shape{.name = "ObjectIdentifier"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Key", .wire = "Key", .flags = member_flags::required, .has_min = true, .min = 1},
          &object_identifier::key);
        f(member_info{.name = "VersionId", .wire = "VersionId"}, &object_identifier::version_id);
    }
};

struct delete_ {
    std::vector<::s3t::object_identifier> objects{};
    std::optional<bool> quiet{};
    static constexpr shape_info shape{.name = "Delete"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Objects", .wire = "Object", .flags = member_flags::required | member_flags::flattened},
          &delete_::objects);
        f(member_info{.name = "Quiet", .wire = "Quiet"}, &delete_::quiet);
    }
};

struct delete_objects_request {
    ::stratus::required<std::string> bucket;
    ::stratus::required<::s3t::delete_> delete_;
    std::optional<std::string> mfa{};
    static constexpr shape_info shape{.name = "DeleteObjectsRequest", .payload = "Delete"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &delete_objects_request::bucket);
        f(member_info{.name = "Delete",
                      .wire = "Delete",
                      .flags = member_flags::required | member_flags::payload,
                      .xml_namespace = s3_ns},
          &delete_objects_request::delete_);
        f(member_info{.name = "MFA", .wire = "x-amz-mfa", .where = location::header}, &delete_objects_request::mfa);
    }
};

struct deleted_object {
    std::optional<std::string> key{};
    std::optional<std::string> version_id{};
    std::optional<bool> delete_marker{};
    static constexpr shape_info shape{.name = "DeletedObject"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Key", .wire = "Key"}, &deleted_object::key);
        f(member_info{.name = "VersionId", .wire = "VersionId"}, &deleted_object::version_id);
        f(member_info{.name = "DeleteMarker", .wire = "DeleteMarker"}, &deleted_object::delete_marker);
    }
};

struct error {
    std::optional<std::string> key{};
    std::optional<std::string> code{};
    std::optional<std::string> message{};
    static constexpr shape_info shape{.name = "Error"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Key", .wire = "Key"}, &error::key);
        f(member_info{.name = "Code", .wire = "Code"}, &error::code);
        f(member_info{.name = "Message", .wire = "Message"}, &error::message);
    }
};

struct delete_objects_output {
    std::vector<::s3t::deleted_object> deleted{};
    std::vector<::s3t::error> errors{};
    std::optional<std::string> request_charged{};
    static constexpr shape_info shape{.name = "DeleteObjectsOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Deleted", .wire = "Deleted", .flags = member_flags::flattened},
          &delete_objects_output::deleted);
        f(member_info{.name = "Errors", .wire = "Error", .flags = member_flags::flattened},
          &delete_objects_output::errors);
        f(member_info{.name = "RequestCharged", .wire = "x-amz-request-charged", .where = location::header},
          &delete_objects_output::request_charged);
    }
};

struct create_bucket_configuration {
    std::optional<::stratus::enum_string> location_constraint{};
    static constexpr shape_info shape{.name = "CreateBucketConfiguration"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "LocationConstraint", .wire = "LocationConstraint"},
          &create_bucket_configuration::location_constraint);
    }
};

struct create_bucket_request {
    std::optional<std::string> acl{};
    ::stratus::required<std::string> bucket;
    std::optional<::s3t::create_bucket_configuration> create_bucket_configuration{};
    std::optional<bool> object_lock_enabled_for_bucket{};
    static constexpr shape_info shape{.name = "CreateBucketRequest", .payload = "CreateBucketConfiguration"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "ACL", .wire = "x-amz-acl", .where = location::header}, &create_bucket_request::acl);
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &create_bucket_request::bucket);
        f(member_info{.name = "CreateBucketConfiguration",
                      .wire = "CreateBucketConfiguration",
                      .flags = member_flags::payload,
                      .xml_namespace = s3_ns},
          &create_bucket_request::create_bucket_configuration);
        f(member_info{.name = "ObjectLockEnabledForBucket",
                      .wire = "x-amz-bucket-object-lock-enabled",
                      .where = location::header},
          &create_bucket_request::object_lock_enabled_for_bucket);
    }
};

struct create_bucket_output {
    std::optional<std::string> location{};
    static constexpr shape_info shape{.name = "CreateBucketOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Location", .wire = "Location", .where = ::stratus::location::header},
          &create_bucket_output::location);
    }
};

struct get_bucket_location_request {
    ::stratus::required<std::string> bucket;
    static constexpr shape_info shape{.name = "GetBucketLocationRequest"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "Bucket", .wire = "Bucket", .where = location::uri, .flags = member_flags::required},
          &get_bucket_location_request::bucket);
    }
};

struct get_bucket_location_output {
    std::optional<::stratus::enum_string> location_constraint{};
    static constexpr shape_info shape{.name = "GetBucketLocationOutput"};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "LocationConstraint", .wire = "LocationConstraint"},
          &get_bucket_location_output::location_constraint);
    }
};

// Modeled errors.
struct no_such_key : ::stratus::service_error {
    using service_error::service_error;
    static constexpr shape_info shape{.name = "NoSuchKey", .error_code = "NoSuchKey", .error_status = 404};
    template <class F>
    static constexpr void visit(F&&)
    {
    }
};

struct no_such_bucket : ::stratus::service_error {
    using service_error::service_error;
    static constexpr shape_info shape{.name = "NoSuchBucket", .error_code = "NoSuchBucket", .error_status = 404};
    template <class F>
    static constexpr void visit(F&&)
    {
    }
};

struct invalid_object_state : ::stratus::service_error {
    using service_error::service_error;
    std::optional<::s3t::storage_class> storage_class{};
    std::optional<::stratus::enum_string> access_tier{};
    static constexpr shape_info shape{.name = "InvalidObjectState", .error_status = 403};
    template <class F>
    static constexpr void visit(F&& f)
    {
        f(member_info{.name = "StorageClass", .wire = "StorageClass"}, &invalid_object_state::storage_class);
        f(member_info{.name = "AccessTier", .wire = "AccessTier"}, &invalid_object_state::access_tier);
    }
};

struct bucket_already_exists : ::stratus::service_error {
    using service_error::service_error;
    static constexpr shape_info shape{.name = "BucketAlreadyExists", .error_status = 409};
    template <class F>
    static constexpr void visit(F&&)
    {
    }
};

namespace ops {

struct list_objects_v2 {
    static constexpr ::stratus::operation_info info{
        .name = "ListObjectsV2", .method = "GET", .uri = "/{Bucket}?list-type=2"};
    using input = list_objects_v2_request;
    using output = list_objects_v2_output;
    using errors = ::stratus::type_list<no_such_bucket>;
};

struct put_object {
    static constexpr ::stratus::operation_info info{.name = "PutObject", .method = "PUT", .uri = "/{Bucket}/{Key+}"};
    using input = put_object_request;
    using output = put_object_output;
    using errors = ::stratus::type_list<>;
};

struct get_object {
    static constexpr ::stratus::operation_info info{.name = "GetObject", .method = "GET", .uri = "/{Bucket}/{Key+}"};
    using input = get_object_request;
    using output = get_object_output;
    using errors = ::stratus::type_list<no_such_key, invalid_object_state>;
};

struct head_object {
    static constexpr ::stratus::operation_info info{.name = "HeadObject", .method = "HEAD", .uri = "/{Bucket}/{Key+}"};
    using input = head_object_request;
    using output = head_object_output;
    using errors = ::stratus::type_list<no_such_key>;
};

struct copy_object {
    static constexpr ::stratus::operation_info info{.name = "CopyObject", .method = "PUT", .uri = "/{Bucket}/{Key+}"};
    using input = copy_object_request;
    using output = copy_object_output;
    using errors = ::stratus::type_list<>;
};

struct delete_objects {
    static constexpr ::stratus::operation_info info{
        .name = "DeleteObjects", .method = "POST", .uri = "/{Bucket}?delete", .checksum_required = true};
    using input = delete_objects_request;
    using output = delete_objects_output;
    using errors = ::stratus::type_list<>;
};

struct create_bucket {
    static constexpr ::stratus::operation_info info{.name = "CreateBucket", .method = "PUT", .uri = "/{Bucket}"};
    using input = create_bucket_request;
    using output = create_bucket_output;
    using errors = ::stratus::type_list<bucket_already_exists>;
};

struct get_bucket_location {
    static constexpr ::stratus::operation_info info{
        .name = "GetBucketLocation", .method = "GET", .uri = "/{Bucket}?location"};
    using input = get_bucket_location_request;
    using output = get_bucket_location_output;
    using errors = ::stratus::type_list<>;
};

} // namespace ops

/// The client as stratus-gen writes it.
class client : public ::stratus::service_client<::stratus::protocol::rest_xml> {
public:
    using service_client::service_client;

    list_objects_v2_output list_objects_v2(list_objects_v2_request const& in) const
    {
        return call<ops::list_objects_v2>(in);
    }
    ::stratus::result<list_objects_v2_output> try_list_objects_v2(list_objects_v2_request const& in) const
    {
        return try_call<ops::list_objects_v2>(in);
    }
    template <class CompletionToken>
    auto async_list_objects_v2(list_objects_v2_request in, CompletionToken&& token) const
    {
        return async_call<ops::list_objects_v2>(std::move(in), std::forward<CompletionToken>(token));
    }

    put_object_output put_object(put_object_request const& in) const { return call<ops::put_object>(in); }
    get_object_output get_object(get_object_request const& in) const { return call<ops::get_object>(in); }
    ::stratus::result<get_object_output> try_get_object(get_object_request const& in) const
    {
        return try_call<ops::get_object>(in);
    }
    template <class CompletionToken>
    auto async_get_object(get_object_request in, CompletionToken&& token) const
    {
        return async_call<ops::get_object>(std::move(in), std::forward<CompletionToken>(token));
    }
    head_object_output head_object(head_object_request const& in) const { return call<ops::head_object>(in); }
    copy_object_output copy_object(copy_object_request const& in) const { return call<ops::copy_object>(in); }
    ::stratus::result<copy_object_output> try_copy_object(copy_object_request const& in) const
    {
        return try_call<ops::copy_object>(in);
    }
    delete_objects_output delete_objects(delete_objects_request const& in) const
    {
        return call<ops::delete_objects>(in);
    }
    create_bucket_output create_bucket(create_bucket_request const& in) const
    {
        return call<ops::create_bucket>(in);
    }
    get_bucket_location_output get_bucket_location(get_bucket_location_request const& in) const
    {
        return call<ops::get_bucket_location>(in);
    }
};

/// What session.client<s3t::service>() needs.
struct service {
    static constexpr ::stratus::service_info info{"S3", "s3", "s3", true};
    using client_type = ::s3t::client;
};

} // namespace s3t

#endif
