// Request compression (botocore's RequestCompressor): operations the model
// marks `requestcompression` (CloudWatch PutMetricData...) send their body
// gzip-compressed once it reaches a size worth compressing, with "gzip"
// appended to any Content-Encoding the request already has.
#ifndef STRATUS_CORE_REQUEST_COMPRESSION_HPP
#define STRATUS_CORE_REQUEST_COMPRESSION_HPP

#include <stratus/core/http_message.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace stratus {

struct request_compression_config {
    /// disable_request_compression / AWS_DISABLE_REQUEST_COMPRESSION.
    bool disabled = false;
    /// request_min_compression_size_bytes / AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES:
    /// smaller bodies go as they are (botocore's default, 10 KiB).
    std::size_t min_size = 10240;
};

/// botocore accepts 0 to 10 MiB for request_min_compression_size_bytes.
inline constexpr std::size_t max_request_min_compression_size = 10485760;

/// Compresses `req`'s in-memory body in place when the configuration says
/// so. A streamed body is sent as it is (its length is already promised).
STRATUS_DECL result<void> compress_request(http::request& req, request_compression_config const& cfg);

/// gzip (RFC 1952) of `data`.
STRATUS_DECL result<std::string> gzip(std::string_view data);

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/core/impl/request_compression.ipp>
#endif

#endif
