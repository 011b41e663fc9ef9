// Rule: only an operation whose input has no required member can be called
// without one (s3.list_buckets()); get_object needs its input.
// expect: no matching (member )?function for call to [^ ]*get_object
// expect: (expects 1 argument, 0 provided|requires single argument)
// correct: s3.list_buckets();
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    s3.get_object();
}
