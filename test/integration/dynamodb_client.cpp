// The generated DynamoDB client end to end: every call goes through
// stratus::dynamodb's generated methods, paginators and waiters, the awsJson
// 1.0 engine and the sign-send-retry pipeline, against two independent
// DynamoDB emulators started by test/servers/harness.py:
//
//  - moto-auth: moto verifying every SigV4 signature (DynamoDB is among the
//    services moto-auth verifies, test/servers/moto-auth-survey.md);
//  - dynalite: a separate implementation on LevelDB (in memory), whose tables
//    stay CREATING and DELETING for 50 ms, so the waiters really wait.
//
// Each TEST_CASE runs once per server (GENERATE) in its own table (unique
// name, deleted at the end), so cases may run in any order on the same servers.
#include "test_support.hpp"

#include <stratus/paginator.hpp>
#include <stratus/services/dynamodb.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <set>

using stratus::dynamodb;
using stratus::test::test_server;
using stratus::test::thrown;
namespace ops = stratus::services::dynamodb::ops;
namespace waiters = stratus::services::dynamodb::waiters;
using namespace std::chrono_literals;

namespace {

using item_type = std::map<std::string, dynamodb::attribute_value>;
using av = dynamodb::attribute_value;

test_server each_server()
{
    auto const name = GENERATE(as<std::string>{}, "moto-auth", "dynalite");
    return name == "dynalite" ? stratus::test::dynalite_server() : stratus::test::moto_auth_server();
}

dynamodb::client_type client_for(test_server const& srv, stratus::test::session_settings const& set = {})
{
    return stratus::test::make_session(srv, set).client<dynamodb>();
}

// Short delays: the model's 20 s between DescribeTable calls would make a
// 50 ms CREATING state cost 20 s.
constexpr stratus::waiter_config quick{.delay = 50ms, .max_attempts = 200};

/// A table with a string hash key "pk" and a number range key "sk", created
/// (and waited for) by the constructor and deleted by the destructor.
class scoped_table {
public:
    scoped_table(dynamodb::client_type c, std::string_view what)
        : c_(std::move(c)), name_(stratus::test::unique_name(what))
    {
        created_ = c_.create_table({
            .attribute_definitions = {{{.attribute_name = "pk", .attribute_type = "S"},
                                       {.attribute_name = "sk", .attribute_type = "N"}}},
            .table_name = name_,
            .key_schema = {{{.attribute_name = "pk", .key_type = "HASH"},
                            {.attribute_name = "sk", .key_type = "RANGE"}}},
            .provisioned_throughput = dynamodb::provisioned_throughput{.read_capacity_units = 5,
                                                                       .write_capacity_units = 5},
        });
        c_.get_waiter<waiters::table_exists>().wait({.table_name = name_}, quick);
    }
    scoped_table(scoped_table const&) = delete;
    scoped_table& operator=(scoped_table const&) = delete;
    ~scoped_table()
    {
        if (deleted_) return;
        auto r = c_.try_delete_table({.table_name = name_});
        if (!r) std::cerr << "cleanup of table " << name_ << " failed: " << r.error().to_string() << '\n';
    }

