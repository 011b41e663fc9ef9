// Rule: session.client<Service>() takes only a service tag (the concept
// stratus::service: Service::info and Service::client_type). g++ reports the
// unsatisfied concept; clang 14 reports the return type's substitution failure
// (typename Service::client_type) before it gets to the concept.
// expect: no matching (member )?function for call to [^ ]*client
// expect: (constraints not satisfied|substitution failure \[with Service = int\])
// correct: auto s3 = session.client<stratus::s3>();
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    session.client<int>();
}
