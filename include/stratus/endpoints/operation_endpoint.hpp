// The endpoint of one call: the service's rule set fed, in botocore's order
// of precedence, with the operation's staticContextParams, the input's
// contextParam members, and the client's builtIns (region, FIPS, dual-stack,
// endpoint_url, S3 and STS settings).
#ifndef STRATUS_ENDPOINTS_OPERATION_ENDPOINT_HPP
#define STRATUS_ENDPOINTS_OPERATION_ENDPOINT_HPP

#include <stratus/core/client_context.hpp>
#include <stratus/detail/config.hpp>
#include <stratus/endpoints/call_endpoint.hpp>
#include <stratus/endpoints/endpoint.hpp>
#include <stratus/endpoints/rule_set.hpp>
#include <stratus/error.hpp>
#include <stratus/model.hpp>
#include <stratus/protocol/value_io.hpp>

namespace stratus::endpoints {

/// Resolves `op`'s endpoint for input `in` with `ctx`'s settings. Errors
/// are errc::endpoint_resolution with the rule set's message.
STRATUS_DECL result<endpoint> resolve_operation(client_context const& ctx, rule_set const& rules,
                                                operation_info const& op, protocol::input_shape const& in);

/// How `ep` is signed: the first of its auth schemes stratus supports
/// (sigv4). errc::unsupported when the rule set offers only schemes stratus
/// lacks (sigv4a for multi-region access points, sigv4-s3express for
/// directory buckets).
STRATUS_DECL result<signing> signing_for(endpoint const& ep);

/// resolve_operation, the URL parsed (a URL the HTTP core cannot use is
/// errc::endpoint_resolution, never a request), headers and signing worked
/// out; cached in ctx by the rule-set parameters.
STRATUS_DECL result<std::shared_ptr<call_endpoint const>> endpoint_for_call(client_context const& ctx,
                                                                           rule_set const& rules,
                                                                           operation_info const& op,
                                                                           protocol::input_shape const& in);

} // namespace stratus::endpoints

#ifdef STRATUS_HEADER_ONLY
#include <stratus/endpoints/impl/operation_endpoint.ipp>
#endif

#endif
