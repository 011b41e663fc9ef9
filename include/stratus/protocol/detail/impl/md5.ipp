#ifndef STRATUS_PROTOCOL_DETAIL_IMPL_MD5_IPP
#define STRATUS_PROTOCOL_DETAIL_IMPL_MD5_IPP

#include <stratus/protocol/detail/md5.hpp>

#include <stratus/detail/crypto.hpp>

#include <openssl/evp.h>


namespace stratus::protocol::detail {

STRATUS_DECL md5_digest md5(std::string_view data)
{
    md5_digest d{};
    unsigned int n = 0;
    EVP_Digest(data.data(), data.size(), d.data(), &n, EVP_md5(), nullptr);
    return d;
}

STRATUS_DECL std::string content_md5(std::string_view data)
{
    auto const d = md5(data);
    return stratus::detail::base64_encode(std::span<unsigned char const>(d.data(), d.size()));
}

} // namespace stratus::protocol::detail

#endif
