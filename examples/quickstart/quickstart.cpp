// The quickstart: what the boto3 answers in ../shared/seeds show in Python,
// in C++. Run it with ./scripts/demo (a local S3 that verifies signatures),
// or against any S3 with the usual AWS_* variables and ~/.aws files.
//
//   python:  s3 = boto3.Session().client("s3")
//   C++:     auto s3 = stratus::session{}.client<stratus::s3>();
#include <stratus/protocol/timestamp.hpp>
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <iostream>
#include <string>

namespace {

// A function that takes a client, like the seed's function taking a bucket.
int count_objects(stratus::s3::client_type const& s3, std::string const& bucket)
{
    int n = 0;
    std::optional<std::string> token;
    do { // ListObjectsV2 pages by continuation token, as the raw API requires
        auto page = s3.list_objects_v2({.bucket = bucket, .max_keys = 2, .continuation_token = token});
        n += static_cast<int>(page.contents.size());
        token = page.next_continuation_token;
    } while (token);
    return n;
}

} // namespace

int main(int argc, char** argv)
try {
    std::string const bucket = argc > 1 ? argv[1] : "stratus-quickstart";

    stratus::session session{}; // default credential/region chain, like boto3.Session()
    auto s3 = session.client<stratus::s3>();
    std::cout << "profile " << session.profile_name() << ", region " << s3.region_name() << ", endpoint "
              << s3.endpoint().to_string() << '\n';

    s3.create_bucket({.bucket = bucket});
    std::cout << "created bucket " << bucket << '\n';

    for (auto const* key : {"hello.txt", "docs/a.txt", "docs/b.txt"}) {
        s3.put_object({.body = std::string("Hello from stratus: ") + key + "\n",
                       .bucket = bucket,
                       .content_type = "text/plain",
                       .key = key,
                       .metadata = std::map<std::string, std::string>{{"written-by", "stratus"}}});
    }

    auto const listed = s3.list_objects_v2({.bucket = bucket});
    for (auto const& obj : listed.contents)
        std::cout << "  " << obj.key.value_or("?") << "  " << obj.size.value_or(0) << " bytes\n";
    std::cout << count_objects(s3, bucket) << " objects, counted page by page\n";

    auto const got = s3.get_object({.bucket = bucket, .key = "hello.txt"});
    std::cout << "hello.txt, last modified "
              << (got.last_modified ? stratus::protocol::format_iso8601(*got.last_modified) : "?") << ": "
              << (got.body ? got.body->data : "(no body)\n");

    // A typed, catchable service error, as boto3's client.exceptions.NoSuchKey.
    try {
        s3.get_object({.bucket = bucket, .key = "missing.txt"});
    } catch (stratus::s3::no_such_key const& e) {
        std::cout << "missing.txt: " << e.aws_code() << " (HTTP " << e.http_status() << ")\n";
    }

    // Two sessions for two regions, side by side; an explicit endpoint_url
    // override per client, as boto3's session.client("s3", endpoint_url=...).
    stratus::session west{{.region_name = "us-west-2"}};
    auto s3_west = west.client<stratus::s3>({.endpoint_url = s3.endpoint().to_string()});
    std::cout << "a second session in " << s3_west.region_name() << " sees "
              << s3_west.list_buckets().buckets.size() << " bucket(s)\n";

    for (auto const* key : {"hello.txt", "docs/a.txt", "docs/b.txt"}) s3.delete_object({.bucket = bucket, .key = key});
    s3.delete_bucket({.bucket = bucket});
    std::cout << "deleted " << bucket << '\n';
    return 0;
} catch (stratus::error const& e) {
    std::cerr << "error: " << e.info().to_string() << '\n';
    return 1;
}