    std::string const& name() const noexcept { return name_; }
    dynamodb::create_table_output const& created() const noexcept { return created_; }
    void forget() noexcept { deleted_ = true; }

private:
    dynamodb::client_type c_;
    std::string name_;
    dynamodb::create_table_output created_;
    bool deleted_ = false;
};

item_type key(std::string const& pk, int sk)
{
    return {{"pk", av{.s = pk}}, {"sk", av{.n = std::to_string(sk)}}};
}

std::string all_byte_values()
{
    std::string out;
    for (int b = 0; b < 256; ++b) out += static_cast<char>(b);
    return out;
}

std::set<std::string> as_set(std::vector<std::string> const& v)
{
    return {v.begin(), v.end()};
}

std::set<std::string> as_set(std::vector<stratus::blob> const& v)
{
    std::set<std::string> s;
    for (auto const& b : v) s.insert(b.bytes);
    return s;
}

/// The attribute `name` of an item; a failed check (and an empty value) when it is absent.
av attr(item_type const& item, std::string const& name)
{
    auto it = item.find(name);
    if (it == item.end()) {
        FAIL_CHECK("attribute " << name << " is missing");
        return {};
    }
    return it->second;
}

std::vector<int> sort_keys(std::vector<item_type> const& items)
{
    std::vector<int> r;
    for (auto const& i : items) r.push_back(std::stoi(attr(i, "sk").n.value_or("-1")));
    return r;
}

std::vector<int> range(int from, int to)
{
    std::vector<int> r;
    for (int i = from; i < to; ++i) r.push_back(i);
    return r;
}

/// Writes `items` with BatchWriteItem, 25 at a time, sending UnprocessedItems
/// again until none are left; returns how many calls it made.
int batch_put(dynamodb::client_type const& c, std::string const& table, std::vector<item_type> const& items)
{
    int calls = 0;
    for (std::size_t i = 0; i < items.size(); i += 25) {
        std::map<std::string, std::vector<dynamodb::write_request>> pending;
        for (std::size_t j = i; j < std::min(items.size(), i + 25); ++j)
            pending[table].push_back({.put_request = dynamodb::put_request{.item = items[j]}});
        while (!pending.empty()) {
            REQUIRE(++calls < 100);
            auto out = c.batch_write_item({.request_items = pending});
            pending = std::move(out.unprocessed_items);
        }
    }
    return calls;
}

} // namespace

TEST_CASE("dynamodb: create, wait for ACTIVE, describe, list and delete a table")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_table t(c, "tables");

    REQUIRE(t.created().table_description);
    auto const& created = *t.created().table_description;
    CHECK(created.table_name == t.name());
    // dynalite answers CREATING (ACTIVE 50 ms later); moto creates tables ACTIVE at once.
    CHECK((created.table_status == "CREATING" || created.table_status == "ACTIVE"));

    auto const d = c.describe_table({.table_name = t.name()});
    REQUIRE(d.table);
    CHECK(d.table->table_status == "ACTIVE");
    CHECK(d.table->table_name == t.name());
    CHECK(d.table->table_arn.value_or("").ends_with(":table/" + t.name()));
    REQUIRE(d.table->key_schema.size() == 2);
    CHECK(d.table->key_schema[0].attribute_name == "pk");
    CHECK(d.table->key_schema[0].key_type == "HASH");
    CHECK(d.table->key_schema[1].attribute_name == "sk");
    CHECK(d.table->key_schema[1].key_type == "RANGE");
    std::map<std::string, std::string> defs;
    for (auto const& a : d.table->attribute_definitions)
        defs[a.attribute_name.value_or("?")] = std::string(a.attribute_type.value_or(""));
    CHECK(defs == std::map<std::string, std::string>{{"pk", "S"}, {"sk", "N"}});
    REQUIRE(d.table->provisioned_throughput);
    CHECK(d.table->provisioned_throughput->read_capacity_units == 5);
    CHECK(d.table->item_count == 0);
    REQUIRE(d.table->creation_date_time);
    auto const now = std::chrono::system_clock::now();
    CHECK(*d.table->creation_date_time > now - 24h);
    CHECK(*d.table->creation_date_time < now + 24h);

    // ListTables through its paginator, one name a page.
    std::vector<std::string> names;
    auto pages = c.get_paginator<ops::list_tables>().paginate({}, {.page_size = 1});
    int page_count = 0;
    for (auto const& page : pages) {
        ++page_count;
        CHECK(page.table_names.size() <= 1);
        for (auto const& n : page.table_names) names.push_back(n);
    }
    CHECK(std::count(names.begin(), names.end(), t.name()) == 1);
    CHECK(page_count >= static_cast<int>(names.size()));

    auto const del = c.delete_table({.table_name = t.name()});
    REQUIRE(del.table_description);
    CHECK(del.table_description->table_name == t.name());
    t.forget();
    c.get_waiter<waiters::table_not_exists>().wait({.table_name = t.name()}, quick);
    if (auto e = thrown<dynamodb::resource_not_found_exception>(
            [&] { c.describe_table({.table_name = t.name()}); })) {
        CHECK(e->aws_code() == "ResourceNotFoundException");
        CHECK(e->http_status() == 400);
        CHECK(e->info().operation == "DescribeTable");
        CHECK_FALSE(e->message.value_or("").empty());
    }
}

