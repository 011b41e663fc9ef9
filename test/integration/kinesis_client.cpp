// The generated Kinesis client end to end (awsJson 1.1, blobs base64 on the
// wire) against moto-auth, which verifies every SigV4 signature (Kinesis is
// among the services it verifies, test/servers/moto-auth-survey.md). There
// is no second Kinesis emulator in the harness.
//
// Each TEST_CASE works in its own stream (unique name, deleted at the end).
#include "test_support.hpp"

#include <stratus/detail/crypto.hpp>
#include <stratus/paginator.hpp>
#include <stratus/services/kinesis.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <set>

using stratus::kinesis;
using stratus::test::test_server;
using stratus::test::thrown;
namespace ops = stratus::services::kinesis::ops;
namespace waiters = stratus::services::kinesis::waiters;
using namespace std::chrono_literals;

namespace {

kinesis::client_type client_for(test_server const& srv)
{
    return stratus::test::make_session(srv).client<kinesis>();
}

// The model waits 10 s between DescribeStream calls.
constexpr stratus::waiter_config quick{.delay = 50ms, .max_attempts = 200};

/// A stream of `shards` shards, created and waited for by the constructor,
/// deleted by the destructor.
class scoped_stream {
public:
    scoped_stream(kinesis::client_type c, std::string_view what, int shards)
        : c_(std::move(c)), name_(stratus::test::unique_name(what))
    {
        c_.create_stream({.stream_name = name_, .shard_count = shards});
        c_.get_waiter<waiters::stream_exists>().wait({.stream_name = name_}, quick);
    }
    scoped_stream(scoped_stream const&) = delete;
    scoped_stream& operator=(scoped_stream const&) = delete;
    ~scoped_stream()
    {
        if (deleted_) return;
        if (auto r = c_.try_delete_stream({.stream_name = name_}); !r)
            std::cerr << "cleanup of stream " << name_ << " failed: " << r.error().to_string() << '\n';
    }
    std::string const& name() const noexcept { return name_; }
    void forget() noexcept { deleted_ = true; }

private:
    kinesis::client_type c_;
    std::string name_;
    bool deleted_ = false;
};

/// Deterministic bytes: every byte value, then SHA-256 blocks of `seed`.
std::string record_bytes(std::string_view seed, std::size_t n)
{
    std::string out;
    for (int b = 0; b < 256 && out.size() < n; ++b)
        out += static_cast<char>(b);
    for (int i = 0; out.size() < n; ++i) {
        auto const d = stratus::detail::sha256(std::string(seed) + ":" + std::to_string(i));
        out.append(reinterpret_cast<char const*>(d.data()), d.size());
    }
    out.resize(n);
    return out;
}

/// Every record of one shard from TRIM_HORIZON, following NextShardIterator
/// `limit` records a call until a call returns none.
std::vector<kinesis::record> read_shard(kinesis::client_type const& c, std::string const& stream,
                                        std::string const& shard, int limit, int* calls = nullptr)
{
    auto it = c.get_shard_iterator(
                   {.stream_name = stream, .shard_id = shard, .shard_iterator_type = "TRIM_HORIZON"})
                  .shard_iterator;
    std::vector<kinesis::record> all;
    for (int n = 0; it; ++n) {
        REQUIRE(n < 1000);
        auto out = c.get_records({.shard_iterator = *it, .limit = limit});
        if (calls) ++*calls;
        if (out.records.empty()) break;
        for (auto& r : out.records)
            all.push_back(std::move(r));
        it = out.next_shard_iterator;
    }
    return all;
}

} // namespace

