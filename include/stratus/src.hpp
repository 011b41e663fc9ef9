// Compiles the stratus runtime in the one translation unit that includes it.
// Use with STRATUS_SEPARATE_COMPILATION defined everywhere (STYLE.md §5.4).
// If BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION are
// defined too, Asio and Beast are compiled here as well.
#ifndef STRATUS_SRC_HPP
#define STRATUS_SRC_HPP

#ifndef STRATUS_SEPARATE_COMPILATION
#error "Define STRATUS_SEPARATE_COMPILATION in every translation unit to use <stratus/src.hpp>"
#endif

#ifdef BOOST_ASIO_SEPARATE_COMPILATION
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#endif
#ifdef BOOST_BEAST_SEPARATE_COMPILATION
#include <boost/beast/src.hpp>
#endif

#include <stratus/auth/impl/credentials.ipp>
#include <stratus/auth/impl/sigv4.ipp>
#include <stratus/core/impl/http_client.ipp>
#include <stratus/core/impl/http_message.ipp>
#include <stratus/detail/impl/crypto.ipp>
#include <stratus/impl/environment.ipp>
#include <stratus/impl/error.ipp>
#include <stratus/credentials/detail/impl/process.ipp>
#include <stratus/credentials/detail/impl/timestamp.ipp>
#include <stratus/credentials/impl/chain.ipp>
#include <stratus/credentials/impl/env_provider.ipp>
#include <stratus/credentials/impl/file_providers.ipp>
#include <stratus/credentials/impl/process_provider.ipp>
#include <stratus/detail/impl/ini.ipp>
#include <stratus/detail/impl/shlex.ipp>
#include <stratus/impl/shared_config.ipp>
#include <stratus/core/impl/retry.ipp>
#include <stratus/core/impl/request_compression.ipp>
#include <stratus/core/impl/error_response.ipp>
#include <stratus/impl/logging.ipp>
#include <stratus/core/impl/invoke.ipp>
#include <stratus/impl/client.ipp>
#include <stratus/impl/session.ipp>
#include <stratus/impl/dynamic_call.ipp>
#include <stratus/protocol/impl/timestamp.ipp>
#include <stratus/protocol/impl/encoding.ipp>
#include <stratus/protocol/impl/validate.ipp>
#include <stratus/protocol/impl/rest_binding.ipp>
#include <stratus/protocol/detail/impl/md5.ipp>
#include <stratus/protocol/detail/impl/xml.ipp>
#include <stratus/protocol/impl/rest_xml.ipp>
#include <stratus/protocol/detail/impl/json_document.ipp>
#include <stratus/protocol/detail/impl/json_error.ipp>
#include <stratus/protocol/impl/json.ipp>
#include <stratus/protocol/impl/rest_json.ipp>
#include <stratus/protocol/detail/impl/query_writer.ipp>
#include <stratus/protocol/impl/query.ipp>
#include <stratus/protocol/impl/ec2.ipp>
#include <stratus/protocol/detail/impl/cbor.ipp>
#include <stratus/protocol/impl/cbor.ipp>
#include <stratus/customizations/impl/s3.ipp>
#include <stratus/endpoints/impl/functions.ipp>
#include <stratus/endpoints/impl/partitions.ipp>
#include <stratus/endpoints/impl/endpoint.ipp>
#include <stratus/endpoints/impl/resolve.ipp>
#include <stratus/endpoints/impl/operation_endpoint.ipp>
#include <stratus/impl/service_client.ipp>

#endif