TEST_CASE("dynamodb: every attribute value type round-trips through PutItem and GetItem")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_table t(c, "types");

    auto const bytes = all_byte_values();
    item_type item = key("types", 1);
    item["s"] = av{.s = "h\xc3\xa9llo \"w\xc3\xb6rld\"\n\t\\ \xf0\x9f\x98\x80"};
    item["n"] = av{.n = "-12345.678e-3"};
    item["big"] = av{.n = "123456789012345678901234567890123456"};
    item["b"] = av{.b = stratus::blob{bytes}};
    item["t"] = av{.bool_ = true};
    item["f"] = av{.bool_ = false};
    item["nul"] = av{.null = true};
    item["l"] = av{.l = {av{.s = "one"}, av{.n = "2"}, av{.l = {av{.bool_ = true}}}, av{.b = stratus::blob{"\x01"}}}};
    item["m"] = av{.m = {{"inner", av{.s = "x"}}, {"deep", av{.m = {{"n", av{.n = "7"}}}}}}};
    item["ss"] = av{.ss = {"b", "a", "c"}};
    item["ns"] = av{.ns = {"1", "2.5", "-3"}};
    item["bs"] = av{.bs = {stratus::blob{std::string("\0\1", 2)}, stratus::blob{"\xff\xfe"}}};
    c.put_item({.table_name = t.name(), .item = item});

    auto const out = c.get_item({.table_name = t.name(), .key = key("types", 1), .consistent_read = true});
    auto const& got = out.item;
    REQUIRE(got.size() == item.size());
    CHECK(attr(got, "pk").s == "types");
    CHECK(attr(got, "sk").n == "1");
    CHECK(attr(got, "s").s == item["s"].s);
    CHECK(attr(got, "s").n == std::nullopt); // a union: only the one member
    CHECK(attr(got, "b").b == stratus::blob{bytes});
    CHECK(attr(got, "t").bool_ == true);
    CHECK(attr(got, "f").bool_ == false);
    CHECK(attr(got, "nul").null == true);
    CHECK(attr(got, "nul").bool_ == std::nullopt);
    // DynamoDB answers numbers normalized ("-12.345678"); an emulator may keep
    // the text as sent, so the value is compared.
    auto const n = attr(got, "n").n.value_or("");
    CHECK(std::stod(n) == Approx(-12.345678));
    CHECK(attr(got, "big").n == "123456789012345678901234567890123456");

    auto const l = attr(got, "l").l;
    REQUIRE(l.size() == 4);
    CHECK(l[0].s == "one");
    CHECK(l[1].n == "2");
    REQUIRE(l[2].l.size() == 1);
    CHECK(l[2].l[0].bool_ == true);
    CHECK(l[3].b == stratus::blob{"\x01"});

    auto const m = attr(got, "m").m;
    REQUIRE(m.size() == 2);
    CHECK(attr(m, "inner").s == "x");
    CHECK(attr(attr(m, "deep").m, "n").n == "7");

    // Sets have no order.
    CHECK(as_set(attr(got, "ss").ss) == std::set<std::string>{"a", "b", "c"});
    CHECK(as_set(attr(got, "ns").ns) == std::set<std::string>{"1", "2.5", "-3"});
    CHECK(as_set(attr(got, "bs").bs) == std::set<std::string>{std::string("\0\1", 2), "\xff\xfe"});

    // A key that is not there: an empty Item, not an error.
    auto const none = c.get_item({.table_name = t.name(), .key = key("types", 2)});
    CHECK(none.item.empty());

    // ProjectionExpression with a reserved word through ExpressionAttributeNames.
    auto const some = c.get_item({.table_name = t.name(), .key = key("types", 1),
                                  .projection_expression = "#s, b, m.deep",
                                  .expression_attribute_names = std::map<std::string, std::string>{{"#s", "s"}}});
    CHECK(some.item.size() == 3);
    CHECK(attr(some.item, "s").s == item["s"].s);
    CHECK(attr(some.item, "b").b == stratus::blob{bytes});
    CHECK(attr(attr(some.item, "m").m, "deep").m.size() == 1);
}