TEST_CASE("kinesis: create a stream, wait until ACTIVE, describe and list its shards, delete it")
{
    auto const srv = stratus::test::moto_auth_server();
    auto c = client_for(srv);
    scoped_stream s(c, "lifecycle", 3);

    auto const d = c.describe_stream({.stream_name = s.name()});
    REQUIRE(d.stream_description);
    auto const& desc = *d.stream_description;
    CHECK(desc.stream_name == s.name());
    CHECK(desc.stream_status == "ACTIVE");
    CHECK(desc.stream_arn.value_or("").ends_with(":stream/" + s.name()));
    CHECK(desc.retention_period_hours == 24);
    CHECK(desc.has_more_shards == false);
    REQUIRE(desc.shards.size() == 3);
    REQUIRE(desc.stream_creation_timestamp);
    CHECK(*desc.stream_creation_timestamp > std::chrono::system_clock::now() - 24h);

    // The shards' hash key ranges cover 0 .. 2^128-1 without gaps (decimal text).
    CHECK(desc.shards.front().hash_key_range->starting_hash_key == "0");
    CHECK(desc.shards.back().hash_key_range->ending_hash_key == "340282366920938463463374607431768211455");
    for (auto const& sh : desc.shards) {
        CHECK(sh.shard_id.value_or("").starts_with("shardId-"));
        REQUIRE(sh.sequence_number_range);
        CHECK_FALSE(sh.sequence_number_range->starting_sequence_number.value_or("").empty());
        CHECK_FALSE(sh.parent_shard_id);
    }

    auto const summary = c.describe_stream_summary({.stream_name = s.name()});
    REQUIRE(summary.stream_description_summary);
    CHECK(summary.stream_description_summary->open_shard_count == 3);
    CHECK(summary.stream_description_summary->stream_status == "ACTIVE");

    // ListShards through its paginator, one shard a page, and DescribeStream's
    // paginator (ExclusiveStartShardId from the last shard) agree.
    std::vector<std::string> listed;
    int pages = 0;
    for (auto const& page :
         c.get_paginator<ops::list_shards>().paginate({.stream_name = s.name()}, {.page_size = 1})) {
        ++pages;
        for (auto const& sh : page.shards)
            listed.push_back(sh.shard_id.value_or("?"));
    }
    std::vector<std::string> described;
    for (auto const& sh : desc.shards)
        described.push_back(sh.shard_id.value_or("?"));
    CHECK(listed == described);
    CHECK(pages >= 3);
    // DescribeStream's paginator (ExclusiveStartShardId from the last shard
    // while HasMoreShards): in one page without a limit. moto 5.2 ignores
    // ExclusiveStartShardId and answers every page with the first shard, so
    // with a limit the paginator sees its token come back and stops with
    // botocore's error instead of looping.
    std::vector<std::string> paged;
    auto whole = c.get_paginator<ops::describe_stream>().paginate({.stream_name = s.name()});
    for (auto const& sh : whole.items())
        paged.push_back(sh.shard_id.value_or("?"));
    CHECK(paged == described);
    auto looping =
        c.get_paginator<ops::describe_stream>().paginate({.stream_name = s.name()}, {.page_size = 1});
    std::vector<std::string> looped;
    try {
        for (auto const& sh : looping.items())
            looped.push_back(sh.shard_id.value_or("?"));
        FAIL_CHECK("moto now honours ExclusiveStartShardId: check the pages instead");
    } catch (stratus::error const& e) {
        CHECK(e.info().code == stratus::errc::parse_error);
        CHECK_THAT(e.info().message, Catch::Matchers::Contains("the same next token was received twice"));
        CHECK(looped == std::vector<std::string>{described[0]}); // the repeated page is not yielded
    }

    auto const streams = c.list_streams({});
    CHECK(std::count(streams.stream_names.begin(), streams.stream_names.end(), s.name()) == 1);

    c.delete_stream({.stream_name = s.name()});
    s.forget();
    c.get_waiter<waiters::stream_not_exists>().wait({.stream_name = s.name()}, quick);
    if (auto e = thrown<kinesis::resource_not_found_exception>(
            [&] { c.describe_stream({.stream_name = s.name()}); })) {
        CHECK(e->aws_code() == "ResourceNotFoundException");
        CHECK(e->http_status() == 400);
        CHECK(e->info().operation == "DescribeStream");
        CHECK_THAT(e->message.value_or(""), Catch::Matchers::Contains(s.name()));
    }
}

