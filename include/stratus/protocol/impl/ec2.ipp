#ifndef STRATUS_PROTOCOL_IMPL_EC2_IPP
#define STRATUS_PROTOCOL_IMPL_EC2_IPP

#include <stratus/protocol/ec2.hpp>

// The engine is the query protocol's, in its EC2 dialect.
#include <stratus/protocol/impl/query.ipp>

namespace stratus::protocol {

STRATUS_DECL engine const& ec2::instance() noexcept
{
    static detail::query_family_engine const e(true);
    return e;
}

} // namespace stratus::protocol

#endif
