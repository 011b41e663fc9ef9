// Paginators (issue 5) through the generated S3 client against moto-auth
// (every signature checked) and s3rver: page counts, item counts and order,
// page_size, max_items with resume tokens inside and at the end of a page,
// starting_token, both kinds of S3 token (ListObjectsV2's continuation token,
// ListObjects' "NextMarker || Contents[-1].Key"), two input tokens
// (ListObjectVersions), and the typed errors of a bad token and a missing bucket.
#include "s3_test_support.hpp"

#include <stratus/paginator.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <iomanip>
#include <sstream>

using stratus::s3;
using stratus::test::client_for;
using stratus::test::each_server;
using stratus::test::put;
using stratus::test::s3_server;
using stratus::test::scoped_bucket;
using stratus::test::server_named;
namespace ops = stratus::services::s3::ops;

namespace {

std::string key(int i)
{
    std::ostringstream os;
    os << "k-" << std::setw(3) << std::setfill('0') << i;
    return os.str();
}

// Puts keys k-000 .. k-<n-1>. (No '/': moto-auth refuses a '/' in a query
// value such as a marker or prefix, even from boto3; see test/servers/README.md.)
void put_keys(s3::client_type const& c, std::string const& bucket, int n)
{
    for (int i = 0; i < n; ++i) put(c, bucket, key(i), "x");
}

template <class Range>
std::vector<std::string> keys_of(Range&& items)
{
    std::vector<std::string> r;
    for (auto const& o : items) r.push_back(o.key.value_or("?"));
    return r;
}

std::vector<std::string> expected(int from, int to)
{
    std::vector<std::string> r;
    for (int i = from; i < to; ++i) r.push_back(key(i));
    return r;
}

} // namespace

TEST_CASE("paginators: list_objects_v2 pages by page_size and yields every key once, in order")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_bucket b(c, srv, "pages-v2");
    put_keys(c, b.name(), 25);

    auto pages = c.get_paginator<ops::list_objects_v2>().paginate({.bucket = b.name()}, {.page_size = 10});
    std::vector<std::size_t> sizes;
    for (auto const& page : pages) sizes.push_back(page.contents.size());
    CHECK(sizes == std::vector<std::size_t>{10, 10, 5});
    CHECK_FALSE(pages.resume_token());

    auto all = c.get_paginator<ops::list_objects_v2>().paginate({.bucket = b.name()}, {.page_size = 7});
    CHECK(keys_of(all.items()) == expected(0, 25));

    // The request's own members still apply (a prefix), with the limit key set by page_size.
    put(c, b.name(), "other", "y");
    auto prefixed = c.get_paginator<ops::list_objects_v2>().paginate({.bucket = b.name(), .prefix = "k-"}, {.page_size = 4});
    CHECK(keys_of(prefixed.items()) == expected(0, 25));

    // items() of a temporary range, in a range-for: the item range keeps the
    // pages' state alive (it used to hold a reference to the gone range).
    std::vector<std::string> direct;
    for (auto const& o : c.get_paginator<ops::list_objects_v2>().paginate({.bucket = b.name(), .prefix = "k-"}, {.page_size = 6}).items())
        direct.push_back(*o.key);
    CHECK(direct == expected(0, 25));
}

TEST_CASE("paginators: max_items stops inside a page, and the resume token goes on from there")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_bucket b(c, srv, "pages-max");
    put_keys(c, b.name(), 25);

    auto p = c.get_paginator<ops::list_objects_v2>();
    auto first = p.paginate({.bucket = b.name()}, {.max_items = 13, .page_size = 10});
    CHECK(keys_of(first.items()) == expected(0, 13));
    REQUIRE(first.resume_token());

    auto rest = p.paginate({.bucket = b.name()}, {.page_size = 10, .starting_token = *first.resume_token()});
    CHECK(keys_of(rest.items()) == expected(13, 25));

    // On a page boundary, the resume token is the next page's token.
    auto boundary = p.paginate({.bucket = b.name()}, {.max_items = 20, .page_size = 10});
    CHECK(keys_of(boundary.items()) == expected(0, 20));
    REQUIRE(boundary.resume_token());
    auto tail = p.paginate({.bucket = b.name()}, {.page_size = 10, .starting_token = *boundary.resume_token()});
    CHECK(keys_of(tail.items()) == expected(20, 25));

    // Reading everything leaves no resume token.
    auto whole = p.paginate({.bucket = b.name()}, {.max_items = 25, .page_size = 10});
    CHECK(keys_of(whole.items()) == expected(0, 25));
    CHECK_FALSE(whole.resume_token());
}

