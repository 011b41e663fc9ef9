#ifndef STRATUS_CUSTOMIZATIONS_IMPL_S3_IPP
#define STRATUS_CUSTOMIZATIONS_IMPL_S3_IPP

#include <stratus/customizations/s3.hpp>

#include <stratus/detail/crypto.hpp>
#include <stratus/detail/text.hpp>
#include <stratus/detail/uri_encode.hpp>
#include <stratus/protocol/detail/md5.hpp>
#include <stratus/protocol/encoding.hpp>
#include <stratus/protocol/engine.hpp>

#include <algorithm>
#include <initializer_list>

namespace stratus::customizations::s3 {

STRATUS_DECL result<void> validate_bucket(std::string_view bucket)
{
    if (bucket.starts_with("arn:")) return {};
    bool ok = !bucket.empty() && bucket.size() <= 255;
    for (char c : bucket)
        ok = ok && (stratus::detail::is_alnum(c) || c == '.' || c == '-' || c == '_');
    if (ok) return {};
    return make_error(errc::invalid_parameter,
                      "Bucket: invalid bucket name \"" + std::string(bucket) +
                          "\": a bucket name has 1 to 255 letters, digits, '.', '-' or '_', or is an access point ARN");
}

namespace detail {

inline void sse_customer_key(http::request& req, std::string_view key_header)
{
    auto const key = req.headers.get(key_header);
    if (!key) return;
    std::string const md5_header = std::string(key_header) + "-MD5";
    if (req.headers.contains(md5_header)) return; // the caller encoded the key and gave its MD5
    std::string const raw(*key);
    req.headers.set(key_header, stratus::detail::base64_encode(raw));
    req.headers.set(md5_header, protocol::detail::content_md5(raw));
}

inline void copy_source(http::request& req)
{
    auto const v = req.headers.get("x-amz-copy-source");
    if (!v) return;
    std::string_view value = *v;
    std::string_view version;
    // r'\?versionId=[^\s]+$' stays as it is.
    if (auto const q = value.rfind("?versionId="); q != std::string_view::npos) {
        auto const id = value.substr(q + 11);
        bool const plain = !id.empty() && std::none_of(id.begin(), id.end(), [](char c) { return stratus::detail::is_space(c); });
        if (plain) {
            version = value.substr(q);
            value = value.substr(0, q);
        }
    }
    std::string encoded = stratus::detail::uri_encode(value, true);
    encoded += version;
    req.headers.set("x-amz-copy-source", std::move(encoded));
}

inline bool is_listing(std::string_view op) noexcept
{
    return op == "ListObjects" || op == "ListObjectsV2" || op == "ListObjectVersions";
}

} // namespace detail

STRATUS_DECL void prepare_request(protocol::call_context& cc, http::request& req)
{
    detail::sse_customer_key(req, "x-amz-server-side-encryption-customer-key");
    detail::sse_customer_key(req, "x-amz-copy-source-server-side-encryption-customer-key");
    detail::copy_source(req);
    if (detail::is_listing(cc.op.name) && !protocol::query_has(req.url.query, "encoding-type")) {
        protocol::append_query(req.url.query, "encoding-type", "url");
        cc.s3_decode_listing = true;
    }
}


STRATUS_DECL bool listing_member_is_encoded(std::string_view op, std::string_view list, std::string_view member) noexcept
{
    if (!list.empty()) {
        if (list == "CommonPrefixes") return member == "Prefix";
        if (list == "Contents") return member == "Key" && (op == "ListObjects" || op == "ListObjectsV2");
        if (list == "Versions" || list == "DeleteMarkers") return member == "Key" && op == "ListObjectVersions";
        return false;
    }
    auto in = [&](std::initializer_list<std::string_view> names) {
        return std::find(names.begin(), names.end(), member) != names.end();
    };
    if (op == "ListObjects") return in({"Delimiter", "Marker", "NextMarker"});
    if (op == "ListObjectsV2") return in({"Delimiter", "Prefix", "StartAfter"});
    if (op == "ListObjectVersions") return in({"KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"});
    return false;
}

STRATUS_DECL std::string unquote_plus(std::string_view s)
{
    std::string spaced(s);
    for (auto& c : spaced)
        if (c == '+') c = ' ';
    return stratus::detail::uri_decode(spaced);
}

} // namespace stratus::customizations::s3

#endif