TEST_CASE("dynamodb: UpdateItem, PutItem and DeleteItem with ReturnValues")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_table t(c, "update");

    item_type first = key("u", 1);
    first["count"] = av{.n = "1"};
    first["name"] = av{.s = "first"};
    // PutItem of a new item: ALL_OLD returns nothing.
    auto const put1 = c.put_item({.table_name = t.name(), .item = first, .return_values = "ALL_OLD"});
    CHECK(put1.attributes.empty());

    // UpdateItem: ADD and SET, UPDATED_NEW returns only the changed attributes.
    auto const up = c.update_item({
        .table_name = t.name(),
        .key = key("u", 1),
        .return_values = "UPDATED_NEW",
        .update_expression = "ADD #c :inc SET tags = :tags",
        .expression_attribute_names = std::map<std::string, std::string>{{"#c", "count"}},
        .expression_attribute_values = item_type{{":inc", av{.n = "41"}}, {":tags", av{.ss = {"x", "y"}}}},
    });
    CHECK(up.attributes.size() == 2);
    CHECK(attr(up.attributes, "count").n == "42");
    CHECK(as_set(attr(up.attributes, "tags").ss) == std::set<std::string>{"x", "y"});

    // UPDATED_OLD: the values before this update.
    auto const up2 = c.update_item({
        .table_name = t.name(),
        .key = key("u", 1),
        .return_values = "UPDATED_OLD",
        .update_expression = "SET #n = :n REMOVE tags",
        .expression_attribute_names = std::map<std::string, std::string>{{"#n", "name"}},
        .expression_attribute_values = item_type{{":n", av{.s = "second"}}},
    });
    CHECK(attr(up2.attributes, "name").s == "first");
    CHECK(as_set(attr(up2.attributes, "tags").ss) == std::set<std::string>{"x", "y"});

    // PutItem over it: ALL_OLD returns the whole old item.
    item_type replacement = key("u", 1);
    replacement["name"] = av{.s = "third"};
    auto const put2 = c.put_item({.table_name = t.name(), .item = replacement, .return_values = "ALL_OLD"});
    CHECK(put2.attributes.size() == 4);
    CHECK(attr(put2.attributes, "count").n == "42");
    CHECK(attr(put2.attributes, "name").s == "second");
    CHECK(put2.attributes.count("tags") == 0);

    // DeleteItem with ALL_OLD, and the item is gone.
    auto const del = c.delete_item({.table_name = t.name(), .key = key("u", 1), .return_values = "ALL_OLD"});
    CHECK(attr(del.attributes, "name").s == "third");
    CHECK(c.get_item({.table_name = t.name(), .key = key("u", 1), .consistent_read = true}).item.empty());
}

TEST_CASE("dynamodb: a failed condition is conditional_check_failed_exception, with its members")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_table t(c, "cond");

    item_type item = key("c", 1);
    item["v"] = av{.n = "1"};
    c.put_item({.table_name = t.name(), .item = item, .condition_expression = "attribute_not_exists(pk)"});

    item_type again = key("c", 1);
    again["v"] = av{.n = "2"};
    if (auto e = thrown<dynamodb::conditional_check_failed_exception>([&] {
            c.put_item({.table_name = t.name(), .item = again, .condition_expression = "attribute_not_exists(pk)"});
        })) {
        CHECK(e->aws_code() == "ConditionalCheckFailedException");
        CHECK(e->http_status() == 400);
        CHECK(e->info().operation == "PutItem");
        CHECK(e->message == std::optional<std::string>("The conditional request failed"));
        CHECK(e->item.empty()); // not asked for
    }
    // The try_ form carries the same modeled error.
    auto r = c.try_update_item({.table_name = t.name(), .key = key("c", 1), .update_expression = "SET v = :two",
                                .condition_expression = "v = :zero",
                                .expression_attribute_values = item_type{{":two", av{.n = "2"}}, {":zero", av{.n = "0"}}}});
    REQUIRE(r.has_error());
    CHECK(r.error().aws_code == "ConditionalCheckFailedException");
    REQUIRE(r.error().modeled);
    CHECK_THROWS_AS(std::rethrow_exception(r.error().modeled), dynamodb::conditional_check_failed_exception);

    // The item was not changed by either.
    auto const got = c.get_item({.table_name = t.name(), .key = key("c", 1), .consistent_read = true});
    CHECK(attr(got.item, "v").n == "1");

    // ReturnValuesOnConditionCheckFailure=ALL_OLD puts the item into the error.
    if (auto e = thrown<dynamodb::conditional_check_failed_exception>([&] {
            c.delete_item({.table_name = t.name(), .key = key("c", 1), .condition_expression = "v = :zero",
                           .expression_attribute_values = item_type{{":zero", av{.n = "0"}}},
                           .return_values_on_condition_check_failure = "ALL_OLD"});
        })) {
        if (srv.name == "dynalite") {
            // dynalite 3.2 predates ReturnValuesOnConditionCheckFailure (2023)
            // and ignores it: boto3 gets no Item from it either.
            CHECK(e->item.empty());
        } else {
            CHECK(e->item.size() == 3);
            CHECK(attr(e->item, "pk").s == "c");
            CHECK(attr(e->item, "v").n == "1");
        }
    }
}

