// Rule: a required member of structure type (DeleteObjects' Delete) cannot be
// left out either. There is no deeper case: only an input shape's own members
// are required<T>; members of nested structures are optional (generator/README.md).
// expect: use of deleted function .*stratus::required<T>::required\(\) \[with T = stratus::services::s3::delete_\]
// correct: s3.delete_objects({.bucket = "b", .delete_ = stratus::s3::delete_{.objects = {{.key = "k"}}}});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.delete_objects({.bucket = "b"});
}
