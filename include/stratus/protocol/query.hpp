// The query protocol (SNS, STS, IAM, CloudFormation, SQS's older model...):
// POST / with Action, Version and the input as form parameters; outputs as
// XML inside <OperationResult>, errors as <ErrorResponse><Error>.
//
//   class client : public stratus::service_client<stratus::protocol::query> { ... };
#ifndef STRATUS_PROTOCOL_QUERY_HPP
#define STRATUS_PROTOCOL_QUERY_HPP

#include <stratus/detail/config.hpp>
#include <stratus/protocol/engine.hpp>

namespace stratus::protocol {

struct query {
    /// The engine service_client<query> runs; stateless, shared.
    STRATUS_DECL static ::stratus::protocol::engine const& instance() noexcept;
};

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/query.ipp>
#endif

#endif
