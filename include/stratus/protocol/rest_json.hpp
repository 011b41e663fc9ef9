// The rest-json protocol (Lambda, API Gateway, EKS, Glacier...): members
// bound to the URI, query string and headers (rest_binding.hpp), the rest in
// one JSON object or a payload member; errors as JSON with the code in
// x-amzn-ErrorType or the body.
//
//   class client : public stratus::service_client<stratus::protocol::rest_json> { ... };
#ifndef STRATUS_PROTOCOL_REST_JSON_HPP
#define STRATUS_PROTOCOL_REST_JSON_HPP

#include <stratus/detail/config.hpp>
#include <stratus/protocol/engine.hpp>

namespace stratus::protocol {

struct rest_json {
    /// The engine service_client<rest_json> runs; stateless, shared.
    STRATUS_DECL static ::stratus::protocol::engine const& instance() noexcept;
};

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/rest_json.ipp>
#endif

#endif
