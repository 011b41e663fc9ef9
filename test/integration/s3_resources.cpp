// The S3 resource layer (boto3's resources-1.json as stratus-gen writes it)
// against moto-auth (every signature checked) and, where it has the
// operations, s3rver: the service resource making a bucket and finding it in
// buckets(), data that only a collection brings (Bucket has no load action),
// objects loading through HeadObject, sub-resources, collections paging past
// 1000 objects (all, filter, limit, page_size), the batch delete (one
// DeleteObjects per page), object versions, waiters, meta().client(), and
// the typed error of an empty identifier.
#include "s3_test_support.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

using stratus::s3;
using stratus::test::each_server;
using stratus::test::make_session;
using stratus::test::s3_server;
using stratus::test::scoped_bucket;
using stratus::test::thrown;
using stratus::test::wire_recorder;
using Catch::Matchers::Contains;
namespace res = stratus::services::s3::resources;

namespace {

/// Requests of the wire log whose request line starts with `method` ("GET ").
std::size_t requests(wire_recorder const& wire, std::string_view method)
{
    auto const lines = wire.lines();
    return static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [&](std::string const& l) { return l.starts_with(method); }));
}

template <class Range>
std::size_t count(Range const& r)
{
    std::size_t n = 0;
    for (auto it = r.begin(); it != r.end(); ++it) ++n;
    return n;
}

std::string numbered(std::string_view prefix, int i)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d", i);
    return std::string(prefix) + buf;
}

/// PutObject of `n` one-byte objects "<prefix>0000".., on 4 threads with a
/// client each (1100 objects one after the other take long against moto-auth).
void put_many(s3_server const& srv, std::string const& bucket, std::string_view prefix, int n)
{
    std::atomic<int> next{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
        workers.emplace_back([&] {
            auto c = stratus::test::client_for(srv);
            for (int i = next++; i < n; i = next++) {
                s3::put_object_request req{.bucket = bucket, .key = numbered(prefix, i)};
                req.body = "x";
                if (!c.try_put_object(req)) ++failed;
            }
        });
    for (auto& w : workers) w.join();
    REQUIRE(failed == 0);
}

/// The error code and message of the client_error that f throws.
template <class F>
std::optional<stratus::error_info> client_error_of(F&& f)
{
    auto e = thrown<stratus::client_error>(std::forward<F>(f));
    if (!e) return std::nullopt;
    return e->info();
}

} // namespace

TEST_CASE("resources: the service resource creates a bucket, waits for it and lists it with its data")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto const session = make_session(srv);
    auto const s3r = session.resource<stratus::s3>();

    auto const name = stratus::test::unique_bucket("res-create");
    res::bucket const b = s3r.create_bucket({.bucket = name});
    scoped_bucket cleanup(scoped_bucket::adopt_t{}, s3r.meta().client(), srv, name);
    CHECK(b.name() == name);
    CHECK(b == s3r.bucket(name));
    b.wait_until_exists({.delay = std::chrono::milliseconds(100), .max_attempts = 5});

    // Made by name, a bucket has no data, and no load action to get it.
    CHECK_FALSE(b.meta().data());
    if (auto e = client_error_of([&] { (void)b.creation_date(); })) {
        CHECK(e->code == stratus::errc::resource_unavailable);
        CHECK_THAT(e->message, Contains("Bucket"));
    }

    // ListBuckets brings every bucket's data.
    std::optional<res::bucket> found;
    for (auto const& bucket : s3r.buckets())
        if (bucket.name() == name) found = bucket;
    REQUIRE(found);
    REQUIRE(found->meta().data());
    CHECK(found->creation_date().has_value());
    CHECK(found->data().name == name);

    // meta().client() is the client underneath.
    CHECK(b.meta().client().try_head_bucket({.bucket = name}).has_value());
}