TEST_CASE("dynamodb: Query and Scan page through the generated paginators by Limit")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_table t(c, "pages");

    std::vector<item_type> items;
    for (int i = 0; i < 25; ++i) {
        auto it = key("q", i);
        it["payload"] = av{.s = "p" + std::to_string(i)};
        items.push_back(it);
    }
    for (int i = 0; i < 5; ++i) items.push_back(key("other", i));
    batch_put(c, t.name(), items);

    auto const query = [&] {
        return dynamodb::query_input{
            .table_name = t.name(),
            .consistent_read = true,
            .key_condition_expression = "pk = :pk",
            .expression_attribute_values = item_type{{":pk", av{.s = "q"}}},
        };
    };
    // Pages of 10: 10, 10, 5 (or, when a server returns a LastEvaluatedKey
    // after an exactly full page, an empty page at the end).
    auto pages = c.get_paginator<ops::query>().paginate(query(), {.page_size = 10});
    std::vector<std::size_t> sizes;
    std::vector<item_type> seen;
    for (auto const& page : pages) {
        sizes.push_back(page.items.size());
        CHECK(page.count == static_cast<int>(page.items.size()));
        for (auto const& i : page.items) seen.push_back(i);
    }
    CHECK(sizes == std::vector<std::size_t>{10, 10, 5});
    CHECK(sort_keys(seen) == range(0, 25)); // in range-key order
    CHECK(attr(seen[7], "payload").s == "p7");

    // Backwards, and a limit that divides the count: the last page is empty
    // or absent depending on whether the server reports LastEvaluatedKey.
    auto q = query();
    q.scan_index_forward = false;
    auto back = c.get_paginator<ops::query>().paginate(q, {.page_size = 5});
    std::vector<item_type> backwards;
    for (auto const& i : back.items()) backwards.push_back(i);
    auto expected = range(0, 25);
    std::reverse(expected.begin(), expected.end());
    CHECK(sort_keys(backwards) == expected);

    // max_items stops inside a page; the resume token goes on from there.
    auto p = c.get_paginator<ops::query>();
    auto first = p.paginate(query(), {.max_items = 13, .page_size = 10});
    std::vector<item_type> head;
    for (auto const& i : first.items()) head.push_back(i);
    CHECK(sort_keys(head) == range(0, 13));
    REQUIRE(first.resume_token());
    auto rest = p.paginate(query(), {.page_size = 10, .starting_token = *first.resume_token()});
    std::vector<item_type> tail;
    for (auto const& i : rest.items()) tail.push_back(i);
    CHECK(sort_keys(tail) == range(13, 25));

    // Scan: all 30 items, pages of at most 7, each item once.
    auto scan = c.get_paginator<ops::scan>().paginate({.table_name = t.name(), .consistent_read = true},
                                                      {.page_size = 7});
    std::multiset<std::string> scanned;
    int scan_pages = 0;
    for (auto const& page : scan) {
        ++scan_pages;
        CHECK(page.items.size() <= 7);
        for (auto const& i : page.items)
            scanned.insert(attr(i, "pk").s.value_or("?") + "/" + attr(i, "sk").n.value_or("?"));
    }
    CHECK(scanned.size() == 30);
    CHECK(std::set<std::string>(scanned.begin(), scanned.end()).size() == 30);
    CHECK(scanned.count("other/4") == 1);
    CHECK(scan_pages >= 5);

    // A FilterExpression applies after Limit: Count is the matches, ScannedCount what was read.
    auto filtered = c.query({.table_name = t.name(), .limit = 10, .consistent_read = true,
                             .filter_expression = "payload = :p",
                             .key_condition_expression = "pk = :pk",
                             .expression_attribute_values = item_type{{":pk", av{.s = "q"}}, {":p", av{.s = "p3"}}}});
    CHECK(filtered.count == 1);
    CHECK(filtered.scanned_count == 10);
    CHECK_FALSE(filtered.last_evaluated_key.empty());
    CHECK(attr(filtered.last_evaluated_key, "sk").n == "9");
}

