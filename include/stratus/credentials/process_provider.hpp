// Credentials printed by an external program (botocore's ProcessProvider).
#ifndef STRATUS_CREDENTIALS_PROCESS_PROVIDER_HPP
#define STRATUS_CREDENTIALS_PROCESS_PROVIDER_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/shared_config.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

namespace stratus {

/// Runs the profile's credential_process (from either file; the credentials
/// file wins) and reads the JSON it prints:
/// `{"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ...,
/// "Expiration": "2024-01-01T00:00:00Z"}`. Method "custom-process".
///
/// The command is split into words like a POSIX shell would (quotes and
/// backslashes, as Python's shlex.split) and run directly, never through a
/// shell. Credentials without an Expiration are kept for good; others are
/// refreshed as botocore's RefreshableCredentials do: from 15 minutes before
/// they expire a refresh is tried and a failure ignored, from 10 minutes
/// before a refresh must succeed. Safe to call from several threads; one
/// refresh runs at a time.
class process_provider final : public credentials_provider {
public:
    static constexpr std::chrono::minutes advisory_refresh{15};
    static constexpr std::chrono::minutes mandatory_refresh{10};

    STRATUS_DECL process_provider(shared_config const& config, std::string profile);

    /// @return the credentials; errc::no_credentials if the profile has no
    /// credential_process; errc::credential_process_failed if the command
    /// cannot be split or run, exits non-zero (the message holds its stderr),
    /// prints something other than a JSON object of Version 1 with string
    /// AccessKeyId and SecretAccessKey, or credentials that have expired.
    /// Messages name the program, never its arguments or the output.
    STRATUS_DECL result<credentials> resolve() override;

private:
    STRATUS_DECL result<credentials> fetch() const;
    std::optional<credentials> cached() const
    {
        std::lock_guard lock(state_mutex_);
        return cached_;
    }

    std::string profile_;
    std::optional<std::string> command_;
    mutable std::mutex state_mutex_; // guards cached_
    std::mutex refresh_mutex_;       // one run of the command at a time
    std::optional<credentials> cached_;
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/credentials/impl/process_provider.ipp>
#endif

#endif
