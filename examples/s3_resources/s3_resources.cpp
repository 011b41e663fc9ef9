// The boto3 resource answers in ../shared/seeds, in C++: a bucket's objects
// listed with bucket.objects.all(), one session per region, a function that
// takes a bucket resource, and .meta.client down to the client.
// Run it with ./scripts/demo s3_resources.
//
//   python:  s3 = boto3.Session(region_name="us-west-2").resource("s3")
//            for obj in s3.Bucket("b").objects.all(): print(obj.key)
//   C++:     auto s3 = stratus::session{{.region_name = "us-west-2"}}.resource<stratus::s3>();
//            for (auto const& obj : s3.bucket("b").objects().all()) std::cout << obj.key();
#include <stratus/protocol/timestamp.hpp>
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <iostream>
#include <string>

namespace {

// The seed's list_bucket_contents(bucket): the bucket resource carries its
// client, region and endpoint, so the function needs nothing else.
void list_bucket_contents(stratus::s3::resources::bucket const& bucket)
{
    std::cout << bucket.name() << " (" << bucket.meta().client().region_name() << "):\n";
    for (auto const& obj : bucket.objects().all()) // ListObjects, every page, lazily
        std::cout << "  " << obj.key() << "  " << obj.size().value_or(0) << " bytes, "
                  << (obj.last_modified() ? stratus::protocol::format_iso8601(*obj.last_modified()) : "?") << '\n';
}

} // namespace

int main(int argc, char** argv)
try {
    std::string const name = argc > 1 ? argv[1] : "stratus-resources";

    // Two sessions, two regions, as the seed's my_west_session / my_east_session.
    stratus::session west_session{{.region_name = "us-west-2"}};
    stratus::session east_session{{.region_name = "us-east-1"}};
    auto backup_s3 = west_session.resource<stratus::s3>();
    auto video_s3 = east_session.resource<stratus::s3>();

    // create_bucket on the service resource returns the bucket resource.
    auto backup_bucket = backup_s3.create_bucket(
        {.bucket = name + "-backup",
         .create_bucket_configuration = stratus::s3::create_bucket_configuration{.location_constraint = "us-west-2"}});
    auto video_bucket = video_s3.bucket(name + "-video"); // no request yet
    video_bucket.create();
    video_bucket.wait_until_exists();

    for (auto const* key : {"2024/full.tar", "2025/full.tar"})
        backup_bucket.put_object({.body = std::string("backup ") + key, .key = key});
    for (auto const* key : {"intro.mp4", "talks/cpp.mp4", "talks/aws.mp4"})
        video_bucket.object(key).put({.body = std::string("video ") + key, .content_type = "video/mp4"});

    list_bucket_contents(backup_bucket);
    list_bucket_contents(video_bucket);

    // A collection narrows like boto3's: filter() takes ListObjects' parameters.
    // (The prefix has no '/': moto 5 checks a signature over a query value
    // with '/' in it wrongly, and refuses boto3's own just the same.)
    std::cout << "talks* in " << video_bucket.name() << ':';
    for (auto const& obj : video_bucket.objects().filter({.prefix = "talks"})) std::cout << ' ' << obj.key();
    std::cout << '\n';

    // An object resource: get() is GetObject with bucket and key filled in.
    auto const got = video_bucket.object("intro.mp4").get();
    std::cout << "intro.mp4: " << got.content_type.value_or("?") << ", " << (got.body ? got.body->data : "") << '\n';

    // The escape hatch, as the seed's my_bucket.meta.client: the client the
    // resource calls, for an operation the resource layer does not model.
    auto const& client = video_bucket.meta().client();
    auto const listed = client.list_objects_v2({.bucket = video_bucket.name(), .max_keys = 2});
    std::cout << "list_objects_v2 through meta().client(): " << listed.key_count.value_or(0) << " keys"
              << (listed.is_truncated.value_or(false) ? " (truncated)" : "") << '\n';

    // Batch action: one DeleteObjects per page of the collection.
    for (auto* bucket : {&backup_bucket, &video_bucket}) {
        bucket->objects().delete_();
        bucket->delete_();
        bucket->wait_until_not_exists();
        std::cout << "deleted " << bucket->name() << '\n';
    }
    return 0;
} catch (stratus::error const& e) {
    std::cerr << "error: " << e.info().to_string() << '\n';
    return 1;
}
