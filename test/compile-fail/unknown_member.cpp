// Rule: a designated initializer names only members the request has
// (.buckit for .bucket).
// expect: cannot convert .*initializer list.* to .*get_object_request
// correct: s3.get_object({.bucket = "b", .key = "k"});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.get_object({.buckit = "b", .key = "k"});
}
