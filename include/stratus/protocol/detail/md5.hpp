// MD5 for Content-MD5 (httpChecksumRequired operations such as S3's
// DeleteObjects) and S3's SSE-C key digests. Not for security: the services
// ask for it as an integrity check. OpenSSL stays in the .ipp.
#ifndef STRATUS_PROTOCOL_DETAIL_MD5_HPP
#define STRATUS_PROTOCOL_DETAIL_MD5_HPP

#include <stratus/detail/config.hpp>

#include <array>
#include <string>
#include <string_view>

namespace stratus::protocol::detail {

using md5_digest = std::array<unsigned char, 16>;

STRATUS_DECL md5_digest md5(std::string_view data);

/// base64(md5(data)), the Content-MD5 header's value.
STRATUS_DECL std::string content_md5(std::string_view data);

} // namespace stratus::protocol::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/detail/impl/md5.ipp>
#endif

#endif
