// The credentials value type and the provider interface the pipeline needs.
// Providers that do I/O live in credentials/, above core/ (STYLE.md §1).
#ifndef STRATUS_AUTH_CREDENTIALS_HPP
#define STRATUS_AUTH_CREDENTIALS_HPP

#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

namespace stratus {

/// AWS credentials. Streaming or formatting one never shows the secret or the token.
struct credentials {
    std::string access_key_id{};
    std::string secret_access_key{};
    std::string session_token{}; ///< empty for long-term keys
    /// When temporary credentials stop working; empty for long-term keys.
    std::optional<std::chrono::system_clock::time_point> expiration{};
    /// Which provider produced them ("env", "shared-credentials-file", "process", ...),
    /// as botocore's Credentials.method says.
    std::string method{};
    /// The AWS account the keys belong to, when the source says so
    /// (AWS_ACCOUNT_ID, aws_account_id, credential_process "AccountId");
    /// endpoint rule sets route by it (DynamoDB's account-based endpoints).
    /// Set but empty (only possible when set in code) is not unset: the rule
    /// sets refuse an empty account id.
    std::optional<std::string> account_id{};

    bool empty() const noexcept { return access_key_id.empty() || secret_access_key.empty(); }
    bool expired(std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const noexcept
    {
        return expiration && *expiration <= now;
    }
};

/// Prints the access key id and the provider, never the secret or token.
STRATUS_DECL std::ostream& operator<<(std::ostream& os, credentials const& c);

/// Where credentials come from. Implementations must be safe to call from
/// several threads at once; they cache and refresh as they see fit.
class credentials_provider {
public:
    virtual ~credentials_provider() = default;
    /// Returns credentials, or an error saying what was looked for.
    virtual result<credentials> resolve() = 0;
};

/// A provider that always returns the same credentials (botocore's explicit keys).
class static_credentials_provider final : public credentials_provider {
public:
    explicit static_credentials_provider(credentials c) : c_(std::move(c)) {}
    result<credentials> resolve() override { return c_; }

private:
    credentials c_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/auth/impl/credentials.ipp>
#endif

#endif