TEST_CASE("paginators: list_objects follows NextMarker || Contents[-1].Key")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_bucket b(c, srv, "pages-v1");
    put_keys(c, b.name(), 12);

    // Without a delimiter S3 sends no NextMarker: the last key is the marker.
    auto pages = c.get_paginator<ops::list_objects>().paginate({.bucket = b.name()}, {.page_size = 5});
    std::size_t n = 0;
    for (auto const& page : pages) {
        ++n;
        CHECK(page.contents.size() == (n < 3 ? 5u : 2u));
    }
    CHECK(n == 3);
    CHECK(keys_of(c.get_paginator<ops::list_objects>().paginate({.bucket = b.name()}, {.page_size = 5}).items()) ==
          expected(0, 12));
}

TEST_CASE("paginators: list_object_versions carries two tokens")
{
    auto const srv = server_named("moto-auth"); // s3rver has no versioning
    auto c = client_for(srv);
    scoped_bucket b(c, srv, "pages-versions");
    s3::versioning_configuration on;
    on.status = s3::bucket_versioning_status::enabled;
    c.put_bucket_versioning({.bucket = b.name(), .versioning_configuration = on});
    for (int i = 0; i < 7; ++i)
        for (int v = 0; v < 2; ++v) put(c, b.name(), key(i), std::to_string(v));

    auto pages = c.get_paginator<ops::list_object_versions>().paginate({.bucket = b.name()}, {.page_size = 3});
    std::vector<std::pair<std::string, std::string>> seen;
    for (auto const& v : pages.items()) seen.emplace_back(v.key.value_or("?"), v.version_id.value_or("?"));
    CHECK(seen.size() == 14);
    auto unique = seen;
    std::sort(unique.begin(), unique.end());
    CHECK(std::unique(unique.begin(), unique.end()) == unique.end()); // no version twice
    // Clean-up deletes every version.
    for (auto const& [k, v] : seen) c.delete_object({.bucket = b.name(), .key = k, .version_id = v});
}

TEST_CASE("paginators: a bad starting token and a missing bucket are typed errors")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    auto p = c.get_paginator<ops::list_objects_v2>();

    auto bad = p.paginate({.bucket = "whatever"}, {.starting_token = "not base64 at all!"});
    try {
        (void)bad.begin();
        FAIL("no error");
    } catch (stratus::client_error const& e) {
        CHECK(e.info().code == stratus::errc::invalid_parameter);
        CHECK_THAT(e.info().message, Catch::Matchers::Contains("starting_token"));
    }

    auto missing = p.paginate({.bucket = stratus::test::unique_bucket("never-created")});
    CHECK_THROWS_AS(missing.begin(), s3::no_such_bucket);
}

TEST_CASE("paginators: async_next, from a coroutine and with a callback")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    boost::asio::io_context ioc;
    auto session = stratus::test::make_session(srv, {.executor = ioc.get_executor()});
    auto c = session.client<stratus::s3>();
    scoped_bucket b(c, srv, "pages-async");
    put_keys(c, b.name(), 12);

    // A coroutine reads the pages one by one (max_items stops inside the third).
    std::vector<std::string> keys;
    std::size_t pages_seen = 0;
    std::optional<std::string> resume;
    auto read = [&]() -> boost::asio::awaitable<void> {
        auto pages = c.get_paginator<ops::list_objects_v2>().paginate({.bucket = b.name()}, {.max_items = 11, .page_size = 5});
        stratus::error_info diag;
        while (auto page = co_await pages.async_next(diag, boost::asio::use_awaitable)) {
            ++pages_seen;
            for (auto const& o : page->contents) keys.push_back(o.key.value_or("?"));
        }
        resume = pages.resume_token();
    };
    boost::asio::co_spawn(ioc, read(), boost::asio::detached);
    ioc.run();
    CHECK(pages_seen == 3);
    CHECK(keys == expected(0, 11));
    CHECK(resume);

    // A callback, and an error delivered through it with its details.
    ioc.restart();
    auto missing = c.get_paginator<ops::list_objects_v2>().paginate({.bucket = stratus::test::unique_bucket("never")});
    stratus::error_info diag;
    std::optional<stratus::error_code> ec;
    missing.async_next(diag, [&](stratus::error_code e, std::optional<s3::list_objects_v2_output> page) {
        ec = e;
        CHECK_FALSE(page);
    });
    CHECK_FALSE(ec); // never inline
    ioc.run();
    REQUIRE(ec);
    CHECK(*ec == stratus::errc::service_error);
    CHECK(diag.aws_code == "NoSuchBucket");
}
