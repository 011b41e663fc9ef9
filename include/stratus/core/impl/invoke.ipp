#ifndef STRATUS_CORE_IMPL_INVOKE_IPP
#define STRATUS_CORE_IMPL_INVOKE_IPP

#include <stratus/core/invoke.hpp>

#include <boost/asio/any_completion_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <thread>

namespace stratus {
namespace detail {

// Headers the signer adds; removed before every attempt so a retry is signed
// afresh (new date, possibly refreshed credentials) instead of twice.
inline void strip_signature(http::request& req)
{
    for (auto name : {"Authorization", "X-Amz-Date", "X-Amz-Security-Token", "x-amz-content-sha256"})
        req.headers.erase(name);
}

// Everything an attempt needs before bytes go out: a body back at its first
// byte, current credentials, a fresh signature.
inline result<void> prepare_attempt(client_context& ctx, http::request& req, invoke_params const& p, int attempt)
{
    if (attempt > 1 && !req.rewind_body())
        return make_error(errc::body_not_replayable,
                          "the request body is a stream that cannot be rewound, so it was not resent", p.operation);
    if (!ctx.credentials)
        return make_error(errc::no_credentials, "no credentials provider is configured", p.operation);
    auto creds = ctx.credentials->resolve();
    if (!creds) {
        auto e = creds.error();
        if (e.operation.empty()) e.operation = p.operation;
        return e;
    }
    strip_signature(req);
    auth::sigv4_params sp;
    sp.region = p.signing_region.empty() ? ctx.region : p.signing_region;
    sp.service = p.signing_name.empty() ? std::string(ctx.service.signing_name) : p.signing_name;
    sp.payload_hash = p.payload_hash;
    if (ctx.service.s3_signing) {
        sp.double_uri_encode = false;
        sp.normalize_path = false;
        sp.add_content_sha256_header = true;
        // botocore signs S3 payloads over plain HTTP only; TLS already protects them.
        sp.unsigned_payload = p.unsigned_payload.value_or(req.url.scheme == "https" ||
                                                          (req.body_stream && !p.payload_hash));
    } else {
        sp.unsigned_payload = p.unsigned_payload.value_or(false);
    }
    if (p.double_uri_encode) sp.double_uri_encode = *p.double_uri_encode;
    auto signed_ = ctx.signer.sign(req, *creds, sp);
    if (!signed_) {
        auto e = signed_.error();
        if (e.operation.empty()) e.operation = p.operation;
        return e;
    }
    if (ctx.logger.enabled(log_level::trace)) ctx.logger.log(log_level::trace, describe_request(req));
    return {};
}

inline attempt_outcome outcome_of(error_code const& ec, http::response const& res, std::string& code_storage)
{
    attempt_outcome o;
    o.transport = ec;
    if (!ec) {
        o.http_status = res.status;
        if (is_error_status(res.status)) {
            code_storage = parse_error_response(res).code;
            o.aws_code = code_storage;
        }
    }
    return o;
}

inline void log_attempt(client_context const& ctx, invoke_params const& p, int attempt, error_code const& ec,
                        http::response const& res, std::chrono::steady_clock::duration took)
{
    if (ctx.logger.enabled(log_level::trace) && !ec) ctx.logger.log(log_level::trace, describe_response(res));
    if (!ctx.logger.enabled(log_level::debug)) return;
    auto const ms = std::chrono::duration_cast<std::chrono::microseconds>(took).count() / 1000.0;
    std::string msg = p.operation + " attempt " + std::to_string(attempt) + ": ";
    msg += ec ? ec.message() : "HTTP " + std::to_string(res.status);
    msg += " in " + std::to_string(ms) + " ms";
    ctx.logger.log(log_level::debug, msg);
}

inline error_info transport_failure(client_context const& ctx, invoke_params const& p, error_code const& ec,
                                    int attempts, std::string message)
{
    if (message.empty()) message = ec.message() + " (" + ctx.endpoint.authority() + ")";
    if (attempts > 1) message += " after " + std::to_string(attempts) + " attempts";
    return make_error(ec, std::move(message), p.operation);
}

} // namespace detail

STRATUS_DECL result<http::response> invoke(client_context& ctx, http::request req, invoke_params const& params)
{
    retry_state retry(ctx.retry, &ctx.quota, ctx.retry_jitter);
    for (;;) {
        if (auto prepared = detail::prepare_attempt(ctx, req, params, retry.attempts()); !prepared)
            return prepared.error();
        auto const started = std::chrono::steady_clock::now();
        auto sent = ctx.http.try_send(req, params.send);
        error_code const ec = sent ? error_code{} : sent.error().code;
        http::response res = sent ? std::move(*sent) : http::response{};
        if (!ec && params.on_response) params.on_response(res);
        detail::log_attempt(ctx, params, retry.attempts(), ec, res, std::chrono::steady_clock::now() - started);

        std::string code;
        auto const outcome = detail::outcome_of(ec, res, code);
        if (!ec && !is_error_status(res.status)) {
            retry.on_success();
            return res;
        }
        std::string why_not;
        auto const delay = retry.next_delay(outcome, &why_not);
        if (!delay) {
            if (ec) return detail::transport_failure(ctx, params, ec, retry.attempts(), sent.error().message);
            return res; // the caller turns the error response into a typed error
        }
        if (ctx.logger.enabled(log_level::info))
            ctx.logger.log(log_level::info, params.operation + ": retrying in " + std::to_string(delay->count()) +
                                                " ms (" + (ec ? ec.message() : code) + ")");
        std::this_thread::sleep_for(*delay);
    }
}

namespace detail {

// The asynchronous twin of invoke(): the same steps, with the backoff on a
// timer instead of a sleeping thread.
class invoke_op : public std::enable_shared_from_this<invoke_op> {
public:
    using handler_type = boost::asio::any_completion_handler<invoke_signature>;

