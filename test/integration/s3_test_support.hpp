// What the generated S3 client's integration tests share besides
// test_support.hpp: the S3 servers the harness started, clients for them,
// unique buckets that clean up after themselves, and the deterministic test
// data boto3_check.py generates the same way.
#ifndef STRATUS_TEST_INTEGRATION_S3_TEST_SUPPORT_HPP
#define STRATUS_TEST_INTEGRATION_S3_TEST_SUPPORT_HPP

#include <stratus/detail/crypto.hpp>
#include <stratus/services/s3.hpp>

#include "test_support.hpp"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::test {

/// One S3 server started by the harness.
struct s3_server : test_server {
    /// ListParts, ListMultipartUploads and AbortMultipartUpload (s3rver has none of them).
    bool multipart_admin = false;
};

inline s3_server moto_auth()
{
    return {moto_auth_server(), true};
}

/// moto without signature checks: a faithful S3 for what moto-auth refuses
/// to sign (reserved characters in keys, '/' in query values).
inline s3_server moto()
{
    return {moto_server(), true};
}

inline s3_server s3rver()
{
    // s3rver knows one access key, S3RVER (InvalidAccessKeyId for others), and
    // does not verify signatures.
    return {{"s3rver", need_env("STRATUS_TEST_S3RVER_ENDPOINT"), "S3RVER", "S3RVER", false}, false};
}

inline s3_server server_named(std::string const& name)
{
    if (name == "moto-auth") return moto_auth();
    if (name == "moto") return moto();
    if (name == "s3rver") return s3rver();
    FAIL("unknown server " << name);
    return {};
}

/// A client for srv from a session that lives as long as the client needs
/// (synchronous calls run on their own io_context).
inline s3::client_type client_for(s3_server const& srv, stratus::logger log = {},
                                  session_settings const& set = {})
{
    return make_session(srv, set).client<stratus::s3>({.logger = std::move(log)});
}

/// Bucket names unique per test and run ("stratus-<what>-<random>").
inline std::string unique_bucket(std::string_view what)
{
    return unique_name(what);
}

/// A bucket created for one test and removed with everything in it when the
/// test ends, whether it passed or not (best effort; failures go to stderr).
class scoped_bucket {
public:
    scoped_bucket(s3::client_type client, s3_server srv, std::string_view what)
        : client_(std::move(client)), srv_(std::move(srv)), name_(unique_bucket(what))
    {
        client_.create_bucket({.bucket = name_});
    }
    /// With CreateBucket options (object lock...); `req.bucket` is replaced by the unique name.
    scoped_bucket(s3::client_type client, s3_server srv, std::string_view what, s3::create_bucket_request req)
        : client_(std::move(client)), srv_(std::move(srv)), name_(unique_bucket(what))
    {
        req.bucket = name_;
        client_.create_bucket(req);
    }
    /// A bucket the test created itself (through the resource layer, say),
    /// removed the same way.
    struct adopt_t {};
    scoped_bucket(adopt_t, s3::client_type client, s3_server srv, std::string name)
        : client_(std::move(client)), srv_(std::move(srv)), name_(std::move(name))
    {
    }
    scoped_bucket(scoped_bucket const&) = delete;
    scoped_bucket& operator=(scoped_bucket const&) = delete;
    ~scoped_bucket()
    {
        if (auto r = remove(); !r)
            std::cerr << "cleanup of bucket " << name_ << " failed: " << r.error().to_string() << '\n';
    }

    std::string const& name() const noexcept { return name_; }

    /// Empties and deletes the bucket: unfinished multipart uploads (where the
    /// server can list them), then objects a page at a time, then the bucket.
    stratus::result<void> remove()
    {
        if (removed_) return {};
        if (srv_.multipart_admin) {
            auto ups = client_.try_list_multipart_uploads({.bucket = name_});
            if (!ups) return ups.error();
            for (auto const& u : ups->uploads) {
                auto r = client_.try_abort_multipart_upload(
                    {.bucket = name_, .key = u.key.value_or(""), .upload_id = u.upload_id.value_or("")});
                if (!r) return r.error();
            }
        }
        for (;;) {
            auto page = client_.try_list_objects_v2({.bucket = name_});
            if (!page) return page.error();
            if (page->contents.empty()) break;
            s3::delete_objects_request del{.bucket = name_, .delete_ = s3::delete_{}};
            for (auto const& o : page->contents) {
                s3::object_identifier id;
                id.key = o.key.value_or("");
                del.delete_->objects.push_back(std::move(id));
            }
            del.delete_->quiet = true;
            auto r = client_.try_delete_objects(del);
            if (!r) return r.error();
            if (!r->errors.empty())
                return stratus::make_error(stratus::errc::service_error,
                                           "DeleteObjects: " + r->errors.front().code.value_or("?") +
                                               " for " + r->errors.front().key.value_or("?"));
        }
        auto r = client_.try_delete_bucket({.bucket = name_});
        if (!r) return r.error();
        removed_ = true;
        return {};
    }

    /// The test deleted the bucket itself.
    void forget() noexcept { removed_ = true; }

private:
    s3::client_type client_;
    s3_server srv_;
    std::string name_;
    bool removed_ = false;
};

/// Deterministic data that boto3_check.py generates the same way: block i of
/// 32 bytes is SHA-256("<name>:<i>"), cut to n bytes.
inline std::string pattern_bytes(std::string_view name, std::size_t n)
{
    std::string out;
    out.reserve(n + 32);
    for (std::size_t i = 0; out.size() < n; ++i) {
        auto const d = stratus::detail::sha256(std::string(name) + ":" + std::to_string(i));
        out.append(reinterpret_cast<char const*>(d.data()), d.size());
    }
    out.resize(n);
    return out;
}

/// Every byte value, 0 to 255, `times` times over.
inline std::string all_byte_values(int times = 1)
{
    std::string out;
    for (int t = 0; t < times; ++t)
        for (int b = 0; b < 256; ++b)
            out += static_cast<char>(b);
    return out;
}

inline std::string sha256_hex(std::string_view data)
{
    return stratus::detail::sha256_hex(data);
}

/// Both servers, one after the other (the calling test case runs once per server).
inline s3_server each_server()
{
    return server_named(GENERATE(as<std::string>{}, "moto-auth", "s3rver"));
}

/// PutObject of `body` (named, since body comes before bucket and key in the request).
inline void put(s3::client_type const& c, std::string const& bucket, std::string const& key, std::string body)
{
    s3::put_object_request req{.bucket = bucket, .key = key};
    req.body = std::move(body);
    c.put_object(req);
}

} // namespace stratus::test

#endif
