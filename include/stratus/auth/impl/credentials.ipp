#ifndef STRATUS_AUTH_IMPL_CREDENTIALS_IPP
#define STRATUS_AUTH_IMPL_CREDENTIALS_IPP

#include <stratus/auth/credentials.hpp>

#include <ostream>

namespace stratus {

STRATUS_DECL std::ostream& operator<<(std::ostream& os, credentials const& c)
{
    os << "credentials{access_key_id=" << c.access_key_id << ", secret_access_key=***";
    if (!c.session_token.empty()) os << ", session_token=***";
    if (!c.method.empty()) os << ", method=" << c.method;
    return os << '}';
}

} // namespace stratus

#endif
