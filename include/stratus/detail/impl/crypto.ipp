#ifndef STRATUS_DETAIL_IMPL_CRYPTO_IPP
#define STRATUS_DETAIL_IMPL_CRYPTO_IPP

#include <stratus/detail/crypto.hpp>
#include <stratus/detail/text.hpp>

#include <boost/throw_exception.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#include <openssl/core_names.h>
#include <openssl/params.h>
#else
#include <openssl/hmac.h>
#endif

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace stratus::detail {

namespace crypto_impl {

// These fail only when OpenSSL cannot allocate or has no SHA-256 provider
// loaded: nothing a caller could handle, so no error_code for it.
[[noreturn]] inline void fail(char const* what)
{
    boost::throw_exception(std::runtime_error(std::string("OpenSSL: ") + what + " failed"));
}

inline EVP_MD const* sha256_md()
{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    // Fetched once: an implicit fetch on every call (what EVP_sha256() means in
    // OpenSSL 3) takes a lock in the provider store. Never freed, because
    // another static destructor may still hash.
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!md) fail("EVP_MD_fetch(SHA256)");
    return md;
#else
    return EVP_sha256();
#endif
}

#if OPENSSL_VERSION_NUMBER >= 0x30000000L
inline EVP_MAC* hmac_mac()
{
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!mac) fail("EVP_MAC_fetch(HMAC)");
    return mac;
}
#endif

inline unsigned char const* bytes_of(std::string_view s)
{
    // OpenSSL wants a non-null pointer even for zero bytes.
    static unsigned char const none = 0;
    return s.empty() ? &none : reinterpret_cast<unsigned char const*>(s.data());
}

} // namespace crypto_impl

STRATUS_DECL sha256_digest sha256(std::string_view data)
{
    sha256_digest d{};
    unsigned int n = 0;
    if (!EVP_Digest(crypto_impl::bytes_of(data), data.size(), d.data(), &n, crypto_impl::sha256_md(),
                    nullptr) ||
        n != d.size())
        crypto_impl::fail("EVP_Digest");
    return d;
}

STRATUS_DECL sha256_digest hmac_sha256(std::span<unsigned char const> key, std::string_view data)
{
    sha256_digest d{};
    static unsigned char const no_key = 0;
    unsigned char const* k = key.empty() ? &no_key : key.data();
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(crypto_impl::hmac_mac());
    if (!ctx) crypto_impl::fail("EVP_MAC_CTX_new");
    char digest_name[] = "SHA256";
    OSSL_PARAM const params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end(),
    };
    std::size_t n = 0;
    bool const ok = EVP_MAC_init(ctx, k, key.size(), params) &&
                    EVP_MAC_update(ctx, crypto_impl::bytes_of(data), data.size()) &&
                    EVP_MAC_final(ctx, d.data(), &n, d.size()) && n == d.size();
    EVP_MAC_CTX_free(ctx);
    if (!ok) crypto_impl::fail("HMAC-SHA256");
#else
    if (key.size() > static_cast<std::size_t>(INT_MAX)) crypto_impl::fail("HMAC-SHA256 (key too long)");
    unsigned int n = 0;
    if (!HMAC(crypto_impl::sha256_md(), k, static_cast<int>(key.size()), crypto_impl::bytes_of(data),
              data.size(), d.data(), &n) ||
        n != d.size())
        crypto_impl::fail("HMAC-SHA256");
#endif
    return d;
}

STRATUS_DECL sha256_hasher::sha256_hasher() : ctx_(EVP_MD_CTX_new())
{
    if (!ctx_ || !EVP_DigestInit_ex(ctx_, crypto_impl::sha256_md(), nullptr)) {
        EVP_MD_CTX_free(ctx_);
        crypto_impl::fail("EVP_DigestInit_ex");
    }
}

STRATUS_DECL sha256_hasher::~sha256_hasher()
{
    EVP_MD_CTX_free(ctx_);
}

STRATUS_DECL void sha256_hasher::update(std::string_view data)
{
    if (!data.empty() && !EVP_DigestUpdate(ctx_, data.data(), data.size()))
        crypto_impl::fail("EVP_DigestUpdate");
}

STRATUS_DECL sha256_digest sha256_hasher::finish()
{
    sha256_digest d{};
    unsigned int n = 0;
    if (!EVP_DigestFinal_ex(ctx_, d.data(), &n) || n != d.size() ||
        !EVP_DigestInit_ex(ctx_, crypto_impl::sha256_md(), nullptr))
        crypto_impl::fail("EVP_DigestFinal_ex");
    return d;
}

STRATUS_DECL std::string hex_lower(std::span<unsigned char const> bytes)
{
    constexpr char digits[] = "0123456789abcdef";
    std::string s;
    s.resize(bytes.size() * 2);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        s[2 * i] = digits[bytes[i] >> 4];
        s[2 * i + 1] = digits[bytes[i] & 0xF];
    }
    return s;
}

STRATUS_DECL void secure_zero(void* p, std::size_t n) noexcept
{
    if (n) OPENSSL_cleanse(p, n);
}

STRATUS_DECL std::string base64_encode(std::span<unsigned char const> bytes)
{
    // EVP_EncodeBlock takes an int length; a multiple of 3 per call keeps the
    // pieces free of padding so they concatenate.
    constexpr std::size_t piece = 3 * 1024 * 1024;
    std::string out;
    out.resize((bytes.size() + 2) / 3 * 4 + 1);
    std::size_t written = 0;
    for (std::size_t off = 0; off < bytes.size(); off += piece) {
        std::size_t const n = std::min(piece, bytes.size() - off);
        int const w = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()) + written,
                                      bytes.data() + off, static_cast<int>(n));
        if (w < 0) crypto_impl::fail("EVP_EncodeBlock");
        written += static_cast<std::size_t>(w);
    }
    out.resize(written);
    return out;
}

STRATUS_DECL std::optional<std::string> base64_decode(std::string_view text)
{
    // EVP_DecodeBlock skips surrounding whitespace and does not report the
    // padding, so the checks that make decoding strict happen here.
    if (text.size() % 4 != 0) return std::nullopt;
    std::size_t pad = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (c == '=') {
            if (i + 2 < text.size()) return std::nullopt;
            ++pad;
        } else if (pad != 0 || !(is_alnum(c) || c == '+' || c == '/')) {
            return std::nullopt;
        }
    }
    constexpr std::size_t piece = 4 * 1024 * 1024;
    std::string out;
    out.resize(text.size() / 4 * 3);
    std::size_t written = 0;
    for (std::size_t off = 0; off < text.size(); off += piece) {
        std::size_t const n = std::min(piece, text.size() - off);
        int const w =
            EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()) + written,
                            reinterpret_cast<unsigned char const*>(text.data()) + off, static_cast<int>(n));
        if (w < 0) return std::nullopt;
        written += static_cast<std::size_t>(w);
    }
    out.resize(written - pad);
    return out;
}

} // namespace stratus::detail

#endif
