// Rule: a required member takes only values of its model type (Bucket is a
// string: required<std::string> accepts what std::string is constructible from).
// expect: cannot convert .*initializer list.* to .*get_object_request
// correct: s3.get_object({.bucket = "b", .key = "k"});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.get_object({.bucket = 42, .key = "k"});
}
