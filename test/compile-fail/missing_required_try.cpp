// Rule: the same in the non-throwing form, try_get_object.
// expect: use of deleted function .*stratus::required<T>::required\(\) \[with T = std::__cxx11::basic_string<char>\]
// correct: s3.try_get_object({.bucket = "b", .key = "k"});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.try_get_object({.key = "k"});
}
