// Rule: a request that leaves out a required member (Bucket) does not compile:
// required<T>'s default constructor is deleted.
// expect: use of deleted function .*stratus::required<T>::required\(\) \[with T = std::__cxx11::basic_string<char>\]
// correct: s3.get_object({.bucket = "b", .key = "k"});
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.get_object({.key = "k"});
}
