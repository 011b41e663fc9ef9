// The pipeline every API call runs: resolve credentials, sign, send, classify
// the answer, back off and retry. One loop for every service and protocol;
// the protocol engines build the request before it and parse the response
// after it.
#ifndef STRATUS_CORE_INVOKE_HPP
#define STRATUS_CORE_INVOKE_HPP

#include <stratus/core/client_context.hpp>
#include <stratus/core/error_response.hpp>
#include <stratus/detail/config.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace stratus {

struct invoke_params {
    std::string operation{};            ///< e.g. "PutObject", for logs and errors
    std::optional<bool> unsigned_payload{}; ///< unset: the service's default (S3: over HTTPS)
    std::optional<std::string> payload_hash{}; ///< precomputed, for streamed bodies
    http::send_options send{};          ///< e.g. a body_sink for large downloads
    /// The endpoint rule set's auth scheme: signing name and region when they
    /// differ from the client's, and S3's disableDoubleEncoding.
    std::string signing_name{};
    std::string signing_region{};
    std::optional<bool> double_uri_encode{};
    /// Sees every response before the retry decision and may reclassify it:
    /// S3 answers some calls with 200 OK and an <Error> document, which
    /// botocore turns into a 500 so that it is retried like one.
    std::function<void(http::response&)> on_response{};
};

/// Runs the call to completion. An error response (status >= 300) after the
/// last attempt comes back as the response, with its status, so the protocol
/// engine can map it to a modeled error; transport and client failures come
/// back as errors.
STRATUS_DECL result<http::response> invoke(client_context& ctx, http::request req, invoke_params const& params);

/// Asynchronous form. Completes with (error_code, response) under the same
/// rule: a service error is a response with its status, not an error code.
using invoke_signature = void(error_code, http::response);
STRATUS_DECL void async_invoke(std::shared_ptr<client_context> ctx, http::request req, invoke_params params,
                               boost::asio::any_completion_handler<invoke_signature> handler);

} // namespace stratus

#ifdef STRATUS_HEADER_ONLY
#include <stratus/core/impl/invoke.ipp>
#endif

#endif
