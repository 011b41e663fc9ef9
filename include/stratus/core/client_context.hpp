// The resolved, immutable state one client runs on: where to send, how to
// sign, how to retry. Built by session::client(); shared by copies of a client
// and by the operations in flight.
#ifndef STRATUS_CORE_CLIENT_CONTEXT_HPP
#define STRATUS_CORE_CLIENT_CONTEXT_HPP

#include <stratus/auth/credentials.hpp>
#include <stratus/auth/sigv4.hpp>
#include <stratus/core/http_client.hpp>
#include <stratus/core/retry.hpp>
#include <stratus/core/service_info.hpp>
#include <stratus/logging.hpp>

#include <functional>
#include <memory>
#include <string>

namespace stratus {

struct client_context {
    client_context(boost::asio::any_io_executor ex, http::client_config http_cfg) : http(std::move(ex), http_cfg) {}

    service_info service;
    std::string region;
    http::url endpoint;            ///< scheme, host, port and base path requests are sent to
    bool custom_endpoint = false;  ///< the endpoint came from endpoint_url, not from the region
    std::string endpoint_source;   ///< where the endpoint came from, for messages
    std::shared_ptr<credentials_provider> credentials;
    auth::sigv4_signer signer;
    http::client http;
    retry_config retry;
    retry_quota quota;
    /// Uniform [0, 1) for the backoff jitter; empty: a real random source.
    /// Tests set it to make retries immediate and deterministic.
    std::function<double()> retry_jitter;
    stratus::logger logger;
};

} // namespace stratus

#endif
