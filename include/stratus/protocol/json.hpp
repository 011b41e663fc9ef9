// The awsJson 1.0 and 1.1 protocols (DynamoDB, Kinesis, SQS, CloudWatch
// Logs...): every call is POST / with the operation in X-Amz-Target and the
// input as one JSON object; outputs and errors are JSON objects too.
//
//   class client : public stratus::service_client<stratus::protocol::json> { ... };
#ifndef STRATUS_PROTOCOL_JSON_HPP
#define STRATUS_PROTOCOL_JSON_HPP

#include <stratus/detail/config.hpp>
#include <stratus/protocol/engine.hpp>

namespace stratus::protocol {

struct json {
    /// The engine service_client<json> runs; stateless, shared.
    STRATUS_DECL static ::stratus::protocol::engine const& instance() noexcept;
};

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/json.ipp>
#endif

#endif