TEST_CASE("resources: an object is put, read, loaded through HeadObject and reloaded")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    wire_recorder wire;
    auto const session = make_session(srv);
    auto const s3r = session.resource<stratus::s3>({.logger = wire.logger()});
    scoped_bucket sb(s3r.meta().client(), srv, "res-object");
    auto const b = s3r.bucket(sb.name());

    auto const obj = b.object("greeting");
    CHECK(obj.bucket_name() == sb.name());
    CHECK(obj.key() == "greeting");
    obj.put({.body = "hello"});
    auto const got = obj.get();
    REQUIRE(got.body);
    CHECK(got.body->data == "hello");

    // An attribute loads the data through HeadObject once, and keeps it.
    auto const fresh = b.object("greeting");
    CHECK_FALSE(fresh.meta().data());
    wire.clear();
    CHECK(fresh.content_length() == 5);
    CHECK(requests(wire, "HEAD ") == 1);
    CHECK(fresh.meta().data());
    CHECK(fresh.content_length() == 5);
    CHECK(requests(wire, "HEAD ") == 1);

    // An overwrite is seen after reload(), not before (boto3's behaviour).
    obj.put({.body = "hello again"});
    CHECK(fresh.content_length() == 5);
    fresh.reload();
    CHECK(fresh.content_length() == 11);
    CHECK(requests(wire, "HEAD ") == 2);

    // Sub-resources: the object's bucket, the bucket's object.
    CHECK(obj.bucket() == b);
    CHECK(obj.bucket().name() == sb.name());

    // Bucket.PutObject makes an Object resource.
    auto const made = b.put_object({.body = "12345678", .key = "made"});
    CHECK(made == b.object("made"));
    CHECK(made.content_length() == 8);

    // A summary from the collection carries ListObjects' data; .object() reads it.
    std::vector<std::pair<std::string, std::int64_t>> listed;
    for (auto const& s : b.objects()) listed.emplace_back(s.key(), s.size().value_or(-1));
    CHECK(listed == std::vector<std::pair<std::string, std::int64_t>>{{"greeting", 11}, {"made", 8}});
    auto const summary = *b.objects().filter({.prefix = "gre"}).begin();
    CHECK(summary.key() == "greeting");
    auto const whole = summary.object();
    CHECK(whole == fresh);
    CHECK_FALSE(whole.meta().data());
    auto const body = whole.get().body;
    REQUIRE(body);
    CHECK(body->data == "hello again");

    // Waiters on the object.
    made.delete_();
    made.wait_until_not_exists({.delay = std::chrono::milliseconds(100), .max_attempts = 5});
    obj.wait_until_exists({.delay = std::chrono::milliseconds(100), .max_attempts = 5});
}

TEST_CASE("resources: collections page through more than 1000 objects; the batch delete is one request per page")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    wire_recorder wire;
    auto const session = make_session(srv);
    auto const s3r = session.resource<stratus::s3>({.logger = wire.logger()});
    scoped_bucket sb(s3r.meta().client(), srv, "res-many");
    auto const b = s3r.bucket(sb.name());
    put_many(srv, sb.name(), "tmp-", 1100);
    put_many(srv, sb.name(), "keep-", 60);

    // all(): ListObjects, 1000 keys a page, so two requests.
    wire.clear();
    std::vector<std::string> keys;
    for (auto const& o : b.objects().all()) keys.push_back(o.key());
    CHECK(requests(wire, "GET ") == 2);
    REQUIRE(keys.size() == 1160);
    CHECK(keys.front() == "keep-0000");
    CHECK(keys.back() == "tmp-1099");
    CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == 1160); // each once

    // filter(): the listing's parameters.
    CHECK(count(b.objects().filter({.prefix = "keep-"})) == 60);
    CHECK(count(b.objects().filter({.prefix = "tmp-"})) == 1100);
    CHECK(count(b.objects().filter({.prefix = "none-"})) == 0);

    // limit(n): exactly n, and no request past the page that holds the n-th.
    for (auto const& [n, expected_requests] : {std::pair<std::size_t, std::size_t>{5, 1}, {1000, 1}, {1001, 2}}) {
        INFO("limit " << n);
        wire.clear();
        std::vector<std::string> first;
        for (auto const& o : b.objects().limit(n)) first.push_back(o.key());
        CHECK(first.size() == n);
        CHECK(std::equal(first.begin(), first.end(), keys.begin()));
        CHECK(requests(wire, "GET ") == expected_requests);
    }
    CHECK(count(b.objects().filter({.prefix = "keep-"}).limit(100)) == 60);

    // page_size(100): pages of at most 100, every key once.
    wire.clear();
    std::vector<std::size_t> sizes;
    std::vector<std::string> paged;
    for (auto const& page : b.objects().page_size(100).pages()) {
        sizes.push_back(page.size());
        for (auto const& o : page) paged.push_back(o.key());
    }
    CHECK(sizes.size() == 12);
    CHECK(std::all_of(sizes.begin(), sizes.end(), [](std::size_t s) { return s <= 100; }));
    CHECK(paged == keys);
    CHECK(requests(wire, "GET ") == 12);

    // The batch delete: one DeleteObjects per page of the filtered listing.
    wire.clear();
    auto const results = b.objects().filter({.prefix = "tmp-"}).delete_();
    CHECK(requests(wire, "POST ") == 2);
    REQUIRE(results.size() == 2);
    std::size_t deleted = 0;
    for (auto const& r : results) {
        deleted += r.deleted.size();
        CHECK(r.errors.empty());
    }
    CHECK(deleted == 1100);
    CHECK(count(b.objects().filter({.prefix = "tmp-"})) == 0);
    std::vector<std::string> left;
    for (auto const& o : b.objects()) left.push_back(o.key());
    CHECK(left.size() == 60);
    CHECK(std::all_of(left.begin(), left.end(), [](std::string const& k) { return k.starts_with("keep-"); }));

    // Nothing to delete: no request at all.
    wire.clear();
    CHECK(b.objects().filter({.prefix = "tmp-"}).delete_().empty());
    CHECK(requests(wire, "POST ") == 0);
}

