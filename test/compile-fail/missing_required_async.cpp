// Rule: the same in the asynchronous form, async_get_object.
// expect: use of deleted function .*stratus::required<T>::required\(\) \[with T = std::__cxx11::basic_string<char>\]
// correct: s3.async_get_object({.bucket = "b", .key = "k"}, done);
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    auto done = [](stratus::error_code, stratus::s3::get_object_output) {};
    s3.async_get_object({.key = "k"}, done);
}