TEST_CASE("kinesis: PutRecord and PutRecords with binary data, read back byte for byte with GetRecords")
{
    auto const srv = stratus::test::moto_auth_server();
    auto c = client_for(srv);
    scoped_stream s(c, "records", 2);
    auto const shards = c.describe_stream({.stream_name = s.name()}).stream_description->shards;
    REQUIRE(shards.size() == 2);
    auto const first_shard = *shards[0].shard_id;
    auto const second_shard = *shards[1].shard_id;

    // PutRecord: every byte value, to the first shard by explicit hash key.
    auto const one = record_bytes("one", 1000);
    auto const put = c.put_record({.stream_name = s.name(),
                                   .data = stratus::blob{one},
                                   .partition_key = "pk-one",
                                   .explicit_hash_key = "0"});
    CHECK(put.shard_id == first_shard);
    REQUIRE(put.sequence_number);

    // PutRecords: 20 records of different sizes (1 byte to 20 KiB), half to
    // each shard. (Not the last hash key, 2^128-1: moto 5.2 treats a shard's
    // EndingHashKey as exclusive and answers 500 for it.)
    std::string const second_half = "340282366920938463463374607431768211000";
    kinesis::put_records_input batch{.records = std::vector<kinesis::put_records_request_entry>{}, .stream_name = s.name()};
    std::map<std::string, std::string> sent; // partition key -> data
    for (int i = 0; i < 20; ++i) {
        auto const pk = "pk-" + std::to_string(i);
        auto const data = record_bytes(pk, i == 0 ? 1 : static_cast<std::size_t>(i) * 1024);
        sent[pk] = data;
        batch.records->push_back({.data = stratus::blob{data},
                                  .explicit_hash_key = i % 2 ? second_half : "1",
                                  .partition_key = pk});
    }
    auto const out = c.put_records(batch);
    CHECK(out.failed_record_count.value_or(-1) == 0);
    REQUIRE(out.records.size() == 20);
    std::map<std::string, std::string> sequence_of; // partition key -> sequence number
    for (int i = 0; i < 20; ++i) {
        auto const& r = out.records[static_cast<std::size_t>(i)];
        CHECK_FALSE(r.error_code);
        CHECK(r.shard_id == (i % 2 ? second_shard : first_shard));
        sequence_of["pk-" + std::to_string(i)] = r.sequence_number.value_or("?");
    }

    // Read each shard 3 records a call: every record once, in order, the same bytes.
    int calls = 0;
    auto const a = read_shard(c, s.name(), first_shard, 3, &calls);
    auto const b = read_shard(c, s.name(), second_shard, 3, &calls);
    CHECK(a.size() == 11);
    CHECK(b.size() == 10);
    CHECK(calls >= 8);
    REQUIRE_FALSE(a.empty());
    CHECK(a[0].partition_key == "pk-one");
    CHECK(a[0].sequence_number == put.sequence_number);
    CHECK(a[0].data == stratus::blob{one});
    std::set<std::string> seen;
    for (auto const* shard : {&a, &b}) {
        std::string previous;
        for (auto const& r : *shard) {
            auto const pk = r.partition_key.value_or("?");
            seen.insert(pk);
            if (pk == "pk-one") continue;
            INFO("record " << pk);
            REQUIRE(r.data);
            CHECK(r.data->bytes.size() == sent[pk].size());
            CHECK(r.data->bytes == sent[pk]);
            CHECK(r.sequence_number == sequence_of[pk]);
            REQUIRE(r.approximate_arrival_timestamp);
            CHECK(*r.approximate_arrival_timestamp > std::chrono::system_clock::now() - 24h);
            // Sequence numbers grow within a shard (decimal text, same length here).
            auto const seq = r.sequence_number.value_or("");
            CHECK((previous.empty() || previous.size() < seq.size() ||
                   (previous.size() == seq.size() && previous < seq)));
            previous = seq;
        }
    }
    CHECK(seen.size() == 21);

    // AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start at a given record.
    auto const at = c.get_shard_iterator({.stream_name = s.name(),
                                          .shard_id = second_shard,
                                          .shard_iterator_type = "AT_SEQUENCE_NUMBER",
                                          .starting_sequence_number = sequence_of["pk-5"]});
    auto const from5 = c.get_records({.shard_iterator = at.shard_iterator.value_or(""), .limit = 1});
    REQUIRE(from5.records.size() == 1);
    CHECK(from5.records[0].partition_key == "pk-5");
    CHECK(from5.records[0].data->bytes == sent["pk-5"]);
    auto const after = c.get_shard_iterator({.stream_name = s.name(),
                                             .shard_id = second_shard,
                                             .shard_iterator_type = "AFTER_SEQUENCE_NUMBER",
                                             .starting_sequence_number = sequence_of["pk-5"]});
    auto const from7 = c.get_records({.shard_iterator = after.shard_iterator.value_or(""), .limit = 1});
    REQUIRE(from7.records.size() == 1);
    CHECK(from7.records[0].partition_key == "pk-7");

    // LATEST: nothing until a new record arrives.
    auto const latest = c.get_shard_iterator(
        {.stream_name = s.name(), .shard_id = first_shard, .shard_iterator_type = "LATEST"});
    auto const empty = c.get_records({.shard_iterator = latest.shard_iterator.value_or("")});
    CHECK(empty.records.empty());
    REQUIRE(empty.next_shard_iterator);
    c.put_record({.stream_name = s.name(),
                  .data = stratus::blob{std::string("\0late\xff", 6)},
                  .partition_key = "late",
                  .explicit_hash_key = "2"});
    auto const late = c.get_records({.shard_iterator = *empty.next_shard_iterator});
    REQUIRE(late.records.size() == 1);
    CHECK(late.records[0].data == stratus::blob{std::string("\0late\xff", 6)});
}