TEST_CASE("resources: object versions of a versioned bucket, deleting it and waiting until it is gone")
{
    auto const srv = stratus::test::moto_auth(); // s3rver has no versioning
    auto const session = make_session(srv);
    auto const s3r = session.resource<stratus::s3>();
    auto const name = stratus::test::unique_bucket("res-versions");
    auto const b = s3r.create_bucket({.bucket = name});
    scoped_bucket cleanup(scoped_bucket::adopt_t{}, s3r.meta().client(), srv, name);

    auto const versioning = b.versioning();
    CHECK(versioning.bucket_name() == name);
    versioning.enable();
    CHECK(versioning.status() == s3::bucket_versioning_status::enabled);

    auto const obj = b.object("doc");
    auto const v1 = obj.put({.body = "first"});
    auto const v2 = obj.put({.body = "second!"});
    REQUIRE(v1.version_id);
    REQUIRE(v2.version_id);
    obj.delete_(); // a delete marker
    CHECK_FALSE(b.meta().client().try_head_object({.bucket = name, .key = "doc"}).has_value());

    // Versions carry ListObjectVersions' data; the delete marker comes without.
    std::map<std::string, std::optional<std::int64_t>> sizes;
    std::size_t markers = 0;
    for (auto const& v : b.object_versions()) {
        CHECK(v.object_key() == "doc");
        if (v.meta().data()) {
            sizes[v.id()] = v.size();
        } else {
            ++markers;
            if (auto e = client_error_of([&] { (void)v.size(); }))
                CHECK(e->code == stratus::errc::resource_unavailable);
        }
    }
    CHECK(markers == 1);
    CHECK(sizes == std::map<std::string, std::optional<std::int64_t>>{{*v1.version_id, 5}, {*v2.version_id, 7}});

    // A version's own actions name its VersionId.
    auto const first = obj.version(*v1.version_id).get().body;
    REQUIRE(first);
    CHECK(first->data == "first");
    CHECK(obj.version(*v2.version_id).head().content_length == 7);

    // The batch delete of the versions removes each version and the marker.
    auto const results = b.object_versions().delete_();
    REQUIRE(results.size() == 1);
    CHECK(results.front().deleted.size() == 3);
    CHECK(results.front().errors.empty());
    CHECK(count(b.object_versions()) == 0);

    b.delete_();
    cleanup.forget();
    b.wait_until_not_exists({.delay = std::chrono::milliseconds(100), .max_attempts = 5});
    auto const head = b.meta().client().try_head_bucket({.bucket = name});
    REQUIRE(head.has_error());
    CHECK(head.error().http_status == 404);
}

TEST_CASE("resources: an empty identifier is a typed error naming it")
{
    auto const srv = stratus::test::moto_auth();
    auto const session = make_session(srv);
    auto const s3r = session.resource<stratus::s3>();

    if (auto e = client_error_of([&] { (void)s3r.bucket(""); })) {
        CHECK(e->code == stratus::errc::invalid_parameter);
        CHECK_THAT(e->message, Contains("Bucket") && Contains("Name"));
    }
    if (auto e = client_error_of([&] { (void)s3r.bucket("b").object(""); })) {
        CHECK(e->code == stratus::errc::invalid_parameter);
        CHECK_THAT(e->message, Contains("Object") && Contains("Key"));
    }
    if (auto e = client_error_of([&] { (void)res::object(s3r.meta().client(), "", "k"); })) {
        CHECK(e->code == stratus::errc::invalid_parameter);
        CHECK_THAT(e->message, Contains("BucketName"));
    }
}
