// The generated S3 client driven by C++20 coroutines on one io_context and one thread: 20 uploads in
// flight at once, a listing paged by continuation token, concurrent downloads, as_tuple for an error
// without an exception. Run: ./scripts/demo async_coroutines, or with the usual AWS_* variables for any S3.
#include <stratus/services/s3.hpp>
#include <stratus/session.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace asio = boost::asio;

namespace {

constexpr int object_count = 20;

std::string key_of(int i)
{
    return "obj-" + std::to_string(100 + i).substr(1) + ".txt";
}
std::string body_of(int i)
{
    return "object " + std::to_string(i) + " written by a coroutine\n";
}

// Starts every deferred operation at once and waits for all of them; the
// results come back in the order of `ops`, with the order they finished in.
template <class Op>
auto all_at_once(std::vector<Op> ops)
{
    return asio::experimental::make_parallel_group(std::move(ops))
        .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
}

void check(std::vector<stratus::error_code> const& ecs, char const* operation)
{
    for (auto const& ec : ecs)
        if (ec)
            throw std::runtime_error(std::string(operation) + ": " + ec.message() + " (" + ec.to_string() +
                                     ")");
}

// Requests are named before they are awaited: g++ 12 destroys a braced
// temporary inside a co_await expression twice. It also warns, wrongly, that
// Asio's coroutine frames are freed by a mismatched operator delete.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
asio::awaitable<void> run(stratus::s3::client_type s3, std::string bucket)
{
    stratus::s3::create_bucket_request create{.bucket = bucket};
    co_await s3.async_create_bucket(create, asio::use_awaitable);
    std::cout << "created bucket " << bucket << '\n';

    // 1. Upload: 20 PutObjects started together (deferred, then one parallel group).
    auto const started = std::chrono::steady_clock::now();
    auto put = [&](int i) {
        stratus::s3::put_object_request req{.bucket = bucket, .key = key_of(i)};
        req.body = body_of(i);
        req.content_type = "text/plain";
        return s3.async_put_object(std::move(req), asio::deferred); // not started yet
    };
    std::vector<decltype(put(0))> puts;
    for (int i = 0; i < object_count; ++i)
        puts.push_back(put(i));
    auto [put_order, put_errors, put_outputs] = co_await all_at_once(std::move(puts));
    check(put_errors, "PutObject");
    auto const ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    std::cout << "uploaded " << object_count << " objects concurrently in " << ms.count()
              << " ms; they finished in the order";
    for (auto i : put_order)
        std::cout << ' ' << i;
    std::cout << '\n';

    // 2. List: ListObjectsV2 pages by continuation token, a loop in the coroutine.
    std::vector<std::string> keys;
    int pages = 0;
    std::optional<std::string> token;
    do {
        stratus::s3::list_objects_v2_request list{
            .bucket = bucket, .max_keys = 7, .continuation_token = token};
        auto const page = co_await s3.async_list_objects_v2(list, asio::use_awaitable);
        for (auto const& obj : page.contents)
            keys.push_back(obj.key.value_or(""));
        token = page.next_continuation_token;
        ++pages;
    } while (token);
    if (keys.size() != object_count) throw std::runtime_error("the listing does not show every object");
    std::cout << "listed " << keys.size() << " objects in " << pages << " pages of at most 7\n";

    // 3. Download them all at once, and compare each body with what was uploaded.
    auto get = [&](std::string const& key) {
        stratus::s3::get_object_request req{.bucket = bucket, .key = key};
        return s3.async_get_object(std::move(req), asio::deferred);
    };
    std::vector<decltype(get(""))> gets;
    for (auto const& key : keys)
        gets.push_back(get(key));
    auto [get_order, get_errors, got] = co_await all_at_once(std::move(gets));
    check(get_errors, "GetObject");
    for (int i = 0; i < object_count; ++i) {
        auto const& out = got[static_cast<std::size_t>(i)];
        if (keys[static_cast<std::size_t>(i)] != key_of(i) || !out.body || out.body->data != body_of(i))
            throw std::runtime_error("object " + key_of(i) + " did not come back as it was uploaded");
    }
    std::cout << "downloaded " << got.size() << " objects concurrently; every body is what was uploaded\n";

    // 4. An error without an exception: as_tuple(use_awaitable) hands back the
    // error_code (errc::service_error for any error response) beside the output;
    // async_call with an error_info& keeps the details the error_code cannot
    // carry, and throw_error(diag) throws what the blocking call would.
    stratus::s3::get_object_request missing{.bucket = bucket, .key = "missing.txt"};
    stratus::error_info diag;
    auto [ec, nothing] = co_await s3.async_call<stratus::services::s3::ops::get_object>(
        missing, diag, asio::as_tuple(asio::use_awaitable));
    if (ec != stratus::errc::service_error || ec.category() != stratus::stratus_category())
        throw std::runtime_error("GetObject of a missing key: expected errc::service_error, got " +
                                 ec.to_string());
    std::cout << "missing.txt: no exception, ec = " << ec.to_string() << " (" << ec.message() << "), "
              << diag.aws_code << " HTTP " << diag.http_status << "\n";
    try {
        stratus::throw_error(diag);
    } catch (stratus::s3::no_such_key const&) {
        std::cout << "missing.txt: throw_error(diag) throws s3::no_such_key\n";
    }

    // 5. Clean up: every DeleteObject at once, then the bucket.
    auto remove = [&](std::string const& key) {
        stratus::s3::delete_object_request req{.bucket = bucket, .key = key};
        return s3.async_delete_object(std::move(req), asio::deferred);
    };
    std::vector<decltype(remove(""))> deletes;
    for (auto const& key : keys)
        deletes.push_back(remove(key));
    auto [delete_order, delete_errors, deleted] = co_await all_at_once(std::move(deletes));
    check(delete_errors, "DeleteObject");
    stratus::s3::delete_bucket_request drop{.bucket = bucket};
    co_await s3.async_delete_bucket(drop, asio::use_awaitable);
    std::cout << "deleted " << deleted.size() << " objects and " << bucket << '\n';
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

} // namespace

int main(int argc, char** argv)
try {
    std::string const bucket = argc > 1 ? argv[1] : "stratus-async-coroutines";

    // The program owns the io_context; every asynchronous call of the
    // session's clients runs on it, on the thread that calls run().
    asio::io_context ioc;
    stratus::session session{{.executor = ioc.get_executor()}};
    auto s3 = session.client<stratus::s3>();
    std::cout << "region " << s3.region_name() << ", endpoint " << s3.endpoint().to_string()
              << ", one io_context on one thread\n";

    std::exception_ptr failure;
    asio::co_spawn(ioc, run(s3, bucket), [&](std::exception_ptr e) { failure = e; });
    ioc.run();
    if (failure) std::rethrow_exception(failure);
    return 0;
} catch (stratus::error const& e) {
    std::cerr << "error: " << e.info().to_string() << '\n';
    return 1;
} catch (boost::system::system_error const& e) { // what use_awaitable throws: the error_code alone
    std::cerr << "error: " << e.code().message() << " (" << e.code().to_string() << ")\n";
    return 1;
} catch (std::exception const& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
}
