// Retry decisions as botocore makes them: which failures are worth another
// attempt, how long to wait, and the per-client retry quota that stops a
// struggling service from being hammered. Pure logic, no I/O.
#ifndef STRATUS_CORE_RETRY_HPP
#define STRATUS_CORE_RETRY_HPP

#include <stratus/detail/config.hpp>
#include <stratus/error.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string_view>

namespace stratus {

/// botocore's retry modes (`retry_mode` in ~/.aws/config, AWS_RETRY_MODE).
enum class retry_mode {
    legacy,   ///< botocore's original handler: 5 attempts, no quota
    standard, ///< the cross-SDK standard: 3 attempts, capped jittered backoff, retry quota
};

/// Parses "legacy" / "standard". "adaptive" (client-side rate limiting) is not
/// implemented and is refused with a clear error rather than silently
/// degraded; `where` names the setting's source for the message.
STRATUS_DECL result<retry_mode> parse_retry_mode(std::string_view text, std::string_view where);
/// Parses max_attempts (an integer >= 1).
STRATUS_DECL result<int> parse_max_attempts(std::string_view text, std::string_view where);

struct retry_config {
    retry_mode mode = retry_mode::standard;
    /// Total attempts including the first. 0: the mode's default (standard 3, legacy 5).
    int max_attempts = 0;

    int effective_max_attempts() const noexcept
    {
        return max_attempts > 0 ? max_attempts : (mode == retry_mode::legacy ? 5 : 3);
    }
};

/// What one attempt came back with.
struct attempt_outcome {
    error_code transport;        ///< set when no HTTP response arrived
    unsigned http_status = 0;    ///< the response's status, when one arrived
    std::string_view aws_code{}; ///< the service's error code from the response, if any
    bool modeled_retryable = false;
};

/// True for the throttling error codes botocore knows.
STRATUS_DECL bool is_throttling_error(std::string_view aws_code) noexcept;
/// True for connection errors, timeouts, 500/502/503/504 and the transient codes.
STRATUS_DECL bool is_transient_error(attempt_outcome const& o) noexcept;
/// True when a standard-mode retry may help.
STRATUS_DECL bool is_retryable(attempt_outcome const& o) noexcept;

/// The token bucket shared by every call of one client (botocore RetryQuota).
class retry_quota {
public:
    static constexpr int initial_capacity = 500;
    static constexpr int retry_cost = 5;
    static constexpr int timeout_retry_cost = 10;
    static constexpr int no_retry_increment = 1;

    /// Takes `amount` tokens; false (and nothing taken) when too few are left.
    STRATUS_DECL bool acquire(int amount) noexcept;
    /// Gives tokens back, never above the initial capacity.
    STRATUS_DECL void release(int amount) noexcept;
    int available() const noexcept { return available_.load(std::memory_order_relaxed); }

private:
    std::atomic<int> available_{initial_capacity};
};

/// The retry bookkeeping of one API call. Not thread-safe; one per call.
class retry_state {
public:
    /// Uniform random number in [0, 1); injectable so tests are deterministic.
    using random_fn = std::function<double()>;

    STRATUS_DECL retry_state(retry_config cfg, retry_quota* quota, random_fn random = {});

    /// After a failed attempt: the delay before the next one, or nullopt when
    /// the call must give up (not retryable, attempts used up, quota empty).
    /// `why_not` then says which.
    STRATUS_DECL std::optional<std::chrono::milliseconds> next_delay(attempt_outcome const& o,
                                                                     std::string* why_not = nullptr);
    /// After a successful attempt: returns tokens to the quota.
    STRATUS_DECL void on_success() noexcept;

    int attempts() const noexcept { return attempt_; }

private:
    retry_config cfg_;
    retry_quota* quota_;
    random_fn random_;
    int attempt_ = 1;       // the attempt that just finished, 1-based
    int last_acquired_ = 0; // tokens taken for the retry in flight
};

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/core/impl/retry.ipp>
#endif

#endif
