// Rule: an operation the service does not have is not a member of the client.
// expect: no member named [^ ]*get_objekt
// correct: s3.get_object({.bucket = "b", .key = "k"});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.get_objekt({.bucket = "b", .key = "k"});
}
