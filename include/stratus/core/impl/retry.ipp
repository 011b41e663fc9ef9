#ifndef STRATUS_CORE_IMPL_RETRY_IPP
#define STRATUS_CORE_IMPL_RETRY_IPP

#include <stratus/core/retry.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <random>

namespace stratus {

STRATUS_DECL result<retry_mode> parse_retry_mode(std::string_view text, std::string_view where)
{
    if (text == "standard") return retry_mode::standard;
    if (text == "legacy") return retry_mode::legacy;
    if (text == "adaptive")
        return make_error(errc::invalid_config, std::string(where) +
                                                    ": retry_mode 'adaptive' is not supported by stratus yet; "
                                                    "use 'standard' or 'legacy'");
    return make_error(errc::invalid_config, std::string(where) + ": invalid retry_mode '" + std::string(text) +
                                                "'; expected 'standard' or 'legacy'");
}

STRATUS_DECL result<int> parse_max_attempts(std::string_view text, std::string_view where)
{
    int v = 0;
    auto const [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p != text.data() + text.size() || v < 1)
        return make_error(errc::invalid_config, std::string(where) + ": max_attempts must be an integer >= 1, got '" +
                                                    std::string(text) + "'");
    return v;
}

STRATUS_DECL bool is_throttling_error(std::string_view aws_code) noexcept
{
    static constexpr std::array<std::string_view, 14> codes{
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    };
    return std::find(codes.begin(), codes.end(), aws_code) != codes.end();
}

namespace detail {

inline bool is_timeout(error_code const& ec) noexcept
{
    return ec == errc::connect_timeout || ec == errc::read_timeout;
}

} // namespace detail

STRATUS_DECL bool is_transient_error(attempt_outcome const& o) noexcept
{
    // Any failure below HTTP (refused, reset, timeouts, a broken TLS session,
    // a connection closed mid-response) may succeed on a new connection.
    if (o.transport) return kind_of(o.transport) == error_kind::transport;
    switch (o.http_status) {
    case 500:
    case 502:
    case 503:
    case 504: return true;
    default: break;
    }
    return o.aws_code == "RequestTimeout" || o.aws_code == "RequestTimeoutException" ||
           o.aws_code == "PriorRequestNotComplete";
}

STRATUS_DECL bool is_retryable(attempt_outcome const& o) noexcept
{
    return is_transient_error(o) || is_throttling_error(o.aws_code) || o.modeled_retryable;
}

STRATUS_DECL bool retry_quota::acquire(int amount) noexcept
{
    int cur = available_.load(std::memory_order_relaxed);
    while (cur >= amount)
        if (available_.compare_exchange_weak(cur, cur - amount, std::memory_order_relaxed)) return true;
    return false;
}

STRATUS_DECL void retry_quota::release(int amount) noexcept
{
    int cur = available_.load(std::memory_order_relaxed);
    while (!available_.compare_exchange_weak(cur, std::min(initial_capacity, cur + amount), std::memory_order_relaxed)) {
    }
}

STRATUS_DECL retry_state::retry_state(retry_config cfg, retry_quota* quota, random_fn random)
    : cfg_(cfg), quota_(quota), random_(std::move(random))
{
    if (!random_) {
        random_ = [] {
            thread_local std::minstd_rand gen{std::random_device{}()};
            return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
        };
    }
}

STRATUS_DECL std::optional<std::chrono::milliseconds> retry_state::next_delay(attempt_outcome const& o,
                                                                              std::string* why_not)
{
    auto refuse = [&](char const* why) -> std::optional<std::chrono::milliseconds> {
        if (why_not) *why_not = why;
        return std::nullopt;
    };
    bool const retryable = cfg_.mode == retry_mode::legacy
                               ? (is_transient_error(o) || is_throttling_error(o.aws_code) || o.http_status == 509 ||
                                  o.http_status == 429)
                               : is_retryable(o);
    if (!retryable) return refuse("not retryable");
    if (attempt_ >= cfg_.effective_max_attempts()) return refuse("max attempts reached");

    double seconds = 0;
    if (cfg_.mode == retry_mode::standard) {
        // botocore: t_i = rand(0, 1) * min(2 ** i, 20) for the 0-based retry i.
        if (quota_) {
            int const cost = detail::is_timeout(o.transport) ? retry_quota::timeout_retry_cost : retry_quota::retry_cost;
            if (!quota_->acquire(cost)) return refuse("retry quota exceeded");
            last_acquired_ = cost;
        }
        seconds = random_() * std::min(std::pow(2.0, attempt_ - 1), 20.0);
    } else {
        // botocore legacy (_retry.json): rand * 2 ** (attempts - 1), no quota.
        seconds = random_() * std::pow(2.0, attempt_ - 1);
    }
    ++attempt_;
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

STRATUS_DECL void retry_state::on_success() noexcept
{
    if (!quota_ || cfg_.mode != retry_mode::standard) return;
    quota_->release(last_acquired_ ? last_acquired_ : retry_quota::no_retry_increment);
}

} // namespace stratus

#endif
