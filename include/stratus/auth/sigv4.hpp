// AWS Signature Version 4, as botocore's SigV4Auth, S3SigV4Auth and
// SigV4QueryAuth compute it: an Authorization header, or a presigned URL.
// Pure computation, no I/O (STYLE.md §1).
#ifndef STRATUS_AUTH_SIGV4_HPP
#define STRATUS_AUTH_SIGV4_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/core/http_message.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace stratus::detail {
struct sigv4_key_cache;
} // namespace stratus::detail

namespace stratus::auth {

/// What to sign for, and how. The defaults suit every service but S3.
struct sigv4_params {
    std::string region{};  ///< signing region, e.g. "us-east-1"
    std::string service{}; ///< signing name, e.g. "s3"
    std::chrono::system_clock::time_point time = std::chrono::system_clock::now();
    /// Percent-encode the (already encoded) path once more. S3: false.
    bool double_uri_encode = true;
    /// Remove "." and ".." segments and merge slashes before encoding. S3: false.
    bool normalize_path = true;
    /// Sign "UNSIGNED-PAYLOAD" instead of the body's hash. Implies an
    /// x-amz-content-sha256 header on sign(), or the service could not know.
    bool unsigned_payload = false;
    /// Send the payload hash as x-amz-content-sha256 (S3 requires it).
    bool add_content_sha256_header = false;
    /// Hex SHA-256 of the body computed by the caller (a streamed body), or a
    /// special value such as "STREAMING-UNSIGNED-PAYLOAD-TRAILER".
    std::optional<std::string> payload_hash{};
};

/// The intermediate products of one signature, for tests and for debugging
/// SignatureDoesNotMatch: compare canonical_request with the one in the
/// service's error message. Never holds the secret key or a derived key; it
/// does hold the session token where that is signed, as the request itself does.
struct sigv4_trace {
    std::string canonical_request{};
    std::string string_to_sign{};
    std::string signature{};     ///< lowercase hex
    std::string authorization; ///< the Authorization header value; empty for presign()
};

/// What the derived-key cache holds and how well it works.
struct sigv4_key_cache_stats {
    std::size_t size = 0;
    std::size_t capacity = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
};

/// Signs requests with SigV4. Safe to share between threads: the only state
/// is a bounded cache of signing keys, which are derived per secret key, day,
/// region and service. The cache identifies a secret by its SHA-256, so the
/// signer keeps no copy of any secret.
///
/// Errors are returned, not thrown; call .value() on the result for the
/// throwing form (it throws stratus::client_error). On error the request is
/// left as it was. Error messages never contain the secret key or the token.
///
/// @code
/// auth::sigv4_signer signer;
/// auth::sigv4_params p{.region = "us-east-1", .service = "sqs"};
/// signer.sign(req, creds, p).value();
/// @endcode
class sigv4_signer {
public:
    static constexpr std::size_t default_key_cache_capacity = 64;

    /// @param key_cache_capacity how many derived keys to keep; 0 turns the cache off.
    STRATUS_DECL explicit sigv4_signer(std::size_t key_cache_capacity = default_key_cache_capacity);
    STRATUS_DECL ~sigv4_signer();
    /// Copies the capacity; the copy starts with an empty cache.
    STRATUS_DECL sigv4_signer(sigv4_signer const& other);
    STRATUS_DECL sigv4_signer& operator=(sigv4_signer const& other);
    STRATUS_DECL sigv4_signer(sigv4_signer&& other) noexcept;
    STRATUS_DECL sigv4_signer& operator=(sigv4_signer&& other) noexcept;

    /// Signs req in place. Sets X-Amz-Date (or rewrites Date, when the request
    /// has one, as botocore does), X-Amz-Security-Token when the credentials
    /// carry a token, X-Amz-Content-SHA256 when p.add_content_sha256_header or
    /// p.unsigned_payload, Host when absent, and Authorization. Replaces what
    /// an earlier signature left, so a retry can simply sign again.
    ///
    /// The payload hash is, first match wins: p.payload_hash; "UNSIGNED-PAYLOAD"
    /// if p.unsigned_payload; an x-amz-content-sha256 header already on the
    /// request (unless p.add_content_sha256_header); the SHA-256 of req.body.
    /// A req.body_stream needs one of the first three.
    ///
    /// @param trace when not null, receives the canonical request and friends.
    /// @return errc::no_credentials for empty credentials, errc::missing_region,
    ///         errc::invalid_parameter for other bad input.
    STRATUS_DECL result<void> sign(http::request& req, credentials const& creds, sigv4_params const& p,
                                   sigv4_trace* trace = nullptr) const;

    /// A presigned URL for req: its query plus X-Amz-Algorithm, -Credential,
    /// -Date, -Expires, -SignedHeaders, -Security-Token (with a token) and
    /// -Signature. The headers req carries are signed, so whoever uses the URL
    /// must send them too, except a Content-Type of exactly
    /// "application/x-www-form-urlencoded; charset=utf-8" (botocore drops it).
    /// The payload hash is an x-amz-content-sha256 header on req if there is
    /// one (the service checks against it), else as for sign(), where S3 passes
    /// p.unsigned_payload; p.add_content_sha256_header does not apply. req's
    /// body is hashed, not moved into the query: put operation parameters into
    /// req.url.query first.
    ///
    /// @param expires from 1 second to 7 days (604800 s), else errc::invalid_parameter.
    /// @return the URL, scheme to query.
    STRATUS_DECL result<std::string> presign(http::request const& req, credentials const& creds,
                                             sigv4_params const& p, std::chrono::seconds expires,
                                             sigv4_trace* trace = nullptr) const;

    STRATUS_DECL sigv4_key_cache_stats key_cache_stats() const;

private:
    std::unique_ptr<stratus::detail::sigv4_key_cache> cache_{};
};

} // namespace stratus::auth

#ifdef STRATUS_HEADER_ONLY
#include <stratus/auth/impl/sigv4.ipp>
#endif

#endif
