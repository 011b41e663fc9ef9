// A program that uses the S3 resource layer: the bucket's objects collection
// (ListObjects, page by page) and Object.get() on each, as boto3's
// Bucket(name).objects.all() and obj.Object().get() would. Compile time and
// size beside three_ops.cpp: what the resources in the generated header cost.
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <cstddef>
#include <iostream>

int main(int argc, char** argv)
try {
    std::string const name = argc > 1 ? argv[1] : "bench-bucket";
    stratus::session session{};
    auto bucket = session.resource<stratus::s3>().bucket(name);
    std::size_t objects = 0, bytes = 0;
    for (auto const& obj : bucket.objects().all()) {
        auto got = bucket.object(obj.key()).get();
        ++objects;
        bytes += got.body ? got.body->data.size() : 0;
    }
    std::cout << objects << ' ' << bytes << '\n';
} catch (stratus::error const& e) {
    std::cerr << e.what() << '\n';
    return 1;
}
