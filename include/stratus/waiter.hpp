// Waiters, as boto3's client.get_waiter(...).wait(...): the operation is
// called every `delay` until an acceptor of waiters-2.json moves the waiter
// to success (return), failure or the attempts run out (errc::waiter_failed,
// with botocore's reasons). stratus-gen writes each waiter's acceptors as
// constexpr data and its JMESPath matchers as typed accessors (Op::waiters).
//
//   s3.get_waiter<s3::waiters::bucket_exists>().wait({.bucket = "b"});
//   auto r = s3.get_waiter<s3::waiters::object_exists>().try_wait({.bucket = "b", .key = "k"},
//                                                                   {.delay = 1s, .max_attempts = 10});
#ifndef STRATUS_WAITER_HPP
#define STRATUS_WAITER_HPP

#include <stratus/error.hpp>
#include <stratus/paging/access.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>

namespace stratus {

/// One acceptor of a waiter.
struct acceptor {
    enum class matcher_kind : std::uint8_t { status, error, path, path_all, path_any };
    enum class state_kind : std::uint8_t { success, failure, retry };
    matcher_kind matcher{};
    state_kind state{};
    int status = 0;              ///< status: the HTTP status
    std::string_view error{};    ///< error: the error code ("NoSuchBucket")
    bool any_error = false;      ///< error with expected true: any error at all
    bool no_error = false;       ///< error with expected false: a success response
    std::string_view argument{}; ///< path matchers: the JMESPath, for messages
    std::string_view expected{}; ///< path matchers: the expected value as written, for messages
};

/// boto3's WaiterConfig.
struct waiter_config {
    std::optional<std::chrono::milliseconds> delay{}; ///< otherwise the model's delay (seconds)
    std::optional<int> max_attempts{};                ///< otherwise the model's maxAttempts
};

/// A generated waiter: W::operation, W::name, W::delay_seconds,
/// W::max_attempts, W::acceptors and W::path_matches(i, output).
template <class W>
concept waiter_type = requires {
    typename W::operation;
    { W::name } -> std::convertible_to<std::string_view>;
    { W::acceptors } -> std::convertible_to<std::span<acceptor const>>;
};

/// What client.get_waiter<W>() returns.
template <waiter_type W, class Client>
class waiter {
    using Op = typename W::operation;

public:
    explicit waiter(Client c) : client_(std::move(c)) {}

    /// Waits; errc::waiter_failed (with the reason) when the waiter gives up,
    /// errc::invalid_parameter for a config out of range.
    result<void> try_wait(typename Op::input const& in, waiter_config cfg = {}) const
    {
        auto const delay = cfg.delay.value_or(std::chrono::seconds(W::delay_seconds));
        int const max_attempts = cfg.max_attempts.value_or(W::max_attempts);
        if (max_attempts < 1 || delay.count() < 0)
            return make_error(errc::invalid_parameter,
                              "WaiterConfig: max_attempts must be at least 1 and delay not negative",
                              std::string(Op::info.name));
        std::optional<std::size_t> last;
        for (int attempt = 1;; ++attempt) {
            auto r = client_.template try_call<Op>(in);
            std::optional<std::size_t> matched;
            for (std::size_t i = 0; i < W::acceptors.size() && !matched; ++i)
                if (matches(W::acceptors[i], i, r)) matched = i;
            if (matched) last = matched;
            if (!matched && !r) {
                auto e = r.error();
                e.code = errc::waiter_failed;
                e.message = std::string("Waiter ") + W::name + " failed: An error occurred (" + e.aws_code +
                            "): " + r.error().message;
                return e;
            }
            if (matched) {
                auto const& a = W::acceptors[*matched];
                if (a.state == acceptor::state_kind::success) return {};
                if (a.state == acceptor::state_kind::failure)
                    return failed("Waiter encountered a terminal failure state: " + explain(a), r);
            }
            if (attempt >= max_attempts)
                return failed(last ? "Max attempts exceeded. Previously accepted state: " + explain(W::acceptors[*last])
                                   : std::string("Max attempts exceeded"),
                              r);
            std::this_thread::sleep_for(delay);
        }
    }

    /// Throwing form: client_error with errc::waiter_failed.
    void wait(typename Op::input const& in, waiter_config cfg = {}) const
    {
        if (auto r = try_wait(in, cfg); !r) throw_error(r.error());
    }

private:
    template <class R>
    static bool matches(acceptor const& a, std::size_t i, R const& r)
    {
        using m = acceptor::matcher_kind;
        switch (a.matcher) {
            case m::status: return (r ? static_cast<int>(Op::info.response_code) : static_cast<int>(r.error().http_status)) == a.status;
            case m::error:
                if (a.no_error) return static_cast<bool>(r);
                if (r) return false;
                return a.any_error || r.error().aws_code == a.error;
            default: return r && W::path_matches(i, *r);
        }
    }

    static std::string explain(acceptor const& a)
    {
        using m = acceptor::matcher_kind;
        switch (a.matcher) {
            case m::status: return "Matched expected HTTP status code: " + std::to_string(a.status);
            case m::error:
                return "Matched expected service error code: " +
                       (a.any_error ? std::string("True") : a.no_error ? std::string("False") : std::string(a.error));
            case m::path: return "For expression \"" + std::string(a.argument) + "\" we matched expected path: \"" +
                                 std::string(a.expected) + "\"";
            case m::path_all:
                return "For expression \"" + std::string(a.argument) + "\" all members matched expected path: \"" +
                       std::string(a.expected) + "\"";
            case m::path_any: return "For expression \"" + std::string(a.argument) +
                                     "\" we matched expected path: \"" + std::string(a.expected) + "\" at least once";
        }
        return {};
    }

    template <class R>
    static error_info failed(std::string reason, R const& r)
    {
        auto e = make_error(errc::waiter_failed, std::string("Waiter ") + W::name + " failed: " + reason,
                            std::string(Op::info.name));
        if (!r) {
            e.aws_code = r.error().aws_code;
            e.request_id = r.error().request_id;
            e.http_status = r.error().http_status;
        }
        return e;
    }

    Client client_;
};

} // namespace stratus

#endif
