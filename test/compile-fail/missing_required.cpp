// Rule: a request that leaves out a required member (Bucket) does not compile:
// required<T> has no default constructor.
// expect: cannot convert .*initializer list.* to .*get_object_request
// correct: s3.get_object({.bucket = "b", .key = "k"});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.get_object({.key = "k"});
}
