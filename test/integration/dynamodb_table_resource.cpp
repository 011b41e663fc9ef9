// DynamoDB's Table resource as boto3 users use it: created through the
// service resource, waited for, then PutItem/GetItem/UpdateItem/DeleteItem,
// Query and Scan with native values, and the batch writer, against moto-auth
// (signatures verified) and dynalite (tables stay CREATING for a while, so
// wait_until_exists really waits).
#include "test_support.hpp"

#include <stratus/services/dynamodb.hpp>

#include <chrono>
#include <set>

using stratus::dynamodb;
using stratus::test::test_server;
using stratus::test::thrown;
namespace ddb = stratus::services::dynamodb;
using namespace std::chrono_literals;

namespace {

test_server each_server()
{
    auto const name = GENERATE(as<std::string>{}, "moto-auth", "dynalite");
    return name == "dynalite" ? stratus::test::dynalite_server() : stratus::test::moto_auth_server();
}

constexpr stratus::waiter_config quick{.delay = 50ms, .max_attempts = 200};

/// A table (hash "pk" string, range "sk" number) made through the service
/// resource; deleted, and waited for, at the end.
struct scoped_table {
    explicit scoped_table(dynamodb::service_resource const& res)
        : table(res.create_table({
              .attribute_definitions = {{.attribute_name = "pk", .attribute_type = "S"},
                                        {.attribute_name = "sk", .attribute_type = "N"}},
              .table_name = stratus::test::unique_name("table-res"),
              .key_schema = {{.attribute_name = "pk", .key_type = "HASH"}, {.attribute_name = "sk", .key_type = "RANGE"}},
              .billing_mode = "PAY_PER_REQUEST",
          }))
    {
    }
    scoped_table(scoped_table const&) = delete;
    scoped_table& operator=(scoped_table const&) = delete;
    ~scoped_table()
    {
        try {
            table.delete_();
            table.wait_until_not_exists(quick);
        } catch (std::exception const& e) {
            WARN("could not delete " << table.name() << ": " << e.what());
        }
    }
    dynamodb::resources::table table;
};

} // namespace

TEST_CASE("table resource: create, wait, native put/get/update/delete, query and scan")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto const res = stratus::test::make_session(srv).resource<dynamodb>();
    scoped_table st(res);
    auto const& table = st.table;
    // The create response brought the table's description.
    REQUIRE(table.meta().data().has_value());
    table.wait_until_exists(quick);
    table.reload();
    CHECK(std::string_view(*table.table_status()) == "ACTIVE");
    CHECK(table.key_schema().size() == 2);

    table.put_item({.item = {{"pk", "a"}, {"sk", 1}, {"n", 3}, {"s", "text"}, {"l", ddb::value::list{1, "x", true}},
                             {"ss", std::set<std::string>{"p", "q"}}, {"nothing", nullptr}}});
    table.put_item({.item = {{"pk", "a"}, {"sk", 2}, {"n", 4}}});
    table.put_item({.item = {{"pk", "b"}, {"sk", 1}, {"n", 5}}});

    auto got = table.get_item({.key = {{"pk", "a"}, {"sk", 1}}, .consistent_read = true});
    REQUIRE(got.item);
    CHECK(ddb::get<int>(*got.item, "n") == 3);
    CHECK(ddb::get<std::string>(*got.item, "s") == "text");
    auto const ss = ddb::get<ddb::value>(*got.item, "ss");
    auto const* set = std::get_if<std::set<std::string>>(&ss.get());
    REQUIRE(set);
    CHECK((*set == std::set<std::string>{"p", "q"}));
    CHECK(got.item->at("nothing").is_null());
    CHECK_FALSE(table.get_item({.key = {{"pk", "zz"}, {"sk", 9}}}).item);

    // A conditional write that fails is the client's typed error.
    auto e = thrown<ddb::conditional_check_failed_exception>(
        [&] { table.put_item({.item = {{"pk", "a"}, {"sk", 1}}, .condition_expression = "attribute_not_exists(pk)"}); });
    REQUIRE(e);
    CHECK(e->http_status() == 400);

    auto upd = table.update_item({.key = {{"pk", "a"}, {"sk", 2}},
                                  .return_values = "ALL_NEW",
                                  .update_expression = "SET n = n + :d",
                                  .expression_attribute_values = {{":d", 10}}});
    CHECK(ddb::get<int>(upd.attributes, "n") == 14);

    auto q = table.query({.key_condition_expression = "pk = :p", .expression_attribute_values = {{":p", "a"}}});
    REQUIRE(q.items.size() == 2);
    CHECK(ddb::get<int>(q.items[0], "sk") == 1);
    CHECK(ddb::get<int>(q.items[1], "n") == 14);
    auto s = table.scan({.filter_expression = "n > :m", .expression_attribute_values = {{":m", 4}}});
    CHECK(s.items.size() == 2); // n = 5 and n = 14

    table.delete_item({.key = {{"pk", "b"}, {"sk", 1}}});
    CHECK(table.scan().items.size() == 2);
}

TEST_CASE("table resource: the batch writer sends 25 a request, deduplicates by key and deletes")
{
    auto const srv = each_server();
    INFO("server " << srv.name);
    auto const res = stratus::test::make_session(srv).resource<dynamodb>();
    scoped_table st(res);
    auto const& table = st.table;
    table.wait_until_exists(quick);
    {
        auto w = table.batch_writer({.overwrite_by_pkeys = {"pk", "sk"}});
        for (int i = 0; i < 60; ++i) w.put_item({{"pk", "batch"}, {"sk", i}, {"v", i}});
        // The same key again before a flush: only the last request stays.
        w.put_item({{"pk", "batch"}, {"sk", 59}, {"v", 1000}});
        w.flush();
        CHECK(w.pending() == 0);
    }
    auto q = table.query({.key_condition_expression = "pk = :p", .expression_attribute_values = {{":p", "batch"}}});
    REQUIRE(q.items.size() == 60);
    CHECK(ddb::get<int>(q.items.back(), "v") == 1000);
    {
        auto w = table.batch_writer();
        for (int i = 0; i < 30; ++i) w.delete_item({{"pk", "batch"}, {"sk", i}});
        w.flush();
    }
    auto rest = table.query({.key_condition_expression = "pk = :p", .expression_attribute_values = {{":p", "batch"}}});
    CHECK(rest.items.size() == 30);
    // An item without one of overwrite_by_pkeys is refused before anything is sent, naming it.
    auto w = table.batch_writer({.overwrite_by_pkeys = {"pk", "sk"}});
    auto err = thrown<stratus::client_error>([&] { w.put_item({{"pk", "x"}}); });
    REQUIRE(err);
    CHECK(err->info().code == stratus::errc::invalid_parameter);
    CHECK_THAT(err->info().message, Catch::Matchers::Contains("sk"));
    CHECK(w.pending() == 0);
}
