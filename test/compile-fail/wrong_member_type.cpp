// Rule: a member takes only values of its model type (MaxKeys is an
// integer: std::optional<std::int32_t>).
// expect: cannot convert .*initializer list.* to .*list_objects_v2_request
// correct: s3.list_objects_v2({.bucket = "b", .max_keys = 10});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.list_objects_v2({.bucket = "b", .max_keys = "ten"});
}
