// A program that uses three S3 operations through the generated client: the
// compile-time and binary-size target is at most 1.5x bare_beast.cpp.
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <iostream>

int main(int argc, char** argv)
try {
    std::string const bucket = argc > 1 ? argv[1] : "bench-bucket";
    stratus::session session{};
    auto s3 = session.client<stratus::s3>();
    stratus::s3::put_object_request put{.body = std::string("hello"), .bucket = bucket, .key = "k"};
    s3.put_object(put);
    auto got = s3.get_object({.bucket = bucket, .key = "k"});
    auto list = s3.list_objects_v2({.bucket = bucket});
    std::cout << (got.body ? got.body->data.size() : 0) << ' ' << list.contents.size() << '\n';
} catch (stratus::error const& e) {
    std::cerr << e.what() << '\n';
    return 1;
}