TEST_CASE("kinesis: errors are the modeled types")
{
    auto const srv = stratus::test::moto_auth_server();
    auto c = client_for(srv);
    auto const missing = stratus::test::unique_name("never-created");
    if (auto e = thrown<kinesis::resource_not_found_exception>([&] {
            c.put_record({.stream_name = missing, .data = stratus::blob{"x"}, .partition_key = "k"});
        })) {
        CHECK(e->aws_code() == "ResourceNotFoundException");
        CHECK(e->http_status() == 400);
        CHECK_THAT(e->message.value_or(""), Catch::Matchers::Contains(missing));
    }

    scoped_stream s(c, "errors", 1);
    if (auto e = thrown<kinesis::resource_in_use_exception>(
            [&] { c.create_stream({.stream_name = s.name(), .shard_count = 1}); })) {
        CHECK(e->aws_code() == "ResourceInUseException");
        CHECK_THAT(e->message.value_or(""), Catch::Matchers::Contains(s.name()));
    }
    // A shard that is not there.
    if (auto e = thrown<kinesis::resource_not_found_exception>([&] {
            c.get_shard_iterator({.stream_name = s.name(),
                                  .shard_id = "shardId-000000000042",
                                  .shard_iterator_type = "TRIM_HORIZON"});
        })) {
        CHECK(e->aws_code() == "ResourceNotFoundException");
        CHECK(e->info().operation == "GetShardIterator");
    }
}

TEST_CASE("kinesis: moto-auth refuses a wrong secret, so the signatures it accepts are checked")
{
    stratus::test::check_moto_auth_verifies<kinesis>([](auto const& c) { return c.try_list_streams({}); });
}
