// The ec2 protocol: the query protocol's requests with EC2's naming (queryName,
// capitalised locationName, flat lists), outputs as XML without a result
// wrapper, errors as <Response><Errors><Error>.
//
//   class client : public stratus::service_client<stratus::protocol::ec2> { ... };
#ifndef STRATUS_PROTOCOL_EC2_HPP
#define STRATUS_PROTOCOL_EC2_HPP

#include <stratus/detail/config.hpp>
#include <stratus/protocol/engine.hpp>

namespace stratus::protocol {

struct ec2 {
    /// The engine service_client<ec2> runs; stateless, shared.
    STRATUS_DECL static ::stratus::protocol::engine const& instance() noexcept;
};

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/ec2.ipp>
#endif

#endif
