// Rule: the same in the non-throwing form, try_get_object.
// expect: cannot convert .*initializer list.* to .*get_object_request
// correct: s3.try_get_object({.bucket = "b", .key = "k"});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.try_get_object({.key = "k"});
}
