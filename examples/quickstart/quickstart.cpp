// The foundation's quickstart: a session resolved from the environment and
// ~/.aws files, a client, and signed S3 requests sent through the pipeline.
// Generated S3 operations (s3.list_objects_v2({.bucket = ...})) replace the
// hand-built requests below once the generator lands.
//
//   AWS_ENDPOINT_URL=http://127.0.0.1:5000 AWS_REGION=us-east-1
//   AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... ./quickstart my-bucket
#include <stratus/client.hpp>
#include <stratus/session.hpp>

#include <iostream>
#include <string>

namespace {

// S3 as the pipeline sees it; stratus-gen emits this from the model.
struct s3 {
    static constexpr stratus::service_info info{
        .service_id = "S3", .endpoint_prefix = "s3", .signing_name = "s3", .s3_signing = true};
    using client_type = stratus::basic_client;
};

} // namespace

int main(int argc, char** argv)
try {
    std::string const bucket = argc > 1 ? argv[1] : "stratus-quickstart";

    stratus::session session{}; // default credential and region chain, like boto3.session.Session()
    auto client = session.client<s3>();
    std::cout << "profile " << session.profile_name() << ", region " << client.region_name() << ", endpoint "
              << client.endpoint().to_string() << '\n';

    client.send(client.make_request("PUT", "/" + bucket), {.operation = "CreateBucket"});
    std::cout << "created bucket " << bucket << '\n';

    auto put = client.make_request("PUT", "/" + bucket + "/hello.txt");
    put.body = "Hello from stratus!\n";
    put.headers.add("Content-Type", "text/plain");
    auto const put_res = client.send(std::move(put), {.operation = "PutObject"});
    std::cout << "put hello.txt, ETag " << put_res.headers.get("ETag").value_or("?") << '\n';

    auto const list = client.send(client.make_request("GET", "/" + bucket, "list-type=2"), {.operation = "ListObjectsV2"});
    std::cout << "ListObjectsV2: HTTP " << list.status << ", " << list.body.size() << " bytes of XML\n";

    auto const got = client.send(client.make_request("GET", "/" + bucket + "/hello.txt"), {.operation = "GetObject"});
    std::cout << "got hello.txt: " << got.body;

    // A typed service error, as boto3's ClientError carries it.
    try {
        client.send(client.make_request("GET", "/" + bucket + "/missing.txt"), {.operation = "GetObject"});
    } catch (stratus::service_error const& e) {
        std::cout << "missing.txt: " << e.aws_code() << " (HTTP " << e.http_status() << ")\n";
    }

    client.send(client.make_request("DELETE", "/" + bucket + "/hello.txt"), {.operation = "DeleteObject"});
    client.send(client.make_request("DELETE", "/" + bucket), {.operation = "DeleteBucket"});
    std::cout << "cleaned up\n";
    return 0;
} catch (stratus::error const& e) {
    std::cerr << "error: " << e.info().to_string() << '\n';
    return 1;
}
