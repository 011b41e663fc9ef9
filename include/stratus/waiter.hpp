// Waiters, as boto3's client.get_waiter(...).wait(...): the operation is
// called every `delay` until an acceptor of waiters-2.json moves the waiter
// to success (return), failure or the attempts run out (errc::waiter_failed,
// with botocore's reasons). stratus-gen writes each waiter's acceptors as
// constexpr data and its JMESPath matchers as typed accessors (Op::waiters).
//
//   s3.get_waiter<s3::waiters::bucket_exists>().wait({.bucket = "b"});
//   auto r = s3.get_waiter<s3::waiters::object_exists>().try_wait({.bucket = "b", .key = "k"},
//                                                                   {.delay = 1s, .max_attempts = 10});
//   co_await s3.get_waiter<s3::waiters::object_exists>().async_wait(req, {}, diag, use_awaitable);
#ifndef STRATUS_WAITER_HPP
#define STRATUS_WAITER_HPP

#include <stratus/error.hpp>
#include <stratus/paging/jmespath.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
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
        if (auto bad = check_config(delay, max_attempts)) return *bad;
        std::optional<std::size_t> last;
        for (int attempt = 1;; ++attempt) {
            if (auto done = step(client_.template try_call<Op>(in), attempt, max_attempts, last)) return *done;
            std::this_thread::sleep_for(delay);
        }
    }

    /// Asynchronous form for any completion token: completes with the
    /// error_code of try_wait (success, errc::waiter_failed, ...), the
    /// details in `diag`, which must outlive the operation. The delay is an
    /// Asio timer on the client's executor: no thread sleeps.
    template <boost::asio::completion_token_for<void(error_code)> CompletionToken>
    auto async_wait(typename Op::input in, waiter_config cfg, error_info& diag, CompletionToken&& token) const
    {
        return boost::asio::async_initiate<CompletionToken, void(error_code)>(
            [](auto handler, Client client, typename Op::input input, waiter_config c, error_info* d) {
                auto ex = boost::asio::get_associated_executor(handler, client.get_executor());
                auto s = std::make_shared<async_state>(std::move(client), std::move(input), c, d,
                                                       boost::asio::any_completion_handler<void(error_code)>(
                                                           boost::asio::bind_executor(ex, std::move(handler))));
                *d = error_info{};
                if (auto bad = check_config(s->delay, s->max_attempts)) return s->finish(std::move(*bad));
                attempt(std::move(s));
            },
            token, client_, std::move(in), cfg, &diag);
    }

    /// Throwing form: client_error with errc::waiter_failed.
    void wait(typename Op::input const& in, waiter_config cfg = {}) const
    {
        if (auto r = try_wait(in, cfg); !r) throw_error(r.error());
    }

private:
    static std::optional<error_info> check_config(std::chrono::milliseconds delay, int max_attempts)
    {
        if (max_attempts >= 1 && delay.count() >= 0) return std::nullopt;
        return make_error(errc::invalid_parameter, "WaiterConfig: max_attempts must be at least 1 and delay not negative",
                          std::string(Op::info.name));
    }

    // One attempt's response through the acceptors (botocore's Waiter.wait
    // loop body): the waiter's result when it is over, nullopt to retry.
    template <class R>
    static std::optional<result<void>> step(R const& r, int attempt, int max_attempts, std::optional<std::size_t>& last)
    {
        std::optional<std::size_t> matched;
        for (std::size_t i = 0; i < W::acceptors.size() && !matched; ++i)
            if (matches(W::acceptors[i], i, r)) matched = i;
        if (matched) last = matched;
        if (!matched && !r) {
            auto e = r.error();
            e.code = errc::waiter_failed;
            e.message = std::string("Waiter ") + W::name + " failed: An error occurred (" + e.aws_code +
                        "): " + r.error().message;
            return result<void>(e);
        }
        if (matched) {
            auto const& a = W::acceptors[*matched];
            if (a.state == acceptor::state_kind::success) return result<void>();
            if (a.state == acceptor::state_kind::failure)
                return result<void>(failed("Waiter encountered a terminal failure state: " + explain(a), r));
        }
        if (attempt >= max_attempts)
            return result<void>(failed(last ? "Max attempts exceeded. Previously accepted state: " +
                                                  explain(W::acceptors[*last])
                                            : std::string("Max attempts exceeded"),
                                       r));
        return std::nullopt;
    }

    struct async_state {
        async_state(Client c, typename Op::input i, waiter_config cfg, error_info* d,
                    boost::asio::any_completion_handler<void(error_code)> h)
            : client(std::move(c)), in(std::move(i)),
              delay(cfg.delay.value_or(std::chrono::seconds(W::delay_seconds))),
              max_attempts(cfg.max_attempts.value_or(W::max_attempts)), diag(d), handler(std::move(h)),
              timer(client.get_executor())
        {
        }

        // Completes the waiter, never inside the initiating call.
        void finish(result<void> r)
        {
            error_code ec;
            if (!r) {
                *diag = r.error();
                ec = r.error().code;
            }
            boost::asio::post(timer.get_executor(),
                              [h = std::move(handler), ec]() mutable { std::move(h)(ec); });
        }

        Client client;
        typename Op::input in;
        std::chrono::milliseconds delay;
        int max_attempts;
        error_info* diag;
        boost::asio::any_completion_handler<void(error_code)> handler;
        boost::asio::steady_timer timer;
        error_info call_diag{};
        int attempts = 0;
        std::optional<std::size_t> last{};
    };

    static void attempt(std::shared_ptr<async_state> s)
    {
        auto& st = *s;
        st.client.template async_call<Op>(st.in, st.call_diag, [s = std::move(s)](error_code ec, typename Op::output out) mutable {
            result<typename Op::output> r = ec ? result<typename Op::output>(boost::system::in_place_error, s->call_diag)
                                               : result<typename Op::output>(std::move(out));
            if (auto done = step(r, ++s->attempts, s->max_attempts, s->last)) return s->finish(std::move(*done));
            s->timer.expires_after(s->delay);
            s->timer.async_wait([s](error_code) mutable { attempt(std::move(s)); });
        });
    }

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
