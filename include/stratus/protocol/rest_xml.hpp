// The rest-xml protocol (S3, CloudFront, Route 53): members bound to the URI,
// query string and headers (rest_binding.hpp), everything else in one XML
// document, errors as <Error> or <ErrorResponse><Error>. S3's
// customizations (customizations/s3.hpp) apply when the service is S3.
//
//   class client : public stratus::service_client<stratus::protocol::rest_xml> { ... };
#ifndef STRATUS_PROTOCOL_REST_XML_HPP
#define STRATUS_PROTOCOL_REST_XML_HPP

#include <stratus/detail/config.hpp>
#include <stratus/protocol/engine.hpp>

namespace stratus::protocol {

struct rest_xml {
    /// The engine service_client<rest_xml> runs; stateless, shared.
    STRATUS_DECL static ::stratus::protocol::engine const& instance() noexcept;
};

} // namespace stratus::protocol

#ifdef STRATUS_HEADER_ONLY
#include <stratus/protocol/impl/rest_xml.ipp>
#endif

#endif
