// The S3 customizations boto3 applies on top of the rest-xml protocol,
// hand-written beside the generated client (STYLE.md §1: aws-sdk-go-v2's
// customizations.go). The rest-xml engine calls these when the service is S3.
//
// Addressing (virtual-hosted or path-style, access points, Outposts,
// acceleration, FIPS, dual-stack) is decided by S3's endpoint rule set, not
// here: see endpoints/ and the s3 member of client_options.
#ifndef STRATUS_CUSTOMIZATIONS_S3_HPP
#define STRATUS_CUSTOMIZATIONS_S3_HPP

#include <stratus/core/http_message.hpp>
#include <stratus/core/service_info.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <string>
#include <string_view>

namespace stratus::protocol {
struct call_context;
}

namespace stratus::customizations::s3 {

/// True for the service these customizations belong to.
constexpr bool applies(service_info const& s) noexcept
{
    return s.service_id == "S3";
}

/// botocore's validate_bucket_name: 1 to 255 letters, digits, '.', '-' or
/// '_', or an ARN (access points, Outposts). errc::invalid_parameter otherwise.
STRATUS_DECL result<void> validate_bucket(std::string_view bucket);

/// Request-side customizations, after serialization:
///  - SSE-C: a customer key given raw is sent base64-encoded with its MD5
///    unless the caller set the MD5 (botocore's sse_md5, copy_source_sse_md5);
///  - x-amz-copy-source is percent-encoded, '/' kept and a ?versionId=
///    suffix left alone (handle_copy_source_param);
///  - ListObjects, ListObjectsV2 and ListObjectVersions ask for
///    encoding-type=url unless the caller chose an encoding, and note it in
///    the call context so the keys are decoded on the way back
///    (set_list_objects_encoding_type_url, decode_list_object*).
STRATUS_DECL void prepare_request(protocol::call_context& cc, http::request& req);

/// Whether member `member` (of an item of list `list`, or top-level when
/// `list` is empty) of operation `op`'s output is url-encoded when
/// EncodingType is url (botocore's decode_list_object* tables).
STRATUS_DECL bool listing_member_is_encoded(std::string_view op, std::string_view list,
                                            std::string_view member) noexcept;

/// Python's urllib.parse.unquote_plus: '+' is a space, %XX a byte.
STRATUS_DECL std::string unquote_plus(std::string_view s);

} // namespace stratus::customizations::s3

#ifdef STRATUS_HEADER_ONLY
#include <stratus/customizations/impl/s3.ipp>
#endif

#endif
