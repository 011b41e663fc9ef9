// The smithy-rpc-v2-cbor protocol (CloudWatch and newer services): every
// operation is a POST to /service/{targetPrefix}/operation/{Operation} whose
// body is the input structure as one CBOR map (detail/cbor.hpp); responses
// are CBOR maps too, and errors name themselves with __type. Behaviour
// follows botocore's RpcV2CBORSerializer and RpcV2CBORParser.
//
//   class client : public stratus::service_client<stratus::protocol::cbor> { ... };
#ifndef STRATUS_PROTOCOL_CBOR_HPP
#define STRATUS_PROTOCOL_CBOR_HPP

#include <stratus/detail/config.hpp>
#include <stratus/protocol/engine.hpp>

namespace stratus::protocol {

struct cbor {
    /// The engine service_client<cbor> runs; stateless, shared.
    STRATUS_DECL static ::stratus::protocol::engine const& instance() noexcept;
};

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/cbor.ipp>
#endif

#endif
