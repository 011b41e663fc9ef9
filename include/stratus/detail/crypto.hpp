// SHA-256, HMAC-SHA256, hex and base64 on OpenSSL's EVP interfaces. The
// declarations stay free of OpenSSL headers so that, in separately compiled
// mode, only src.hpp sees them (STYLE.md §5.1).
#ifndef STRATUS_DETAIL_CRYPTO_HPP
#define STRATUS_DETAIL_CRYPTO_HPP

#include <stratus/detail/config.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

// OpenSSL's own tag for EVP_MD_CTX, so the hasher can hold one without its header.
struct evp_md_ctx_st;

namespace stratus::detail {

using sha256_digest = std::array<unsigned char, 32>;

/// SHA-256 of data.
STRATUS_DECL sha256_digest sha256(std::string_view data);

/// HMAC-SHA256 of data under key.
STRATUS_DECL sha256_digest hmac_sha256(std::span<unsigned char const> key, std::string_view data);

inline sha256_digest hmac_sha256(std::string_view key, std::string_view data)
{
    return hmac_sha256(std::span(reinterpret_cast<unsigned char const*>(key.data()), key.size()), data);
}

/// Incremental SHA-256, for bodies read piece by piece. Not copyable: the
/// state lives in OpenSSL.
class sha256_hasher {
public:
    STRATUS_DECL sha256_hasher();
    STRATUS_DECL ~sha256_hasher();
    sha256_hasher(sha256_hasher const&) = delete;
    sha256_hasher& operator=(sha256_hasher const&) = delete;

    STRATUS_DECL void update(std::string_view data);
    /// The digest of everything passed to update(); the hasher starts over afterwards.
    STRATUS_DECL sha256_digest finish();

private:
    evp_md_ctx_st* ctx_;
};

/// Lowercase hex, as SigV4 writes hashes and signatures.
STRATUS_DECL std::string hex_lower(std::span<unsigned char const> bytes);

inline std::string hex_lower(std::string_view bytes)
{
    return hex_lower(std::span(reinterpret_cast<unsigned char const*>(bytes.data()), bytes.size()));
}

/// Lowercase hex SHA-256 of data: SigV4's payload and canonical request hash.
inline std::string sha256_hex(std::string_view data)
{
    return hex_lower(sha256(data));
}

/// Overwrites n bytes at p in a way the optimizer may not drop, for copies of
/// secrets that are no longer needed.
STRATUS_DECL void secure_zero(void* p, std::size_t n) noexcept;

/// Standard base64 (RFC 4648 §4) with padding.
STRATUS_DECL std::string base64_encode(std::span<unsigned char const> bytes);

inline std::string base64_encode(std::string_view bytes)
{
    return base64_encode(std::span(reinterpret_cast<unsigned char const*>(bytes.data()), bytes.size()));
}

/// Strict base64 decoding: padded, no whitespace. Empty optional when text is
/// not base64.
STRATUS_DECL std::optional<std::string> base64_decode(std::string_view text);

} // namespace stratus::detail

#ifdef STRATUS_HEADER_ONLY
#include <stratus/detail/impl/crypto.ipp>
#endif

#endif
