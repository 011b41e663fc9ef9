// Error handling in boto3's three styles side by side: a modeled error caught by type, any service error
// by its code, the non-throwing try_ form; then a client_error and a transport_error.
// Run: ./scripts/demo error_handling, or with the usual AWS_* variables for any S3.
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>

// What stratus throws, and botocore's counterparts:
//   stratus::error (a boost::system::system_error)   botocore
//     client_error     found before anything is sent  ParamValidationError, NoRegionError
//     transport_error  connect, TLS, timeouts         EndpointConnectionError, ConnectTimeoutError
//     service_error    the service answered an error  ClientError
//       s3::no_such_key, s3::no_such_bucket, ...      s3.exceptions.NoSuchKey, s3.exceptions.NoSuchBucket
namespace {

// The example is also a smoke test: anything but the expected error ends it.
[[noreturn]] void unexpected(std::string const& what)
{
    throw std::logic_error("unexpected: " + what);
}

char const* kind_name(stratus::error_kind k)
{
    switch (k) {
    case stratus::error_kind::none:
        return "none";
    case stratus::error_kind::client:
        return "client";
    case stratus::error_kind::transport:
        return "transport";
    case stratus::error_kind::service:
        return "service";
    }
    return "?";
}

} // namespace

int main(int argc, char** argv)
try {
    std::string const bucket = argc > 1 ? argv[1] : "stratus-error-handling";

    stratus::session session{};
    auto s3 = session.client<stratus::s3>();
    s3.create_bucket({.bucket = bucket});
    s3.put_object({.body = "kept\n", .bucket = bucket, .key = "keep.txt"});

    // 1. A modeled error, caught by its type.
    //    python: except s3.exceptions.NoSuchKey:
    try {
        s3.get_object({.bucket = bucket, .key = "missing.txt"});
        unexpected("GetObject of a missing key succeeded");
    } catch (stratus::services::s3::no_such_key const& e) { // also spelled stratus::s3::no_such_key
        std::cout << "catch (s3::no_such_key): " << e.info().operation << " missing.txt -> " << e.aws_code()
                  << ", HTTP " << e.http_status() << '\n';
    }

    // ... as boto3 maps an error code to its class whatever the operation: NoSuchBucket.
    try {
        s3.list_objects_v2({.bucket = bucket + "-never-created"});
        unexpected("ListObjectsV2 of a missing bucket succeeded");
    } catch (stratus::s3::no_such_bucket const& e) {
        std::cout << "catch (s3::no_such_bucket): " << e.info().operation << " of a bucket never created -> "
                  << e.aws_code() << ", HTTP " << e.http_status() << '\n';
    }

    // 2. Any service error, by its code: BucketNotEmpty has no modeled type.
    //    python: except ClientError as e: e.response["Error"]["Code"]
    try {
        s3.delete_bucket({.bucket = bucket});
        unexpected("DeleteBucket of a non-empty bucket succeeded");
    } catch (stratus::service_error const& e) {
        if (e.aws_code() != "BucketNotEmpty") throw;
        std::cout << "catch (service_error): aws_code() " << e.aws_code() << ", http_status() "
                  << e.http_status() << ", request_id() "
                  << (e.request_id().empty() ? "(none)" : e.request_id()) << ", info().operation "
                  << e.info().operation << '\n';
    }

    // 3. No exception at all: try_ returns stratus::result<output>.
    auto const r = s3.try_get_object({.bucket = bucket, .key = "missing.txt"});
    if (r.has_value()) unexpected("try_get_object of a missing key has a value");
    auto const& err = r.error();
    if (err.code != stratus::errc::service_error || err.aws_code != "NoSuchKey" || !err.modeled)
        unexpected("try_get_object: " + err.to_string());
    std::cout << "try_get_object: r.error().code " << err.code.to_string() << " (" << err.code.message()
              << "), kind() " << kind_name(err.kind()) << ", aws_code " << err.aws_code << ", message \""
              << err.message << "\"\n";

    // 4. client_error: refused before anything is sent.
    //    python: botocore.exceptions.ParamValidationError
    try {
        s3.put_object({.bucket = "not a bucket!", .key = "k"});
        unexpected("PutObject to an invalid bucket name succeeded");
    } catch (stratus::client_error const& e) {
        if (e.info().code != stratus::errc::invalid_parameter) throw;
        std::cout << "catch (client_error): kind() " << kind_name(e.kind()) << ", " << e.info().to_string()
                  << '\n';
    }
    //    python: botocore.exceptions.NoRegionError, from a session that sees no
    //    environment variables and no ~/.aws files (and so no region).
    try {
        stratus::session bare{{.environment = stratus::environment::from_map({})}};
        bare.client<stratus::s3>();
        unexpected("a client without a region was created");
    } catch (stratus::client_error const& e) {
        if (e.info().code != stratus::errc::missing_region) throw;
        std::cout << "catch (client_error): kind() " << kind_name(e.kind()) << ", " << e.info().to_string()
                  << '\n';
    }

    // 5. transport_error: nothing listens on the port. A socket bound to it
    //    (and never listening) keeps the port closed and ours for the duration;
    //    one attempt, no retries, and a short connect timeout.
    //    python: botocore.exceptions.EndpointConnectionError
    {
        boost::asio::io_context io;
        boost::asio::ip::tcp::socket closed(io);
        closed.open(boost::asio::ip::tcp::v4());
        closed.bind({boost::asio::ip::make_address_v4("127.0.0.1"), 0});
        auto const url = "http://127.0.0.1:" + std::to_string(closed.local_endpoint().port());
        auto nowhere = session.client<stratus::s3>(
            {.endpoint_url = url, .max_attempts = 1, .connect_timeout = std::chrono::milliseconds(500)});
        try {
            nowhere.list_objects_v2({.bucket = bucket});
            unexpected("a request to a closed port succeeded");
        } catch (stratus::transport_error const& e) {
            std::cout << "catch (transport_error): kind() " << kind_name(e.kind()) << ", code "
                      << e.info().code.to_string() << ", " << e.info().to_string() << '\n';
        }
    }

    s3.delete_object({.bucket = bucket, .key = "keep.txt"});
    s3.delete_bucket({.bucket = bucket});
    std::cout << "deleted " << bucket << '\n';
    return 0;
} catch (stratus::error const& e) {
    std::cerr << "error (" << kind_name(e.kind()) << "): " << e.info().to_string() << '\n';
    return 1;
} catch (std::exception const& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
