// Control: the constructs the other cases break, written correctly. It MUST
// compile: run.sh fails when it does not, and checks that every case's
// "// correct:" statement is here verbatim.
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

void use(stratus::session const& session)
{
    auto s3 = session.client<stratus::s3>();
    auto got = s3.get_object({.bucket = "b", .key = "k"});
    auto tried = s3.try_get_object({.bucket = "b", .key = "k"});
    auto done = [](stratus::error_code, stratus::s3::get_object_output) {};
    s3.async_get_object({.bucket = "b", .key = "k"}, done);
    auto listed = s3.list_objects_v2({.bucket = "b", .max_keys = 10});
    s3.delete_objects({.bucket = "b", .delete_ = stratus::s3::delete_{.objects = {{.key = "k"}}}});
    s3.list_buckets(); // no required member: the input may be left out
    (void)got, (void)tried, (void)listed;
}
