// Test stub, found only while include/stratus/protocol/cbor.hpp does not exist
// (the compile tests put this directory after include/): the protocol tag
// service_client<> needs, declared, so that generated headers can be
// syntax-checked before their engine is written.
#ifndef STRATUS_PROTOCOL_CBOR_HPP
#define STRATUS_PROTOCOL_CBOR_HPP

#include <stratus/protocol/engine.hpp>

namespace stratus::protocol {

struct cbor {
    static ::stratus::protocol::engine const& instance() noexcept;
};

} // namespace stratus::protocol

#endif