TEST_CASE("dynamodb: BatchWriteItem and BatchGetItem, sending unprocessed items and keys again")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    scoped_table t(c, "batch");

    std::vector<item_type> items;
    for (int i = 0; i < 60; ++i) {
        auto it = key("b", i);
        it["data"] = av{.b = stratus::blob{std::string(1000, static_cast<char>(i))}};
        items.push_back(it);
    }
    int const calls = batch_put(c, t.name(), items);
    CHECK(calls >= 3); // 25 + 25 + 10, more if the server left some unprocessed

    // BatchGetItem: 60 keys in calls of at most 100 keys, all here at once,
    // then UnprocessedKeys until none are left.
    dynamodb::keys_and_attributes wanted{.consistent_read = true};
    for (int i = 0; i < 60; ++i) wanted.keys.push_back(key("b", i));
    wanted.keys.push_back(key("b", 1000)); // not there: simply not returned
    std::map<std::string, dynamodb::keys_and_attributes> pending{{t.name(), wanted}};
    std::vector<item_type> got;
    for (int round = 0; !pending.empty(); ++round) {
        REQUIRE(round < 100);
        auto out = c.batch_get_item({.request_items = pending});
        for (auto& [table, rows] : out.responses) {
            CHECK(table == t.name());
            for (auto& r : rows) got.push_back(std::move(r));
        }
        pending = std::move(out.unprocessed_keys);
    }
    std::sort(got.begin(), got.end(),
              [](auto const& a, auto const& b) { return std::stoi(*a.at("sk").n) < std::stoi(*b.at("sk").n); });
    CHECK(sort_keys(got) == range(0, 60));
    for (auto const& g : got) {
        int const i = std::stoi(attr(g, "sk").n.value_or("0"));
        CHECK(attr(g, "data").b == stratus::blob{std::string(1000, static_cast<char>(i))});
    }

    // Deletes in a batch, and they are gone.
    std::map<std::string, std::vector<dynamodb::write_request>> deletes;
    for (int i = 0; i < 20; ++i)
        deletes[t.name()].push_back({.delete_request = dynamodb::delete_request{.key = key("b", i)}});
    for (int round = 0; !deletes.empty(); ++round) {
        REQUIRE(round < 100);
        deletes = c.batch_write_item({.request_items = deletes}).unprocessed_items;
    }
    auto const count = c.scan({.table_name = t.name(), .select = "COUNT", .consistent_read = true});
    CHECK(count.count == 40);
    CHECK(count.scanned_count == 40);
    // Select=COUNT returns no Items from DynamoDB and dynalite; moto 5.2
    // returns them anyway (boto3 gets the same 40 Items from it).
    if (srv.name == "dynalite") CHECK(count.items.empty());
    else CHECK(count.items.size() == 40);
}

TEST_CASE("dynamodb: a missing table is resource_not_found_exception")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto c = client_for(srv);
    auto const missing = stratus::test::unique_name("never-created");

    if (auto e = thrown<dynamodb::resource_not_found_exception>(
            [&] { c.get_item({.table_name = missing, .key = key("x", 1)}); })) {
        CHECK(e->aws_code() == "ResourceNotFoundException");
        CHECK(e->http_status() == 400);
        CHECK(e->info().operation == "GetItem");
        CHECK_FALSE(e->message.value_or("").empty());
        CHECK_FALSE(e->request_id().empty());
    }
    auto r = c.try_put_item({.table_name = missing, .item = key("x", 1)});
    REQUIRE(r.has_error());
    CHECK(r.error().code == stratus::errc::service_error);
    CHECK(r.error().aws_code == "ResourceNotFoundException");
    CHECK_THROWS_AS(std::rethrow_exception(r.error().modeled), dynamodb::resource_not_found_exception);
}

TEST_CASE("dynamodb: moto-auth refuses a wrong secret, so the signatures it accepts are checked")
{
    stratus::test::check_moto_auth_verifies<dynamodb>([](auto const& c) { return c.try_list_tables({}); });
}
