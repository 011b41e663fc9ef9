// What service_client asks of a protocol: turn an input shape into an HTTP
// request, and a response into an output shape or an error. One engine per
// protocol (rest_xml, rest_json, json, query, ec2, cbor), each a non-template
// class compiled once; operations reach it through input_shape/output_shape
// (value_io.hpp), never as template parameters.
#ifndef STRATUS_PROTOCOL_ENGINE_HPP
#define STRATUS_PROTOCOL_ENGINE_HPP

#include <stratus/core/client_context.hpp>
#include <stratus/core/http_message.hpp>
#include <stratus/error.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

#include <string>

namespace stratus::protocol {

/// The call in progress, as the engine sees it.
struct call_context {
    client_context& client;
    operation_info const& op;
    /// S3's customizations apply (boto3 registers them for service "s3" only).
    bool s3 = false;
    /// Filled by serialize(): "{AccountId}." expanded, to go before the endpoint's host.
    std::string host_prefix{};
    /// Set by serialize() when S3's ListObjects* asked for url-encoded keys on
    /// the caller's behalf, so that parse() decodes them again (botocore's
    /// encoding_type_auto_set).
    bool s3_decode_listing = false;
};

class engine {
public:
    /// Builds the request: method, path and query relative to the client's
    /// endpoint (service_client joins them), headers and body. Errors are
    /// errc::invalid_parameter.
    virtual result<http::request> serialize(call_context& cc, input_shape const& in) const = 0;

    /// Called for every response before the retry decision; may turn a
    /// success that is really an error into an error status (S3's 200 OK
    /// carrying <Error>, which botocore retries as a 500).
    virtual void inspect(call_context const&, http::response&, output_shape const&) const {}

    /// Fills `out` from a success response. Errors are errc::parse_error.
    virtual result<void> parse(call_context const& cc, http::response& res, output_shape const& out) const = 0;

    /// Code, message and request id of an error response (errc::service_error).
    virtual error_info parse_error(call_context const& cc, http::response const& res) const = 0;

    /// Fills a modeled error's members from an error response.
    virtual result<void> parse_error_members(call_context const& cc, http::response const& res,
                                             output_shape const& out) const = 0;

protected:
    ~engine() = default;
};

} // namespace stratus::protocol

#endif