    invoke_op(std::shared_ptr<client_context> ctx, http::request req, invoke_params params, handler_type handler)
        : ctx_(std::move(ctx)), req_(std::move(req)), params_(std::move(params)), retry_(ctx_->retry, &ctx_->quota, ctx_->retry_jitter),
          handler_(std::move(handler)),
          work_(boost::asio::prefer(boost::asio::get_associated_executor(handler_, ctx_->http.get_executor()),
                                    boost::asio::execution::outstanding_work.tracked)),
          timer_(ctx_->http.get_executor())
    {
    }

    void start()
    {
        if (auto prepared = prepare_attempt(*ctx_, req_, params_, retry_.attempts()); !prepared)
            return complete(prepared.error().code, {});
        started_ = std::chrono::steady_clock::now();
        // The HTTP core takes its request by value; the original stays here
        // for a retry.
        ctx_->http.async_send(req_, params_.send,
                              [self = shared_from_this()](error_code ec, http::response res) {
                                  self->on_response(ec, std::move(res));
                              });
    }

private:
    void on_response(error_code ec, http::response res)
    {
        if (!ec && params_.on_response) params_.on_response(res);
        log_attempt(*ctx_, params_, retry_.attempts(), ec, res, std::chrono::steady_clock::now() - started_);
        std::string code;
        auto const outcome = outcome_of(ec, res, code);
        if (!ec && !is_error_status(res.status)) {
            retry_.on_success();
            return complete({}, std::move(res));
        }
        auto const delay = retry_.next_delay(outcome);
        if (!delay) return complete(ec, std::move(res));
        timer_.expires_after(*delay);
        timer_.async_wait([self = shared_from_this()](error_code wait_ec) {
            if (wait_ec) return self->complete(wait_ec, {});
            self->start();
        });
    }

    void complete(error_code ec, http::response res)
    {
        auto ex = boost::asio::get_associated_executor(handler_, ctx_->http.get_executor());
        boost::asio::dispatch(ex, [h = std::move(handler_), ec, res = std::move(res)]() mutable {
            std::move(h)(ec, std::move(res));
        });
    }

    std::shared_ptr<client_context> ctx_;
    http::request req_;
    invoke_params params_;
    retry_state retry_;
    handler_type handler_;
    boost::asio::any_completion_executor work_; // keeps the handler's executor busy until completion
    boost::asio::steady_timer timer_;
    std::chrono::steady_clock::time_point started_;
};

} // namespace detail

STRATUS_DECL void async_invoke(std::shared_ptr<client_context> ctx, http::request req, invoke_params params,
                               boost::asio::any_completion_handler<invoke_signature> handler)
{
    std::make_shared<detail::invoke_op>(std::move(ctx), std::move(req), std::move(params), std::move(handler))
        ->start();
}

} // namespace stratus

#endif
